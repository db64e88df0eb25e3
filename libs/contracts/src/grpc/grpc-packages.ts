// The generated gRPC types, one namespace per proto package: `userV1.UserServiceController`,
// `orderV1.OrderStatus.ORDER_STATUS_CONFIRMED`. Generated code is never edited: change the .proto
// and run `npm run contracts:generate`.
export * as inventoryV1 from '../generated/shop/inventory/v1/inventory.js';
export * as notificationV1 from '../generated/shop/notification/v1/notification.js';
export * as orderV1 from '../generated/shop/order/v1/order.js';
export * as paymentV1 from '../generated/shop/payment/v1/payment.js';
export * as userV1 from '../generated/shop/user/v1/user.js';
// (npx nx g @shop/tooling:service adds new packages above this line)
