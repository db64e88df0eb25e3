-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "gateway_authorization_id" VARCHAR(255);
