// The gRPC clients against a stand-in of inventory-service and payment-service, moved to a port of
// its own through the topology's port variables: requests and answers are encoded and decoded as the
// apps' own transport does it, and a gRPC error reaches the caller with its code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { freePort } from '../free-port.js';
import { grpcClientOf, serviceConstructorOf } from './grpc-client.js';
import { inventoryService, paymentService, type Payment, type Product } from './service-clients.js';

type Handler = (call: ServerUnaryCall<Record<string, unknown>, unknown>, callback: sendUnaryData<unknown>) => void;

const CAPTURED: Payment = { paymentId: 'pay-1', orderId: 'order-paid', status: 'PAYMENT_STATUS_CAPTURED', amountCents: 5_000_000_000, declineReason: '' };

function standIn(): UntypedServiceImplementation[] {
  const products = new Map<string, Product>();
  const inventory: Record<string, Handler> = {
    setProductStock: ({ request }, callback) => {
      const product = request as unknown as Product;
      products.set(product.sku, product);
      callback(null, { product });
    },
    getProducts: ({ request }, callback) => callback(null, { products: (request.skus as string[]).flatMap((sku) => products.get(sku) ?? []) }),
    listProducts: (_call, callback) => callback({ code: status.UNIMPLEMENTED, details: 'not in the stand-in' }),
  };
  const payments: Record<string, Handler> = {
    getPayment: ({ request }, callback) =>
      request.orderId === CAPTURED.orderId ? callback(null, { payment: CAPTURED }) : callback({ code: status.NOT_FOUND, details: 'no payment' }),
  };
  return [inventory, payments];
}

describe('the gRPC clients of @shop/testing/system', () => {
  const server = new Server();

  before(async () => {
    const port = await freePort();
    // Read by @shop/topology when first imported, which nothing in this process has done yet.
    process.env.INVENTORY_SERVICE_GRPC_PORT = String(port);
    process.env.PAYMENT_SERVICE_GRPC_PORT = String(port);
    const { portVariables } = await import('@shop/topology');
    assert.equal(portVariables.INVENTORY_SERVICE_GRPC_PORT, port, 'the topology was loaded before the test could move the port');
    const [inventory, payments] = standIn();
    server.addService(serviceConstructorOf('inventory').service, inventory!);
    server.addService(serviceConstructorOf('payment').service, payments!);
    await new Promise<number>((resolve, reject) => server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  });
  after(() => server.forceShutdown());

  it('creates a product of its own and reads it back, int64 fields as numbers', async () => {
    const inventory = await inventoryService();

    const created = await inventory.createProduct(7, 1999);

    assert.match(created.sku, /^E2E-[0-9A-F]{10}$/);
    assert.deepEqual(created, { sku: created.sku, name: `End-to-end test product ${created.sku}`, priceCents: 1999, currency: 'EUR', available: 7 });
    assert.deepEqual(await inventory.product(created.sku), created);
  });

  it('reads a payment with its status by name, and undefined for an order without one (NOT_FOUND)', async () => {
    const payments = await paymentService();

    // The proto's other fields (currency, timestamps) come back as their defaults.
    assert.partialDeepStrictEqual(await payments.paymentOf(CAPTURED.orderId), CAPTURED);
    assert.equal(await payments.paymentOf('order-never-paid'), undefined);
  });

  it('rejects with the grpc-js error, which carries the status code', async () => {
    const client = await grpcClientOf('inventory', 'inventory-service');
    try {
      await assert.rejects(client.call('listProducts', {}), (error: { code?: number }) => error.code === status.UNIMPLEMENTED);
    } finally {
      client.close();
    }
  });

  it('refuses a method the service lacks, an app the topology lacks and an app without gRPC, naming what exists', async () => {
    const client = await grpcClientOf('inventory', 'inventory-service');
    try {
      await assert.rejects(client.call('setStock', {}), /InventoryService has no unary method "setStock" \(it has listProducts, getProducts, getPrices, setProductStock\)/);
    } finally {
      client.close();
    }
    await assert.rejects(grpcClientOf('inventory', 'warehouse-service'), /the topology has no app named "warehouse-service" \(it has api-gateway, .+\)/);
    await assert.rejects(grpcClientOf('inventory', 'api-gateway'), /api-gateway serves no gRPC in the topology/);
  });
});
