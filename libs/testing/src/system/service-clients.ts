// The operator's calls the public API lacks, made over gRPC: creating a product with a known stock
// and reading an order's payment.
import { status } from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import type { inventoryV1 } from '@shop/contracts';
import { grpcClientOf } from './grpc-client.js';

/** A product as inventory-service's gRPC API answers it (decoded with the apps' loader options). */
export type Product = inventoryV1.Product;

export interface Payment {
  paymentId: string;
  orderId: string;
  status: string;
  amountCents: number;
  declineReason: string;
}

export async function inventoryService() {
  const client = await grpcClientOf('inventory', 'inventory-service');
  return {
    /** A product of the test's own, so its stock is known whatever ran before. */
    async createProduct(available: number, priceCents = 1250): Promise<Product> {
      const sku = `E2E-${randomBytes(5).toString('hex').toUpperCase()}`;
      const answer = await client.call<{ product: Product }>('setProductStock', { sku, name: `End-to-end test product ${sku}`, priceCents, currency: 'EUR', available });
      return answer.product;
    },
    async product(sku: string): Promise<Product> {
      const answer = await client.call<{ products: Product[] }>('getProducts', { skus: [sku] });
      return answer.products[0]!;
    },
  };
}

export async function paymentService() {
  const client = await grpcClientOf('payment', 'payment-service');
  return {
    /** The order's payment, or undefined when none was ever attempted (NOT_FOUND). */
    async paymentOf(orderId: string): Promise<Payment | undefined> {
      try {
        return (await client.call<{ payment: Payment }>('getPayment', { orderId })).payment;
      } catch (error) {
        if ((error as { code?: number }).code === status.NOT_FOUND) return undefined;
        throw error;
      }
    },
  };
}
