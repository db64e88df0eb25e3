import type { SimulatedAuthorization } from './card-gateway.simulator.js';

/** Where an approved authorization stands at the gateway. */
export type AuthorizationState = 'authorized' | 'captured' | 'voided';

/** What an authorization request asks for; a key reused with other fields is refused. */
export interface AuthorizationRequestFields {
  paymentToken: string;
  amountCents: number;
  currency: string;
}

/** The first request made under an idempotency key, and the gateway's answer to it. */
export interface IdempotencyRecord {
  idempotencyKey: string;
  request: AuthorizationRequestFields;
  answer: SimulatedAuthorization;
}

/**
 * The simulated card gateway's own database, as the simulator sees it: its answers by idempotency
 * key and where each authorization stands. Shared by every replica and kept across restarts, as a
 * real gateway's records are.
 */
export abstract class CardGatewayRecords {
  /** The record of the key, or undefined when the key was never used. */
  abstract findByIdempotencyKey(idempotencyKey: string): Promise<IdempotencyRecord | undefined>;

  /**
   * Stores the record unless its key has one already (a concurrent twin stored it first), and
   * returns the key's record either way: exactly one answer per key, whoever asks. An approved
   * answer's authorization starts `authorized`, and exists only if this record is the one stored.
   */
  abstract addUnlessExists(record: IdempotencyRecord): Promise<IdempotencyRecord>;

  /**
   * Moves an `authorized` authorization to `to` (nothing happens in any other state); returns the
   * state it is in afterwards, or undefined when the gateway never issued it.
   */
  abstract settle(authorizationId: string, to: Exclude<AuthorizationState, 'authorized'>): Promise<AuthorizationState | undefined>;

  /** Where the authorization stands (undefined when the gateway never issued it). */
  abstract stateOf(authorizationId: string): Promise<AuthorizationState | undefined>;
}
