import { Inject, Injectable, Optional } from '@nestjs/common';
import { type AnyMessageDefinition, type MessageOf, toKafkaRecord } from '@shop/contracts';
import { captureTraceContext, type TraceCarrier } from '@shop/observability';
import { PgTransaction } from '@shop/persistence';
import type { SqlTransaction } from '../sql-transaction.js';
import { type CommittedRow, OutboxRelay } from './outbox-relay.js';
import { WRITE_MESSAGES, WRITE_MESSAGES_TO_PUBLISH } from './outbox.sql.js';

/** A message to publish, with the definition that gives its topic and key. */
export interface OutgoingMessage<TDefinition extends AnyMessageDefinition = AnyMessageDefinition> {
  readonly definition: TDefinition;
  readonly message: MessageOf<TDefinition>;
  /**
   * The trace the message belongs to, captured where it was made; the active one when absent. A
   * transaction that handles several messages (IdempotentCommands.inBatch) writes each reply in
   * the trace of the message it answers.
   */
  readonly trace?: TraceCarrier;
}

/**
 * Writes messages to the outbox inside the caller's transaction, so a message exists if and only
 * if the state change it announces was committed (no dual write).
 *
 * With the app's relay running and a node-postgres transaction (PgTransaction), this process
 * publishes the rows itself as soon as the transaction commits (OutboxRelay.publishCommitted): no
 * NOTIFY, no relay transaction to claim them, their "published" stamps written together later.
 * Should the process stop first, the relay publishes them once their lease (`publish_after`) has
 * passed. Otherwise (a Prisma transaction, no relay in this process) the relay publishes them,
 * woken by their NOTIFY.
 */
@Injectable()
export class OutboxWriter {
  constructor(@Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay | null) {}

  async add<TDefinition extends AnyMessageDefinition>(tx: SqlTransaction, definition: TDefinition, message: MessageOf<TDefinition>): Promise<void> {
    await this.addAll(tx, [{ definition, message }]);
  }

  /** All of them in one statement, published in this order. */
  async addAll(tx: SqlTransaction, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map(({ definition, message }) => toKafkaRecord(definition, message));
    // The trace of this transaction, so the messages are published as part of it.
    const active = captureTraceContext();
    const traces = messages.map(({ trace }) => trace ?? active);
    const columns = [
      messages.map(({ message }) => message.messageId),
      records.map((record) => record.topic),
      records.map((record) => record.key),
      records.map((record) => record.value),
      traces.map((trace) => JSON.stringify(trace)),
    ];
    const relay = this.relay;
    if (!(relay?.publishesCommitted && tx instanceof PgTransaction)) {
      await tx.$executeRawUnsafe(WRITE_MESSAGES, ...columns);
      return;
    }
    const written = await tx.rows<{ id: string; message_id: string; unpublished_before: string[] }>({
      text: WRITE_MESSAGES_TO_PUBLISH,
      values: [...columns, relay.leaseSeconds],
    });
    const idOf = new Map(written.map((row) => [row.message_id, row]));
    const rows: CommittedRow[] = messages.map(({ message }, index) => {
      const stored = idOf.get(message.messageId)!;
      const record = records[index]!;
      return {
        id: stored.id,
        message_id: message.messageId,
        topic: record.topic,
        message_key: record.key,
        value: record.value,
        headers: traces[index]!,
        unpublished_before: stored.unpublished_before,
      };
    });
    tx.afterCommit(() => relay.publishCommitted(rows));
  }
}
