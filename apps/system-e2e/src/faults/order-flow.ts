// Orders arriving at the gateway at a fixed rate, placed by customers who keep their
// Idempotency-Key and try again when the gateway cannot take the order yet (a 5xx or no answer),
// as a shop's client would: during an outage an order is delayed, never placed twice.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, inventoryService, newCustomer, type Customer, type Product } from '@shop/testing/system';

/** What the order should become: its card and stock decide, never a fault. */
export type OrderKind = 'good' | 'declined' | 'scarce';

export interface PlannedOrder {
  index: number;
  kind: OrderKind;
  customer: Customer;
  idempotencyKey: string;
  items: Array<{ sku: string; quantity: number }>;
  paymentToken: 'pm_card_ok' | 'pm_card_declined';
}

export interface Placement {
  order: PlannedOrder;
  /** Set once the gateway answered 202. */
  orderId?: string;
  attempts: number;
  /** The last refusal, when the order was never taken. */
  refusal?: string;
}

/** The products of one scenario: two with plenty of stock, one that runs out. */
export interface ScenarioProducts {
  plenty: [Product, Product];
  scarce: Product;
}

const PLENTY = 100_000;
const CALL_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 1000;
const RETRY_DELAY_MAX_MS = 4000;

export function newCustomers(count: number): Promise<Customer[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => newCustomer(`faults-${index}`)));
}

/** Every tenth order is declined, every tenth orders the scarce product (stock for half of them), the rest are good. */
export function kindOf(index: number): OrderKind {
  if (index % 10 === 3) return 'declined';
  if (index % 10 === 7) return 'scarce';
  return 'good';
}

export async function createScenarioProducts(orderCount: number): Promise<ScenarioProducts> {
  const inventory = await inventoryService();
  const scarceOrders = Array.from({ length: orderCount }, (_, index) => kindOf(index)).filter((kind) => kind === 'scarce').length;
  const [first, second, scarce] = await Promise.all([
    inventory.createProduct(PLENTY, 1250),
    inventory.createProduct(PLENTY, 799),
    inventory.createProduct(Math.ceil(scarceOrders / 2), 4500),
  ]);
  return { plenty: [first, second], scarce };
}

export function planOrders(count: number, customers: Customer[], products: ScenarioProducts): PlannedOrder[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = kindOf(index);
    const items =
      kind === 'scarce'
        ? [{ sku: products.scarce.sku, quantity: 1 }]
        : [{ sku: products.plenty[0].sku, quantity: 1 + (index % 3) }, ...(index % 4 === 0 ? [{ sku: products.plenty[1].sku, quantity: 1 }] : [])];
    return {
      index,
      kind,
      customer: customers[index % customers.length]!,
      idempotencyKey: randomUUID(),
      items,
      paymentToken: kind === 'declined' ? 'pm_card_declined' : 'pm_card_ok',
    };
  });
}

/**
 * Places the orders evenly over `windowMs` (all at once when 0), each as soon as its turn comes
 * whatever happened to the others; resolves when every order was taken or given up on.
 */
export async function placeSteadily(orders: PlannedOrder[], windowMs: number, giveUpAfterMs: number): Promise<Placement[]> {
  const startedAt = Date.now();
  const interval = orders.length > 1 ? windowMs / (orders.length - 1) : 0;
  const placements = orders.map(async (order) => {
    const turn = startedAt + order.index * interval;
    if (turn > Date.now()) await sleep(turn - Date.now());
    return placeUntilTaken(order, Date.now() + giveUpAfterMs);
  });
  return Promise.all(placements);
}

/** One good order of a product of its own, outside any scenario's products. */
export async function placeCanaryOrder(customer: Customer, giveUpAfterMs: number): Promise<{ sku: string; placement: Placement }> {
  const product = await (await inventoryService()).createProduct(1, 100);
  const order: PlannedOrder = { index: 0, kind: 'good', customer, idempotencyKey: randomUUID(), items: [{ sku: product.sku, quantity: 1 }], paymentToken: 'pm_card_ok' };
  return { sku: product.sku, placement: await placeUntilTaken(order, Date.now() + giveUpAfterMs) };
}

async function placeUntilTaken(order: PlannedOrder, giveUpAt: number): Promise<Placement> {
  const placement: Placement = { order, attempts: 0 };
  let delay = RETRY_DELAY_MS;
  for (;;) {
    placement.attempts += 1;
    const answer = await postOrder(order);
    if (answer.orderId) return { ...placement, orderId: answer.orderId };
    placement.refusal = answer.refusal;
    // A 4xx other than 408 and 429 is the gateway's considered answer: asking again changes nothing.
    if (!answer.retriable || Date.now() + delay > giveUpAt) return placement;
    await sleep(delay);
    delay = Math.min(delay * 2, RETRY_DELAY_MAX_MS);
  }
}

async function postOrder(order: PlannedOrder): Promise<{ orderId?: string; refusal?: string; retriable: boolean }> {
  try {
    const reply = await call<{ orderId?: string }>('POST', '/api/v1/orders', {
      token: order.customer.token,
      headers: { 'idempotency-key': order.idempotencyKey },
      body: { items: order.items, paymentToken: order.paymentToken },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (reply.status === 202 && reply.body.orderId) return { orderId: reply.body.orderId, retriable: false };
    return { refusal: `HTTP ${reply.status} ${JSON.stringify(reply.body)}`, retriable: reply.status >= 500 || reply.status === 408 || reply.status === 429 };
  } catch (error) {
    return { refusal: error instanceof Error ? `${error.name}: ${error.message}` : String(error), retriable: true };
  }
}
