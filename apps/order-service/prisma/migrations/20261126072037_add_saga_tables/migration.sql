-- CreateEnum
CREATE TYPE "saga_state" AS ENUM ('RESERVING_STOCK', 'AUTHORIZING_PAYMENT', 'CONFIRMING', 'COMPENSATING', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'FAILED_COMPENSATION');

-- CreateEnum
CREATE TYPE "saga_step" AS ENUM ('RESERVE_STOCK', 'AUTHORIZE_PAYMENT', 'COMMIT_RESERVATION', 'CAPTURE_PAYMENT', 'VOID_PAYMENT', 'RELEASE_STOCK');

-- CreateEnum
CREATE TYPE "saga_step_status" AS ENUM ('STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "idempotency_key" VARCHAR(255),
ADD COLUMN     "payment_token" VARCHAR(255) NOT NULL;

-- CreateTable
CREATE TABLE "saga_instances" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "state" "saga_state" NOT NULL,
    "pending_steps" "saga_step"[] DEFAULT ARRAY[]::"saga_step"[],
    "step_deadline_at" TIMESTAMPTZ(3),
    "confirmation_attempts" INTEGER NOT NULL DEFAULT 0,
    "compensation_attempts" INTEGER NOT NULL DEFAULT 0,
    "cancellation_reason" VARCHAR(64),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "saga_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saga_step_logs" (
    "id" BIGSERIAL NOT NULL,
    "saga_id" UUID NOT NULL,
    "step" "saga_step" NOT NULL,
    "status" "saga_step_status" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" TEXT,

    CONSTRAINT "saga_step_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saga_instances_order_id_key" ON "saga_instances"("order_id");

-- CreateIndex
CREATE INDEX "saga_instances_step_deadline_at_idx" ON "saga_instances"("step_deadline_at");

-- CreateIndex
CREATE INDEX "saga_step_logs_saga_id_id_idx" ON "saga_step_logs"("saga_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_user_id_idempotency_key_key" ON "orders"("user_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "saga_instances" ADD CONSTRAINT "saga_instances_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saga_step_logs" ADD CONSTRAINT "saga_step_logs_saga_id_fkey" FOREIGN KEY ("saga_id") REFERENCES "saga_instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;
