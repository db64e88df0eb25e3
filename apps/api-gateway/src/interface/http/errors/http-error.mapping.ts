import { HttpException, HttpStatus } from '@nestjs/common';
import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, GrpcStatus, TaskCancelledError } from '@shop/resilience';
import { CodedError, type ErrorKind } from '@shop/errors';
// The trailer in which every service names the code of its refusal (@shop/errors/grpc writes it).
import { ERROR_CODE_TRAILER } from '@shop/errors/grpc';

/** What a failure becomes over HTTP. `detail` goes to the log, never to the client. */
export interface HttpError {
  status: number;
  /** Stable, for programs: the service's own code of a refusal, or the generic one of the status. */
  code: string;
  message: string;
  detail?: string;
}

export const INTERNAL_ERROR_MESSAGE = 'internal error';
const UNAVAILABLE_MESSAGE = 'a service behind the gateway is unavailable, try again later';
const TIMEOUT_MESSAGE = 'a service behind the gateway did not answer in time';

/** The one translation of gRPC status codes into HTTP; anything not listed is a 500. */
const HTTP_STATUS_OF_GRPC: Partial<Record<GrpcStatus, HttpStatus>> = {
  [GrpcStatus.INVALID_ARGUMENT]: HttpStatus.BAD_REQUEST,
  [GrpcStatus.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [GrpcStatus.PERMISSION_DENIED]: HttpStatus.FORBIDDEN,
  [GrpcStatus.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [GrpcStatus.ALREADY_EXISTS]: HttpStatus.CONFLICT,
  [GrpcStatus.FAILED_PRECONDITION]: HttpStatus.CONFLICT,
  [GrpcStatus.RESOURCE_EXHAUSTED]: HttpStatus.TOO_MANY_REQUESTS,
  [GrpcStatus.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [GrpcStatus.DEADLINE_EXCEEDED]: HttpStatus.GATEWAY_TIMEOUT,
};

/** The HTTP transport's mapping of @shop/errors kinds, for the gateway's own coded refusals. */
const HTTP_STATUS_OF_KIND: Record<ErrorKind, HttpStatus> = {
  INVALID_ARGUMENT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ALREADY_EXISTS: HttpStatus.CONFLICT,
  FAILED_PRECONDITION: HttpStatus.CONFLICT,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  PERMISSION_DENIED: HttpStatus.FORBIDDEN,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  UNKNOWN_OUTCOME: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** The code of a failure that carries none of its own, by status. */
const CODE_OF_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'REQUEST.INVALID',
  [HttpStatus.UNAUTHORIZED]: 'AUTH.UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'AUTH.FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'REQUEST.TOO_LARGE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'DEPENDENCY.UNAVAILABLE',
  [HttpStatus.GATEWAY_TIMEOUT]: 'DEPENDENCY.TIMEOUT',
};

export function codeOfStatus(status: number): string {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.REFUSED');
}

/** A service's refusal reads `ORDER.UNKNOWN_SKUS: unknown SKUs: SKU-9` (or only the code): its code, if it has one. */
const SERVICE_CODE = /^([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)+)(?::|$)/;

function serviceCodeOf(details: string): string | undefined {
  return SERVICE_CODE.exec(details)?.[1];
}

export function httpStatusOfGrpc(code: number): HttpStatus {
  return HTTP_STATUS_OF_GRPC[code as GrpcStatus] ?? HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Every failure a request can end in, as an HTTP status and a message safe to show. */
export function httpErrorOf(exception: unknown): HttpError {
  const { status, code, message, detail } = statusAndMessageOf(exception);
  return { status, code: code ?? codeOfStatus(status), message, ...(detail === undefined ? {} : { detail }) };
}

function statusAndMessageOf(exception: unknown): Omit<HttpError, 'code'> & { code?: string } {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof CodedError) return { status: HTTP_STATUS_OF_KIND[exception.kind], code: exception.code, message: exception.message };
  // Our own circuit breaker or bulkhead shed the call: the dependency was not even asked.
  if (exception instanceof BrokenCircuitError || exception instanceof BulkheadRejectedError) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, message: UNAVAILABLE_MESSAGE, detail: exception.message };
  }
  if (exception instanceof DependencyTimeoutError) return { status: HttpStatus.GATEWAY_TIMEOUT, message: TIMEOUT_MESSAGE, detail: exception.message };
  if (exception instanceof TaskCancelledError) return { status: HttpStatus.SERVICE_UNAVAILABLE, message: UNAVAILABLE_MESSAGE, detail: exception.message };
  if (isGrpcError(exception)) return fromGrpcError(exception);
  if (isClientErrorOfBodyParser(exception)) return fromBodyParserError(exception);
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: INTERNAL_ERROR_MESSAGE, detail: describe(exception) };
}

function fromHttpException(exception: HttpException): Omit<HttpError, 'code'> {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (status >= 500) return { status, message: status === 500 ? INTERNAL_ERROR_MESSAGE : exception.message, detail: describe(exception) };
  if (typeof response === 'string') return { status, message: response };
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return { status, message };
  if (Array.isArray(message)) return { status, message: message.map(String).join('; ') };
  return { status, message: exception.message };
}

interface GrpcError {
  code: number;
  details: string;
  message: string;
  metadata?: { get?: (key: string) => unknown[] };
}

// A grpc-js ServiceError, as NestJS's ClientGrpc passes it on: a numeric status code and its details.
function isGrpcError(exception: unknown): exception is GrpcError {
  const candidate = exception as Partial<GrpcError> | null;
  return typeof candidate?.code === 'number' && typeof candidate.details === 'string';
}

function fromGrpcError(error: GrpcError): Omit<HttpError, 'code'> & { code?: string } {
  const status = httpStatusOfGrpc(error.code);
  const detail = `gRPC ${GrpcStatus[error.code] ?? error.code}: ${error.details}`;
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return { status, message: UNAVAILABLE_MESSAGE, detail };
  if (status === HttpStatus.GATEWAY_TIMEOUT) return { status, message: TIMEOUT_MESSAGE, detail };
  if (status >= 500) return { status, message: INTERNAL_ERROR_MESSAGE, detail };
  // The services answer refusals with a stable code or a validation message, both meant for the client.
  const trailer = error.metadata?.get?.(ERROR_CODE_TRAILER)[0];
  const code = typeof trailer === 'string' && SERVICE_CODE.test(trailer) ? trailer : serviceCodeOf(error.details);
  return { status, ...(code === undefined ? {} : { code }), message: error.details || (GrpcStatus[error.code] ?? 'request refused') };
}

interface BodyParserError {
  status: number;
  expose: boolean;
  message: string;
}

// body-parser, before any controller, reports an oversized or undecodable body as an http-errors
// error (Nest itself turns its SyntaxError for malformed JSON into a BadRequestException).
function isClientErrorOfBodyParser(exception: unknown): exception is BodyParserError {
  const candidate = exception as Partial<BodyParserError> | null;
  return typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500 && candidate.expose === true;
}

function fromBodyParserError(error: BodyParserError): Omit<HttpError, 'code'> {
  return { status: error.status, message: error.message };
}

function describe(exception: unknown): string {
  if (!(exception instanceof Error)) return String(exception);
  const stack = exception.stack ?? `${exception.name}: ${exception.message}`;
  // nestjs-zod's ZodSerializationException: a response that does not match its schema, a bug of ours.
  const zodError = (exception as { getZodError?: () => unknown }).getZodError?.();
  return zodError instanceof Error ? `${stack}\ncaused by ${zodError.message}` : stack;
}
