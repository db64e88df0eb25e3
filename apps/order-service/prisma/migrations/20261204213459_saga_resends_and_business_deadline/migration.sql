-- Silence is an outage, not an answer: a saga sends a silent step's commands again and gives up
-- only at a business deadline, before the pivot (see apps/order-service/README.md). The count of
-- confirmation sends becomes the count of sends of whichever forward step is pending.
ALTER TABLE "saga_instances" RENAME COLUMN "confirmation_attempts" TO "step_attempts";
ALTER TABLE "saga_instances" ADD COLUMN "give_up_at" TIMESTAMPTZ(3);

-- Sagas before the pivot when this runs: their commands were sent once, and they get the default
-- business deadline (SAGA_SILENCE_DEADLINE_MS, 5 minutes) from when their order was placed.
UPDATE "saga_instances"
SET "step_attempts" = GREATEST("step_attempts", 1), "give_up_at" = "created_at" + INTERVAL '5 minutes'
WHERE "state" IN ('RESERVING_STOCK', 'AUTHORIZING_PAYMENT');
