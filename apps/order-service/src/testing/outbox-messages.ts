import type { MigratedDatabase } from '@shop/testing';

export interface OutboxRow {
  topic: string;
  key: string;
  type: string;
  messageId: string;
  correlationId: string;
  causationId: string | null;
  payload: Record<string, unknown>;
}

/** The messages the service wrote to its outbox (no relay runs in the tests), oldest first. */
export async function outboxMessages(database: MigratedDatabase, orderId?: string): Promise<OutboxRow[]> {
  const rows = await database.query<{ topic: string; message_key: string; value: string }>(
    `SELECT topic, message_key, value FROM outbox_messages ${orderId ? 'WHERE message_key = $1' : ''} ORDER BY id`,
    orderId ? [orderId] : [],
  );
  return rows.map((row) => {
    const envelope = JSON.parse(row.value) as Omit<OutboxRow, 'topic' | 'key'>;
    return { topic: row.topic, key: row.message_key, type: envelope.type, messageId: envelope.messageId, correlationId: envelope.correlationId, causationId: envelope.causationId, payload: envelope.payload };
  });
}

export async function outboxTypes(database: MigratedDatabase, orderId: string): Promise<string[]> {
  return (await outboxMessages(database, orderId)).map((message) => message.type);
}
