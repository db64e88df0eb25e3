import type { LoggerService } from '@nestjs/common';
import type { Consumer, KafkaMessage } from 'kafkajs';

interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

const partitionKey = ({ topic, partition }: PartitionOffset): string => `${topic}:${partition}`;

const GROUP_CHANGES = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

/**
 * The offsets a consumer handled and has not committed yet, committed together: one request for
 * all partitions, one commit at a time, in order. An offset commit is a write to Kafka's
 * __consumer_offsets log; one per message was a good part of the broker's work per order.
 */
export class HandledOffsets {
  /** The next offset to read of each partition, handled but not committed yet. */
  private readonly pending = new Map<string, PartitionOffset>();
  private commits: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: Consumer,
    private readonly logger: LoggerService,
  ) {}

  /** `message` is handled or parked: the next offset to read goes with the next commit. */
  mark(topic: string, partition: number, message: KafkaMessage): void {
    const handled = { topic, partition, offset: (BigInt(message.offset) + 1n).toString() };
    this.pending.set(partitionKey(handled), handled);
  }

  /** A failed commit keeps its offsets for the next one, unless a later message moved them on. */
  commit(): Promise<void> {
    this.commits = this.commits.then(async () => {
      if (this.pending.size === 0) return;
      const offsets = [...this.pending.values()];
      this.pending.clear();
      try {
        await this.consumer.commitOffsets(offsets);
      } catch (error) {
        // The group moved on (a rebalance): those partitions may be another member's now, which
        // handles the messages again (idempotent consumers). Otherwise, the next commit retries.
        if (GROUP_CHANGES.has((error as { type?: string }).type ?? '')) return;
        for (const entry of offsets) if (!this.pending.has(partitionKey(entry))) this.pending.set(partitionKey(entry), entry);
        this.logger.warn(`offset commit failed, kept for the next one: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.commits;
  }
}
