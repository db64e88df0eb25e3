import { finishedSpans } from '../testing/test-telemetry.js';
import { Controller, Get } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { eventually, startProbeApp, type ProbeApp } from '../testing/probe-app.js';

// The native stack's PostgreSQL: trust auth on loopback for the superuser.
const postgres = { host: '127.0.0.1', port: Number(process.env.PG_PORT ?? 5432), user: process.env.PG_ADMIN_USER ?? 'postgres', database: 'postgres' };

async function queryOnce(sql: string): Promise<unknown[]> {
  const client = new Client(postgres);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

@Controller('clock')
class ClockController {
  @Get()
  async now() {
    const [row] = await queryOnce('SELECT now() AS now');
    return row;
  }
}

/** The chain of spans from `span` up to the root of its trace, as far as it was recorded. */
function ancestorsOf(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan[] {
  const chain: ReadableSpan[] = [];
  for (let parentId = span.parentSpanContext?.spanId; parentId; ) {
    const parent = spans.find((candidate) => candidate.spanContext().spanId === parentId);
    if (!parent) break;
    chain.push(parent);
    parentId = parent.parentSpanContext?.spanId;
  }
  return chain;
}

describe('PostgreSQL tracing (pg instrumentation, against the local PostgreSQL)', () => {
  let probe: ProbeApp;
  before(async () => {
    probe = await startProbeApp([ClockController]);
  });
  after(() => probe.close());

  it('records a query made while serving a request inside that request\'s trace', async () => {
    const response = await fetch(`${probe.url}/clock`);
    assert.equal(response.status, 200, await response.text());
    const server = await eventually(
      () => finishedSpans.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.attributes['http.route'] === '/clock'),
      'the server span of GET /clock',
    );
    const spans = finishedSpans.getFinishedSpans();
    const query = spans.find((span) => span.kind === SpanKind.CLIENT && span.attributes['db.query.text'] === 'SELECT now() AS now');
    assert.ok(query, `no query span among: ${spans.map((span) => span.name).join(', ')}`);
    assert.equal(query.spanContext().traceId, server.spanContext().traceId);
    assert.ok(ancestorsOf(query, spans).includes(server), 'the query span must descend from the request span');
    assert.equal(query.attributes['db.system.name'] ?? query.attributes['db.system'], 'postgresql');
  });

  it('records no span for a query outside any request or message (a poller)', async () => {
    finishedSpans.reset();
    await queryOnce('SELECT 1 AS orphan');
    assert.deepEqual(finishedSpans.getFinishedSpans().map((span) => span.name), []);
  });
});
