// A small client of the gateway's REST API, for end-to-end tests of the running system. It speaks
// plain HTTP with fetch, as a customer's client would: no code of the gateway is imported.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { runningApp } from './running-app.js';

export interface Reply<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  /** Aborts the call (for example `AbortSignal.timeout(ms)`). */
  signal?: AbortSignal;
}

export interface Customer {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
}

/** The gateway's base URL on the running stack, e.g. http://127.0.0.1:3000. */
export async function gatewayUrl(): Promise<string> {
  const { host, app } = await runningApp('api-gateway');
  return `http://${host}:${app.httpPort}`;
}

export async function call<Body = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Reply<Body>> {
  const response = await fetch(`${await gatewayUrl()}${path}`, {
    method,
    headers: {
      // The services keep a share of new traces (10% by default) but follow a caller that asks for
      // one: every request of the end-to-end tests is traced, so a test can read its trace.
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) as Body };
}

/** An email no earlier run used. */
export function uniqueEmail(label = 'e2e'): string {
  return `${label}-${randomUUID()}@example.com`;
}

/** A new account, logged in. */
export async function newCustomer(label = 'customer'): Promise<Customer> {
  const email = uniqueEmail(label);
  const password = `pw-${randomUUID()}`;
  const registered = await call<{ id: string }>('POST', '/api/v1/auth/register', { body: { email, password, name: `E2E ${label}` } });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const login = await call<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { id: registered.body.id, email, password, token: login.body.accessToken };
}

/** Asserts `reply` is an error of `status` with exactly the standard body (and `code`, when given), and returns its message. */
export function assertErrorReply(reply: Reply, status: number, reasonPhrase: string, code?: string): string {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  const body = reply.body as ErrorBody;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode'], JSON.stringify(body));
  assert.equal(body.statusCode, status);
  assert.match(body.code, /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/, 'a stable code for programs');
  if (code !== undefined) assert.equal(body.code, code);
  assert.equal(body.error, reasonPhrase);
  assert.equal(typeof body.message, 'string');
  assert.doesNotMatch(body.message, /\bat .+\.(js|ts):\d+/, 'no stack trace');
  return body.message;
}
