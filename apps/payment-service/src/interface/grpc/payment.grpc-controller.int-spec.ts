// GetPayment through a real grpc-js client against the in-process gRPC server, on a throw-away database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { GRPC_SERVICES, grpcLoaderOptions, PROTO_ROOT, type paymentV1 } from '@shop/contracts';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { sagaOf } from '../../testing/payment-commands.fixtures.js';
import { startPaymentTestApp, type PaymentTestApp } from '../../testing/payment-test-app.js';

type GetPayment = (request: paymentV1.GetPaymentRequest) => Promise<paymentV1.GetPaymentResponse>;

function paymentClient(url: string): { client: grpc.Client; getPayment: GetPayment } {
  const definition = protoLoader.loadSync(GRPC_SERVICES.payment.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { shop: { payment: { v1: { PaymentService: grpc.ServiceClientConstructor } } } };
  const client = new loaded.shop.payment.v1.PaymentService(url, grpc.credentials.createInsecure());
  const method = client['GetPayment'] as (request: paymentV1.GetPaymentRequest, callback: (error: grpc.ServiceError | null, response: paymentV1.GetPaymentResponse) => void) => void;
  return { client, getPayment: promisify(method.bind(client)) };
}

describe('PaymentService.GetPayment over gRPC', { timeout: 60_000 }, () => {
  let database: MigratedDatabase;
  let service: PaymentTestApp;
  let client: grpc.Client;
  let getPayment: GetPayment;

  before(async () => {
    database = await createMigratedDatabase({ service: 'payment-service', label: 'grpc' });
    service = await startPaymentTestApp(database.url);
    ({ client, getPayment } = paymentClient(service.grpcUrl));
  });
  after(async () => {
    client?.close();
    await service?.close();
    await database?.drop();
  });

  it('returns the payment of an order, captured, with its amount and RFC 3339 timestamps', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_ok', 7_700, 'EUR'));
    await service.capture.handle(saga.capture());
    const stored = await service.prisma.payment.findUniqueOrThrow({ where: { orderId: saga.orderId } });

    const { payment } = await getPayment({ orderId: saga.orderId });

    assert.deepEqual(payment, {
      paymentId: stored.id,
      orderId: saga.orderId,
      status: 'PAYMENT_STATUS_CAPTURED',
      amountCents: 7_700,
      currency: 'EUR',
      declineReason: '',
      createdAt: stored.createdAt.toISOString(),
      updatedAt: stored.updatedAt.toISOString(),
    });
  });

  it('returns a declined payment with its decline reason', async () => {
    const saga = sagaOf();
    await service.authorize.handle(saga.authorize('pm_card_declined'));
    const { payment } = await getPayment({ orderId: saga.orderId });
    assert.equal(payment?.status, 'PAYMENT_STATUS_DECLINED');
    assert.equal(payment?.declineReason, 'CARD_DECLINED');
  });

  it('answers NOT_FOUND with the code PAYMENT.NOT_FOUND for an order without a payment', async () => {
    await assert.rejects(getPayment({ orderId: randomUUID() }), (error: grpc.ServiceError) => {
      assert.equal(error.code, grpc.status.NOT_FOUND);
      assert.equal(error.details, 'PAYMENT.NOT_FOUND');
      return true;
    });
  });

  it('answers INVALID_ARGUMENT naming order_id when it is not a UUID', async () => {
    await assert.rejects(getPayment({ orderId: 'order-42' }), (error: grpc.ServiceError) => {
      assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
      assert.equal(error.details, 'order_id must be a UUID');
      return true;
    });
  });
});
