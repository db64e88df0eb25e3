import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 (the last release; the project is unmaintained) re-arms a timer every
 * millisecond on every broker connection even when it has nothing to send: with no request
 * pending and no throttling, `scheduleCheckPendingRequests` computes a delay of
 * `-1 - Date.now()`, which setTimeout clamps to 1 ms, and the check schedules itself again.
 * That loop was most of the CPU of an idle service here (kafkajs issues #1556, #1704, #1751;
 * the fix below is the one proposed in PR #1667 and #1768's review, never released).
 *
 * Patched here, on the class, rather than in node_modules: it then holds wherever @shop/messaging
 * runs (the native stack, the Docker images, which install with --ignore-scripts, and the tests),
 * and a unit test pins it. With nothing pending and no throttle there is nothing to check: a
 * request pushed later schedules its own check (`push`), and every response checks the queue
 * (`fulfillRequest`).
 */
interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
}

const require = createRequire(import.meta.url);
const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueLike };

const original = RequestQueue.prototype.scheduleCheckPendingRequests;

RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueLike) {
  const throttled = this.throttledUntil > Date.now();
  if (this.pending.length === 0 && !throttled) return;
  original.call(this);
};

/** The class the patch applies to, for its test. */
export const KafkaJsRequestQueue = RequestQueue as unknown as new (options: Record<string, unknown>) => RequestQueueLike;
