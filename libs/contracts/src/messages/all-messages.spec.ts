import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_MESSAGE_DEFINITIONS, type KnownMessageDefinition } from './all-messages.js';
import { createMessage } from './create-message.js';
import type { PayloadOf } from './message-definition.js';
import { parseMessage } from './parse-message.js';
import { serializeMessage } from './serialize-message.js';

const orderId = '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11';
const userId = '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const sagaId = '6a1d2c3e-8b7f-4e0a-b1c2-d3e4f5a6b7c8';
const paymentId = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const pricedItems = [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }];
const money = { totalCents: 2500, currency: 'EUR' };

/** One valid example of every message of the system; the map's type makes a new message need one. */
const examples: { [TDefinition in KnownMessageDefinition as TDefinition['type']]: PayloadOf<TDefinition> } = {
  'inventory.ReserveStock': { sagaId, step: 'RESERVE_STOCK', orderId, items: [{ sku: 'SKU-1', quantity: 2 }] },
  'inventory.ReleaseStock': { sagaId, step: 'RELEASE_STOCK', orderId },
  'inventory.CommitReservation': { sagaId, step: 'COMMIT_RESERVATION', orderId },
  'inventory.StockReserved': { sagaId, step: 'RESERVE_STOCK', orderId, items: pricedItems, ...money },
  'inventory.StockReservationFailed': { sagaId, step: 'RESERVE_STOCK', orderId, reason: 'INSUFFICIENT_STOCK', skus: ['SKU-1'] },
  'inventory.StockReleased': { sagaId, step: 'RELEASE_STOCK', orderId },
  'inventory.ReservationCommitted': { sagaId, step: 'COMMIT_RESERVATION', orderId },
  'payment.AuthorizePayment': { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, userId, amountCents: 2500, currency: 'EUR', paymentToken: 'pm_card_ok' },
  'payment.CapturePayment': { sagaId, step: 'CAPTURE_PAYMENT', orderId },
  'payment.VoidPayment': { sagaId, step: 'VOID_PAYMENT', orderId },
  'payment.PaymentAuthorized': { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, paymentId, amountCents: 2500, currency: 'EUR' },
  'payment.PaymentDeclined': { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, reason: 'GATEWAY_TIMEOUT' },
  'payment.PaymentCaptured': { sagaId, step: 'CAPTURE_PAYMENT', orderId, paymentId, amountCents: 2500, currency: 'EUR' },
  'payment.PaymentVoided': { sagaId, step: 'VOID_PAYMENT', orderId },
  'order.OrderConfirmed': { orderId, userId, items: pricedItems, ...money },
  'order.OrderRejected': { orderId, userId, ...money, reason: 'INSUFFICIENT_STOCK' },
  'order.OrderCancelled': { orderId, userId, ...money, reason: 'CARD_DECLINED' },
  'user.UserRegistered': { userId, email: 'ada@example.com', name: 'Ada' },
  // (npx nx g @shop/tooling:service adds new examples above this line)
};

function exampleOf(definition: KnownMessageDefinition): Record<string, unknown> {
  return examples[definition.type] as Record<string, unknown>;
}

describe('every message of the system', () => {
  for (const definition of ALL_MESSAGE_DEFINITIONS) {
    describe(`${definition.type} v${definition.version}`, () => {
      it('accepts its example and keys it by its aggregate id', () => {
        const message = createMessage(definition, exampleOf(definition) as never, { correlationId: orderId });
        const parsed = parseMessage(serializeMessage(message), definition.topic);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
        const key = definition.keyOf(parsed.message.payload as never);
        assert.equal(key, definition.type.startsWith('user.') ? userId : orderId);
      });

      it('refuses its example with a field missing', () => {
        const [firstField] = Object.keys(exampleOf(definition));
        const { [firstField as string]: _dropped, ...incomplete } = exampleOf(definition);
        assert.throws(() => createMessage(definition, incomplete as never, { correlationId: orderId }), /invalid .* payload\./);
      });

      if ('step' in exampleOf(definition)) {
        it('refuses a step other than its own, so a reply cannot be matched to the wrong command', () => {
          const wrongStep = { ...exampleOf(definition), step: exampleOf(definition).step === 'VOID_PAYMENT' ? 'RELEASE_STOCK' : 'VOID_PAYMENT' };
          assert.throws(() => createMessage(definition, wrongStep as never, { correlationId: orderId }), /payload\.step/);
        });
      }
    });
  }
});
