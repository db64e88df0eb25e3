import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSync, type MethodDefinition } from '@grpc/proto-loader';
import { orderV1 } from './grpc-packages.js';
import { grpcLoaderOptions } from './grpc-loader-options.js';
import { GRPC_SERVICES, PROTO_ROOT, type GrpcServiceKey } from './grpc-services.js';

/** The method as NestJS's gRPC transport loads it: from the .proto file, with the shared loader options. */
function loadMethod(service: GrpcServiceKey, method: string): MethodDefinition<unknown, unknown> {
  const { packageName, serviceName, protoFile } = GRPC_SERVICES[service];
  const definition = loadSync(protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  const methods = definition[`${packageName}.${serviceName}`] as Record<string, MethodDefinition<unknown, unknown>> | undefined;
  assert.ok(methods, `${packageName}.${serviceName} is not in ${protoFile}`);
  const found = methods[method];
  assert.ok(found, `${serviceName} has no method ${method}`);
  return found;
}

const confirmedOrder: orderV1.GetOrderResponse = {
  order: {
    orderId: '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11',
    userId: '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    status: orderV1.OrderStatus.ORDER_STATUS_CONFIRMED,
    items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }],
    // Above 2^32, so an int64 that lost its upper half would show.
    totalCents: 9_000_000_000_001,
    currency: 'EUR',
    failureReason: '',
    saga: [{ step: 'RESERVE_STOCK', status: orderV1.SagaStepStatus.SAGA_STEP_STATUS_SUCCEEDED, at: '2025-01-02T03:04:05.678Z' }],
    createdAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:06.000Z',
  },
};

describe('the gRPC wire format', () => {
  it('carries an order through encoding and decoding exactly as the generated types describe it', () => {
    const getOrder = loadMethod('order', 'GetOrder');
    const bytes = getOrder.responseSerialize(confirmedOrder);
    assert.ok(bytes.length > 0);
    assert.deepEqual(getOrder.responseDeserialize(bytes), confirmedOrder);
  });

  it('decodes int64 money as a number and enums as their names, as forceLong=number and stringEnums promise', () => {
    const getOrder = loadMethod('order', 'GetOrder');
    const decoded = getOrder.responseDeserialize(getOrder.responseSerialize(confirmedOrder)) as orderV1.GetOrderResponse;
    assert.equal(typeof decoded.order?.totalCents, 'number');
    assert.equal(decoded.order?.status, 'ORDER_STATUS_CONFIRMED');
  });

  it('fills fields the sender left out with the defaults the generated types promise', () => {
    assert.deepEqual(loadMethod('order', 'ListOrders').responseDeserialize(Buffer.alloc(0)), { orders: [], nextPageToken: '' });
    assert.deepEqual(loadMethod('order', 'GetOrder').responseDeserialize(Buffer.alloc(0)), { order: null });
  });

  it('finds every generated service in its .proto package under the generated name', () => {
    for (const service of Object.keys(GRPC_SERVICES) as GrpcServiceKey[]) {
      const { packageName, serviceName, protoFile } = GRPC_SERVICES[service];
      const definition = loadSync(protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
      assert.ok(definition[`${packageName}.${serviceName}`], `${packageName}.${serviceName} missing from ${protoFile}`);
    }
  });
});
