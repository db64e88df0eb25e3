// The relay's SQL, on the tables of libs/messaging/prisma/messaging.prisma.

/** LISTEN/NOTIFY channel; a notification reaches only listeners of the same database. */
export const OUTBOX_CHANNEL = 'outbox_messages';

/**
 * The oldest unpublished rows that no other relay holds. SKIP LOCKED lets two replicas run side by
 * side without publishing the same row twice (in the normal case: a crash can still duplicate).
 */
export const CLAIM_BATCH = `
  SELECT id, message_id, topic, message_key, value, headers
  FROM outbox_messages
  WHERE published_at IS NULL
  ORDER BY id
  LIMIT $1
  FOR UPDATE SKIP LOCKED`;

/**
 * For the keys of a claimed batch, the first unpublished row that the batch does not hold (another
 * relay has it locked). Rows of that key after it must wait, or that key's order would break.
 */
export const FIRST_ROW_HELD_ELSEWHERE = `
  SELECT message_key, min(id) AS first_id
  FROM outbox_messages
  WHERE published_at IS NULL AND message_key = ANY($1::text[]) AND NOT (id = ANY($2::bigint[]))
  GROUP BY message_key`;

export const MARK_PUBLISHED = 'UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::bigint[])';

export const COUNT_BACKLOG = 'SELECT count(*)::int AS backlog FROM outbox_messages WHERE published_at IS NULL';

export const DELETE_PUBLISHED_BEFORE = `DELETE FROM outbox_messages WHERE published_at < now() - make_interval(secs => $1)`;
