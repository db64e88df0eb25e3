// Direct gRPC access to two services, for what the public API does not show: creating a product
// with a known stock (an operator's call) and reading a payment.
import { credentials, loadPackageDefinition, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, PROTO_ROOT, grpcLoaderOptions, type GrpcServiceKey } from '@shop/contracts';
import { randomBytes } from 'node:crypto';
import { loadTopology } from '../topology.js';

type UnaryMethod = (request: object, callback: (error: Error | null, response: unknown) => void) => void;

async function clientOf(service: GrpcServiceKey, appName: string): Promise<Record<string, UnaryMethod>> {
  const { apps, host } = await loadTopology();
  const app = apps.find((candidate) => candidate.name === appName)!;
  const contract = GRPC_SERVICES[service];
  const definition = loadSync(contract.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  let node: unknown = loadPackageDefinition(definition);
  for (const part of `${contract.packageName}.${contract.serviceName}`.split('.')) node = (node as Record<string, unknown>)[part];
  const Client = node as ServiceClientConstructor;
  return new Client(`${host}:${app.grpcPort}`, credentials.createInsecure()) as unknown as Record<string, UnaryMethod>;
}

function call<T>(client: Record<string, UnaryMethod>, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) => client[method]!.call(client, request, (error, response) => (error ? reject(error) : resolve(response as T))));
}

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  available: number;
}

export interface Payment {
  paymentId: string;
  orderId: string;
  status: string;
  amountCents: number;
  declineReason: string;
}

export async function inventoryService() {
  const client = await clientOf('inventory', 'inventory-service');
  return {
    /** A product of this test's own, so its stock is known whatever ran before. */
    async createProduct(available: number, priceCents = 1250): Promise<Product> {
      const sku = `E2E-${randomBytes(5).toString('hex').toUpperCase()}`;
      const answer = await call<{ product: Product }>(client, 'setProductStock', { sku, name: `End-to-end test product ${sku}`, priceCents, currency: 'EUR', available });
      return answer.product;
    },
    async product(sku: string): Promise<Product> {
      const answer = await call<{ products: Product[] }>(client, 'getProducts', { skus: [sku] });
      return answer.products[0]!;
    },
  };
}

export async function paymentService() {
  const client = await clientOf('payment', 'payment-service');
  return {
    /** The order's payment, or undefined when none was ever attempted (NOT_FOUND). */
    async paymentOf(orderId: string): Promise<Payment | undefined> {
      try {
        return (await call<{ payment: Payment }>(client, 'getPayment', { orderId })).payment;
      } catch (error) {
        if ((error as { code?: number }).code === 5) return undefined;
        throw error;
      }
    },
  };
}
