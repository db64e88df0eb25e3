import { Inject, Injectable } from '@nestjs/common';
import { UserRegisteredEvent } from '@shop/contracts';
import { OutboxWriter } from '@shop/messaging';
import { PgDatabase } from '@shop/persistence';
import type { NewUser, User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { UserStore } from '../../application/ports/user.store.js';
import { Prisma, PrismaClient, type User as UserRow } from '../../generated/prisma/client.js';
import { userRegisteredMessage } from '../messaging/user-registered.message.js';

/** Prisma's code for a unique-constraint violation; on `users` only the email is unique besides the id. */
const UNIQUE_VIOLATION = 'P2002';

@Injectable()
export class PrismaUserStore extends UserStore {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    private readonly outbox: OutboxWriter,
    private readonly database: PgDatabase,
  ) {
    super();
  }

  async register(user: NewUser): Promise<User> {
    try {
      // One transaction: the account exists if and only if its UserRegistered event will be published.
      return await this.prisma.$transaction(async (tx) => {
        const created = toUser(await tx.user.create({ data: user }));
        await this.outbox.add(tx, UserRegisteredEvent, userRegisteredMessage(created));
        return created;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION) throw UserError.emailTaken();
      throw error;
    }
  }

  /**
   * SQL on node-postgres (PgDatabase, the pool under the Prisma client): notification-service
   * looks up the customer of every order here, and Prisma's runtime around the statement (its
   * query compiler, a WebAssembly module) was most of this service's CPU per order.
   */
  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.database.rows<User>(Prisma.sql`
      SELECT id, email, name, password_hash AS "passwordHash", created_at AS "createdAt" FROM users WHERE id = ${id}::uuid`);
    return row;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    return toUserOrUndefined(await this.prisma.user.findUnique({ where: { email } }));
  }

  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash } });
  }
}

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash, createdAt: row.createdAt };
}

function toUserOrUndefined(row: UserRow | null): User | undefined {
  return row ? toUser(row) : undefined;
}
