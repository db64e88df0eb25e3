import { type AuthorizationState, CardGatewayRecords, type IdempotencyRecord } from '../infrastructure/card-gateway/card-gateway-records.js';

/**
 * The simulated gateway's records in a Map, for the simulator's unit tests: the same contract as
 * the PostgreSQL records (one answer per key, conditional settlement), without a database. Never
 * for the service itself, whose replicas must share the records and keep them across restarts.
 */
export class InMemoryCardGatewayRecords extends CardGatewayRecords {
  private readonly byKey = new Map<string, IdempotencyRecord>();
  private readonly states = new Map<string, AuthorizationState>();

  async findByIdempotencyKey(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    return this.byKey.get(idempotencyKey);
  }

  async addUnlessExists(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const stored = this.byKey.get(record.idempotencyKey);
    if (stored) return stored;
    this.byKey.set(record.idempotencyKey, record);
    if (record.answer.status === 'approved') this.states.set(record.answer.authorizationId, 'authorized');
    return record;
  }

  async settle(authorizationId: string, to: Exclude<AuthorizationState, 'authorized'>): Promise<AuthorizationState | undefined> {
    if (this.states.get(authorizationId) === 'authorized') this.states.set(authorizationId, to);
    return this.states.get(authorizationId);
  }

  async stateOf(authorizationId: string): Promise<AuthorizationState | undefined> {
    return this.states.get(authorizationId);
  }
}
