// Open-loop load: every arrival time is fixed before the first request, and each request is sent
// at its time whether or not the earlier ones were answered. A slow system therefore cannot slow
// the arrivals down and hide its own latency (coordinated omission): latency counts from the
// scheduled time, so time spent queued in this client shows too.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** When each of the `rate × durationSeconds` arrivals is due, in ms after the start: i / rate. */
export function arrivalOffsets(rate, durationSeconds) {
  if (!(rate > 0) || !(durationSeconds > 0)) throw new Error(`rate and duration must be positive (rate ${rate}, duration ${durationSeconds})`);
  const count = Math.max(1, Math.round(rate * durationSeconds));
  return Array.from({ length: count }, (_, index) => (index * 1000) / rate);
}

/**
 * Calls `fire(index, scheduledAt)` at `startAt + offsets[index]` (performance.now() time) for
 * every offset, never awaiting an earlier call. Resolves once the last arrival was fired, with
 * the promises of all the calls and how late the firing ran behind the schedule at worst.
 */
export async function runOpenLoop(offsets, fire, { startAt = performance.now() + 20 } = {}) {
  const calls = [];
  let maxLagMs = 0;
  for (const [index, offset] of offsets.entries()) {
    const scheduledAt = startAt + offset;
    const wait = scheduledAt - performance.now();
    if (wait >= 1) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, performance.now() - scheduledAt);
    calls.push(fire(index, scheduledAt));
  }
  return { startAt, calls, maxLagMs };
}
