import { Injectable } from '@nestjs/common';
import { type CardGatewayRequest, PrismaClient } from '../../generated/prisma/client.js';
import { type AuthorizationState, CardGatewayRecords, type IdempotencyRecord } from './card-gateway-records.js';
import type { SimulatedAuthorization, SimulatedDeclineCode } from './card-gateway.simulator.js';

const DECLINE_CODES: readonly SimulatedDeclineCode[] = ['card_declined', 'invalid_token'];

/**
 * The simulated gateway's records in the table `card_gateway_requests` of this service's
 * PostgreSQL, which stands for the gateway's own database. Each call is its own statement, never
 * part of a payment transaction: the gateway is a system apart.
 */
@Injectable()
export class PrismaCardGatewayRecords extends CardGatewayRecords {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.prisma.cardGatewayRequest.findUnique({ where: { idempotencyKey } });
    return row ? toRecord(row) : undefined;
  }

  async addUnlessExists(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const { idempotencyKey, request, answer } = record;
    const approved = answer.status === 'approved';
    // ON CONFLICT DO NOTHING on the key: of concurrent requests with one key, the first insert
    // wins and the others wait for its commit, store nothing, and read its answer below.
    const [added] = await this.prisma.cardGatewayRequest.createManyAndReturn({
      data: [
        {
          idempotencyKey,
          ...request,
          authorizationId: approved ? answer.authorizationId : null,
          declineCode: approved ? null : answer.declineCode,
          authorizationState: approved ? 'authorized' : null,
        },
      ],
      skipDuplicates: true,
    });
    return toRecord(added ?? (await this.prisma.cardGatewayRequest.findUniqueOrThrow({ where: { idempotencyKey } })));
  }

  async settle(authorizationId: string, to: Exclude<AuthorizationState, 'authorized'>): Promise<AuthorizationState | undefined> {
    // Conditional, so a capture and a void racing on two replicas cannot both win; once settled,
    // an authorization never changes again, so the state read afterwards is the final one.
    const { count } = await this.prisma.cardGatewayRequest.updateMany({ where: { authorizationId, authorizationState: 'authorized' }, data: { authorizationState: to } });
    // Settled now: the state is `to`, no need to read it back.
    return count === 1 ? to : this.stateOf(authorizationId);
  }

  async stateOf(authorizationId: string): Promise<AuthorizationState | undefined> {
    const row = await this.prisma.cardGatewayRequest.findUnique({ where: { authorizationId }, select: { authorizationState: true } });
    return row?.authorizationState ?? undefined;
  }
}

function toRecord(row: CardGatewayRequest): IdempotencyRecord {
  return {
    idempotencyKey: row.idempotencyKey,
    request: { paymentToken: row.paymentToken, amountCents: row.amountCents, currency: row.currency },
    answer: answerOf(row),
  };
}

function answerOf(row: CardGatewayRequest): SimulatedAuthorization {
  if (row.authorizationId !== null) return { status: 'approved', authorizationId: row.authorizationId };
  const declineCode = DECLINE_CODES.find((code) => code === row.declineCode);
  if (!declineCode) throw new Error(`card_gateway_requests row ${row.idempotencyKey} has neither an authorization nor a known decline code`);
  return { status: 'declined', declineCode };
}
