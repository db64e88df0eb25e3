import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInvariants, type Observation } from './invariants.js';
import type { OrderEffects, OrderRecord } from './system-state.js';

const product = (sku: string, available: number) => ({ sku, name: sku, priceCents: 100, currency: 'EUR', available });
const products = { plenty: [product('E2E-A', 100), product('E2E-B', 100)] as [ReturnType<typeof product>, ReturnType<typeof product>], scarce: product('E2E-S', 1) };
const healedAt = Date.parse('2026-01-01T00:00:00Z');

function order(id: string, status: OrderRecord['status'], items: OrderRecord['items'], extra: Partial<OrderRecord> = {}): OrderRecord {
  return { orderId: id, status, failureReason: null, paymentToken: 'pm_card_ok', sagaState: status, createdAt: new Date(healedAt - 5000), updatedAt: new Date(healedAt + 5000), items, ...extra };
}

const confirmedEffects = (type = 'ORDER_CONFIRMED'): OrderEffects => ({
  payment: 'CAPTURED',
  authorization: 'captured',
  reservation: 'COMMITTED',
  notifications: [{ id: `n-${type}`, type, status: 'SENT' }],
  emails: 1,
});

/** Four orders that end as they should: two confirmed, one declined, one rejected for stock. */
function healthy(): Observation {
  const orders = [
    order('o1', 'CONFIRMED', [{ sku: 'E2E-A', quantity: 2 }, { sku: 'E2E-B', quantity: 1 }]),
    order('o2', 'CONFIRMED', [{ sku: 'E2E-S', quantity: 1 }]),
    order('o3', 'CANCELLED', [{ sku: 'E2E-A', quantity: 1 }], { paymentToken: 'pm_card_declined', failureReason: 'CARD_DECLINED' }),
    order('o4', 'REJECTED', [{ sku: 'E2E-S', quantity: 1 }], { failureReason: 'INSUFFICIENT_STOCK' }),
  ];
  const effects = new Map<string, OrderEffects>([
    ['o1', confirmedEffects()],
    ['o2', confirmedEffects()],
    ['o3', { payment: 'DECLINED', reservation: 'RELEASED', notifications: [{ id: 'n3', type: 'ORDER_CANCELLED', status: 'SENT' }], emails: 1 }],
    ['o4', { reservation: 'REJECTED', notifications: [{ id: 'n4', type: 'ORDER_REJECTED', status: 'SENDING' }], emails: 0 }],
  ]);
  return {
    orders,
    acceptedIds: ['o1', 'o2', 'o3', 'o4'],
    effects,
    products,
    stockBefore: new Map([['E2E-A', 100], ['E2E-B', 100], ['E2E-S', 1]]),
    stockAfter: new Map([['E2E-A', 98], ['E2E-B', 99], ['E2E-S', 0]]),
    outboxBacklogs: { 'order-service': 0, 'payment-service': 0 },
    deadLettersBefore: { 'order.events.v1.dlt': 3 },
    deadLettersAfter: { 'order.events.v1.dlt': 3 },
    healedAt,
    boundMs: 120_000,
    exited: [],
  };
}

const broken = (observation: Observation) => checkInvariants(observation).filter((invariant) => !invariant.ok).map((invariant) => invariant.name);

describe('the fault invariants', () => {
  it('all hold when every order ended as its card and stock decide, once, with nothing left held', () => {
    assert.deepEqual(broken(healthy()), []);
  });

  it('an order still PENDING, or one the gateway took that order_service does not have, is not terminal', () => {
    const observation = healthy();
    observation.orders[0] = { ...observation.orders[0]!, status: 'PENDING', sagaState: 'CONFIRMING' };
    assert.ok(broken(observation).includes('terminal'));
    assert.deepEqual(broken({ ...healthy(), acceptedIds: ['o1', 'o2', 'o3', 'o4', 'o5'] }), ['terminal']);
  });

  it('an order that ended after the bound breaks the bound', () => {
    const observation = healthy();
    observation.orders[0] = { ...observation.orders[0]!, updatedAt: new Date(healedAt + 121_000) };
    assert.deepEqual(broken(observation), ['terminal']);
  });

  it('a good order cancelled by an outage breaks "good ⇒ CONFIRMED" alone when its money and stock were given back', () => {
    const observation = healthy();
    observation.orders[0] = { ...observation.orders[0]!, status: 'CANCELLED', sagaState: 'CANCELLED', failureReason: 'SAGA_TIMED_OUT' };
    observation.effects.set('o1', { payment: 'VOIDED', authorization: 'voided', reservation: 'RELEASED', notifications: [{ id: 'n1', type: 'ORDER_CANCELLED', status: 'SENT' }], emails: 1 });
    observation.stockAfter.set('E2E-A', 100);
    observation.stockAfter.set('E2E-B', 100);
    assert.deepEqual(broken(observation), ['good⇒CONFIRMED']);
  });

  it('a scarce product rejected while stock was left breaks "good ⇒ CONFIRMED"', () => {
    const observation = healthy();
    observation.orders[1] = { ...observation.orders[1]!, status: 'REJECTED', sagaState: 'REJECTED', failureReason: 'INSUFFICIENT_STOCK' };
    observation.effects.set('o2', { reservation: 'REJECTED', notifications: [{ id: 'n2', type: 'ORDER_REJECTED', status: 'SENT' }], emails: 1 });
    observation.stockAfter.set('E2E-S', 1);
    assert.deepEqual(broken(observation), ['good⇒CONFIRMED']);
  });

  it('CONFIRMED without the capture, or a capture without CONFIRMED, breaks "CONFIRMED ⇔ paid"', () => {
    const observation = healthy();
    observation.effects.set('o1', { ...confirmedEffects(), payment: 'AUTHORIZED', authorization: 'authorized' });
    assert.deepEqual(broken(observation), ['CONFIRMED⇔paid']);
    const captured = healthy();
    captured.effects.set('o3', { ...captured.effects.get('o3')!, payment: 'CAPTURED' });
    assert.deepEqual(broken(captured), ['CONFIRMED⇔paid', 'else freed']);
  });

  it('a cancelled order whose authorization was never voided, or whose stock is still reserved, breaks "else freed"', () => {
    const authorized = healthy();
    authorized.effects.set('o3', { ...authorized.effects.get('o3')!, payment: 'VOIDED', authorization: 'authorized' });
    assert.deepEqual(broken(authorized), ['else freed']);
    const reserved = healthy();
    reserved.effects.set('o3', { ...reserved.effects.get('o3')!, reservation: 'RESERVED' });
    reserved.stockAfter.set('E2E-A', 97);
    assert.deepEqual(broken(reserved), ['else freed', 'stock']);
  });

  it('a unit reserved twice breaks the stock', () => {
    const observation = healthy();
    observation.stockAfter.set('E2E-A', 97);
    assert.deepEqual(broken(observation), ['stock']);
  });

  it('two notifications, a notification of the wrong outcome, none, or two emails break "notified"', () => {
    for (const change of [
      { notifications: [{ id: 'x', type: 'ORDER_CONFIRMED', status: 'SENT' }, { id: 'y', type: 'ORDER_CONFIRMED', status: 'SENT' }] },
      { notifications: [{ id: 'x', type: 'ORDER_CANCELLED', status: 'SENT' }] },
      { notifications: [] },
      { emails: 2 },
    ]) {
      const observation = healthy();
      observation.effects.set('o1', { ...confirmedEffects(), ...change });
      assert.deepEqual(broken(observation), ['notified'], JSON.stringify(change));
    }
  });

  it('an outbox row left unpublished or a new dead letter breaks its invariant', () => {
    assert.deepEqual(broken({ ...healthy(), outboxBacklogs: { 'order-service': 1 } }), ['outboxes']);
    assert.deepEqual(broken({ ...healthy(), deadLettersAfter: { 'order.events.v1.dlt': 4 } }), ['no DLT']);
    assert.deepEqual(broken({ ...healthy(), deadLettersAfter: { 'order.events.v1.dlt': 3, 'payment.commands.v1.dlt': 1 } }), ['no DLT']);
  });

  it('a component that exited on its own breaks "no crash"', () => {
    assert.deepEqual(broken({ ...healthy(), exited: [{ name: 'inventory-service', lastError: "Error: Connection terminated unexpectedly" }] }), ['no crash']);
  });
});
