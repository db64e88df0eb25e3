// What the gRPC API accepts, checked before any use case runs.
import { isKnownPaymentToken, PAYMENT_TEST_TOKENS } from '@shop/contracts';
import { z } from 'zod';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../domain/order/order-limits.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../application/list-orders/list-orders.query.js';

const SKU_MAX_LENGTH = 64;
const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

const userId = z.uuid('must be a UUID');

const orderLine = z.object({
  sku: z.string().min(1, 'must not be empty').max(SKU_MAX_LENGTH, `must be at most ${SKU_MAX_LENGTH} characters`),
  quantity: z.int('must be a whole number').min(1, `must be between 1 and ${MAX_LINE_QUANTITY}`).max(MAX_LINE_QUANTITY, `must be between 1 and ${MAX_LINE_QUANTITY}`),
});

export const placeOrderRequestSchema = z.object({
  userId,
  items: z
    .array(orderLine)
    .min(1, 'must hold at least one item')
    .max(MAX_ORDER_LINES, `must hold at most ${MAX_ORDER_LINES} items`)
    .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'must not name a SKU twice: add up the quantities instead'),
  paymentToken: z.string().refine(isKnownPaymentToken, `must be a known payment token (${PAYMENT_TEST_TOKENS.join(', ')})`),
  // Empty means the client sent none.
  idempotencyKey: z
    .string()
    .max(IDEMPOTENCY_KEY_MAX_LENGTH, `must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`)
    .regex(/^[\x21-\x7E]*$/, 'must be printable ASCII without spaces')
    .transform((key) => (key === '' ? null : key)),
});

export const getOrderRequestSchema = z.object({ orderId: z.uuid('must be a UUID'), userId });

export const listOrdersRequestSchema = z.object({
  userId,
  // 0 is the proto3 default, "not given"; the server caps large values rather than refusing them.
  pageSize: z
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .transform((size) => (size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE))),
  pageToken: z
    .string()
    .max(512, 'is not a token this service issued')
    .transform((token) => (token === '' ? null : token)),
});
