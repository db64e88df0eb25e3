import type { PaymentDeclineReason } from '@shop/contracts/messages';
import { PaymentError } from './payment.errors.js';

/**
 * AUTHORIZED, then CAPTURED (order confirmed) or VOIDED (order cancelled); DECLINED is final. A
 * VOIDED payment without an authorization records a void that came before any authorization.
 */
export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'DECLINED';

export interface PaymentProperties {
  id: string;
  orderId: string;
  /** Integer cents of `currency`. */
  amountCents: number;
  /** ISO 4217. */
  currency: string;
  status: PaymentStatus;
  /** Set exactly when DECLINED. */
  declineReason: PaymentDeclineReason | null;
  /** The card gateway's authorization, which capture and void name; null when nothing was authorized. */
  gatewayAuthorizationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the order asked for; the store assigns the id and the timestamps. */
export interface PaymentRequest {
  orderId: string;
  amountCents: number;
  currency: string;
}

/** A payment before it is stored: no id, no timestamps yet. */
export type NewPayment = Omit<PaymentProperties, 'id' | 'createdAt' | 'updatedAt'>;

/** ISO 4217's code for "no currency is involved": the currency of a payment that never held money. */
export const NO_CURRENCY = 'XXX';

/** The one payment of an order. Immutable: a transition returns the next state, after checking it is allowed. */
export class Payment {
  private constructor(private readonly properties: PaymentProperties) {}

  static restore(properties: PaymentProperties): Payment {
    return new Payment({ ...properties });
  }

  static authorized(request: PaymentRequest, gatewayAuthorizationId: string): NewPayment {
    return { ...request, status: 'AUTHORIZED', declineReason: null, gatewayAuthorizationId };
  }

  static declined(request: PaymentRequest, reason: PaymentDeclineReason): NewPayment {
    return { ...request, status: 'DECLINED', declineReason: reason, gatewayAuthorizationId: null };
  }

  /**
   * The order was cancelled before it had a payment (its AuthorizePayment is late: redelivered, or
   * replayed from the dead-letter topic). VOIDED with nothing authorized and no money, so that
   * the late authorize finds it and authorizes nothing.
   */
  static voidBeforeAuthorization(orderId: string): NewPayment {
    return { orderId, amountCents: 0, currency: NO_CURRENCY, status: 'VOIDED', declineReason: null, gatewayAuthorizationId: null };
  }

  get id(): string {
    return this.properties.id;
  }
  get orderId(): string {
    return this.properties.orderId;
  }
  get amountCents(): number {
    return this.properties.amountCents;
  }
  get currency(): string {
    return this.properties.currency;
  }
  get status(): PaymentStatus {
    return this.properties.status;
  }
  get declineReason(): PaymentDeclineReason | null {
    return this.properties.declineReason;
  }
  get createdAt(): Date {
    return this.properties.createdAt;
  }
  get updatedAt(): Date {
    return this.properties.updatedAt;
  }

  /** Whether money was ever held for the order (so an authorize command, asked again, was approved). */
  get wasAuthorized(): boolean {
    return this.status !== 'DECLINED' && !this.wasVoidedBeforeAuthorization;
  }

  /** Whether this records a void that came before any authorization: an authorize command now authorizes nothing. */
  get wasVoidedBeforeAuthorization(): boolean {
    return this.status === 'VOIDED' && this.properties.gatewayAuthorizationId === null;
  }

  /** Why a DECLINED payment was declined. */
  get declinedBecause(): PaymentDeclineReason {
    if (this.properties.declineReason === null) throw new Error(`payment ${this.id} (${this.status}) was not declined`);
    return this.properties.declineReason;
  }

  /** The gateway authorization of an AUTHORIZED, CAPTURED or VOIDED payment. */
  get authorizationId(): string {
    if (this.properties.gatewayAuthorizationId === null) {
      throw new Error(`payment ${this.id} (${this.status}) has no gateway authorization`);
    }
    return this.properties.gatewayAuthorizationId;
  }

  /** AUTHORIZED → CAPTURED. */
  capture(): Payment {
    if (this.status !== 'AUTHORIZED') {
      throw new PaymentError('PAYMENT.NOT_CAPTURABLE', `the payment of order ${this.orderId} is ${this.status}, only an AUTHORIZED payment can be captured`);
    }
    return this.moveTo('CAPTURED');
  }

  /** AUTHORIZED → VOIDED. */
  void(): Payment {
    if (this.status !== 'AUTHORIZED') {
      throw new PaymentError('PAYMENT.NOT_VOIDABLE', `the payment of order ${this.orderId} is ${this.status}, only an AUTHORIZED payment can be voided`);
    }
    return this.moveTo('VOIDED');
  }

  toProperties(): PaymentProperties {
    return { ...this.properties };
  }

  private moveTo(status: PaymentStatus): Payment {
    return new Payment({ ...this.properties, status });
  }
}
