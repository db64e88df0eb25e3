-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "publish_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
