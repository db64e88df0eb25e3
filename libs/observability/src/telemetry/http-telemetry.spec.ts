import { finishedSpans } from '../testing/test-telemetry.js';
import { Controller, Get, Logger, Param } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startProbeApp, type ProbeApp } from '../testing/probe-app.js';
import { UNMATCHED_ROUTE } from './http-route-label.js';

@Controller('items')
class ItemsController {
  private readonly logger = new Logger(ItemsController.name);

  @Get(':id')
  find(@Param('id') id: string) {
    this.logger.log(`looking up item ${id}`);
    return { id };
  }
}

const serverSpanOf = (path: string) => () =>
  finishedSpans.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.attributes['url.path'] === path);

describe('HTTP telemetry of an app', () => {
  let probe: ProbeApp;
  before(async () => {
    probe = await startProbeApp([ItemsController]);
  });
  after(() => probe.close());

  it('records a server span named by the route template, whose trace id the request log lines carry', async () => {
    const response = await fetch(`${probe.url}/items/42`);
    assert.equal(response.status, 200);
    const span: ReadableSpan = await eventually(serverSpanOf('/items/42'), 'the server span of GET /items/42');
    assert.equal(span.name, 'GET /items/:id');
    assert.equal(span.attributes['http.route'], '/items/:id');

    const traceId = span.spanContext().traceId;
    const handlerLine = await eventually(() => probe.logs.find((line) => line.msg === 'looking up item 42'), 'the handler log line');
    const completedLine = await eventually(() => probe.logs.find((line) => line.msg === 'request completed' && (line.req as { url: string }).url === '/items/42'), 'the access log line');
    assert.equal(handlerLine.trace_id, traceId);
    assert.match(String(handlerLine.span_id), /^[0-9a-f]{16}$/);
    assert.equal(completedLine.trace_id, traceId);
  });

  it('continues the caller\'s trace from a W3C traceparent header', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    await fetch(`${probe.url}/items/7`, { headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` } });
    const span = await eventually(serverSpanOf('/items/7'), 'the server span of GET /items/7');
    assert.equal(span.spanContext().traceId, callerTrace);
    assert.equal(span.parentSpanContext?.spanId, callerSpan);
  });

  it('labels the request duration histogram with route templates, never raw paths', async () => {
    await fetch(`${probe.url}/items/1001`);
    await fetch(`${probe.url}/no/such/page-31337`);
    await eventually(serverSpanOf('/no/such/page-31337'), 'the 404 to be recorded');

    const metrics = await (await fetch(`${probe.url}/metrics`)).text();
    const samples = metrics.split('\n').filter((line) => line.startsWith('http_server_request_duration_seconds_count{'));
    assert.ok(samples.some((line) => line.includes('http_route="/items/:id"') && line.includes('http_response_status_code="200"')), metrics);
    assert.ok(samples.some((line) => line.includes(`http_route="${UNMATCHED_ROUTE}"`) && line.includes('http_response_status_code="404"')), metrics);
    assert.match(metrics, /# TYPE http_server_request_duration_seconds histogram/);
    for (const rawPath of ['/items/1001', '/items/42', 'page-31337']) assert.equal(metrics.includes(rawPath), false, `${rawPath} leaked into a label`);
  });

  it('neither traces nor times the health and metrics endpoints', async () => {
    await fetch(`${probe.url}/metrics`);
    const metrics = await (await fetch(`${probe.url}/metrics`)).text();
    assert.equal(metrics.includes('http_route="/metrics"'), false);
    assert.equal(finishedSpans.getFinishedSpans().some((span) => span.attributes['url.path'] === '/metrics'), false);
  });
});
