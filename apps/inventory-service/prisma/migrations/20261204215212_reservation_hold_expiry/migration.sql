-- AlterTable
ALTER TABLE "stock_reservations" ADD COLUMN     "expired_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "stock_reservations_status_created_at_idx" ON "stock_reservations"("status", "created_at");
