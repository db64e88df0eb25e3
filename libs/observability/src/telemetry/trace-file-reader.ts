import { readFileSync } from 'node:fs';
import { exportedSpanSchema, type ExportedSpan } from './exported-span.js';

/**
 * Every span in the given OTEL_TRACES_FILE files (one per app), for tests and the demo. A file that
 * does not exist yet holds no spans (its app has not flushed any); a last line without its newline
 * is a write in progress and is skipped. Any other line that is not a span is an error.
 */
export function readTraceFile(paths: string[]): ExportedSpan[] {
  return paths.flatMap(readSpans);
}

/**
 * The spans of one trace in the order they started; within the same millisecond a parent comes
 * before its children, so a printed timeline reads top-down.
 */
export function spansOfTrace(spans: ExportedSpan[], traceId: string): ExportedSpan[] {
  const inTrace = spans.filter((span) => span.traceId === traceId);
  const byId = new Map(inTrace.map((span) => [span.spanId, span]));
  const depthOf = (span: ExportedSpan): number => {
    let depth = 0;
    for (let parent = span.parentSpanId; parent !== null && byId.has(parent) && depth <= byId.size; depth++) {
      parent = byId.get(parent)?.parentSpanId ?? null;
    }
    return depth;
  };
  const depths = new Map(inTrace.map((span) => [span, depthOf(span)]));
  return inTrace.sort((a, b) => a.startTime.localeCompare(b.startTime) || (depths.get(a) ?? 0) - (depths.get(b) ?? 0));
}

function readSpans(path: string): ExportedSpan[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  // After the last newline: empty, or a line still being written.
  lines.pop();
  return lines.flatMap((line, index) => (line.trim() === '' ? [] : [parseSpan(line, `${path}:${index + 1}`)]));
}

function parseSpan(line: string, where: string): ExportedSpan {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  const result = exportedSpanSchema.safeParse(json);
  if (!result.success) throw new Error(`${where} is not a span: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return result.data;
}
