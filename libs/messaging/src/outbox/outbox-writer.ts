import { Injectable } from '@nestjs/common';
import { type AnyMessageDefinition, type MessageOf, toKafkaRecord } from '@shop/contracts';
import { captureTraceContext, type TraceCarrier } from '@shop/observability';
import type { SqlTransaction } from '../sql-transaction.js';
import { WRITE_MESSAGES } from './outbox.sql.js';

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
 * if the state change it announces was committed (no dual write). The relay publishes them.
 */
@Injectable()
export class OutboxWriter {
  async add<TDefinition extends AnyMessageDefinition>(tx: SqlTransaction, definition: TDefinition, message: MessageOf<TDefinition>): Promise<void> {
    await this.addAll(tx, [{ definition, message }]);
  }

  /** All of them in one statement, published in this order. */
  async addAll(tx: SqlTransaction, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map(({ definition, message }) => toKafkaRecord(definition, message));
    // The trace of this transaction, so the relay publishes the messages as part of it.
    const active = JSON.stringify(captureTraceContext());
    await tx.$executeRawUnsafe(
      WRITE_MESSAGES,
      messages.map(({ message }) => message.messageId),
      records.map((record) => record.topic),
      records.map((record) => record.key),
      records.map((record) => record.value),
      messages.map(({ trace }) => (trace ? JSON.stringify(trace) : active)),
    );
  }
}
