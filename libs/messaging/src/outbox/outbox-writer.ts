import { Injectable } from '@nestjs/common';
import { type AnyMessageDefinition, type MessageOf, toKafkaRecord } from '@shop/contracts';
import { captureTraceContext } from '@shop/observability';
import type { SqlTransaction } from '../sql-transaction.js';
import { WRITE_MESSAGE } from './outbox.sql.js';

/**
 * Writes a message to the outbox inside the caller's transaction, so the message exists if and
 * only if the state change it announces was committed (no dual write). The relay publishes it.
 */
@Injectable()
export class OutboxWriter {
  async add<TDefinition extends AnyMessageDefinition>(tx: SqlTransaction, definition: TDefinition, message: MessageOf<TDefinition>): Promise<void> {
    const record = toKafkaRecord(definition, message);
    await tx.$executeRawUnsafe(
      WRITE_MESSAGE,
      message.messageId,
      record.topic,
      record.key,
      record.value,
      // The trace of this transaction, so the relay publishes the message as part of it.
      JSON.stringify(captureTraceContext()),
    );
  }
}
