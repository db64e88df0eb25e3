import type { SqlTransaction } from '../sql-transaction.js';

/**
 * The idempotent-consumer inbox. Recording the message id happens in the transaction of the
 * effect, under the primary key (consumer group, message id): no check-then-act race, and a
 * rolled-back effect leaves no record, so the redelivery is handled again.
 *
 * true the first time; false when the group already handled this message (then do nothing).
 */
export async function claimInbox(tx: SqlTransaction, consumerGroup: string, messageId: string): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    'INSERT INTO inbox_messages (consumer_group, message_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING',
    consumerGroup,
    messageId,
  );
  return inserted === 1;
}
