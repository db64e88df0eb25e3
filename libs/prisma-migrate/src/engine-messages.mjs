// The schema engine reports through multi-line Rust errors (with backtraces and code frames) and
// JSON log lines. A migration tool run in a container log or a terminal should say what went
// wrong in one line, so both are condensed here.

const BACKTRACE_LINE = /^\s*\d+: [\w:]+/;
const CODE_FRAME_LINE = /^\s*(\d+\s*)?\|/;
const NOISE = new Set(['external connector error']);

/** One line for any error thrown by the engine, the adapter or this tool. */
export function oneLineError(error) {
  const message = String(error?.message ?? error);
  const kept = [];
  for (const rawLine of message.split('\n')) {
    if (BACKTRACE_LINE.test(rawLine)) break;
    const line = rawLine.trim().replace(/^error: /, '');
    if (line && !CODE_FRAME_LINE.test(rawLine) && !NOISE.has(line)) kept.push(line);
  }
  const text = kept.join(' ').replace(/\s+/g, ' ') || error?.name || 'unknown error';
  return error?.code && !text.includes(error.code) ? `${error.code} ${text}` : text;
}

/** `{ level, text }` for one log line of the engine (JSON from its tracing subscriber). */
export function parseEngineLog(line) {
  const trimmed = String(line).trim();
  try {
    const entry = JSON.parse(trimmed);
    return { level: String(entry.level ?? 'INFO').toLowerCase(), text: String(entry.fields?.message ?? trimmed) };
  } catch {
    return { level: 'info', text: trimmed };
  }
}
