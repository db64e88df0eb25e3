import type { PaymentDeclineReason } from '@shop/contracts';

export interface AuthorizationRequest {
  paymentToken: string;
  amountCents: number;
  currency: string;
  /** The gateway answers a repeated key with the first answer, so a retried authorization never holds money twice. */
  idempotencyKey: string;
}

/** The gateway's answer, or what stood in for one (a timeout, an open circuit): a declined authorization holds no money. */
export type AuthorizationResult = { approved: true; authorizationId: string } | { approved: false; reason: PaymentDeclineReason };

/**
 * The card gateway as the use cases see it, behind its resilience policy. `authorize` never throws
 * for a decline, a timeout or an outage (each is a decline reason); capture and void throw when the
 * gateway cannot be reached, so their command is retried.
 */
export abstract class CardGateway {
  abstract authorize(request: AuthorizationRequest): Promise<AuthorizationResult>;
  abstract capture(authorizationId: string): Promise<void>;
  abstract void(authorizationId: string): Promise<void>;
}
