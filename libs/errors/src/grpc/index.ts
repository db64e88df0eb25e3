// @shop/errors/grpc: the gRPC transport's mapper of the error kit.
export { ERROR_CODE_TRAILER, GrpcErrorsInterceptor, type GrpcErrorsOptions, toRpcException } from './grpc-errors.interceptor.js';
