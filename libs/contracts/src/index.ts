// Public API of @shop/contracts: what services agree on over gRPC and over Kafka.
export * from './grpc/grpc-packages.js';
export { grpcLoaderOptions } from './grpc/grpc-loader-options.js';
export { GRPC_SERVICES, PROTO_ROOT, grpcOptionsFor, type GrpcServiceContract, type GrpcServiceKey } from './grpc/grpc-services.js';

export * from './messages/index.js';
export { JWT_AUDIENCE, JWT_ISSUER, revokedTokenKey } from './auth/revoked-token-key.js';
