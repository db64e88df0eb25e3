import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isKnownPaymentToken } from '@shop/contracts';
import type { AuthorizationRequestFields, AuthorizationState, CardGatewayRecords, IdempotencyRecord } from './card-gateway-records.js';

/** The simulator's own vocabulary, as a real gateway has one; the adapter maps it to decline reasons. */
export type SimulatedDeclineCode = 'card_declined' | 'invalid_token';

export type SimulatedAuthorization = { status: 'approved'; authorizationId: string } | { status: 'declined'; declineCode: SimulatedDeclineCode };

/** A refusal that no retry changes (like a 4xx): its string code makes it non-transient for the resilience policy. */
export class CardGatewayRequestError extends Error {
  override readonly name = 'CardGatewayRequestError';

  constructor(
    readonly code: 'unknown_authorization' | 'authorization_voided' | 'authorization_captured' | 'idempotency_key_reused',
    message: string,
  ) {
    super(message);
  }
}

const AUTHORIZATION_ID_PREFIX = 'auth_';
const AUTHORIZATION_ID = /^auth_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A card gateway with deterministic tokens (see PAYMENT_TEST_TOKENS): `pm_card_ok` approves,
 * `pm_card_declined` declines, `pm_card_slow` approves after `slowResponseMs`, and any other token
 * is declined as invalid. Like a real gateway it deduplicates authorizations by idempotency key,
 * and capture and void are idempotent.
 *
 * It stands for an external system: its state (answers by idempotency key, where each
 * authorization stands) is in `CardGatewayRecords`, the gateway's own database, which every
 * replica shares and a restart keeps. So a key asked again, on any replica, after any restart,
 * gets its first answer, and concurrent requests with one key authorize once.
 *
 * Every call honours its AbortSignal: an aborted call changes nothing, as a request the gateway
 * never finished receiving would.
 */
export class CardGatewaySimulator {
  constructor(
    private readonly slowResponseMs: number,
    private readonly records: CardGatewayRecords,
  ) {}

  async authorize(token: string, amountCents: number, currency: string, idempotencyKey: string, signal: AbortSignal): Promise<SimulatedAuthorization> {
    signal.throwIfAborted();
    const request = { paymentToken: token, amountCents, currency };
    if (token === 'pm_card_slow') {
      // A key asked again gets its first answer at once; only a new request is slow.
      const earlier = await this.records.findByIdempotencyKey(idempotencyKey);
      if (earlier) return answerFor(earlier, request);
      await sleep(this.slowResponseMs, undefined, { signal });
      signal.throwIfAborted();
    }
    // One statement for a new key. A twin request with the same key (on this replica or another,
    // or earlier) may have stored its answer first: then that answer is this request's too, and
    // the authorization decided here never existed.
    const stored = await this.records.addUnlessExists({ idempotencyKey, request, answer: decide(token) });
    return answerFor(stored, request);
  }

  /** Takes the authorized amount. Capturing a captured authorization again changes nothing. */
  async capture(authorizationId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const state = await this.records.settle(authorizationId, 'captured');
    if (state === undefined) return acceptIssuedBeforeRecords(authorizationId);
    if (state === 'voided') throw new CardGatewayRequestError('authorization_voided', `authorization ${authorizationId} was voided`);
  }

  /** Releases the authorized amount. Voiding a voided authorization again changes nothing. */
  async void(authorizationId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const state = await this.records.settle(authorizationId, 'voided');
    if (state === undefined) return acceptIssuedBeforeRecords(authorizationId);
    if (state === 'captured') {
      throw new CardGatewayRequestError('authorization_captured', `authorization ${authorizationId} was captured; only a refund can return it`);
    }
  }

  /** Where an authorization stands at the gateway (undefined when it has no record of it). */
  async stateOf(authorizationId: string): Promise<AuthorizationState | undefined> {
    return this.records.stateOf(authorizationId);
  }
}

function decide(token: string): SimulatedAuthorization {
  if (!isKnownPaymentToken(token)) return { status: 'declined', declineCode: 'invalid_token' };
  if (token === 'pm_card_declined') return { status: 'declined', declineCode: 'card_declined' };
  return { status: 'approved', authorizationId: `${AUTHORIZATION_ID_PREFIX}${randomUUID()}` };
}

/** The key's first answer, unless the key was first used for another request. */
function answerFor(record: IdempotencyRecord, request: AuthorizationRequestFields): SimulatedAuthorization {
  const first = record.request;
  if (first.paymentToken !== request.paymentToken || first.amountCents !== request.amountCents || first.currency !== request.currency) {
    throw new CardGatewayRequestError('idempotency_key_reused', `idempotency key ${record.idempotencyKey} was used for another request`);
  }
  return record.answer;
}

/**
 * An authorization id of the simulator's own shape that its records do not hold was issued before
 * the gateway kept records in PostgreSQL, when they lived in one process's memory: capture and void
 * of it succeed (as they did then after a restart), so payments authorized by that version still
 * settle. Anything else was never issued.
 */
function acceptIssuedBeforeRecords(authorizationId: string): void {
  if (!AUTHORIZATION_ID.test(authorizationId)) throw new CardGatewayRequestError('unknown_authorization', `no authorization ${authorizationId}`);
}
