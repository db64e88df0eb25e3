// The gateway's REST API for the demo and the benchmark: a customer's calls, with fetch.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { apps, host } from '../libs/topology/src/topology.mjs';

const gateway = apps.find((app) => app.name === 'api-gateway');
export const apiBase = `http://${host}:${gateway.httpPort}/api/v1`;

/**
 * A W3C `traceparent` with the sampled flag: the services keep only a share of new traces
 * (OTEL_TRACES_SAMPLER_ARG, 10% by default) but always follow a caller that asks for the trace,
 * so every call of the demo is traced whatever the ratio.
 */
export const sampledTraceparent = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

/** `{ status, traceId, body }`; `onAnswer` sees each call (the demo prints them). Every call is traced. */
export async function call(method, path, { token, body, headers = {}, onAnswer } = {}) {
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: { traceparent: sampledTraceparent(), ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const answer = { status: response.status, traceId: response.headers.get('x-trace-id'), body: text ? JSON.parse(text) : undefined };
  onAnswer?.(method, path, answer);
  return answer;
}

/** Registers and logs in a new customer: `{ email, token }`. */
export async function newCustomer(label, options = {}) {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `${label}-password-123`;
  await call('POST', '/auth/register', { ...options, body: { email, password, name: `${label} customer` } });
  const login = await call('POST', '/auth/login', { ...options, body: { email, password } });
  if (login.status !== 200) throw new Error(`log-in failed (${login.status}): ${JSON.stringify(login.body)}`);
  return { email, token: login.body.accessToken };
}

/** Polls an order until its saga has ended, or the wait runs out (then it is still PENDING). */
export async function finalOrder(token, orderId, { pollMs = 250, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call('GET', `/orders/${orderId}`, { token });
    if (body.status !== 'PENDING' || Date.now() > deadline) return body;
    await sleep(pollMs);
  }
}
