import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NewPayment, NO_CURRENCY, Payment } from './payment.js';
import { PaymentError } from './payment.errors.js';

const request = { orderId: '0190c0de-0000-7000-8000-000000000001', amountCents: 4_990, currency: 'EUR' };

function stored(payment: NewPayment): Payment {
  const now = new Date('2026-01-01T00:00:00Z');
  return Payment.restore({ ...payment, id: '0190c0de-0000-7000-8000-0000000000aa', createdAt: now, updatedAt: now });
}

const refusedWith = (code: PaymentError['code']) => (error: unknown) => error instanceof PaymentError && error.code === code;

describe('Payment', () => {
  it('captures an authorized payment', () => {
    const captured = stored(Payment.authorized(request, 'auth_1')).capture();
    assert.equal(captured.status, 'CAPTURED');
    assert.equal(captured.authorizationId, 'auth_1');
  });

  it('voids an authorized payment', () => {
    assert.equal(stored(Payment.authorized(request, 'auth_1')).void().status, 'VOIDED');
  });

  it('captures nothing that is declined, voided or captured already', () => {
    const authorized = stored(Payment.authorized(request, 'auth_1'));
    assert.throws(() => stored(Payment.declined(request, 'CARD_DECLINED')).capture(), refusedWith('PAYMENT.NOT_CAPTURABLE'));
    assert.throws(() => authorized.void().capture(), refusedWith('PAYMENT.NOT_CAPTURABLE'));
    assert.throws(() => authorized.capture().capture(), refusedWith('PAYMENT.NOT_CAPTURABLE'));
  });

  it('voids nothing that is captured, declined or voided already', () => {
    const authorized = stored(Payment.authorized(request, 'auth_1'));
    assert.throws(() => authorized.capture().void(), refusedWith('PAYMENT.NOT_VOIDABLE'));
    assert.throws(() => stored(Payment.declined(request, 'GATEWAY_TIMEOUT')).void(), refusedWith('PAYMENT.NOT_VOIDABLE'));
    assert.throws(() => authorized.void().void(), refusedWith('PAYMENT.NOT_VOIDABLE'));
  });

  it('knows whether money was ever held for the order, and why not', () => {
    const declined = stored(Payment.declined(request, 'GATEWAY_UNAVAILABLE'));
    assert.equal(declined.wasAuthorized, false);
    assert.equal(declined.declinedBecause, 'GATEWAY_UNAVAILABLE');
    assert.throws(() => declined.authorizationId, /has no gateway authorization/);
    assert.equal(stored(Payment.authorized(request, 'auth_1')).void().wasAuthorized, true);
  });

  it('records a void that came before any authorization as VOIDED, holding nothing and taking no transition', () => {
    const early = stored(Payment.voidBeforeAuthorization(request.orderId));
    assert.equal(early.status, 'VOIDED');
    assert.equal(early.wasVoidedBeforeAuthorization, true);
    assert.equal(early.wasAuthorized, false);
    assert.equal(early.amountCents, 0);
    assert.equal(early.currency, NO_CURRENCY);
    assert.throws(() => early.capture(), refusedWith('PAYMENT.NOT_CAPTURABLE'));
    assert.throws(() => early.void(), refusedWith('PAYMENT.NOT_VOIDABLE'));
    assert.equal(stored(Payment.authorized(request, 'auth_1')).void().wasVoidedBeforeAuthorization, false);
  });

  it('leaves the original untouched by a transition', () => {
    const authorized = stored(Payment.authorized(request, 'auth_1'));
    authorized.capture();
    assert.equal(authorized.status, 'AUTHORIZED');
  });
});
