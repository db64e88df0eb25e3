import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { createMessage } from './create-message.js';
import { defineMessage, isMessageOf, type MessageOf } from './message-definition.js';
import { createMessageRegistry } from './message-registry.js';
import { type ParseFailureReason, parseMessage, parseMessageWith } from './parse-message.js';
import { PaymentDeclinedReply, PaymentAuthorizedReply } from './payment/payment.replies.js';
import { serializeMessage } from './serialize-message.js';
import { Topics } from './topics.js';

const orderId = '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11';
const sagaId = '6a1d2c3e-8b7f-4e0a-b1c2-d3e4f5a6b7c8';
const declined = createMessage(
  PaymentDeclinedReply,
  { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, reason: 'CARD_DECLINED' },
  { correlationId: orderId },
);

/** The declined reply as JSON, with `change` applied to its plain-object form. */
function declinedWith(change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(serializeMessage(declined)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

function assertRefused(raw: Buffer | string | null, reason: ParseFailureReason, detail: RegExp, expectedTopic?: string) {
  const result = parseMessage(raw, expectedTopic);
  assert.equal(result.ok, false, 'the message should have been refused');
  assert.ok(!result.ok);
  assert.equal(result.reason, reason);
  assert.match(result.detail, detail);
}

describe('parseMessage', () => {
  it('returns the typed message, whose payload a handler reads without casts', () => {
    const result = parseMessage(serializeMessage(declined), Topics.orderSagaReplies);
    assert.ok(result.ok);
    const { message } = result;
    if (message.type !== 'payment.PaymentDeclined') assert.fail(`unexpected ${message.type}`);
    const reason: 'CARD_DECLINED' | 'INVALID_PAYMENT_TOKEN' | 'GATEWAY_TIMEOUT' | 'GATEWAY_UNAVAILABLE' = message.payload.reason;
    assert.equal(reason, 'CARD_DECLINED');
    assert.ok(isMessageOf(PaymentDeclinedReply, message));
    assert.equal(isMessageOf(PaymentAuthorizedReply, message), false);
  });

  it('refuses an empty value or one that is not JSON as MALFORMED_JSON', () => {
    assertRefused(null, 'MALFORMED_JSON', /no value/);
    assertRefused(Buffer.from('{"messageId":'), 'MALFORMED_JSON', /not JSON/);
  });

  it('refuses a message without a valid envelope as INVALID_ENVELOPE, naming each field', () => {
    assertRefused('[1, 2]', 'INVALID_ENVELOPE', /envelope: Invalid input: expected object/);
    const detail = /envelope\.messageId: Invalid UUID.*envelope\.occurredAt: Invalid ISO datetime/;
    assertRefused(declinedWith((json) => Object.assign(json, { messageId: 'abc', occurredAt: 'yesterday' })), 'INVALID_ENVELOPE', detail);
    assertRefused(declinedWith((json) => delete json.correlationId), 'INVALID_ENVELOPE', /envelope\.correlationId/);
  });

  it('refuses a type no definition knows as UNKNOWN_TYPE', () => {
    assertRefused(declinedWith((json) => (json.type = 'payment.PaymentRefunded')), 'UNKNOWN_TYPE', /"payment\.PaymentRefunded"/);
  });

  it('refuses a known type read from a topic it does not belong on as UNKNOWN_TYPE', () => {
    assertRefused(serializeMessage(declined), 'UNKNOWN_TYPE', /belongs on order\.saga-replies\.v1, not on payment\.commands\.v1/, Topics.paymentCommands);
  });

  it('refuses a version this consumer does not know as UNSUPPORTED_VERSION, listing the known ones', () => {
    assertRefused(declinedWith((json) => (json.version = 2)), 'UNSUPPORTED_VERSION', /payment\.PaymentDeclined v2 is not supported; known versions: v1/);
  });

  it('refuses a payload that breaks its schema as INVALID_PAYLOAD, with the path of each issue', () => {
    const raw = declinedWith((json) => Object.assign(json, { payload: { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, reason: 'NO_FUNDS' } }));
    assertRefused(raw, 'INVALID_PAYLOAD', /payment\.PaymentDeclined v1: payload\.reason: Invalid option/);
  });

  it('ignores fields a newer producer added, so additive changes keep the version', () => {
    const raw = declinedWith((json) => {
      json.tenant = 'eu';
      (json.payload as Record<string, unknown>).retryable = false;
    });
    const result = parseMessage(raw);
    assert.ok(result.ok);
    assert.deepEqual(result.message, declined);
  });

  it('reads v1 and v2 of one type side by side, each against its own schema', () => {
    const shippedV1 = defineMessage({
      type: 'test.OrderShipped',
      version: 1,
      topic: Topics.orderEvents,
      payloadSchema: z.object({ orderId: z.string() }),
      keyOf: (payload) => payload.orderId,
    });
    const shippedV2 = defineMessage({ ...shippedV1, version: 2, payloadSchema: z.object({ orderId: z.string(), carrier: z.string() }) });
    const registry = createMessageRegistry([shippedV1, shippedV2]);
    const v2 = createMessage(shippedV2, { orderId, carrier: 'DHL' }, { correlationId: orderId });
    const parsed = parseMessageWith(registry, serializeMessage(v2));
    assert.ok(parsed.ok);
    assert.equal(parsed.definition, shippedV2);
    const broken = { ...v2, payload: { orderId } } as MessageOf<typeof shippedV2>;
    const refused = parseMessageWith(registry, serializeMessage(broken));
    assert.ok(!refused.ok);
    assert.match(refused.detail, /test\.OrderShipped v2: payload\.carrier/);
  });
});
