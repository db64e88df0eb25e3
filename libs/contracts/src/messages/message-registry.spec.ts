import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ALL_MESSAGE_DEFINITIONS, messageRegistry } from './all-messages.js';
import { defineMessage } from './message-definition.js';
import { createMessageRegistry } from './message-registry.js';
import { PaymentDeclinedReply } from './payment/payment.replies.js';
import { ReserveStockCommand } from './inventory/inventory.commands.js';
import { Topics } from './topics.js';

const OrderShippedV1 = defineMessage({
  type: 'test.OrderShipped',
  version: 1,
  topic: Topics.orderEvents,
  payloadSchema: z.object({ orderId: z.string() }),
  keyOf: (payload) => payload.orderId,
});
const OrderShippedV2 = defineMessage({
  type: 'test.OrderShipped',
  version: 2,
  topic: Topics.orderEvents,
  payloadSchema: z.object({ orderId: z.string(), carrier: z.string() }),
  keyOf: (payload) => payload.orderId,
});

describe('the message registry', () => {
  it('finds a definition by type and version', () => {
    assert.equal(messageRegistry.find('payment.PaymentDeclined', 1), PaymentDeclinedReply);
    assert.equal(messageRegistry.find('inventory.ReserveStock', 1), ReserveStockCommand);
  });

  it('finds nothing for an unknown type or an unknown version of a known type', () => {
    assert.equal(messageRegistry.find('payment.PaymentRefunded', 1), undefined);
    assert.equal(messageRegistry.find('payment.PaymentDeclined', 2), undefined);
    assert.deepEqual(messageRegistry.versionsOf('payment.PaymentDeclined'), [1]);
    assert.deepEqual(messageRegistry.versionsOf('payment.PaymentRefunded'), []);
  });

  it('keeps a v2 beside its v1, each with its own schema', () => {
    const registry = createMessageRegistry([OrderShippedV2, OrderShippedV1]);
    assert.equal(registry.find('test.OrderShipped', 1), OrderShippedV1);
    assert.equal(registry.find('test.OrderShipped', 2), OrderShippedV2);
    assert.deepEqual(registry.versionsOf('test.OrderShipped'), [1, 2]);
  });

  it('refuses the same type and version registered twice', () => {
    assert.throws(() => createMessageRegistry([OrderShippedV1, { ...OrderShippedV1 }]), /test\.OrderShipped v1 is registered twice/);
  });

  it('lists the messages a topic carries', () => {
    const commandTypes = messageRegistry.onTopic(Topics.paymentCommands).map((definition) => definition.type);
    assert.deepEqual(commandTypes, ['payment.AuthorizePayment', 'payment.CapturePayment', 'payment.VoidPayment']);
  });

  it('names every message of the system <service>.<PascalCaseName>, with a version from 1', () => {
    for (const definition of ALL_MESSAGE_DEFINITIONS) {
      assert.match(definition.type, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[A-Z][A-Za-z0-9]+$/, definition.type);
      assert.ok(Number.isInteger(definition.version) && definition.version >= 1, definition.type);
    }
    assert.equal(messageRegistry.definitions.length, ALL_MESSAGE_DEFINITIONS.length, 'each once');
  });
});
