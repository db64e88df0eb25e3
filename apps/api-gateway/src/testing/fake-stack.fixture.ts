import { type KeyPair, generateSigningKeys } from './access-tokens.fixture.js';
import {
  FakeInventoryController,
  FakeNotificationController,
  FakeOrderController,
  FakeUserController,
  InventoryState,
  NotificationState,
  OrderState,
  UserState,
} from './fake-downstream-services.js';
import { type FakeGrpcServer, startFakeGrpcServer } from './fake-grpc-server.js';
import { type RunningGateway, startGateway } from './gateway.fixture.js';

export interface FakeStack {
  gateway: RunningGateway;
  keys: KeyPair;
  users: UserState;
  orders: OrderState;
  inventory: InventoryState;
  notifications: NotificationState;
  inventoryServer: FakeGrpcServer;
  stop(): Promise<void>;
}

/** The gateway in-process, in front of stand-ins of the four services it calls, all on free ports. */
export async function startFakeStack(env: Record<string, string> = {}): Promise<FakeStack> {
  const keys = generateSigningKeys();
  const users = new UserState();
  const orders = new OrderState();
  const inventory = new InventoryState();
  const notifications = new NotificationState();
  const servers = {
    user: await startFakeGrpcServer('user', FakeUserController, users),
    order: await startFakeGrpcServer('order', FakeOrderController, orders),
    inventory: await startFakeGrpcServer('inventory', FakeInventoryController, inventory),
    notification: await startFakeGrpcServer('notification', FakeNotificationController, notifications),
  };
  const gateway = await startGateway({
    USER_GRPC_URL: servers.user.url,
    ORDER_GRPC_URL: servers.order.url,
    INVENTORY_GRPC_URL: servers.inventory.url,
    NOTIFICATION_GRPC_URL: servers.notification.url,
    JWT_PUBLIC_KEY: keys.publicKey,
    ...env,
  });
  return {
    gateway,
    keys,
    users,
    orders,
    inventory,
    notifications,
    inventoryServer: servers.inventory,
    async stop() {
      await gateway.close();
      // A server the test already stopped may throw on a second stop; the others still must stop.
      await Promise.allSettled(Object.values(servers).map((server) => server.stop()));
    },
  };
}
