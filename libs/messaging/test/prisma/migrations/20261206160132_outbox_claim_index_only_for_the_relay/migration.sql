-- DropIndex
DROP INDEX "outbox_messages_unpublished_idx";

-- CreateIndex
CREATE INDEX "outbox_messages_unpublished_idx" ON "outbox_messages"("id") WHERE (published_at IS NULL AND id > 0);
