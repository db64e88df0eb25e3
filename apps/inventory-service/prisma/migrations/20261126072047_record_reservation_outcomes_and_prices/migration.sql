-- The NOT NULL columns have no default: the reservation tables were still empty when this was
-- written (nothing reserved stock before this migration), so no row needs a value.
-- CreateEnum
CREATE TYPE "reservation_failure_reason" AS ENUM ('INSUFFICIENT_STOCK', 'UNKNOWN_SKU');

-- AlterEnum
ALTER TYPE "reservation_status" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "stock_reservations" ADD COLUMN     "failed_skus" VARCHAR(64)[] DEFAULT ARRAY[]::VARCHAR(64)[],
ADD COLUMN     "failure_reason" "reservation_failure_reason",
ADD COLUMN     "saga_id" UUID NOT NULL;

-- AlterTable
ALTER TABLE "stock_reservation_lines" ADD COLUMN     "currency" CHAR(3) NOT NULL,
ADD COLUMN     "unit_price_cents" INTEGER NOT NULL;
