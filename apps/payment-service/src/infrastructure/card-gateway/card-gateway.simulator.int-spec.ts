// The simulated card gateway's idempotency records in PostgreSQL: two in-process services on one
// throw-away database stand for two replicas (or one replica before and after a restart).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it, mock } from 'node:test';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { sagaOf } from '../../testing/payment-commands.fixtures.js';
import { startPaymentTestApp, type PaymentTestApp } from '../../testing/payment-test-app.js';
import { CardGatewayRequestError } from './card-gateway.simulator.js';

const live = () => new AbortController().signal;
// Long enough for concurrent twins to pass the lookup of their key before either records an answer.
const SLOW_CARD = { CARD_GATEWAY_SLOW_MS: '50' };

let database: MigratedDatabase;
before(async () => {
  database = await createMigratedDatabase({ service: 'payment-service', label: 'card_gateway' });
});
after(async () => {
  await database.drop();
});

describe('the simulated card gateway, on two replicas sharing one database', { timeout: 60_000 }, () => {
  let first: PaymentTestApp;
  let second: PaymentTestApp;
  before(async () => {
    [first, second] = await Promise.all([startPaymentTestApp(database.url, SLOW_CARD), startPaymentTestApp(database.url, SLOW_CARD)]);
  });
  after(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('answers a key first used on one replica with the same authorization on the other', async () => {
    const key = `authorize:${randomUUID()}`;
    const answer = await first.simulator.authorize('pm_card_ok', 1_000, 'EUR', key, live());
    assert.equal(answer.status, 'approved');
    assert.deepEqual(await second.simulator.authorize('pm_card_ok', 1_000, 'EUR', key, live()), answer);
  });

  it('answers a key with its first answer after the replica that gave it restarted', async () => {
    const key = `authorize:${randomUUID()}`;
    const answer = await first.simulator.authorize('pm_card_ok', 1_000, 'EUR', key, live());
    await first.close();
    first = await startPaymentTestApp(database.url, SLOW_CARD);
    assert.deepEqual(await first.simulator.authorize('pm_card_ok', 1_000, 'EUR', key, live()), answer);
  });

  it('authorizes concurrent requests with one key once, whichever replica they reach', async () => {
    for (const token of ['pm_card_ok', 'pm_card_slow']) {
      const key = `authorize:${randomUUID()}`;
      const answers = await Promise.all([first, second, first, second].map((replica) => replica.simulator.authorize(token, 1_000, 'EUR', key, live())));
      assert.equal(answers[0]?.status, 'approved', token);
      for (const answer of answers) assert.deepEqual(answer, answers[0], token);
      const rows = await first.prisma.cardGatewayRequest.findMany({ where: { idempotencyKey: key } });
      assert.deepEqual(
        rows.map((row) => [row.authorizationId, row.authorizationState]),
        [[answers[0]?.status === 'approved' ? answers[0].authorizationId : null, 'authorized']],
      );
    }
  });

  it('refuses on one replica a key that another used for a different request', async () => {
    const key = `authorize:${randomUUID()}`;
    await first.simulator.authorize('pm_card_ok', 1_000, 'EUR', key, live());
    await assert.rejects(
      second.simulator.authorize('pm_card_ok', 2_000, 'EUR', key, live()),
      (error) => error instanceof CardGatewayRequestError && error.code === 'idempotency_key_reused',
    );
  });

  it('knows on one replica that the other voided an authorization, and refuses to capture it', async () => {
    const answer = await first.simulator.authorize('pm_card_ok', 1_000, 'EUR', `authorize:${randomUUID()}`, live());
    assert.equal(answer.status, 'approved');
    await first.simulator.void(answer.authorizationId, live());
    assert.equal(await second.simulator.stateOf(answer.authorizationId), 'voided');
    await assert.rejects(
      second.simulator.capture(answer.authorizationId, live()),
      (error) => error instanceof CardGatewayRequestError && error.code === 'authorization_voided',
    );
  });

  it('holds the money of concurrent twins of an authorize command, handled by both replicas, once', async () => {
    const saga = sagaOf();
    const authorizations = [first, second].map((replica) => mock.method(replica.simulator, 'authorize'));

    const [one, other] = await Promise.all([first.authorize.handle(saga.authorize('pm_card_slow')), second.authorize.handle(saga.authorize('pm_card_slow'))]);

    const answers = await Promise.all(authorizations.flatMap((calls) => calls.mock.calls.map((call) => call.result)));
    for (const calls of authorizations) calls.mock.restore();
    assert.equal(one?.message.type, 'payment.PaymentAuthorized');
    assert.deepEqual(other?.message.payload, one?.message.payload);
    assert.ok(answers.length >= 2, 'both replicas asked the gateway');
    const authorizationIds = new Set(answers.map((answer) => (answer?.status === 'approved' ? answer.authorizationId : answer?.status)));
    assert.equal(authorizationIds.size, 1, 'one authorization');
    const payment = await first.prisma.payment.findUnique({ where: { orderId: saga.orderId } });
    assert.deepEqual([payment?.gatewayAuthorizationId], [...authorizationIds]);
  });
});
