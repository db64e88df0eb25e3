import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isKnownPaymentToken } from '@shop/contracts';

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

interface AuthorizationRecord {
  state: 'authorized' | 'captured' | 'voided';
}

const AUTHORIZATION_ID_PREFIX = 'auth_';
const AUTHORIZATION_ID = /^auth_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface IdempotentAnswer {
  request: string;
  answer: SimulatedAuthorization;
}

/**
 * A card gateway with deterministic tokens (see PAYMENT_TEST_TOKENS): `pm_card_ok` approves,
 * `pm_card_declined` declines, `pm_card_slow` approves after `slowResponseMs`, and any other token
 * is declined as invalid. Like a real gateway it deduplicates authorizations by idempotency key,
 * and capture and void are idempotent.
 *
 * Its state (authorizations, idempotency keys) is the simulator's, kept in this process's memory:
 * it stands for the gateway's own database, which lives outside this service. A restart of the
 * service forgets it, so an authorization id of the simulator's own shape that it does not
 * remember is taken to be one it issued before the restart: capture and void keep working for
 * payments authorized before a crash.
 *
 * Every call honours its AbortSignal: an aborted call changes nothing, as a request the gateway
 * never finished receiving would.
 */
export class CardGatewaySimulator {
  private readonly answersByIdempotencyKey = new Map<string, IdempotentAnswer>();
  private readonly authorizations = new Map<string, AuthorizationRecord>();

  constructor(private readonly slowResponseMs: number) {}

  async authorize(token: string, amountCents: number, currency: string, idempotencyKey: string, signal: AbortSignal): Promise<SimulatedAuthorization> {
    signal.throwIfAborted();
    const request = JSON.stringify({ token, amountCents, currency });
    const earlier = this.replay(idempotencyKey, request);
    if (earlier) return earlier;
    if (token === 'pm_card_slow') {
      await sleep(this.slowResponseMs, undefined, { signal });
      // A twin request with the same key may have finished while this one waited.
      const twin = this.replay(idempotencyKey, request);
      if (twin) return twin;
    }
    const answer = this.decide(token);
    this.answersByIdempotencyKey.set(idempotencyKey, { request, answer });
    return answer;
  }

  /** Takes the authorized amount. Capturing a captured authorization again changes nothing. */
  async capture(authorizationId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const authorization = this.authorization(authorizationId);
    if (authorization.state === 'voided') throw new CardGatewayRequestError('authorization_voided', `authorization ${authorizationId} was voided`);
    authorization.state = 'captured';
  }

  /** Releases the authorized amount. Voiding a voided authorization again changes nothing. */
  async void(authorizationId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const authorization = this.authorization(authorizationId);
    if (authorization.state === 'captured') {
      throw new CardGatewayRequestError('authorization_captured', `authorization ${authorizationId} was captured; only a refund can return it`);
    }
    authorization.state = 'voided';
  }

  /** Where an authorization stands at the gateway (undefined when it never existed). */
  stateOf(authorizationId: string): AuthorizationRecord['state'] | undefined {
    return this.authorizations.get(authorizationId)?.state;
  }

  private replay(idempotencyKey: string, request: string): SimulatedAuthorization | undefined {
    const earlier = this.answersByIdempotencyKey.get(idempotencyKey);
    if (!earlier) return undefined;
    if (earlier.request !== request) {
      throw new CardGatewayRequestError('idempotency_key_reused', `idempotency key ${idempotencyKey} was used for another request`);
    }
    return earlier.answer;
  }

  private decide(token: string): SimulatedAuthorization {
    if (!isKnownPaymentToken(token)) return { status: 'declined', declineCode: 'invalid_token' };
    if (token === 'pm_card_declined') return { status: 'declined', declineCode: 'card_declined' };
    const authorizationId = `${AUTHORIZATION_ID_PREFIX}${randomUUID()}`;
    this.authorizations.set(authorizationId, { state: 'authorized' });
    return { status: 'approved', authorizationId };
  }

  private authorization(authorizationId: string): AuthorizationRecord {
    const remembered = this.authorizations.get(authorizationId);
    if (remembered) return remembered;
    if (!AUTHORIZATION_ID.test(authorizationId)) throw new CardGatewayRequestError('unknown_authorization', `no authorization ${authorizationId}`);
    // Issued before a restart wiped this memory (see the class comment).
    const forgotten: AuthorizationRecord = { state: 'authorized' };
    this.authorizations.set(authorizationId, forgotten);
    return forgotten;
  }
}
