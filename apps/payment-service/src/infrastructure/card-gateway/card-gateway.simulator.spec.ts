import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAYMENT_TEST_TOKENS } from '@shop/contracts';
import { InMemoryCardGatewayRecords } from '../../testing/in-memory-card-gateway-records.js';
import { CardGatewayRequestError, CardGatewaySimulator } from './card-gateway.simulator.js';

const live = () => new AbortController().signal;
const ONE_HOUR_MS = 60 * 60 * 1000;

/** A simulator on records of its own, or on `records` shared with another (a replica, or itself before a restart). */
function simulator(slowResponseMs = ONE_HOUR_MS, records = new InMemoryCardGatewayRecords()): CardGatewaySimulator {
  return new CardGatewaySimulator(slowResponseMs, records);
}

async function approvedAuthorization(gateway: CardGatewaySimulator, key = 'key-1'): Promise<string> {
  const answer = await gateway.authorize('pm_card_ok', 1_000, 'EUR', key, live());
  assert.equal(answer.status, 'approved');
  return answer.authorizationId;
}

function refusedWith(code: CardGatewayRequestError['code']) {
  return (error: unknown) => error instanceof CardGatewayRequestError && error.code === code;
}

describe('CardGatewaySimulator', () => {
  it('knows exactly the test tokens of the contracts', () => {
    assert.deepEqual([...PAYMENT_TEST_TOKENS], ['pm_card_ok', 'pm_card_declined', 'pm_card_slow']);
  });

  it('approves pm_card_ok with a new authorization', async () => {
    const gateway = simulator();
    const authorizationId = await approvedAuthorization(gateway);
    assert.match(authorizationId, /^auth_[0-9a-f-]{36}$/);
    assert.equal(await gateway.stateOf(authorizationId), 'authorized');
  });

  it('declines pm_card_declined as card_declined, and an unknown token as invalid_token', async () => {
    const gateway = simulator();
    assert.deepEqual(await gateway.authorize('pm_card_declined', 1_000, 'EUR', 'a', live()), { status: 'declined', declineCode: 'card_declined' });
    assert.deepEqual(await gateway.authorize('tok_visa', 1_000, 'EUR', 'b', live()), { status: 'declined', declineCode: 'invalid_token' });
  });

  it('approves pm_card_slow only after its slow delay', async () => {
    const gateway = simulator(20);
    const answer = await gateway.authorize('pm_card_slow', 1_000, 'EUR', 'slow', live());
    assert.equal(answer.status, 'approved');
  });

  it('stops a slow authorization when its signal aborts, and records nothing for its idempotency key', async () => {
    // An hour-long wait: the test ends only because the abort ended it.
    const gateway = simulator();
    const controller = new AbortController();
    const pending = gateway.authorize('pm_card_slow', 1_000, 'EUR', 'order-1', controller.signal);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    // Had the slow call stored an answer, another request under its key would be refused as a reuse.
    await approvedAuthorization(gateway, 'order-1');
  });

  it('does nothing for a call whose signal was aborted before it arrived', async () => {
    const gateway = simulator();
    await assert.rejects(gateway.authorize('pm_card_ok', 1_000, 'EUR', 'k', AbortSignal.abort()), { name: 'AbortError' });
    const authorizationId = await approvedAuthorization(gateway, 'k');
    await assert.rejects(gateway.capture(authorizationId, AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(await gateway.stateOf(authorizationId), 'authorized');
  });

  it('answers a repeated idempotency key with the first answer, holding the money once', async () => {
    const gateway = simulator();
    const first = await approvedAuthorization(gateway, 'order-1');
    const second = await approvedAuthorization(gateway, 'order-1');
    assert.equal(second, first);
    assert.notEqual(await approvedAuthorization(gateway, 'order-2'), first);
  });

  it('answers concurrent slow twins with one authorization', async () => {
    const gateway = simulator(20);
    const [first, second] = await Promise.all([
      gateway.authorize('pm_card_slow', 1_000, 'EUR', 'twins', live()),
      gateway.authorize('pm_card_slow', 1_000, 'EUR', 'twins', live()),
    ]);
    assert.deepEqual(first, second);
  });

  it('refuses an idempotency key reused for a different request', async () => {
    const gateway = simulator();
    await approvedAuthorization(gateway, 'order-1');
    await assert.rejects(gateway.authorize('pm_card_ok', 2_000, 'EUR', 'order-1', live()), refusedWith('idempotency_key_reused'));
  });

  it('captures an authorization, idempotently, and then refuses to void it', async () => {
    const gateway = simulator();
    const authorizationId = await approvedAuthorization(gateway);
    await gateway.capture(authorizationId, live());
    await gateway.capture(authorizationId, live());
    assert.equal(await gateway.stateOf(authorizationId), 'captured');
    await assert.rejects(gateway.void(authorizationId, live()), refusedWith('authorization_captured'));
  });

  it('voids an authorization, idempotently, and then refuses to capture it', async () => {
    const gateway = simulator();
    const authorizationId = await approvedAuthorization(gateway);
    await gateway.void(authorizationId, live());
    await gateway.void(authorizationId, live());
    assert.equal(await gateway.stateOf(authorizationId), 'voided');
    await assert.rejects(gateway.capture(authorizationId, live()), refusedWith('authorization_voided'));
  });

  it('answers a key asked again after a restart, or on another replica, from the shared records', async () => {
    const records = new InMemoryCardGatewayRecords();
    const first = await approvedAuthorization(simulator(ONE_HOUR_MS, records), 'order-1');
    const restarted = simulator(ONE_HOUR_MS, records);
    assert.equal(await approvedAuthorization(restarted, 'order-1'), first);
    await restarted.capture(first, live());
    assert.equal(await simulator(ONE_HOUR_MS, records).stateOf(first), 'captured');
  });

  it('settles an authorization of its own shape that its records lack, taking it for one issued before they were kept', async () => {
    const gateway = simulator();
    const issuedInMemoryBefore = 'auth_0190c0de-0000-7000-8000-000000000001';
    await gateway.capture(issuedInMemoryBefore, live());
    await gateway.void(issuedInMemoryBefore, live());
    assert.equal(await gateway.stateOf(issuedInMemoryBefore), undefined, 'nothing recorded for it');
  });

  it('refuses capture and void of an authorization it never issued', async () => {
    const gateway = simulator();
    await assert.rejects(gateway.capture('ch_123', live()), refusedWith('unknown_authorization'));
    await assert.rejects(gateway.void('ch_123', live()), refusedWith('unknown_authorization'));
  });
});
