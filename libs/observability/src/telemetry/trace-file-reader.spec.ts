import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ExportedSpan } from './exported-span.js';
import { readTraceFile, spansOfTrace } from './trace-file-reader.js';

const folder = mkdtempSync(join(tmpdir(), 'trace-file-reader-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const otherTraceId = 'a3ce929d0e0e47364bf92f3577b34da6';

function span(overrides: Partial<ExportedSpan>): ExportedSpan {
  return {
    traceId,
    spanId: '00f067aa0ba902b7',
    parentSpanId: null,
    name: 'work',
    kind: 'INTERNAL',
    service: 'order-service',
    startTime: '2026-01-01T12:00:00.000Z',
    durationMs: 1.5,
    status: { code: 'UNSET' },
    attributes: {},
    ...overrides,
  };
}

function writeLines(name: string, lines: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, lines.join(''));
  return path;
}

describe('readTraceFile', () => {
  it('reads the spans of several files, skipping files that do not exist yet', () => {
    const gateway = writeLines('gateway.jsonl', [`${JSON.stringify(span({ service: 'api-gateway', spanId: '1111111111111111' }))}\n`]);
    const order = writeLines('order.jsonl', [`${JSON.stringify(span({ service: 'order-service', spanId: '2222222222222222' }))}\n`]);
    const spans = readTraceFile([gateway, join(folder, 'payment-not-started.jsonl'), order]);
    assert.deepEqual(spans.map((read) => read.service), ['api-gateway', 'order-service']);
  });

  it('skips a last line that is still being written', () => {
    const path = writeLines('partial.jsonl', [`${JSON.stringify(span({}))}\n`, JSON.stringify(span({ spanId: '3333333333333333' })).slice(0, 40)]);
    assert.deepEqual(readTraceFile([path]).map((read) => read.spanId), ['00f067aa0ba902b7']);
  });

  it('refuses a complete line that is not a span, naming the file and line', () => {
    const path = writeLines('broken.jsonl', [`${JSON.stringify(span({}))}\n`, '{"traceId":"nope"}\n']);
    assert.throws(() => readTraceFile([path]), (error: Error) => error.message.startsWith(`${path}:2 is not a span`));
  });
});

describe('spansOfTrace', () => {
  it('keeps only the spans of the trace, in start order, a parent before a child that started in the same millisecond', () => {
    const root = span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'POST /api/v1/orders', startTime: '2026-01-01T12:00:00.000Z' });
    const child = span({ spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: root.spanId, name: 'PlaceOrder', startTime: '2026-01-01T12:00:00.005Z' });
    const grandchild = span({ spanId: 'cccccccccccccccc', parentSpanId: child.spanId, name: 'pg.query', startTime: '2026-01-01T12:00:00.005Z' });
    const later = span({ spanId: 'dddddddddddddddd', parentSpanId: root.spanId, name: 'reserve', startTime: '2026-01-01T12:00:00.040Z' });
    const elsewhere = span({ traceId: otherTraceId, spanId: 'eeeeeeeeeeeeeeee', startTime: '2026-01-01T12:00:00.001Z' });
    // File order: children end, and so are written, before their parents.
    const ordered = spansOfTrace([grandchild, later, elsewhere, child, root], traceId);
    assert.deepEqual(ordered.map((read) => read.name), ['POST /api/v1/orders', 'PlaceOrder', 'pg.query', 'reserve']);
  });
});
