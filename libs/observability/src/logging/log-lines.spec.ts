import '../testing/test-telemetry.js';
import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startProbeApp, type ProbeApp } from '../testing/probe-app.js';
import { CorrelationContext } from './correlation-context.js';

@Controller()
class ProbeController {
  private readonly logger = new Logger(ProbeController.name);

  constructor(private readonly pino: PinoLogger) {}

  @Get('whoami')
  whoAmI() {
    this.logger.log('answering whoami');
    return { correlationId: CorrelationContext.current() ?? null };
  }

  @Post('orders')
  placeOrder() {
    const orderId = 'ord-5d1c';
    return CorrelationContext.run(orderId, () => {
      this.logger.log('order placed');
      return { orderId };
    });
  }

  @Post('sessions')
  signIn(@Body() body: { email: string; password: string }) {
    this.pino.info({ user: { email: body.email, password: body.password }, accessToken: 'eyJ-access-secret', password: body.password }, 'signed in');
    this.pino.info({ refreshToken: 'refresh-secret', paymentToken: 'tok_card_secret', request: { headers: { authorization: 'Basic c2VjcmV0' } } }, 'tokens issued');
    return { ok: true };
  }
}

describe('log lines', () => {
  let probe: ProbeApp;
  before(async () => {
    probe = await startProbeApp([ProbeController]);
  });
  after(() => probe.close());

  const lineSaying = (msg: string, nth = 0) => eventually(() => probe.logs.filter((line) => line.msg === msg)[nth], `log line "${msg}"`);

  it('carry the correlation id a request names in x-correlation-id, and echo it back', async () => {
    const response = await fetch(`${probe.url}/whoami`, { headers: { 'x-correlation-id': 'checkout-7f3a9c' } });
    assert.deepEqual(await response.json(), { correlationId: 'checkout-7f3a9c' });
    assert.equal(response.headers.get('x-correlation-id'), 'checkout-7f3a9c');
    assert.equal((await lineSaying('answering whoami')).correlationId, 'checkout-7f3a9c');
    const accessLine = await eventually(() => probe.logs.find((line) => line.msg === 'request completed' && line.correlationId), 'the access log line');
    assert.equal(accessLine.correlationId, 'checkout-7f3a9c');
  });

  it('ignore a correlation id that is too long or not shaped like an id', async () => {
    for (const value of ['x'.repeat(129), 'DROP TABLE orders; --']) {
      const response = await fetch(`${probe.url}/whoami`, { headers: { 'x-correlation-id': value } });
      assert.deepEqual(await response.json(), { correlationId: null });
    }
    const lines = probe.logs.filter((line) => line.msg === 'answering whoami');
    assert.equal(lines.length, 3);
    assert.equal(lines[1]!.correlationId, undefined);
    assert.equal(lines[2]!.correlationId, undefined);
  });

  it('take the correlation id from W3C baggage, as the previous service sends it', async () => {
    const response = await fetch(`${probe.url}/whoami`, { headers: { baggage: 'correlation_id=ord-from-upstream' } });
    assert.deepEqual(await response.json(), { correlationId: 'ord-from-upstream' });
  });

  it('carry the correlation id that code sets with CorrelationContext.run', async () => {
    await fetch(`${probe.url}/orders`, { method: 'POST' });
    const line = await lineSaying('order placed');
    assert.equal(line.correlationId, 'ord-5d1c');
    assert.match(String(line.trace_id), /^[0-9a-f]{32}$/);
  });

  it('never contain passwords, tokens, cookies or authorization headers', async () => {
    await fetch(`${probe.url}/sessions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer header-bearer-secret',
        cookie: 'session=cookie-secret',
        'idempotency-key': 'idem-secret',
      },
      body: JSON.stringify({ email: 'ada@example.com', password: 'hunter2-secret' }),
    });
    const signedIn = await lineSaying('signed in');
    const issued = await lineSaying('tokens issued');
    const access = await eventually(() => probe.logs.find((line) => line.msg === 'request completed' && (line.req as { url: string }).url === '/sessions'), 'the access log line');

    const output = probe.rawLogs.join('');
    for (const secret of ['hunter2-secret', 'eyJ-access-secret', 'refresh-secret', 'tok_card_secret', 'c2VjcmV0', 'header-bearer-secret', 'cookie-secret', 'idem-secret']) {
      assert.equal(output.includes(secret), false, `"${secret}" reached the log output`);
    }
    assert.deepEqual(signedIn.user, { email: 'ada@example.com', password: '[redacted]' });
    assert.equal(signedIn.password, '[redacted]');
    assert.equal(signedIn.accessToken, '[redacted]');
    assert.equal(issued.refreshToken, '[redacted]');
    assert.deepEqual((issued.request as { headers: object }).headers, { authorization: '[redacted]' });
    const headers = (access.req as { headers: Record<string, string> }).headers;
    assert.equal(headers.authorization, '[redacted]');
    assert.equal(headers.cookie, '[redacted]');
    assert.equal(headers['idempotency-key'], '[redacted]');
  });
});
