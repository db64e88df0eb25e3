/**
 * What kind of failure an error is. Each transport maps kinds once: to a gRPC status
 * (`@shop/errors/grpc`), to an HTTP status (the gateway), to retry-or-dead-letter (a Kafka
 * consumer of `@shop/messaging`). The kinds are gRPC's vocabulary, the transport most of them cross.
 */
export const ERROR_KINDS = [
  /** The request or message is malformed or breaks a rule of the input: asking again changes nothing. */
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  /** The request is well formed but the state does not allow it (a capture of a voided payment). */
  'FAILED_PRECONDITION',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  /** A dependency did not answer: asking again later may work. */
  'UNAVAILABLE',
  /** Whether it happened is not known (a send broke off midway): never retried blindly. */
  'UNKNOWN_OUTCOME',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Kinds worth retrying later; every other kind is a refusal that no retry changes. */
export const TRANSIENT_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['UNAVAILABLE']);

const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

/**
 * A service's error codes and the kind of each: `SERVICE.WHAT` strings that never change meaning,
 * because they cross process boundaries (gRPC trailers, gateway responses, dead letters, logs),
 * where class names do not.
 */
export function defineErrors<const Catalog extends Record<string, ErrorKind>>(catalog: Catalog): Catalog {
  for (const code of Object.keys(catalog)) {
    if (!CODE.test(code)) throw new Error(`error code "${code}" is not SERVICE.WHAT in capitals`);
  }
  return Object.freeze(catalog);
}

/** A failure with a stable code and its kind; `message` is for people and safe to show to a client. */
export class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What a service error's message is made of: `CODE: detail` (the default), the code alone, or the detail alone. */
export type MessageStyle = 'code: detail' | 'code' | 'detail';

/**
 * The error class of a service, from its catalog: `new OrderError('ORDER.NOT_FOUND', 'no order 42')`
 * has the catalog's kind for its code, keeps `detail`, and a message in the service's style.
 *
 * ```ts
 * export const ORDER_ERRORS = defineErrors({ 'ORDER.NOT_FOUND': 'NOT_FOUND', ... });
 * export class OrderError extends serviceErrorClass(ORDER_ERRORS) {}
 * ```
 */
export function serviceErrorClass<const Catalog extends Record<string, ErrorKind>>(catalog: Catalog, style: MessageStyle = 'code: detail') {
  const kinds = defineErrors(catalog);
  type Code = keyof Catalog & string;
  return class ServiceError extends CodedError<Code> {
    constructor(
      code: Code,
      /** What exactly is wrong (which SKUs, which order), for the client or the log as the style says. */
      readonly detail?: string,
      options?: ErrorOptions,
    ) {
      super(code, kindOf(kinds, code), messageOf(code, detail, style), options);
    }
  };
}

function kindOf(catalog: Record<string, ErrorKind>, code: string): ErrorKind {
  const kind = catalog[code];
  if (kind === undefined) throw new Error(`error code ${code} is not in its service's catalog`);
  return kind;
}

function messageOf(code: string, detail: string | undefined, style: MessageStyle): string {
  if (detail === undefined || style === 'code') return code;
  return style === 'detail' ? detail : `${code}: ${detail}`;
}
