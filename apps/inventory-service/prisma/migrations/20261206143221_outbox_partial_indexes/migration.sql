-- DropIndex
DROP INDEX "outbox_messages_published_at_id_idx";

-- DropIndex
DROP INDEX "outbox_messages_message_key_id_idx";

-- CreateIndex
CREATE INDEX "outbox_messages_unpublished_idx" ON "outbox_messages"("id") WHERE (published_at IS NULL);

-- CreateIndex
CREATE INDEX "outbox_messages_unpublished_key_idx" ON "outbox_messages"("message_key", "id") WHERE (published_at IS NULL);

-- CreateIndex
CREATE INDEX "outbox_messages_published_at_idx" ON "outbox_messages"("published_at") WHERE (published_at IS NOT NULL);
