import { Injectable } from '@nestjs/common';
import { ResiliencePolicies, type ResiliencePolicy } from '@shop/resilience';
import { type AuthorizationRequest, type AuthorizationResult, CardGateway } from '../../application/ports/card-gateway.js';
import { CardGatewaySimulator } from './card-gateway.simulator.js';
import { declineReasonOfCode, declineReasonOfFailure } from './gateway-decline-reasons.js';
import { PAYMENT_GATEWAY_POLICY } from './payment-gateway.policy.js';

// All three are retried: authorize carries an idempotency key, and capture and void of an
// authorization are idempotent at the gateway.
const IDEMPOTENT_WRITE = { operation: 'write', idempotent: true } as const;

/** The card gateway behind the `payment-gateway` policy: deadline, retries, breaker, bulkhead, attempt timeout. */
@Injectable()
export class ResilientCardGateway extends CardGateway {
  private readonly policy: ResiliencePolicy;

  constructor(
    private readonly simulator: CardGatewaySimulator,
    policies: ResiliencePolicies,
  ) {
    super();
    this.policy = policies.get(PAYMENT_GATEWAY_POLICY);
  }

  async authorize(request: AuthorizationRequest): Promise<AuthorizationResult> {
    const { paymentToken, amountCents, currency, idempotencyKey } = request;
    try {
      // A decline is an answer, not an error: the policy neither retries it nor counts it as a failure.
      const answer = await this.policy.execute((signal) => this.simulator.authorize(paymentToken, amountCents, currency, idempotencyKey, signal), IDEMPOTENT_WRITE);
      return answer.status === 'approved'
        ? { approved: true, authorizationId: answer.authorizationId }
        : { approved: false, reason: declineReasonOfCode(answer.declineCode) };
    } catch (error) {
      const reason = declineReasonOfFailure(error);
      if (reason === undefined) throw error;
      return { approved: false, reason };
    }
  }

  async capture(authorizationId: string): Promise<void> {
    await this.policy.execute((signal) => this.simulator.capture(authorizationId, signal), IDEMPOTENT_WRITE);
  }

  async void(authorizationId: string): Promise<void> {
    await this.policy.execute((signal) => this.simulator.void(authorizationId, signal), IDEMPOTENT_WRITE);
  }
}
