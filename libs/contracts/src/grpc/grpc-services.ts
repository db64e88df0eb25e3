import { join } from 'node:path';
import type { GrpcOptions } from '@nestjs/microservices';
import { INVENTORY_SERVICE_NAME, SHOP_INVENTORY_V1_PACKAGE_NAME } from '../generated/shop/inventory/v1/inventory.js';
import { NOTIFICATION_SERVICE_NAME, SHOP_NOTIFICATION_V1_PACKAGE_NAME } from '../generated/shop/notification/v1/notification.js';
import { ORDER_SERVICE_NAME, SHOP_ORDER_V1_PACKAGE_NAME } from '../generated/shop/order/v1/order.js';
import { PAYMENT_SERVICE_NAME, SHOP_PAYMENT_V1_PACKAGE_NAME } from '../generated/shop/payment/v1/payment.js';
import { SHOP_USER_V1_PACKAGE_NAME, USER_SERVICE_NAME } from '../generated/shop/user/v1/user.js';
// (npx nx g @shop/tooling:service adds new imports above this line)
import { grpcLoaderOptions } from './grpc-loader-options.js';

/**
 * The .proto sources, read at run time by NestJS (which loads the .proto files, not the generated
 * code). Same relative place from src/grpc and dist/grpc; a container image must ship this folder.
 */
export const PROTO_ROOT = join(import.meta.dirname, '..', '..', 'proto');

export interface GrpcServiceContract {
  /** The proto package, e.g. `shop.user.v1`. */
  readonly packageName: string;
  /** The service inside it, e.g. `UserService`: what `ClientGrpc.getService()` takes. */
  readonly serviceName: string;
  /** Path of the .proto file relative to PROTO_ROOT. */
  readonly protoFile: string;
}

export const GRPC_SERVICES = {
  user: { packageName: SHOP_USER_V1_PACKAGE_NAME, serviceName: USER_SERVICE_NAME, protoFile: 'shop/user/v1/user.proto' },
  inventory: {
    packageName: SHOP_INVENTORY_V1_PACKAGE_NAME,
    serviceName: INVENTORY_SERVICE_NAME,
    protoFile: 'shop/inventory/v1/inventory.proto',
  },
  order: { packageName: SHOP_ORDER_V1_PACKAGE_NAME, serviceName: ORDER_SERVICE_NAME, protoFile: 'shop/order/v1/order.proto' },
  payment: {
    packageName: SHOP_PAYMENT_V1_PACKAGE_NAME,
    serviceName: PAYMENT_SERVICE_NAME,
    protoFile: 'shop/payment/v1/payment.proto',
  },
  notification: {
    packageName: SHOP_NOTIFICATION_V1_PACKAGE_NAME,
    serviceName: NOTIFICATION_SERVICE_NAME,
    protoFile: 'shop/notification/v1/notification.proto',
  },
  // (npx nx g @shop/tooling:service adds new services above this line)
} as const satisfies Record<string, GrpcServiceContract>;

export type GrpcServiceKey = keyof typeof GRPC_SERVICES;

/**
 * Options for NestJS's gRPC transport, for a server (`url` is where it listens, e.g. `0.0.0.0:3051`)
 * or a client (`url` is where it calls): `{ transport: Transport.GRPC, options: grpcOptionsFor('user', url) }`.
 */
export function grpcOptionsFor(service: GrpcServiceKey, url: string): GrpcOptions['options'] {
  const contract = GRPC_SERVICES[service];
  return {
    url,
    package: contract.packageName,
    protoPath: contract.protoFile,
    loader: { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] },
  };
}
