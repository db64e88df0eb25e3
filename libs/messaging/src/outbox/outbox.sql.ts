// The relay's SQL, on the tables of libs/messaging/prisma/messaging.prisma.

/** LISTEN/NOTIFY channel; a notification reaches only listeners of the same database. */
export const OUTBOX_CHANNEL = 'outbox_messages';

/** A named statement: node-postgres prepares it once per connection, and PostgreSQL plans it once. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Rows into the outbox and one NOTIFY, in one statement (one round trip), whatever the number of
 * messages: the columns come as parallel arrays ($1 ids, $2 topics, $3 keys, $4 values, $5 headers),
 * inserted in array order so the ids (the relay's publishing order) follow it. NOTIFY is
 * transactional: the relays hear it at commit, never for a rolled-back write. Its payload is the
 * last row's id: a relay whose claim already holds that row holds the earlier ones too, and
 * ignores the notification.
 */
export const WRITE_MESSAGES = `
  WITH written AS (
    INSERT INTO outbox_messages (message_id, topic, message_key, value, headers)
    SELECT message_id, topic, message_key, value, headers
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
      WITH ORDINALITY AS row (message_id, topic, message_key, value, headers, position)
    ORDER BY position
    RETURNING id)
  SELECT pg_notify('${OUTBOX_CHANNEL}', max(id)::text) FROM written`;

/**
 * The rows of WRITE_MESSAGES for the writer's own process to publish once the transaction
 * commits (OutboxRelay.publishCommitted): no NOTIFY, and the relay leaves them alone for $6
 * seconds (`publish_after`). Returns each row's id and, for its key, the unpublished rows written
 * before it (`unpublished_before`): the row may only go once they have. The writing transaction
 * sees every row of the key committed before it (the writers of one aggregate serialise on its
 * row), and its own.
 */
export const WRITE_MESSAGES_TO_PUBLISH = `
  WITH written AS (
    INSERT INTO outbox_messages (message_id, topic, message_key, value, headers, publish_after)
    SELECT message_id, topic, message_key, value, headers, now() + make_interval(secs => $6)
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
      WITH ORDINALITY AS row (message_id, topic, message_key, value, headers, position)
    ORDER BY position
    RETURNING id, message_id, message_key)
  SELECT written.id::text AS id, written.message_id::text AS message_id,
    ARRAY(SELECT earlier.id::text FROM outbox_messages earlier
          WHERE earlier.message_key = written.message_key AND earlier.published_at IS NULL AND earlier.id < written.id
          ORDER BY earlier.id) AS unpublished_before
  FROM written ORDER BY written.id`;

/**
 * Hands rows written for their writer's process back to the relay at once ($1: their ids): that
 * process could not publish them (Kafka refused, or they had to wait behind a row it does not hold).
 */
export const RELEASE_TO_RELAY: PreparedStatement = {
  name: 'outbox-release-to-relay',
  text: 'UPDATE outbox_messages SET publish_after = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL',
};

/**
 * The relay's connections commit without waiting for their WAL to reach the disk: what they
 * commit is only "published" stamps and the hand-over of rows, and a stamp lost to a crash of
 * PostgreSQL publishes its rows again, which the consumers' inboxes deduplicate, as after any
 * relay crash. It spared a disk flush per relay batch, a third of the commits of an order.
 */
export const RELAY_CONNECTION_OPTIONS = '-c synchronous_commit=off';

/**
 * Claims a batch: the oldest unpublished rows that are the relay's (`publish_after` passed) and
 * that no other relay holds. SKIP LOCKED lets two replicas run side by side without publishing the
 * same row twice (in the normal case: a crash can still duplicate). Each row comes with
 * `held_from`: for its key, the first unpublished row that this batch does not hold (another relay
 * has it locked, or its writer's process is publishing it). Rows of that key from there on must
 * wait, or that key's order would break. `id > 0`, true of every row, is what lets the claim use
 * the index of unpublished ids; `held` looks each claimed key up on its own, through the key index
 * (messaging.prisma says why): as one join of the keys with the unpublished rows, PostgreSQL,
 * taking the partial indexes for nearly empty, read every unpublished row once per claimed row;
 * MATERIALIZED, or it ran those look-ups again for every claimed row.
 *
 * Prepared (the limit inlined: an integer the relay checks, never outside input): planned once
 * per connection, where a simple query was planned at every batch, 0.24 ms of PostgreSQL's time
 * against 0.09 (pgbench, this machine), several batches per order.
 */
export function claimBatch(limit: number): PreparedStatement {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`outbox batch size must be a positive integer, not ${limit}`);
  return {
    name: `outbox-claim-${limit}`,
    text: `
  WITH claimed AS MATERIALIZED (
    SELECT id, message_id, topic, message_key, value, headers
    FROM outbox_messages
    WHERE published_at IS NULL AND id > 0 AND publish_after <= now()
    ORDER BY id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED),
  held AS MATERIALIZED (
    SELECT keys.message_key,
      (SELECT min(other.id) FROM outbox_messages other
       WHERE other.message_key = keys.message_key AND other.published_at IS NULL
         AND other.id NOT IN (SELECT id FROM claimed)) AS held_from
    FROM (SELECT DISTINCT message_key FROM claimed) AS keys)
  SELECT claimed.*, held.held_from FROM claimed LEFT JOIN held USING (message_key) ORDER BY claimed.id`,
  };
}

/** Stamps the published rows ($1: their ids), sent with the COMMIT. */
export const MARK_PUBLISHED: PreparedStatement = {
  name: 'outbox-mark-published',
  text: 'UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::bigint[])',
};

/** `id > 0`: through the index of unpublished ids (libs/messaging/prisma/messaging.prisma). */
export const COUNT_BACKLOG = 'SELECT count(*)::int AS backlog FROM outbox_messages WHERE published_at IS NULL AND id > 0';

export const DELETE_PUBLISHED_BEFORE = `DELETE FROM outbox_messages WHERE published_at < now() - make_interval(secs => $1)`;
