// The payment commands against a real PostgreSQL (a throw-away database migrated with this
// service's migrations), the real simulated card gateway and the real `payment-gateway` policy.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { Topics } from '@shop/contracts';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { PaymentError } from '../domain/payment.errors.js';
import { repliesInOutbox } from '../testing/outbox-replies.js';
import { sagaOf } from '../testing/payment-commands.fixtures.js';
import { startPaymentTestApp, type PaymentTestApp } from '../testing/payment-test-app.js';

let database: MigratedDatabase;
before(async () => {
  database = await createMigratedDatabase({ service: 'payment-service', label: 'commands' });
});
after(async () => {
  await database.drop();
});

async function storedPayment(service: PaymentTestApp, orderId: string) {
  return service.prisma.payment.findUnique({ where: { orderId } });
}

describe('payment commands', { timeout: 60_000 }, () => {
  let service: PaymentTestApp;
  before(async () => {
    service = await startPaymentTestApp(database.url);
  });
  after(async () => {
    await service.close();
  });

  it('authorizes an approved card: the payment is AUTHORIZED and PaymentAuthorized is in the outbox, caused by the command', async () => {
    const saga = sagaOf();
    const command = saga.authorize('pm_card_ok', 12_345, 'EUR');

    const reply = await service.authorize.handle(command);

    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'AUTHORIZED');
    assert.equal(payment?.amountCents, 12_345);
    assert.equal(payment?.currency, 'EUR');
    assert.equal(await service.simulator.stateOf(payment?.gatewayAuthorizationId ?? ''), 'authorized');
    const [written, ...others] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.equal(others.length, 0);
    assert.equal(written?.topic, Topics.orderSagaReplies);
    assert.equal(written?.type, 'payment.PaymentAuthorized');
    assert.deepEqual(written?.payload, { sagaId: saga.sagaId, step: 'AUTHORIZE_PAYMENT', orderId: saga.orderId, paymentId: payment?.id, amountCents: 12_345, currency: 'EUR' });
    assert.equal(written?.causationId, command.messageId);
    assert.equal(written?.correlationId, saga.orderId);
    assert.equal(reply?.message.messageId, written?.messageId);
  });

  it('declines a declined card as CARD_DECLINED on the first answer, without retrying it', async () => {
    const saga = sagaOf();
    const authorize = mock.method(service.simulator, 'authorize');

    await service.authorize.handle(saga.authorize('pm_card_declined'));

    assert.equal(authorize.mock.callCount(), 1);
    authorize.mock.restore();
    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'DECLINED');
    assert.equal(payment?.declineReason, 'CARD_DECLINED');
    assert.equal(payment?.gatewayAuthorizationId, null);
    const [written] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.equal(written?.type, 'payment.PaymentDeclined');
    assert.deepEqual(written?.payload, { sagaId: saga.sagaId, step: 'AUTHORIZE_PAYMENT', orderId: saga.orderId, reason: 'CARD_DECLINED' });
  });

  it('leaves the breaker closed after more declines than its failure threshold: a decline is an answer, not a failure', async () => {
    const threshold = service.policy.options.circuitBreaker.failureThreshold;
    for (let order = 0; order <= threshold; order++) {
      await service.authorize.handle(sagaOf().authorize('pm_card_declined'));
    }
    assert.equal(service.policy.state, 'closed');
  });

  it('declines a token the gateway does not know as INVALID_PAYMENT_TOKEN', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_stolen'));
    assert.equal((await storedPayment(service, saga.orderId))?.declineReason, 'INVALID_PAYMENT_TOKEN');
  });

  it('declines a card the gateway does not answer in time as GATEWAY_TIMEOUT, cancelling every attempt, within the deadline', async () => {
    // The slow card answers after an hour: this test finishes only because the deadline cut the call.
    const saga = sagaOf();
    const authorize = mock.method(service.simulator, 'authorize');

    await service.authorize.handle(saga.authorize('pm_card_slow'));

    const attempts = authorize.mock.calls;
    authorize.mock.restore();
    assert.equal(attempts.length, service.config.PAYMENT_GATEWAY_MAX_ATTEMPTS, 'retried, since authorize carries an idempotency key');
    assert.ok(attempts.every((call) => call.arguments[3] === attempts[0]?.arguments[3]), 'every attempt carries the same idempotency key');
    assert.ok(attempts.every((call) => (call.arguments[4] as AbortSignal).aborted), 'every attempt was cancelled, not left running');
    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'DECLINED');
    assert.equal(payment?.declineReason, 'GATEWAY_TIMEOUT');
    const [written] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.deepEqual(written?.payload, { sagaId: saga.sagaId, step: 'AUTHORIZE_PAYMENT', orderId: saga.orderId, reason: 'GATEWAY_TIMEOUT' });
  });

  it('handles a redelivered authorize command once: the gateway is called once, one payment, one reply', async () => {
    const saga = sagaOf();
    const command = saga.authorize('pm_card_ok');
    const authorize = mock.method(service.simulator, 'authorize');

    const first = await service.authorize.handle(command);
    const redelivered = await service.authorize.handle(command);

    assert.equal(authorize.mock.callCount(), 1);
    authorize.mock.restore();
    assert.ok(first);
    assert.equal(redelivered, null, 'nothing to publish: the command was handled before');
    assert.equal(await service.prisma.payment.count({ where: { orderId: saga.orderId } }), 1);
    assert.equal((await repliesInOutbox(service.prisma, saga.orderId)).length, 1);
  });

  it('answers an authorize command sent again for the same order from the stored payment, without calling the gateway', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));
    const authorize = mock.method(service.simulator, 'authorize');

    const again = saga.authorize('pm_card_ok');
    await service.authorize.handle(again);

    assert.equal(authorize.mock.callCount(), 0);
    authorize.mock.restore();
    const payment = await storedPayment(service, saga.orderId);
    const replies = await repliesInOutbox(service.prisma, saga.orderId);
    assert.deepEqual(
      replies.map((reply) => [reply.type, (reply.payload as { paymentId: string }).paymentId, reply.causationId]),
      [
        ['payment.PaymentAuthorized', payment?.id, replies[0]?.causationId],
        ['payment.PaymentAuthorized', payment?.id, again.messageId],
      ],
    );
  });

  it('authorizes concurrent twins of one command once: one payment and the same authorization for both', async () => {
    const saga = sagaOf();
    const [first, second] = await Promise.all([service.authorize.handle(saga.authorize('pm_card_ok')), service.authorize.handle(saga.authorize('pm_card_ok'))]);
    assert.equal(await service.prisma.payment.count({ where: { orderId: saga.orderId } }), 1);
    assert.equal(first?.message.type, 'payment.PaymentAuthorized');
    assert.deepEqual(first?.message.payload, { ...second?.message.payload });
  });

  it('captures an authorized payment: CAPTURED at the gateway and in the database, PaymentCaptured in the outbox', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok', 2_500, 'USD'));

    await service.capture.handle(saga.capture());

    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'CAPTURED');
    assert.equal(await service.simulator.stateOf(payment?.gatewayAuthorizationId ?? ''), 'captured');
    const [, captured] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.equal(captured?.type, 'payment.PaymentCaptured');
    assert.deepEqual(captured?.payload, { sagaId: saga.sagaId, step: 'CAPTURE_PAYMENT', orderId: saga.orderId, paymentId: payment?.id, amountCents: 2_500, currency: 'USD' });
  });

  it('answers a capture command sent again with PaymentCaptured, without calling the gateway', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));
    await service.capture.handle(saga.capture());
    const capture = mock.method(service.simulator, 'capture');

    const reply = await service.capture.handle(saga.capture());

    assert.equal(capture.mock.callCount(), 0);
    capture.mock.restore();
    assert.equal(reply?.message.type, 'payment.PaymentCaptured');
    assert.equal((await storedPayment(service, saga.orderId))?.status, 'CAPTURED');
  });

  it('refuses to capture a declined payment, writing nothing', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_declined'));
    await assert.rejects(service.capture.handle(saga.capture()), (error) => error instanceof PaymentError && error.code === 'PAYMENT.NOT_CAPTURABLE');
    assert.equal((await repliesInOutbox(service.prisma, saga.orderId)).length, 1, 'only the decline');
  });

  it('voids an authorized payment: VOIDED at the gateway and in the database, PaymentVoided in the outbox', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));

    await service.void.handle(saga.void());

    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'VOIDED');
    assert.equal(await service.simulator.stateOf(payment?.gatewayAuthorizationId ?? ''), 'voided');
    const [, voided] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.equal(voided?.type, 'payment.PaymentVoided');
    assert.deepEqual(voided?.payload, { sagaId: saga.sagaId, step: 'VOID_PAYMENT', orderId: saga.orderId });
  });

  it('records a void for an order without a payment as VOIDED with nothing authorized, replies PaymentVoided and calls no gateway', async () => {
    const saga = sagaOf();
    const voidAtGateway = mock.method(service.simulator, 'void');

    const reply = await service.void.handle(saga.void());

    assert.equal(voidAtGateway.mock.callCount(), 0);
    voidAtGateway.mock.restore();
    assert.equal(reply?.message.type, 'payment.PaymentVoided');
    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'VOIDED');
    assert.equal(payment?.gatewayAuthorizationId, null);
    assert.equal(payment?.amountCents, 0);
    assert.deepEqual(
      (await repliesInOutbox(service.prisma, saga.orderId)).map((written) => written.type),
      ['payment.PaymentVoided'],
    );
  });

  it('authorizes nothing, and replies nothing, for an authorize command that arrives after the void of its order', async () => {
    // The authorize was dead-lettered while the saga gave up and voided; an operator replays it.
    const saga = sagaOf();
    await service.void.handle(saga.void());
    const authorizeAtGateway = mock.method(service.simulator, 'authorize');

    const late = await service.authorize.handle(saga.authorize('pm_card_ok'));

    assert.equal(authorizeAtGateway.mock.callCount(), 0, 'no money held for a cancelled order');
    authorizeAtGateway.mock.restore();
    assert.equal(late, null);
    assert.equal((await storedPayment(service, saga.orderId))?.status, 'VOIDED');
    assert.deepEqual(
      (await repliesInOutbox(service.prisma, saga.orderId)).map((written) => written.type),
      ['payment.PaymentVoided'],
    );
    assert.equal(await service.authorize.handle(saga.authorize('pm_card_ok')), null, 'sent again: still nothing');
  });

  it('releases the authorization of an authorize command whose order was voided while the gateway answered', async () => {
    const saga = sagaOf();
    const authorizeAtGateway = service.simulator.authorize.bind(service.simulator);
    const authorize = mock.method(service.simulator, 'authorize', async (...call: Parameters<typeof authorizeAtGateway>) => {
      await service.void.handle(saga.void()); // lands between the authorize command's read and its write
      return authorizeAtGateway(...call);
    });

    const reply = await service.authorize.handle(saga.authorize('pm_card_ok'));

    const answer = await authorize.mock.calls[0]?.result;
    authorize.mock.restore();
    assert.equal(reply, null);
    assert.equal(answer?.status, 'approved');
    assert.equal(await service.simulator.stateOf(answer?.status === 'approved' ? answer.authorizationId : ''), 'voided');
    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'VOIDED');
    assert.equal(payment?.gatewayAuthorizationId, null);
    assert.deepEqual(
      (await repliesInOutbox(service.prisma, saga.orderId)).map((written) => written.type),
      ['payment.PaymentVoided'],
    );
  });

  it('replies PaymentVoided to a void of a declined payment, which stays DECLINED', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_declined'));
    await service.void.handle(saga.void());
    assert.equal((await storedPayment(service, saga.orderId))?.status, 'DECLINED');
    assert.deepEqual(
      (await repliesInOutbox(service.prisma, saga.orderId)).map((written) => written.type),
      ['payment.PaymentDeclined', 'payment.PaymentVoided'],
    );
  });

  it('handles a redelivered void once', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));
    const command = saga.void();
    await service.void.handle(command);
    assert.equal(await service.void.handle(command), null);
    assert.equal((await repliesInOutbox(service.prisma, saga.orderId)).length, 2);
  });

  it('refuses to void a captured payment, which only a refund could undo', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));
    await service.capture.handle(saga.capture());
    await assert.rejects(service.void.handle(saga.void()), (error) => error instanceof PaymentError && error.code === 'PAYMENT.NOT_VOIDABLE');
    assert.equal((await storedPayment(service, saga.orderId))?.status, 'CAPTURED');
  });
});

describe('the payment gateway circuit breaker', { timeout: 60_000 }, () => {
  let service: PaymentTestApp;
  before(async () => {
    // Its own app: an open breaker must not leak into other tests.
    service = await startPaymentTestApp(database.url);
  });
  after(async () => {
    await service.close();
  });

  it('opens under repeated slow authorizations, then declines GATEWAY_UNAVAILABLE at once without calling the gateway', async () => {
    const threshold = service.policy.options.circuitBreaker.failureThreshold;
    const reasons: Array<string | null | undefined> = [];
    // Each slow authorization fails once per attempt; `threshold` of them are more than enough.
    for (let order = 0; order < threshold && service.policy.state !== 'open'; order++) {
      const saga = sagaOf();
      await service.authorize.handle(saga.authorize('pm_card_slow'));
      reasons.push((await storedPayment(service, saga.orderId))?.declineReason);
    }
    assert.equal(service.policy.state, 'open');
    assert.equal(reasons[0], 'GATEWAY_TIMEOUT');
    assert.ok(reasons.every((reason) => reason === 'GATEWAY_TIMEOUT' || reason === 'GATEWAY_UNAVAILABLE'), String(reasons));

    const authorize = mock.method(service.simulator, 'authorize');
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok'));

    assert.equal(authorize.mock.callCount(), 0, 'the open circuit answered, not the gateway');
    authorize.mock.restore();
    const payment = await storedPayment(service, saga.orderId);
    assert.equal(payment?.status, 'DECLINED');
    assert.equal(payment?.declineReason, 'GATEWAY_UNAVAILABLE');
    const [written] = await repliesInOutbox(service.prisma, saga.orderId);
    assert.deepEqual(written?.payload, { sagaId: saga.sagaId, step: 'AUTHORIZE_PAYMENT', orderId: saga.orderId, reason: 'GATEWAY_UNAVAILABLE' });
  });
});
