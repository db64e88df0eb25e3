import type { Redis } from 'ioredis';
import { jitteredTtlMs } from './jittered-ttl.js';
import { MemoryTier } from './memory-tier.js';
import { SingleFlight } from './single-flight.js';

// Hand-written rather than taken from a library: the one candidate in node_modules, `cacheable`
// (there for ESLint's file cache; no Redis store installed), has tiers and a coalescing getOrSet,
// but no fill guarded against a concurrent delete (below) and no "not found" with a TTL of its
// own; with those added around it, it would save nothing over the few lines each takes here.

/** How a lookup was answered, for the hit/miss counter. */
export type CacheLookupOutcome = 'memory_hit' | 'redis_hit' | 'coalesced' | 'loaded';
export type CacheOperation = 'read' | 'fill' | 'delete';

export interface TieredCacheOptions {
  redis: Redis;
  /** Prepended to every Redis key. */
  keyPrefix: string;
  /** Time a value stays in Redis, before jitter. */
  ttlMs: number;
  /** Time Redis remembers that nothing exists under a key, before jitter. */
  missTtlMs: number;
  /** Time each process keeps an entry in memory; what another process may serve after a write. */
  memoryTtlMs: number;
  /** TTLs move at random by up to ± this share of themselves. */
  jitterRatio?: number;
  maxMemoryEntries?: number;
  onLookup?: (outcome: CacheLookupOutcome) => void;
  /** Redis failing costs freshness or speed, never an answer: reads fall back to the loader. */
  onRedisError?: (operation: CacheOperation, error: Error) => void;
}

/** What is cached under a key: a value, or the fact that there is none (negative caching). */
type Entry<V> = { found: true; value: V } | { found: false };

/**
 * Fills the value key only while the key's generation is still the one read before loading.
 * A write bumps the generation when it deletes the value, so a reader that loaded the old row
 * just before the write committed cannot put it back for a whole TTL afterwards.
 */
const FILL_IF_GENERATION_UNCHANGED = `
if (redis.call('GET', KEYS[2]) or '') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/** Longer than any load can take, so a generation never lapses while a reader holds it. */
const GENERATION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Cache-aside in two tiers: memory (seconds) in front of Redis (about an hour, jittered), loading
 * from the system of record on a miss, one load per key at a time, misses remembered briefly.
 * Writers do not write the cache: they `delete` the keys they changed once their transaction
 * committed, and the next read loads the new data.
 */
export class TieredCache<V> {
  private readonly memory: MemoryTier<Entry<V>>;
  private readonly flights = new SingleFlight<Entry<V>>();
  private readonly jitterRatio: number;
  /** Bumped by every delete; an answer fetched across a delete is not kept in memory. */
  private epoch = 0;

  constructor(private readonly options: TieredCacheOptions) {
    this.memory = new MemoryTier(options.maxMemoryEntries ?? 10_000);
    this.jitterRatio = options.jitterRatio ?? 0.1;
  }

  /** The value under `key`, or undefined when `load` found none; `load` runs on a miss in both tiers. */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const remembered = this.memory.get(key);
    if (remembered) {
      this.options.onLookup?.('memory_hit');
      return valueOf(remembered);
    }
    if (this.flights.isRunning(key)) this.options.onLookup?.('coalesced');
    return valueOf(await this.flights.run(key, () => this.fetch(key, load)));
  }

  /** Forgets `keys` in this process and in Redis; call it after the transaction that changed them committed. */
  async delete(keys: readonly string[]): Promise<void> {
    this.epoch += 1;
    for (const key of keys) {
      this.memory.delete(key);
      this.flights.forget(key);
    }
    if (keys.length === 0) return;
    const transaction = this.options.redis.multi();
    for (const key of keys) {
      transaction.incr(this.generationKey(key)).pexpire(this.generationKey(key), GENERATION_TTL_MS).del(this.valueKey(key));
    }
    try {
      const results = await transaction.exec();
      const failed = results?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    } catch (error) {
      this.options.onRedisError?.('delete', asError(error));
    }
  }

  private async fetch(key: string, load: () => Promise<V | undefined>): Promise<Entry<V>> {
    const epoch = this.epoch;
    const remote = await this.readRedis(key);
    let entry: Entry<V>;
    if (remote?.entry) {
      entry = remote.entry;
      this.options.onLookup?.('redis_hit');
    } else {
      const value = await load();
      entry = value === undefined ? { found: false } : { found: true, value };
      this.options.onLookup?.('loaded');
      // Without the generation read (Redis failed) a fill could not be guarded: skip it.
      if (remote) await this.fillRedis(key, entry, remote.generation);
    }
    if (epoch === this.epoch) this.memory.set(key, entry, this.memoryTtlOf(entry));
    return entry;
  }

  /** The cached entry (if any) and the key's generation; null when Redis failed. */
  private async readRedis(key: string): Promise<{ entry: Entry<V> | undefined; generation: string } | null> {
    try {
      const [stored, generation] = await this.options.redis.mget(this.valueKey(key), this.generationKey(key));
      return { entry: stored ? (JSON.parse(stored) as Entry<V>) : undefined, generation: generation ?? '' };
    } catch (error) {
      this.options.onRedisError?.('read', asError(error));
      return null;
    }
  }

  private async fillRedis(key: string, entry: Entry<V>, generation: string): Promise<void> {
    const ttlMs = jitteredTtlMs(entry.found ? this.options.ttlMs : this.options.missTtlMs, this.jitterRatio);
    try {
      await this.options.redis.eval(FILL_IF_GENERATION_UNCHANGED, 2, this.valueKey(key), this.generationKey(key), generation, JSON.stringify(entry), ttlMs);
    } catch (error) {
      this.options.onRedisError?.('fill', asError(error));
    }
  }

  private memoryTtlOf(entry: Entry<V>): number {
    return entry.found ? this.options.memoryTtlMs : Math.min(this.options.memoryTtlMs, this.options.missTtlMs);
  }

  private valueKey(key: string): string {
    return `${this.options.keyPrefix}${key}`;
  }

  private generationKey(key: string): string {
    return `${this.options.keyPrefix}${key}#generation`;
  }
}

function valueOf<V>(entry: Entry<V>): V | undefined {
  return entry.found ? entry.value : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
