import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerForExistingReservation, decideCommit, decideRelease, type Reservation } from './reservation.js';

const orderId = '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11';
const line = { sku: 'LAPTOP-STAND', quantity: 2, unitPriceCents: 3499, currency: 'EUR' };

function reservation(overrides: Partial<Reservation>): Reservation {
  return { id: 'r1', orderId, status: 'RESERVED', lines: [line], failureReason: null, failedSkus: [], ...overrides };
}

describe('a ReserveStock for an order that already has a reservation', () => {
  it('repeats the reserved lines of a reservation that holds, or held, units', () => {
    for (const status of ['RESERVED', 'COMMITTED', 'RELEASED'] as const) {
      assert.deepEqual(answerForExistingReservation(reservation({ status })), { kind: 'RESERVED', lines: [line] }, status);
    }
  });

  it('repeats the refusal of a rejected reservation, with its reason and SKUs', () => {
    const rejected = reservation({ status: 'REJECTED', lines: [], failureReason: 'UNKNOWN_SKU', failedSkus: ['NO-SUCH-THING'] });
    assert.deepEqual(answerForExistingReservation(rejected), { kind: 'REJECTED', reason: 'UNKNOWN_SKU', skus: ['NO-SUCH-THING'] });
  });

  it('answers nothing when the order was released before it was ever reserved', () => {
    assert.deepEqual(answerForExistingReservation(reservation({ status: 'RELEASED', lines: [] })), { kind: 'NONE' });
  });
});

describe('decideRelease', () => {
  it('returns the units of a held reservation', () => {
    assert.equal(decideRelease('RESERVED'), 'RETURN_UNITS');
  });

  it('records a release that comes before any reservation', () => {
    assert.equal(decideRelease(null), 'RECORD_EARLY_RELEASE');
  });

  it('returns nothing for a reservation already released, rejected or committed (sold units stay sold)', () => {
    for (const status of ['RELEASED', 'REJECTED', 'COMMITTED'] as const) assert.equal(decideRelease(status), 'NOTHING_HELD', status);
  });
});

describe('decideCommit', () => {
  it('commits a held reservation, and treats a second commit as done', () => {
    assert.deepEqual(decideCommit(orderId, 'RESERVED'), { kind: 'COMMIT' });
    assert.deepEqual(decideCommit(orderId, 'COMMITTED'), { kind: 'ALREADY_COMMITTED' });
  });

  it('refuses an order without a reservation with INVENTORY.RESERVATION_NOT_FOUND', () => {
    const decision = decideCommit(orderId, null);
    assert.equal(decision.kind, 'REFUSE');
    assert.equal(decision.kind === 'REFUSE' && decision.error.code, 'INVENTORY.RESERVATION_NOT_FOUND');
  });

  it('refuses a released or rejected reservation with INVENTORY.RESERVATION_NOT_HELD', () => {
    for (const status of ['RELEASED', 'REJECTED'] as const) {
      const decision = decideCommit(orderId, status);
      assert.equal(decision.kind === 'REFUSE' && decision.error.code, 'INVENTORY.RESERVATION_NOT_HELD', status);
    }
  });
});
