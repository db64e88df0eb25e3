import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidMessageError, causedBy, createMessage } from './create-message.js';
import { ReserveStockCommand } from './inventory/inventory.commands.js';
import { StockReservedReply } from './inventory/inventory.replies.js';
import type { PayloadOf } from './message-definition.js';
import { parseMessage } from './parse-message.js';
import { serializeMessage, toKafkaRecord } from './serialize-message.js';
import { Topics } from './topics.js';

const orderId = '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11';
const sagaId = '6a1d2c3e-8b7f-4e0a-b1c2-d3e4f5a6b7c8';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const reserveStock: PayloadOf<typeof ReserveStockCommand> = { sagaId, step: 'RESERVE_STOCK', orderId, items: [{ sku: 'SKU-1', quantity: 2 }] };

describe('createMessage', () => {
  it('wraps a valid payload in a complete envelope', () => {
    const occurredAt = new Date('2025-01-02T03:04:05.678Z');
    const message = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId, traceparent, occurredAt });
    assert.match(message.messageId, /^[0-9a-f-]{36}$/);
    assert.equal(message.type, 'inventory.ReserveStock');
    assert.equal(message.version, 1);
    assert.equal(message.occurredAt, '2025-01-02T03:04:05.678Z');
    assert.equal(message.correlationId, orderId);
    assert.equal(message.causationId, null);
    assert.equal(message.traceparent, traceparent);
    assert.deepEqual(message.payload, reserveStock);
  });

  it('gives each message its own id', () => {
    const first = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId });
    const second = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId });
    assert.notEqual(first.messageId, second.messageId);
  });

  it('survives serialization and parsing unchanged', () => {
    const sent = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId, traceparent });
    const received = parseMessage(Buffer.from(serializeMessage(sent)), Topics.inventoryCommands);
    assert.equal(received.ok, true);
    assert.ok(received.ok);
    assert.deepEqual(received.message, sent);
    assert.equal(received.definition, ReserveStockCommand);
  });

  it('refuses a payload that breaks the schema, naming the field', () => {
    const invalid = { ...reserveStock, items: [{ sku: 'SKU-1', quantity: 0 }] };
    assert.throws(
      () => createMessage(ReserveStockCommand, invalid, { correlationId: orderId }),
      (error: unknown) =>
        error instanceof InvalidMessageError &&
        error.code === 'CONTRACTS.INVALID_MESSAGE' &&
        error.message.includes('invalid inventory.ReserveStock v1: payload.items[0].quantity: Too small'),
    );
  });

  it('refuses an envelope without a correlation id or with a malformed traceparent', () => {
    assert.throws(() => createMessage(ReserveStockCommand, reserveStock, { correlationId: '' }), /envelope\.correlationId/);
    assert.throws(
      () => createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId, traceparent: 'not-a-trace' }),
      /envelope\.traceparent: expected a W3C traceparent/,
    );
  });

  it('chains a reply to the command it answers: same correlation and trace, caused by the command', () => {
    const command = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId, traceparent });
    const reply = createMessage(
      StockReservedReply,
      { ...reserveStock, items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }], totalCents: 2500, currency: 'EUR' },
      causedBy(command),
    );
    assert.equal(reply.correlationId, orderId);
    assert.equal(reply.causationId, command.messageId);
    assert.equal(reply.traceparent, traceparent);
  });
});

describe('toKafkaRecord', () => {
  it('produces a message on its definition\'s topic, keyed by the order id', () => {
    const message = createMessage(ReserveStockCommand, reserveStock, { correlationId: orderId });
    const record = toKafkaRecord(ReserveStockCommand, message);
    assert.equal(record.topic, 'inventory.commands.v1');
    assert.equal(record.key, orderId);
    assert.deepEqual(JSON.parse(record.value), message);
  });
});
