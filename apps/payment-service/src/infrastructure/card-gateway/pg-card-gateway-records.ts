import { Injectable } from '@nestjs/common';
import { PgDatabase } from '@shop/persistence';
import { type CardGatewayRequest, Prisma } from '../../generated/prisma/client.js';
import { type AuthorizationState, CardGatewayRecords, type IdempotencyRecord } from './card-gateway-records.js';
import type { SimulatedAuthorization, SimulatedDeclineCode } from './card-gateway.simulator.js';

const DECLINE_CODES: readonly SimulatedDeclineCode[] = ['card_declined', 'invalid_token'];

/**
 * The simulated gateway's records in the table `card_gateway_requests` of this service's
 * PostgreSQL, which stands for the gateway's own database. Each call is its own statement, never
 * part of a payment transaction: the gateway is a system apart. SQL on node-postgres, as every
 * statement of a payment command (see PgPaymentStore).
 */
@Injectable()
export class PgCardGatewayRecords extends CardGatewayRecords {
  constructor(private readonly database: PgDatabase) {
    super();
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.rowOfKey(idempotencyKey);
    return row ? toRecord(row) : undefined;
  }

  async addUnlessExists(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const { idempotencyKey, request, answer } = record;
    const approved = answer.status === 'approved';
    // ON CONFLICT DO NOTHING on the key: of concurrent requests with one key, the first insert
    // wins and the others wait for its commit, store nothing, and read its answer below.
    const [added] = await this.database.rows<RequestRow>(Prisma.sql`
      INSERT INTO card_gateway_requests (idempotency_key, payment_token, amount_cents, currency, authorization_id, decline_code, authorization_state, updated_at)
      VALUES (${idempotencyKey}, ${request.paymentToken}, ${request.amountCents}, ${request.currency}, ${approved ? answer.authorizationId : null},
              ${approved ? null : answer.declineCode}, ${approved ? 'authorized' : null}::card_gateway_authorization_state, now())
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING ${COLUMNS}`);
    if (added) return toRecord(added);
    const first = await this.rowOfKey(idempotencyKey);
    if (!first) throw new Error(`card_gateway_requests: key ${idempotencyKey} conflicted on insert and cannot be read`);
    return toRecord(first);
  }

  async settle(authorizationId: string, to: Exclude<AuthorizationState, 'authorized'>): Promise<AuthorizationState | undefined> {
    // Conditional, so a capture and a void racing on two replicas cannot both win; once settled,
    // an authorization never changes again, so the state read afterwards is the final one.
    const count = await this.database.execute(Prisma.sql`
      UPDATE card_gateway_requests SET authorization_state = ${to}::card_gateway_authorization_state, updated_at = now()
      WHERE authorization_id = ${authorizationId} AND authorization_state = 'authorized'`);
    // Settled now: the state is `to`, no need to read it back.
    return count === 1 ? to : this.stateOf(authorizationId);
  }

  private async rowOfKey(idempotencyKey: string): Promise<RequestRow | undefined> {
    const [row] = await this.database.rows<RequestRow>(Prisma.sql`SELECT ${COLUMNS} FROM card_gateway_requests WHERE idempotency_key = ${idempotencyKey}`);
    return row;
  }

  async stateOf(authorizationId: string): Promise<AuthorizationState | undefined> {
    const [row] = await this.database.rows<{ state: AuthorizationState | null }>(
      Prisma.sql`SELECT authorization_state::text AS state FROM card_gateway_requests WHERE authorization_id = ${authorizationId}`,
    );
    return row?.state ?? undefined;
  }
}

const COLUMNS = Prisma.sql`idempotency_key AS "idempotencyKey", payment_token AS "paymentToken", amount_cents AS "amountCents", currency,
  authorization_id AS "authorizationId", decline_code AS "declineCode"`;

type RequestRow = Pick<CardGatewayRequest, 'idempotencyKey' | 'paymentToken' | 'amountCents' | 'currency' | 'authorizationId' | 'declineCode'>;

function toRecord(row: RequestRow): IdempotencyRecord {
  return {
    idempotencyKey: row.idempotencyKey,
    request: { paymentToken: row.paymentToken, amountCents: row.amountCents, currency: row.currency },
    answer: answerOf(row),
  };
}

function answerOf(row: RequestRow): SimulatedAuthorization {
  if (row.authorizationId !== null) return { status: 'approved', authorizationId: row.authorizationId };
  const declineCode = DECLINE_CODES.find((code) => code === row.declineCode);
  if (!declineCode) throw new Error(`card_gateway_requests row ${row.idempotencyKey} has neither an authorization nor a known decline code`);
  return { status: 'declined', declineCode };
}
