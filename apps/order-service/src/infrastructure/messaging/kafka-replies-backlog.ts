import type { KafkaConnection } from '@shop/messaging';
import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { RepliesBacklog } from '../../application/ports/replies-backlog.js';

/** The consumer group that consumes the replies, and its topics. */
export interface RepliesSubscription {
  readonly groupId: string;
  readonly topics: readonly string[];
}

const POLL_INTERVAL_MS = 500;

/**
 * Compares the consumer group's committed offsets with the end of each replies partition as it
 * was at start-up. By offsets, not by a quiet moment: replies keep arriving while it waits.
 */
export class KafkaRepliesBacklog extends RepliesBacklog {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly subscription: RepliesSubscription,
  ) {
    super();
  }

  async waitUntilConsumed(maxWaitMs: number, signal: AbortSignal): Promise<'consumed' | 'gave-up-waiting'> {
    const giveUpAt = Date.now() + maxWaitMs;
    const admin = this.connection.kafka.admin();
    try {
      await admin.connect();
      const waiting = await this.waitingAtStart(admin);
      while (Date.now() < giveUpAt && !signal.aborted) {
        if (await this.consumedUpTo(admin, waiting)) return 'consumed';
        await sleep(POLL_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
      }
      return 'gave-up-waiting';
    } catch {
      // Kafka is away: replies cannot be consumed now either. Wait out the bound, then sweep.
      await sleep(Math.max(0, giveUpAt - Date.now()), undefined, { signal }).catch(() => undefined);
      return 'gave-up-waiting';
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * `topic/partition` → where the replies waiting at start-up begin (the partition's low mark, for
   * a group that never committed there) and end (the offset after the last one).
   */
  private async waitingAtStart(admin: Admin): Promise<Map<string, { start: bigint; end: bigint }>> {
    const waiting = new Map<string, { start: bigint; end: bigint }>();
    for (const topic of this.subscription.topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) {
        waiting.set(`${topic}/${partition.partition}`, { start: BigInt(partition.low), end: BigInt(partition.high) });
      }
    }
    return waiting;
  }

  private async consumedUpTo(admin: Admin, waiting: Map<string, { start: bigint; end: bigint }>): Promise<boolean> {
    const committed = await admin.fetchOffsets({ groupId: this.subscription.groupId, topics: [...this.subscription.topics] });
    for (const [key, { start, end }] of waiting) {
      const [topic, partition] = key.split('/') as [string, string];
      const offset = committed.find((entry) => entry.topic === topic)?.partitions.find((entry) => String(entry.partition) === partition)?.offset ?? '-1';
      // -1: the group never committed here, so it has consumed nothing of what was waiting.
      const next = offset === '-1' ? start : BigInt(offset);
      if (next < end) return false;
    }
    return true;
  }
}
