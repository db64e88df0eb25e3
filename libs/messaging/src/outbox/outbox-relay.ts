import { Logger, type LoggerService } from '@nestjs/common';
import { metrics, type ObservableGauge, type ObservableResult } from '@opentelemetry/api';
import { isSampledCarrier, runInTraceContext, runUntraced, type TraceCarrier } from '@shop/observability';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { hearClientErrors, inOneWrite } from '@shop/persistence';
import { Client, Pool, type PoolClient } from 'pg';
import { Wakeup } from '../wakeup.js';
import {
  claimBatch,
  COUNT_BACKLOG,
  DELETE_PUBLISHED_BEFORE,
  MARK_PUBLISHED,
  OUTBOX_CHANNEL,
  type PreparedStatement,
  RELAY_CONNECTION_OPTIONS,
  RELEASE_TO_RELAY,
} from './outbox.sql.js';

export interface OutboxRelayOptions {
  databaseUrl: string;
  kafka: Kafka;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /**
   * Poll when no NOTIFY came (a missed notification, a relay of another replica that died). A
   * fallback only: NOTIFY wakes the relay at every commit, so an idle service polls rarely.
   */
  pollIntervalMs?: number;
  /** Published rows are deleted after this long. */
  retentionSeconds?: number;
  /**
   * How long the relay leaves a row to the process that wrote it (publishCommitted) before it
   * publishes the row itself: how long a row waits when that process stopped before publishing.
   */
  writerLeaseMs?: number;
  /**
   * How long "published" stamps of rows published by their writer's process are gathered before
   * one UPDATE writes them: by default 2 s, or a quarter of `writerLeaseMs` if that is shorter.
   * Each UPDATE is a transaction, and at a few orders a second each order's messages arrive as a
   * burst of their own: a short delay costs a stamp transaction per order and service. A longer
   * one only widens what a crash republishes (the consumers deduplicate) and keeps rows in the
   * backlog gauge longer. It must stay under `writerLeaseMs`, after which the relay would publish
   * unstamped rows again.
   */
  stampDelayMs?: number;
  logger?: LoggerService;
}

/** A row to publish. */
interface PublishableRow {
  id: string;
  message_id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: TraceCarrier;
}

/** A row of a relay batch. */
interface OutboxRow extends PublishableRow {
  /** For this row's key, the first unpublished row this batch does not hold (null: none). */
  held_from: string | null;
}

/** A row whose writing transaction has committed, for its writer's process to publish (OutboxWriter). */
export interface CommittedRow extends PublishableRow {
  /** For its key, the unpublished rows written before it: it goes after them, or not at all. */
  unpublished_before: readonly string[];
}

export const OUTBOX_BACKLOG_METRIC = 'messaging_outbox_backlog';
const RETENTION_SWEEP_INTERVAL_MS = 10 * 60_000;
const MAX_ERROR_BACKOFF_MS = 10_000;
const DEFAULT_STAMP_DELAY_MS = 2_000;
/** Ids of rows this relay claimed lately, to ignore their notifications (they arrive after the claim, often). */
const REMEMBERED_CLAIMS = 10_000;
/** Ids of rows this process published lately, which later rows of their keys may follow before they are stamped. */
const REMEMBERED_PUBLISHED = 10_000;

/**
 * Publishes the outbox to Kafka, two ways. At-least-once either way: a crash between publishing
 * and stamping publishes the rows again (consumers deduplicate on the message id); a crash before
 * publishing loses nothing, the rows are still unpublished.
 *
 * Rows this process wrote (OutboxWriter, in a node-postgres transaction) it publishes as their
 * transaction commits (publishCommitted), in commit order, from memory: no claim, no NOTIFY, and
 * their "published" stamps written together every `stampDelayMs`. Such a row is leased to this
 * process (`publish_after`) for `writerLeaseMs`. One that cannot go now (Kafka refused it, or an
 * earlier row of its key is not this process's to publish) is handed back to the relay at once;
 * a process that stopped before publishing leaves its rows to the relay once their lease has passed.
 *
 * Every other row (written through Prisma, handed back, left by a stopped process) the relay
 * claims: the oldest unpublished rows that are its own, published in order, stamped, committed.
 *
 * Per-key order holds because rows are published in id order, a batch skips the rows of a key
 * whose earlier row another relay holds or its writer's process is publishing, a row published by
 * its writer's process goes only after the earlier unpublished rows of its key, and the producer
 * is idempotent with one request in flight. It assumes one aggregate's messages are written by
 * transactions that serialise on the aggregate's row (as every writer here does), so their ids
 * follow their commit order.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly producer: Producer;
  private readonly wakeup = new Wakeup();
  private readonly logger: LoggerService;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionSeconds: number;
  private listener: Client | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private lastError: string | undefined;
  private backlogGauge: ObservableGauge | undefined;
  private lastRetentionSweep = 0;
  private readonly claimedIds = new Set<string>();
  private readonly leaseMs: number;
  private readonly stampDelayMs: number;
  private running = false;
  private stopped = false;
  /** Committed rows waiting to be published by this process, in commit order. */
  private committed: CommittedRow[] = [];
  private publishingCommitted: Promise<void> | undefined;
  /** Ids this process published lately (stamped or not). */
  private readonly publishedIds = new Set<string>();
  private unstamped: string[] = [];
  private stampTimer: NodeJS.Timeout | undefined;
  private stamping: Promise<void> | undefined;
  /** Rows were handed back behind rows awaiting their stamp: the relay looks again once they are stamped. */
  private handedBack = false;
  private readonly claimStatement: PreparedStatement;

  constructor(private readonly options: OutboxRelayOptions) {
    // Pipelining: BEGIN goes out with the claim, and the stamp with COMMIT (publishBatch). Not
    // createPostgresPool's: its 15 s bound on a transaction left idle would cut a batch whose
    // Kafka sends are retried through a broker restart.
    this.pool = hearClientErrors(new Pool({ connectionString: options.databaseUrl, max: 2, pipeline: true, options: RELAY_CONNECTION_OPTIONS }));
    // A pool error (a dropped idle connection) is reported by the next query; without a listener
    // it would crash the process.
    this.pool.on('error', (error) => this.reportError('outbox pool', error));
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    this.batchSize = options.batchSize ?? 100;
    this.claimStatement = claimBatch(this.batchSize);
    this.leaseMs = options.writerLeaseMs ?? 10_000;
    // A row stamped after its lease ran out would be published again by the relay.
    this.stampDelayMs = options.stampDelayMs ?? Math.min(DEFAULT_STAMP_DELAY_MS, this.leaseMs / 4);
    if (this.stampDelayMs >= this.leaseMs) {
      throw new Error(`outbox: stampDelayMs (${this.stampDelayMs}) must be shorter than writerLeaseMs (${this.leaseMs})`);
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.retentionSeconds = options.retentionSeconds ?? 7 * 24 * 3600;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.listen();
    this.observeBacklog();
    this.loop = this.run();
    this.running = true;
  }

  /** Finishes the batch in flight and the committed rows handed to it, stamps them, then stops; nothing is left half-published. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    await this.publishingCommitted;
    this.stopped = true;
    clearTimeout(this.stampTimer);
    await this.stamping;
    await this.stamp();
    this.backlogGauge?.removeCallback(this.observeBacklogValue);
    await this.listener?.end().catch(() => undefined);
    await this.producer.disconnect();
    await this.pool.end();
  }

  /** Publishes now rather than at the next poll (for a writer in the same process). */
  nudge(): void {
    this.wakeup.wake();
  }

  /** Whether rows written now may be leased to this process (OutboxWriter): it runs, and is not stopping. */
  get publishesCommitted(): boolean {
    return this.running && !this.stopping;
  }

  /** The lease of a row written for this process to publish, in seconds (WRITE_MESSAGES_TO_PUBLISH). */
  get leaseSeconds(): number {
    return this.leaseMs / 1000;
  }

  /**
   * Publishes rows whose transaction has just committed (OutboxWriter calls it after the commit),
   * after the rows committed before them.
   */
  publishCommitted(rows: readonly CommittedRow[]): void {
    // Committed as the relay stopped: the next relay publishes them once their lease has passed.
    if (this.stopped) return;
    this.committed.push(...rows);
    this.publishingCommitted ??= this.publishCommittedRows();
  }

  private async publishCommittedRows(): Promise<void> {
    while (this.committed.length > 0) {
      const rows = this.committed.splice(0, this.batchSize);
      try {
        await this.publishInKeyOrder(rows);
      } catch (error) {
        // Not expected (publishing and handing back report their own failures); should it happen,
        // these rows stay leased, and the relay publishes them once the lease has passed.
        this.reportError('outbox, publishing committed rows', error);
      }
    }
    // Reset with nothing awaited since the queue was seen empty: rows committed from now on start a new run.
    this.publishingCommitted = undefined;
  }

  private async publishInKeyOrder(rows: readonly CommittedRow[]): Promise<void> {
    const { ready, waiting } = this.inKeyOrder(rows);
    const { published, failure } = await this.publish(ready);
    if (failure) this.reportError('outbox, publishing committed rows', failure);
    for (const row of published) this.remember(this.publishedIds, row.id, REMEMBERED_PUBLISHED);
    this.unstamped.push(...published.map((row) => row.id));
    this.scheduleStamp();
    const sent = new Set(published.map((row) => row.id));
    const left = [...waiting, ...ready.filter((row) => !sent.has(row.id))];
    if (left.length === 0) return;
    // The rows behind a row that did not go would overtake it: they wait for the relay too.
    const leftKeys = new Set(left.map((row) => row.message_key));
    const behind = this.committed.filter((row) => leftKeys.has(row.message_key));
    this.committed = this.committed.filter((row) => !leftKeys.has(row.message_key));
    await this.handBack([...left, ...behind]);
  }

  /**
   * The rows that may go now: every unpublished row written before one, of its key, was published
   * by this process or goes before it in this batch. The others wait, with every later row of
   * their key: a row this process does not hold (another process's, one handed back) is the relay's
   * to publish first.
   */
  private inKeyOrder(rows: readonly CommittedRow[]): { ready: CommittedRow[]; waiting: CommittedRow[] } {
    const ready: CommittedRow[] = [];
    const waiting: CommittedRow[] = [];
    const goingFirst = new Set<string>();
    const blockedKeys = new Set<string>();
    for (const row of rows) {
      const free =
        !blockedKeys.has(row.message_key) && row.unpublished_before.every((id) => this.publishedIds.has(id) || goingFirst.has(id));
      if (free) {
        ready.push(row);
        goingFirst.add(row.id);
      } else {
        waiting.push(row);
        blockedKeys.add(row.message_key);
      }
    }
    return { ready, waiting };
  }

  /** Rows this process will not publish: the relay's now, not once their lease has passed. */
  private async handBack(rows: readonly PublishableRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.pool.query({ ...RELEASE_TO_RELAY, values: [rows.map((row) => row.id)] });
      this.handedBack = true;
      this.wakeup.wake();
    } catch (error) {
      // The lease runs out, and the relay publishes them then.
      this.reportError('outbox, handing rows back to the relay', error);
    }
  }

  private scheduleStamp(): void {
    if (this.stampTimer !== undefined || this.unstamped.length === 0 || this.stopping) return;
    this.stampTimer = setTimeout(() => {
      this.stampTimer = undefined;
      this.stamping = this.stamp().finally(() => (this.stamping = undefined));
    }, this.stampDelayMs);
    this.stampTimer.unref();
  }

  /** One UPDATE for the stamps gathered; a failed one is tried again with the next. */
  private async stamp(): Promise<void> {
    const ids = this.unstamped.splice(0);
    if (ids.length === 0) return;
    try {
      await this.pool.query({ ...MARK_PUBLISHED, values: [ids] });
    } catch (error) {
      this.unstamped.unshift(...ids);
      this.reportError('outbox, stamping published rows', error);
      this.scheduleStamp();
      return;
    }
    if (this.handedBack) {
      // Rows handed back may have been waiting behind these.
      this.handedBack = false;
      this.wakeup.wake();
    }
  }

  private async run(): Promise<void> {
    let errorBackoffMs = 0;
    while (!this.stopping) {
      try {
        while (!this.stopping && (await this.publishBatch()) === this.batchSize);
        await this.sweepPublished();
        errorBackoffMs = 0;
        this.lastError = undefined;
      } catch (error) {
        this.reportError('outbox relay', error);
        errorBackoffMs = Math.min(Math.max(errorBackoffMs * 2, 250), MAX_ERROR_BACKOFF_MS);
      }
      if (!this.stopping) await this.wakeup.sleep(errorBackoffMs || this.pollIntervalMs);
    }
  }

  /**
   * One transaction: claim, publish, mark. Returns how many rows it published. What was sent is
   * marked even when a later send fails, so one bad row never rolls back (and re-sends) the rows
   * before it; the failure is thrown after the commit, for the loop's backoff.
   */
  private async publishBatch(): Promise<number> {
    // A connection that dies while checked out emits 'error' on the client, which the pool's
    // clients hear (hearClientErrors): this batch meets it as a query's rejection.
    const client = await this.pool.connect();
    let outcome: PublishOutcome<OutboxRow>;
    try {
      // Two round trips in all, a write each: BEGIN with the claim, then the stamp with COMMIT.
      const claim = await this.claim(client);
      this.rememberClaims(claim);
      outcome = await this.publish(keepKeyOrder(claim));
      await this.markAndCommit(client, outcome.published);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (outcome.failure) throw outcome.failure;
    // Rows held back for another relay are not progress: only a full batch published asks for more.
    return outcome.published.length;
  }

  private async claim(client: PoolClient): Promise<OutboxRow[]> {
    const [, claimed] = await Promise.all(
      inOneWrite(client, () => [client.query('BEGIN'), client.query<OutboxRow>({ ...this.claimStatement, values: [] })]),
    );
    return claimed.rows;
  }

  private async markAndCommit(client: PoolClient, published: readonly OutboxRow[]): Promise<void> {
    if (published.length === 0) {
      await client.query('COMMIT');
      return;
    }
    const ids = published.map((row) => row.id);
    // A failed stamp aborts the transaction, and PostgreSQL answers the COMMIT after it with a
    // rollback: the stamp's own error is the one thrown.
    await Promise.all(inOneWrite(client, () => [client.query({ ...MARK_PUBLISHED, values: [ids] }), client.query('COMMIT')]));
  }

  /**
   * A row's NOTIFY often arrives after this relay already claimed the row (it woke for an earlier
   * one): such a notification is ignored rather than paid for with an empty transaction. A row this
   * relay claimed and did not publish is its own to retry (error backoff, or the fallback poll).
   */
  private rememberClaims(rows: readonly OutboxRow[]): void {
    for (const row of rows) this.remember(this.claimedIds, row.id, REMEMBERED_CLAIMS);
  }

  /** Adds `id`, forgetting the oldest half once there are more than `limit`. */
  private remember(ids: Set<string>, id: string, limit: number): void {
    ids.add(id);
    if (ids.size <= limit) return;
    for (const oldest of ids) {
      ids.delete(oldest);
      if (ids.size <= limit / 2) break;
    }
  }

  /**
   * Sends in id order, in as few requests as tracing allows. A row of a recorded trace is sent
   * inside its stored trace context, so the kafkajs instrumentation makes its producer span a child
   * of the transaction that wrote the row: one request per such trace (a single batch would put
   * every message under one parent). The rows of traces that are not recorded (most of them, with a
   * sampling ratio) go together, untraced, each with its stored trace context as its headers, which
   * is all the consumer needs to continue the trace and the correlation id.
   *
   * A group the broker refuses for good (a message too large, a topic name it rejects) holds back
   * only its own keys, which keep their order behind it; the other keys go on. A broker that cannot
   * be reached ends the batch: every later send would wait out the same outage.
   */
  private async publish<TRow extends PublishableRow>(rows: readonly TRow[]): Promise<PublishOutcome<TRow>> {
    const published: TRow[] = [];
    const heldKeys = new Set<string>();
    let failure: unknown;
    for (const group of groupByTrace(rows)) {
      const sendable = group.rows.filter((row) => !heldKeys.has(row.message_key));
      if (sendable.length === 0) continue;
      try {
        await this.send(group.trace, sendable);
        published.push(...sendable);
      } catch (error) {
        failure ??= error;
        if (!isRefusalOfTheseMessages(error)) break;
        // One of them was refused: row by row, to find which, and let the others through.
        for (const row of sendable) {
          if (heldKeys.has(row.message_key)) continue;
          try {
            await this.send(group.trace, [row]);
            published.push(row);
          } catch (rowError) {
            if (!isRefusalOfTheseMessages(rowError)) return { published, failure: rowError };
            heldKeys.add(row.message_key);
          }
        }
      }
    }
    return { published, failure };
  }

  private async send(trace: TraceCarrier | undefined, rows: readonly PublishableRow[]): Promise<void> {
    if (trace) await runInTraceContext(trace, () => this.producer.sendBatch({ topicMessages: toTopicMessages(rows, false) }));
    else await runUntraced(() => this.producer.sendBatch({ topicMessages: toTopicMessages(rows, true) }));
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.options.databaseUrl });
    listener.on('notification', ({ payload }) => {
      if (!payload || !this.claimedIds.has(payload)) this.wakeup.wake();
    });
    listener.on('error', (error) => {
      this.reportError('outbox LISTEN connection', error);
      if (this.listener === listener) this.listener = undefined;
      // Polling carries on meanwhile; LISTEN comes back with the database.
      if (!this.stopping) setTimeout(() => void this.listen().catch((retryError) => this.reportError('outbox LISTEN connection', retryError)), 1000).unref();
    });
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = listener;
  }

  private async sweepPublished(): Promise<void> {
    if (Date.now() - this.lastRetentionSweep < RETENTION_SWEEP_INTERVAL_MS) return;
    this.lastRetentionSweep = Date.now();
    await this.pool.query(DELETE_PUBLISHED_BEFORE, [this.retentionSeconds]);
  }

  private readonly observeBacklogValue = async (result: ObservableResult): Promise<void> => {
    try {
      const { rows } = await this.pool.query<{ backlog: number }>(COUNT_BACKLOG);
      result.observe(rows[0]?.backlog ?? 0);
    } catch {
      // No value is better than a wrong one; the relay's own loop reports database errors.
    }
  };

  private observeBacklog(): void {
    this.backlogGauge = metrics.getMeter('@shop/messaging').createObservableGauge(OUTBOX_BACKLOG_METRIC, {
      description: 'Outbox rows written and not yet stamped published (those published by their writer wait up to stampDelayMs for their stamp)',
    });
    this.backlogGauge.addCallback(this.observeBacklogValue);
  }

  /** Logs an error once until it changes, so an outage is one line, not one per poll. */
  private reportError(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.error(message);
  }
}

interface PublishOutcome<TRow> {
  published: TRow[];
  /** The first send that failed, if any. */
  failure?: unknown;
}

/**
 * kafkajs marks what a retry can cure as `retriable` (and gives up on it as
 * KafkaJSNumberOfRetriesExceeded); a protocol error that is not retriable is the broker's answer
 * about these very messages, which sending them again will not change.
 */
function isRefusalOfTheseMessages(error: unknown): boolean {
  const kafkaError = error as { name?: string; retriable?: boolean; type?: string };
  return kafkaError.name === 'KafkaJSProtocolError' && kafkaError.retriable === false;
}

/** The rows that may go now: those of a key whose earlier row another relay holds wait behind it. */
function keepKeyOrder(rows: OutboxRow[]): OutboxRow[] {
  return rows.filter((row) => row.held_from === null || BigInt(row.id) < BigInt(row.held_from));
}

/** Consecutive rows of one recorded trace, or of traces not recorded (`trace` undefined): one request each. */
function groupByTrace<TRow extends PublishableRow>(rows: readonly TRow[]): Array<{ trace: TraceCarrier | undefined; rows: TRow[] }> {
  const groups: Array<{ trace: TraceCarrier | undefined; key: string; rows: TRow[] }> = [];
  for (const row of rows) {
    const recorded = isSampledCarrier(row.headers);
    const key = recorded ? JSON.stringify(row.headers) : '';
    const last = groups.at(-1);
    if (last && last.key === key) last.rows.push(row);
    else groups.push({ trace: recorded ? row.headers : undefined, key, rows: [row] });
  }
  return groups;
}

/** `withStoredContext`: the row's stored trace headers travel as they are (the untraced send). */
function toTopicMessages(rows: readonly PublishableRow[], withStoredContext: boolean): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    const headers = { ...(withStoredContext ? row.headers : {}), 'message-id': row.message_id };
    messages.push({ key: row.message_key, value: row.value, headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
