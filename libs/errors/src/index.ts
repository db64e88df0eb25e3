// @shop/errors: coded errors and request parsing, free of Nest and gRPC (domain code imports it).
// The gRPC mapper is @shop/errors/grpc.
export { CodedError, ERROR_KINDS, type ErrorKind, type MessageStyle, TRANSIENT_KINDS, defineErrors, serviceErrorClass } from './coded-error.js';
export { InvalidRequestError, parseRequest } from './parse-request.js';
