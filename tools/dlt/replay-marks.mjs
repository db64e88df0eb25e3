// What was replayed from a dead-letter topic, kept where Kafka keeps a consumer group's progress.
// Kafka cannot delete a dead letter; instead the replayer's group (`<topic>.dlt.replayer`) commits,
// per partition, a watermark (every dead letter below it was replayed: what `replay --all` moves)
// and, in the commit's metadata, the offsets at or above it that were replayed one by one. So a
// second `replay --all` skips what the first sent, and a single replay is not sent twice by accident.

export function replayerGroupOf(deadLetterTopic) {
  return `${deadLetterTopic}.replayer`;
}

// Kafka refuses commit metadata longer than offset.metadata.max.bytes, 4096 by default.
const MAX_METADATA_LENGTH = 4000;

export class PartitionMarks {
  /** @param {bigint} watermark @param {Iterable<bigint>} singles */
  constructor(watermark = 0n, singles = []) {
    this.watermark = watermark;
    this.singles = new Set([...singles].filter((offset) => offset >= watermark));
  }

  /** From the group's committed offset (`-1` when none) and its metadata. */
  static fromCommitted({ offset, metadata }) {
    const watermark = offset === undefined || BigInt(offset) < 0n ? 0n : BigInt(offset);
    return new PartitionMarks(watermark, singlesOf(metadata));
  }

  isReplayed(offset) {
    const position = BigInt(offset);
    return position < this.watermark || this.singles.has(position);
  }

  /** After replaying one dead letter: remembered on its own, or absorbed by the watermark when it is next. */
  withReplayed(offset) {
    const singles = new Set(this.singles).add(BigInt(offset));
    let watermark = this.watermark;
    while (singles.delete(watermark)) watermark += 1n;
    return new PartitionMarks(watermark, singles);
  }

  /** After `replay --all` went past `offset` in order: everything up to it was replayed or skipped as replayed. */
  withSweptPast(offset) {
    const next = BigInt(offset) + 1n;
    return new PartitionMarks(next > this.watermark ? next : this.watermark, this.singles);
  }

  equals(other) {
    return this.watermark === other.watermark && this.singles.size === other.singles.size && [...this.singles].every((offset) => other.singles.has(offset));
  }

  /** The offset and metadata to commit for this partition. */
  toCommit() {
    const singles = [...this.singles].sort((a, b) => (a < b ? -1 : 1)).map(String);
    const metadata = singles.length > 0 ? JSON.stringify({ replayed: singles }) : null;
    if (metadata !== null && metadata.length > MAX_METADATA_LENGTH) {
      throw new Error(`too many dead letters replayed one by one above offset ${this.watermark} to record (${singles.length}): run replay --all, which records them as one range`);
    }
    return { offset: this.watermark.toString(), metadata };
  }
}

function singlesOf(metadata) {
  if (!metadata) return [];
  try {
    const { replayed } = JSON.parse(metadata);
    return Array.isArray(replayed) ? replayed.map((offset) => BigInt(offset)) : [];
  } catch {
    // Not written by this tool: only the watermark counts.
    return [];
  }
}

/** The marks of every partition of `deadLetterTopic`, as the replayer group last committed them. */
export async function readReplayMarks(admin, deadLetterTopic) {
  const [committed] = await admin.fetchOffsets({ groupId: replayerGroupOf(deadLetterTopic), topics: [deadLetterTopic] });
  const marks = new Map();
  for (const partition of committed?.partitions ?? []) marks.set(partition.partition, PartitionMarks.fromCommitted(partition));
  return marks;
}

export function marksOf(marks, partition) {
  return marks.get(partition) ?? new PartitionMarks();
}
