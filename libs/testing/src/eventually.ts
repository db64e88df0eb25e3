import { setTimeout as sleep } from 'node:timers/promises';

/** What a check returns while what it waits for has not happened yet. */
export type NotYet = undefined | null | false;

export interface EventuallyOptions {
  /**
   * How long to keep checking. Generous by default: a Kafka consumer joining its group on the shared
   * broker can take tens of seconds, and a passing test never waits for the whole of it.
   */
  timeoutMs?: number;
  /** Pause between two checks. */
  intervalMs?: number;
}

const EVENTUALLY_DEFAULTS: Required<EventuallyOptions> = { timeoutMs: 60_000, intervalMs: 100 };

/**
 * Runs `check` until it returns something other than `undefined`, `null` or `false`, and returns
 * that: for effects that happen asynchronously (a consumer handled a message, a row appeared).
 * After `timeoutMs` it fails with an error naming `what`, so phrase `what` as what was awaited
 * ("the saga to reach CONFIRMING"). An error thrown by `check` fails at once: it is not retried.
 */
export async function eventually<T>(what: string, check: () => T | NotYet | Promise<T | NotYet>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs, intervalMs } = { ...EVENTUALLY_DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== null && result !== false) return result;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`gave up after ${timeoutMs} ms waiting for: ${what}`);
    // The last pause ends at the deadline, so the check runs one final time when the time is up.
    await sleep(Math.min(intervalMs, remaining));
  }
}
