import { Injectable } from '@nestjs/common';
import { type AnyMessageDefinition, type MessageOf, toKafkaRecord } from '@shop/contracts';
import { captureTraceContext } from '@shop/observability';
import type { SqlTransaction } from '../sql-transaction.js';
import { OUTBOX_CHANNEL } from './outbox.sql.js';

/**
 * Writes a message to the outbox inside the caller's transaction, so the message exists if and
 * only if the state change it announces was committed (no dual write). The relay publishes it.
 */
@Injectable()
export class OutboxWriter {
  async add<TDefinition extends AnyMessageDefinition>(tx: SqlTransaction, definition: TDefinition, message: MessageOf<TDefinition>): Promise<void> {
    const record = toKafkaRecord(definition, message);
    await tx.$executeRawUnsafe(
      'INSERT INTO outbox_messages (message_id, topic, message_key, value, headers) VALUES ($1::uuid, $2, $3, $4, $5::jsonb)',
      message.messageId,
      record.topic,
      record.key,
      record.value,
      // The trace of this transaction, so the relay publishes the message as part of it.
      JSON.stringify(captureTraceContext()),
    );
    // NOTIFY is transactional: the relays hear it at commit, and never for a rolled-back write.
    await tx.$executeRawUnsafe(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }
}
