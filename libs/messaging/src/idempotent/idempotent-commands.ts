import { AsyncLocalStorage } from 'node:async_hooks';
import type { InjectionToken, Provider } from '@nestjs/common';
import { captureTraceContext } from '@shop/observability';
import { claimInbox } from '../inbox/inbox.js';
import { OutboxWriter, type OutgoingMessage } from '../outbox/outbox-writer.js';
import type { SqlTransaction } from '../sql-transaction.js';

/** Runs work in one transaction of the service's database; `TTx` is what the service's stores take. */
export interface CommandTransactions<TTx> {
  run<T>(work: (tx: TTx) => Promise<T>): Promise<T>;
}

export interface IdempotentCommandsOptions<TTx> {
  /** The consumer group whose messages these are: the inbox keeps each group's claims apart. */
  consumerGroup: string;
  transactions: CommandTransactions<TTx>;
  /** The SQL view of a transaction, for the inbox claim and the outbox write. */
  sqlOf: (tx: TTx) => SqlTransaction;
  /** The app's writer (MessagingModule's, which publishes as the transaction commits); a writer for the relay alone without it. */
  outbox?: OutboxWriter;
}

/** What handling a message did: its result and the messages it sends (its replies, its events). */
export interface CommandEffect<TResult> {
  readonly result: TResult;
  readonly send: readonly OutgoingMessage[];
}

export type CommandOutcome<TResult> =
  | { readonly kind: 'handled'; readonly result: TResult }
  /** The group handled this message before (a redelivery): nothing was done. */
  | { readonly kind: 'duplicate' };

/**
 * Handles a message at most once per consumer group, as every consumer here does: the inbox
 * claim of its id, the effect and the messages the effect sends commit in one transaction. A
 * redelivery finds the claim and changes nothing; an effect that throws rolls the claim back with
 * everything else, so the retry (or the redelivery) does the whole work again.
 *
 * The claim comes first, under the inbox's primary key: two concurrent deliveries of one message
 * cannot both pass it (the second waits for the first's commit, then finds the claim).
 */
export class IdempotentCommands<TTx> {
  private readonly outbox: OutboxWriter;
  private readonly batches = new AsyncLocalStorage<Batch<TTx>>();

  constructor(private readonly options: IdempotentCommandsOptions<TTx>) {
    this.outbox = options.outbox ?? new OutboxWriter();
  }

  handle<TResult>(message: { readonly messageId: string }, effect: (tx: TTx) => Promise<CommandEffect<TResult>>): Promise<CommandOutcome<TResult>> {
    const batch = this.batches.getStore();
    if (batch) return this.handleInBatch(batch, message, effect);
    const { transactions, sqlOf } = this.options;
    return transactions.run(async (tx) => {
      const { outcome, send } = await this.claimAndRun(tx, message, effect);
      await this.outbox.addAll(sqlOf(tx), send);
      return outcome;
    });
  }

  /**
   * Runs `work`, the handling of several messages one after another, in one transaction: every
   * `handle` inside it claims its message and runs its effect in that transaction, and the messages
   * they send are written to the outbox together, each in the trace of the message it answers,
   * before the one commit. Under load a consumer's fetch brings several messages of a partition at
   * once: one BEGIN, one COMMIT and one outbox write for all of them instead of one each.
   *
   * All or nothing: when a message's handling throws (even if the caller catches it), the whole
   * transaction rolls back and this throws, so the caller handles the messages again one by one.
   */
  async inBatch(work: () => Promise<void>): Promise<void> {
    const { transactions, sqlOf } = this.options;
    await transactions.run(async (tx) => {
      const batch: Batch<TTx> = { tx, send: [] };
      await this.batches.run(batch, work);
      if (batch.failure !== undefined) throw batch.failure;
      await this.outbox.addAll(sqlOf(tx), batch.send);
    });
  }

  private async handleInBatch<TResult>(
    batch: Batch<TTx>,
    message: { readonly messageId: string },
    effect: (tx: TTx) => Promise<CommandEffect<TResult>>,
  ): Promise<CommandOutcome<TResult>> {
    try {
      const { outcome, send } = await this.claimAndRun(batch.tx, message, effect);
      const trace = captureTraceContext();
      batch.send.push(...send.map((outgoing) => ({ ...outgoing, trace })));
      return outcome;
    } catch (error) {
      // What this message did is in the shared transaction: it must not commit without the rest of it.
      batch.failure ??= error;
      throw error;
    }
  }

  /** The claim, then the effect unless the claim says the group handled the message before. */
  private async claimAndRun<TResult>(
    tx: TTx,
    message: { readonly messageId: string },
    effect: (tx: TTx) => Promise<CommandEffect<TResult>>,
  ): Promise<{ outcome: CommandOutcome<TResult>; send: readonly OutgoingMessage[] }> {
    const { consumerGroup, sqlOf } = this.options;
    if (!(await claimInbox(sqlOf(tx), consumerGroup, message.messageId))) return { outcome: { kind: 'duplicate' }, send: [] };
    const { result, send } = await effect(tx);
    return { outcome: { kind: 'handled', result }, send };
  }
}

interface Batch<TTx> {
  readonly tx: TTx;
  readonly send: OutgoingMessage[];
  failure?: unknown;
}

/**
 * The app's `IdempotentCommands`, for its application layer to inject: one consumer group, over
 * the transactions its infrastructure provides under `transactions`. `sqlOf` defaults to the
 * transaction itself, for a service whose transaction type is the SQL transaction.
 */
export function provideIdempotentCommands<TTx>(options: {
  consumerGroup: string;
  transactions: InjectionToken<CommandTransactions<TTx>>;
  sqlOf?: (tx: TTx) => SqlTransaction;
}): Provider {
  const sqlOf = options.sqlOf ?? ((tx: TTx) => tx as SqlTransaction);
  return {
    provide: IdempotentCommands,
    useFactory: (transactions: CommandTransactions<TTx>, outbox: OutboxWriter | undefined) =>
      new IdempotentCommands({ consumerGroup: options.consumerGroup, transactions, sqlOf, ...(outbox && { outbox }) }),
    inject: [options.transactions, { token: OutboxWriter, optional: true }],
  };
}
