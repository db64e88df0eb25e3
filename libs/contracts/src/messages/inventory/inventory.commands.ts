// Commands the order saga sends to the inventory service. Each is idempotent on (sagaId, step):
// a redelivered command must not reserve, commit or release twice.
import { z } from 'zod';
import { requestedLineSchema } from '../fields/order-line.fields.js';
import { sagaFields } from '../fields/saga.fields.js';
import { defineMessage } from '../message-definition.js';
import { Topics } from '../topics.js';

export const ReserveStockCommand = defineMessage({
  type: 'inventory.ReserveStock',
  version: 1,
  topic: Topics.inventoryCommands,
  payloadSchema: z.object({
    ...sagaFields('RESERVE_STOCK'),
    items: z.array(requestedLineSchema).min(1),
  }),
  keyOf: (payload) => payload.orderId,
});

/** Compensation: gives back the order's reserved units. Releasing an unknown reservation is a no-op. */
export const ReleaseStockCommand = defineMessage({
  type: 'inventory.ReleaseStock',
  version: 1,
  topic: Topics.inventoryCommands,
  payloadSchema: z.object(sagaFields('RELEASE_STOCK')),
  keyOf: (payload) => payload.orderId,
});

/** Turns the order's reservation into a sale once the payment is authorized. */
export const CommitReservationCommand = defineMessage({
  type: 'inventory.CommitReservation',
  version: 1,
  topic: Topics.inventoryCommands,
  payloadSchema: z.object(sagaFields('COMMIT_RESERVATION')),
  keyOf: (payload) => payload.orderId,
});
