// @shop/testing/system: drives the running system from outside, as a customer's program or an
// operator would (REST through the gateway, gRPC to an app), for end-to-end tests. No Nest here:
// the system under test is the stack's own processes.
export { assertErrorReply, call, gatewayUrl, newCustomer, uniqueEmail, type CallOptions, type Customer, type ErrorBody, type Reply } from './gateway-client.js';
export { grpcClientOf, type GrpcClient } from './grpc-client.js';
export { finalOrder, notificationsOf, placeOrder, type NotificationView, type OrderView } from './orders.js';
export { inventoryService, paymentService, type Payment, type Product } from './service-clients.js';
