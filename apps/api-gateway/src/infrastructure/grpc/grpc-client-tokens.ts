import type { GrpcServiceKey } from '@shop/contracts';

/** The services the gateway calls. */
export type Downstream = Extract<GrpcServiceKey, 'user' | 'order' | 'inventory' | 'notification'>;

/** Injection tokens of the NestJS `ClientGrpc` of each downstream service. */
export const GRPC_CLIENT_TOKENS: Record<Downstream, string> = {
  user: 'USER_GRPC_CLIENT',
  order: 'ORDER_GRPC_CLIENT',
  inventory: 'INVENTORY_GRPC_CLIENT',
  notification: 'NOTIFICATION_GRPC_CLIENT',
};
