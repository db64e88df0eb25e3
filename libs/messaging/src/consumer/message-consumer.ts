import { Logger, type LoggerService } from '@nestjs/common';
import { deadLetterTopicOf, type KnownMessage, type ParseResult, parseMessage } from '@shop/contracts';
import { CodedError, TRANSIENT_KINDS } from '@shop/errors';
import { ExponentialBackoff, halfJitterGenerator, handleAll, handleWhen, retry, TaskCancelledError, type IBackoff, type RetryPolicy } from 'cockatiel';
import type { Admin, Consumer, ConsumerRunConfig, EachBatchPayload, EachMessagePayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { type DeadLetterReason, toDeadLetterMessage } from './dead-letter.js';
import { countDeadLetter } from './dead-letter.metrics.js';
import { ConsumerLagGauge } from './consumer-lag.js';
import { HandledOffsets } from './handled-offsets.js';
import { runInMessageTrace } from './message-trace.js';
import { NonRetryableMessageError } from './non-retryable-message.error.js';
import { type RetryOptionsInput, retryOptionsSchema } from './retry-options.js';

/** Where a message came from and which attempt this is (1 for the first). */
export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
  headers: IHeaders;
}

export interface MessageConsumerOptions<TMessage = KnownMessage> {
  groupId: string;
  topics: string[];
  /**
   * Throw to retry (bounded, backoff with jitter) then dead-letter; NonRetryableMessageError, or a
   * coded error (@shop/errors) of a kind no retry changes, dead-letters at once.
   */
  handle: (message: TMessage, delivery: Delivery) => Promise<void>;
  retry?: RetryOptionsInput;
  /** Partitions handled in parallel; messages of one partition (one key) always one at a time, in order. */
  partitionsConsumedConcurrently?: number;
  /**
   * How often handled offsets are committed (default 1000 ms), and at a rebalance and on stop.
   * A crash redelivers what was handled since the last commit: the consumers are idempotent.
   */
  commitIntervalMs?: number;
  /** Reads a raw value; the system's message registry by default. */
  parse?: (raw: Buffer | null, topic: string) => ParseResult<TMessage, unknown>;
  /**
   * Handles the messages a fetch brings from one partition together, inside one unit of work:
   * `(work) => idempotentCommands.inBatch(work)`, one transaction for them all. `work` calls
   * `handle` for each message in order, each in its own trace; when it throws, nothing of it
   * counted and the messages are handled again one by one, with the usual retries. Without it,
   * every message is handled on its own.
   */
  batch?: (work: () => Promise<void>) => Promise<void>;
  /** Most messages in one `batch` call (default 20). */
  maxBatchSize?: number;
  logger?: LoggerService;
}

const DEFAULT_COMMIT_INTERVAL_MS = 1000;
const DEFAULT_MAX_BATCH_SIZE = 20;

/** A message of a fetched batch that parsed. */
interface ParsedMessage<TMessage> {
  readonly parsed: TMessage;
  readonly message: KafkaMessage;
}

const startupRetry = retry(handleAll, { maxAttempts: 10, backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 5000 }) });
/** Waits between restarts of a consumer kafkajs gave up on: 1 s, 2 s, 4 s… up to 30 s, until it joins its group. */
const crashRestartBackoff = new ExponentialBackoff({ initialDelay: 1000, maxDelay: 30_000, generator: halfJitterGenerator });

/**
 * One consumer group on some topics, with the rules every consumer here follows: a message that
 * does not parse goes to `<topic>.dlt` with the reason; a failing handler is retried a bounded
 * number of times, then dead-lettered with the error and the attempt count; the offset is
 * committed only after the message was handled or dead-lettered (never before: at-least-once);
 * nothing a single message does can stall its partition for long.
 *
 * Offsets are committed together, every `commitIntervalMs` (HandledOffsets), not one request per
 * message: kafkajs's own autoCommit commits after every fetched batch, which at a modest rate is
 * every message.
 */
export class MessageConsumer<TMessage = KnownMessage> {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly admin: Admin;
  private readonly retryPolicy: RetryPolicy;
  private readonly logger: LoggerService;
  private readonly parse: (raw: Buffer | null, topic: string) => ParseResult<TMessage, unknown>;
  private readonly stopping = new AbortController();
  private readonly lag: ConsumerLagGauge;
  private readonly handledOffsets: HandledOffsets;
  private commitTimer: NodeJS.Timeout | undefined;
  private runConfig: ConsumerRunConfig | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartBackoff: IBackoff<unknown> | undefined;

  constructor(
    kafka: Kafka,
    private readonly options: MessageConsumerOptions<TMessage>,
  ) {
    const retryOptions = retryOptionsSchema.parse(options.retry ?? {});
    this.consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
    this.deadLetters = kafka.producer({ allowAutoTopicCreation: true });
    this.admin = kafka.admin();
    this.retryPolicy = retry(
      handleWhen((error) => !isRefusal(error)),
      {
        maxAttempts: retryOptions.maxAttempts - 1,
        // Half jitter: each wait is between half and all of the exponential delay, so a retry budget
        // is a floor, not only an average. With full jitter, 12 attempts meant to outlast a
        // dependency's restart and its breaker's 30 s open time took 24 s in one run, and
        // dead-lettered an event of a healthy system.
        backoff: new ExponentialBackoff({ initialDelay: retryOptions.initialDelayMs, maxDelay: retryOptions.maxDelayMs, generator: halfJitterGenerator }),
      },
    );
    this.logger = options.logger ?? new Logger(`MessageConsumer ${options.groupId}`);
    this.parse = options.parse ?? ((raw, topic) => parseMessage(raw, topic) as ParseResult<TMessage, unknown>);
    this.lag = new ConsumerLagGauge(this.admin, options.groupId, options.topics);
    this.handledOffsets = new HandledOffsets(this.consumer, this.logger);
  }

  async start(): Promise<void> {
    await Promise.all([this.admin.connect(), this.deadLetters.connect(), this.consumer.connect()]);
    // A broker that has just started (the whole stack starting at once) answers "not the leader" or
    // "unknown topic" for a few seconds after a topic is created: retried, not fatal.
    await startupRetry.execute(async ({ attempt }) => {
      if (attempt > 0) this.logger.warn(`Kafka not ready for ${this.options.groupId} yet, attempt ${attempt + 1}`);
      await this.ensureTopics();
      await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.logger.error(`consumer crashed (${payload.error.message}); restart: ${payload.restart}`);
      if (!payload.restart) this.restartAfterCrash();
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.restartBackoff = undefined;
    });
    // Before partitions move to another member, what was handled here is committed (the group's
    // current generation still may), so the new owner does not redo it.
    this.consumer.on(this.consumer.events.REBALANCING, () => void this.handledOffsets.commit());
    const commitIntervalMs = this.options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    this.commitTimer = setInterval(() => void this.handledOffsets.commit(), commitIntervalMs);
    this.commitTimer.unref();
    const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 3;
    this.runConfig = this.options.batch
      ? { autoCommit: false, partitionsConsumedConcurrently, eachBatchAutoResolve: false, eachBatch: (payload) => this.processBatch(payload) }
      : { autoCommit: false, partitionsConsumedConcurrently, eachMessage: (payload) => this.process(payload) };
    await this.consumer.run(this.runConfig);
    this.lag.start();
  }

  /**
   * kafkajs stops a consumer for good after an error it deems final, and "Failed to find group
   * coordinator" is one: a broker restarted gracefully answers that while it hands its groups
   * over, and after its retries the consumer crashes with `restart: false` (kafkajs issues #1445
   * and #1630, open; the project is unmaintained). The process would stay up, ready, and consume
   * nothing: every saga waiting on that service stalls until its deadline cancels it. So the
   * consumer is started again here, after a backoff that grows until it joins its group again.
   * kafkajs has disconnected it before it reports the crash; the subscriptions are kept.
   */
  private restartAfterCrash(): void {
    if (this.stopping.signal.aborted || this.restartTimer) return;
    this.restartBackoff = this.restartBackoff ? this.restartBackoff.next(undefined) : crashRestartBackoff.next();
    const delayMs = this.restartBackoff.duration;
    this.logger.warn(`starting the consumer again in ${Math.round(delayMs)} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping.signal.aborted) return;
      // A failed join is reported as another crash (and handled there); a broker still away fails the connect.
      this.consumer
        .connect()
        .then(() => (this.stopping.signal.aborted ? undefined : this.consumer.run(this.runConfig)))
        .catch((error: unknown) => {
          this.logger.error(`starting the consumer again failed (${error instanceof Error ? error.message : String(error)})`);
          this.restartAfterCrash();
        });
    }, delayMs);
  }

  /** Stops fetching, lets the message in hand finish (a retry wait is cut short and the message left uncommitted for redelivery), leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.commitTimer);
    clearTimeout(this.restartTimer);
    this.lag.stop();
    // Committed now for an idle consumer; one busy with a message commits as that message ends (process()).
    await this.handledOffsets.commit();
    await this.consumer.disconnect();
    await Promise.all([this.deadLetters.disconnect(), this.admin.disconnect()]);
  }

  private async process({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    try {
      const parsed = this.parse(message.value, topic);
      if (!parsed.ok) await this.refuse(topic, partition, message, parsed);
      else await this.handleWithRetries(parsed.message, topic, partition, message, heartbeat);
      this.handledOffsets.mark(topic, partition, message);
    } finally {
      // Stopping: kafkajs leaves the group as soon as this message returns, and a member that left can commit nothing.
      if (this.stopping.signal.aborted) await this.handledOffsets.commit();
    }
  }

  /**
   * A fetched batch of one partition, in order: runs of messages that parse go to `batch` (up to
   * `maxBatchSize` at a time), a message that does not parse is dead-lettered between them.
   */
  private async processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const maxBatchSize = this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    let run: ParsedMessage<TMessage>[] = [];
    const settle = async (): Promise<void> => {
      if (run.length === 0) return;
      await this.handleRun(topic, partition, run, heartbeat);
      const last = run.at(-1)!.message;
      this.handledOffsets.mark(topic, partition, last);
      resolveOffset(last.offset);
      run = [];
      await heartbeat();
    };
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
        const parsed = this.parse(message.value, topic);
        if (!parsed.ok) {
          await settle();
          await this.refuse(topic, partition, message, parsed);
          this.handledOffsets.mark(topic, partition, message);
          resolveOffset(message.offset);
          continue;
        }
        run.push({ parsed: parsed.message, message });
        if (run.length >= maxBatchSize) await settle();
      }
      if (!this.stopping.signal.aborted) await settle();
    } finally {
      if (this.stopping.signal.aborted) await this.handledOffsets.commit();
    }
  }

  /** The run in one `batch` call; when that fails, each message again on its own, with retries. */
  private async handleRun(topic: string, partition: number, run: ParsedMessage<TMessage>[], heartbeat: () => Promise<void>): Promise<void> {
    if (run.length > 1) {
      try {
        await this.options.batch!(async () => {
          for (const item of run) {
            await runInMessageTrace(topic, item.message, () => this.options.handle(item.parsed, this.deliveryOf(topic, partition, item.message, 1)));
          }
        });
        return;
      } catch (error) {
        if (error instanceof TaskCancelledError || this.stopping.signal.aborted) throw error;
        this.logger.debug?.(`a batch of ${run.length} from ${topic}[${partition}] failed (${error instanceof Error ? error.message : String(error)}); one by one`);
      }
    }
    for (const item of run) {
      await runInMessageTrace(topic, item.message, () => this.handleWithRetries(item.parsed, topic, partition, item.message, heartbeat));
    }
  }

  private deliveryOf(topic: string, partition: number, message: KafkaMessage, attempt: number): Delivery {
    return { topic, partition, offset: message.offset, attempt, headers: message.headers ?? {} };
  }

  /** A value that is not a message of the topic: parked on its dead-letter topic with the reason, never handled. */
  private async refuse(topic: string, partition: number, message: KafkaMessage, failure: { reason: DeadLetterReason; detail: string }): Promise<void> {
    this.logger.warn(`refused ${topic}[${partition}]@${message.offset}: ${failure.reason}: ${failure.detail}`);
    await this.deadLetter(topic, partition, message, failure.reason, failure.detail, 0);
  }

  private async handleWithRetries(parsed: TMessage, topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    let attempt = 0;
    try {
      await this.retryPolicy.execute(async () => {
        attempt += 1;
        if (attempt > 1) await heartbeat();
        await this.options.handle(parsed, this.deliveryOf(topic, partition, message, attempt));
      }, this.stopping.signal);
    } catch (error) {
      // Shutting down mid-retry: leave the offset uncommitted, so the message is redelivered.
      if (error instanceof TaskCancelledError || this.stopping.signal.aborted) throw error;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.error(`dead-lettering ${topic}[${partition}]@${message.offset} after ${attempt} attempt(s): ${detail}`);
      await this.deadLetter(topic, partition, message, 'HANDLER_FAILED', detail, attempt);
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, detail: string, attempts: number): Promise<void> {
    const record = toDeadLetterMessage({ reason, detail, attempts, topic, partition, consumerGroup: this.options.groupId, message });
    await this.deadLetters.send({ topic: deadLetterTopicOf(topic), messages: [record] });
    // Counted once the record is written: a failed send is retried with the message, and counted then.
    countDeadLetter(topic, reason);
  }

  /** The topics and their dead-letter topics exist before the group joins (idempotent). */
  private async ensureTopics(): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    // Only the missing ones: kafkajs logs an error line for every topic that already exists.
    const missing = this.options.topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]).filter((topic) => !existing.has(topic));
    if (missing.length > 0) await this.admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
  }

}

/**
 * The Kafka transport's mapping of errors: NonRetryableMessageError, or a coded error of a kind that
 * no retry changes (@shop/errors: INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION...), is
 * dead-lettered at once; anything else, an UNAVAILABLE coded error included, is retried first.
 */
function isRefusal(error: unknown): boolean {
  return error instanceof NonRetryableMessageError || (error instanceof CodedError && !TRANSIENT_KINDS.has(error.kind));
}

export type { DeadLetterReason };
