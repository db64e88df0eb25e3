// The generated gRPC types, one namespace per proto package: `userV1.UserServiceController`,
// `orderV1.OrderStatus.ORDER_STATUS_CONFIRMED`. Generated code is never edited: change the .proto
// and run `npm run contracts:generate`.
export * as inventoryV1 from '../generated/shop/inventory/v1/inventory';
export * as notificationV1 from '../generated/shop/notification/v1/notification';
export * as orderV1 from '../generated/shop/order/v1/order';
export * as paymentV1 from '../generated/shop/payment/v1/payment';
export * as userV1 from '../generated/shop/user/v1/user';
