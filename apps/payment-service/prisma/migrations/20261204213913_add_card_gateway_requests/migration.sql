-- CreateEnum
CREATE TYPE "card_gateway_authorization_state" AS ENUM ('authorized', 'captured', 'voided');

-- CreateTable
CREATE TABLE "card_gateway_requests" (
    "idempotency_key" VARCHAR(255) NOT NULL,
    "payment_token" VARCHAR(255) NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "authorization_id" VARCHAR(255),
    "decline_code" VARCHAR(64),
    "authorization_state" "card_gateway_authorization_state",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "card_gateway_requests_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "card_gateway_requests_authorization_id_key" ON "card_gateway_requests"("authorization_id");
