import { Logger, type LoggerService } from '@nestjs/common';
import { metrics, type ObservableGauge, type ObservableResult } from '@opentelemetry/api';
import { isSampledCarrier, runInTraceContext, runUntraced, type TraceCarrier } from '@shop/observability';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { inOneWrite } from '@shop/persistence';
import { Client, Pool, type PoolClient } from 'pg';
import { Wakeup } from '../wakeup.js';
import { BEGIN_RELAY_TRANSACTION, claimBatch, COUNT_BACKLOG, DELETE_PUBLISHED_BEFORE, MARK_PUBLISHED, OUTBOX_CHANNEL } from './outbox.sql.js';

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
  logger?: LoggerService;
}

interface OutboxRow {
  id: string;
  message_id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: TraceCarrier;
  /** For this row's key, the first unpublished row another relay holds (null: none). */
  held_from: string | null;
}

export const OUTBOX_BACKLOG_METRIC = 'messaging_outbox_backlog';
const RETENTION_SWEEP_INTERVAL_MS = 10 * 60_000;
const MAX_ERROR_BACKOFF_MS = 10_000;
/** Ids of rows this relay claimed lately, to ignore their notifications (they arrive after the claim, often). */
const REMEMBERED_CLAIMS = 10_000;

/**
 * Publishes the outbox to Kafka: claims the oldest unpublished rows, publishes them in order,
 * stamps them published, commits. At-least-once: a crash after publishing and before the commit
 * publishes those rows again on restart (consumers deduplicate on the message id); a crash before
 * publishing loses nothing, the rows are still unpublished.
 *
 * Per-key order holds because rows are published in id order, a batch skips the rows of a key
 * whose earlier row another relay holds, and the producer is idempotent with one request in
 * flight. It assumes one aggregate's messages are written by transactions that serialise on the
 * aggregate's row (as every writer here does), so their ids follow their commit order.
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
  private readonly claimStatement: ReturnType<typeof claimBatch>;

  constructor(private readonly options: OutboxRelayOptions) {
    // Pipelining: BEGIN goes out with the claim, and the stamp with COMMIT (publishBatch).
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2, pipeline: true });
    // A pool error (a dropped idle connection) is reported by the next query; without a listener
    // it would crash the process.
    this.pool.on('error', (error) => this.reportError('outbox pool', error));
    this.producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    this.batchSize = options.batchSize ?? 100;
    this.claimStatement = claimBatch(this.batchSize);
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.retentionSeconds = options.retentionSeconds ?? 7 * 24 * 3600;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.listen();
    this.observeBacklog();
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then stops; nothing is left half-published. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    this.backlogGauge?.removeCallback(this.observeBacklogValue);
    await this.listener?.end().catch(() => undefined);
    await this.producer.disconnect();
    await this.pool.end();
  }

  /** Publishes now rather than at the next poll (for a writer in the same process). */
  nudge(): void {
    this.wakeup.wake();
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
    const client = await this.pool.connect();
    // A checked-out client whose connection dies (a database restart, pg_terminate_backend) emits
    // 'error', which the pool does not listen for while the client is out: unheard, it would
    // crash the process. The failure reaches this batch as its query's rejection anyway.
    const ignoreCheckedOutError = () => undefined;
    client.on('error', ignoreCheckedOutError);
    let outcome: PublishOutcome;
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
      client.removeListener('error', ignoreCheckedOutError);
      client.release();
    }
    if (outcome.failure) throw outcome.failure;
    // Rows held back for another relay are not progress: only a full batch published asks for more.
    return outcome.published.length;
  }

  private async claim(client: PoolClient): Promise<OutboxRow[]> {
    const [, claimed] = await Promise.all(
      inOneWrite(client, () => [client.query(BEGIN_RELAY_TRANSACTION), client.query<OutboxRow>({ ...this.claimStatement, values: [] })]),
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
    for (const row of rows) this.claimedIds.add(row.id);
    if (this.claimedIds.size <= REMEMBERED_CLAIMS) return;
    for (const id of this.claimedIds) {
      this.claimedIds.delete(id);
      if (this.claimedIds.size <= REMEMBERED_CLAIMS / 2) break;
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
  private async publish(rows: OutboxRow[]): Promise<PublishOutcome> {
    const published: OutboxRow[] = [];
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

  private async send(trace: TraceCarrier | undefined, rows: OutboxRow[]): Promise<void> {
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
      description: 'Outbox rows written but not yet published to Kafka',
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

interface PublishOutcome {
  published: OutboxRow[];
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
function groupByTrace(rows: OutboxRow[]): Array<{ trace: TraceCarrier | undefined; rows: OutboxRow[] }> {
  const groups: Array<{ trace: TraceCarrier | undefined; key: string; rows: OutboxRow[] }> = [];
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
function toTopicMessages(rows: OutboxRow[], withStoredContext: boolean): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    const headers = { ...(withStoredContext ? row.headers : {}), 'message-id': row.message_id };
    messages.push({ key: row.message_key, value: row.value, headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
