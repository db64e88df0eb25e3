// The business invariants a fault must not break, checked on what the services recorded once the
// system has recovered. Each is a sentence with a short name (a column of the chaos table).
import type { ScenarioProducts } from './order-flow.js';
import type { OrderEffects, OrderRecord } from './system-state.js';

export interface InvariantResult {
  /** Column header of the chaos table. */
  name: string;
  ok: boolean;
  /** What was found: the evidence when it failed, a summary when it held. */
  detail: string;
}

export interface Observation {
  orders: OrderRecord[];
  /** Order ids the gateway answered 202 for. */
  acceptedIds: string[];
  effects: Map<string, OrderEffects>;
  products: ScenarioProducts;
  stockBefore: Map<string, number>;
  stockAfter: Map<string, number>;
  outboxBacklogs: Record<string, number>;
  deadLettersBefore: Record<string, number>;
  deadLettersAfter: Record<string, number>;
  healedAt: number;
  boundMs: number;
  /** Components of the stack that exited on their own (a killed one is started again by its scenario). */
  exited: Array<{ name: string; lastError: string }>;
}

/** The sentences behind the column names, for the legend under the table. */
export const INVARIANT_LEGEND: Record<string, string> = {
  terminal: 'every order (each one the gateway took, and any it took without answering) is CONFIRMED, REJECTED or CANCELLED within the bound after the fault healed',
  'good⇒CONFIRMED': 'a good card with enough stock is CONFIRMED; a declined card CANCELLED (CARD_DECLINED); the scarce product confirms min(stock, orders) and rejects the rest for INSUFFICIENT_STOCK',
  'CONFIRMED⇔paid': 'CONFIRMED exactly when the payment is CAPTURED (the gateway authorization captured) and the reservation COMMITTED',
  'else freed': 'an order not confirmed has nothing captured, no authorization left unvoided, nothing reserved',
  stock: 'per SKU: initial - final available = units of CONFIRMED orders',
  notified: 'exactly one notification of the outcome per terminal order, and at most one email',
  outboxes: 'every service outbox backlog (published_at IS NULL) drained to 0',
  'no DLT': 'no message written to any <topic>.dlt during the scenario',
  'no crash': 'every component of the stack still runs: none exited on its own (a killed one is started again by its scenario)',
  replicas: 'both replicas of order-service and of payment-service held partitions of their consumer group during the burst',
};

const TERMINAL_SAGA_STATES = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);
const NOTIFICATION_TYPE = { CONFIRMED: 'ORDER_CONFIRMED', REJECTED: 'ORDER_REJECTED', CANCELLED: 'ORDER_CANCELLED' } as const;
/** Evidence lists stop after this many orders. */
const SHOWN = 5;

export const isTerminal = (order: OrderRecord): boolean => order.status !== 'PENDING' && TERMINAL_SAGA_STATES.has(order.sagaState ?? '');

export function checkInvariants(observation: Observation): InvariantResult[] {
  return [terminal, outcomesAsDecided, confirmedExactlyWhenPaid, nothingHeldOtherwise, stockConserved, notifiedOnce, outboxesDrained, noDeadLetters, noCrash].map(
    (check) => check(observation),
  );
}

function result(name: string, problems: string[], summary: string): InvariantResult {
  if (problems.length === 0) return { name, ok: true, detail: summary };
  const shown = problems.slice(0, SHOWN).join('; ');
  return { name, ok: false, detail: problems.length > SHOWN ? `${shown}; and ${problems.length - SHOWN} more` : shown };
}

const describeOrder = (order: OrderRecord) => `${order.orderId} ${order.status}${order.failureReason ? ` (${order.failureReason})` : ''}, saga ${order.sagaState}`;

function terminal({ orders, acceptedIds, healedAt, boundMs }: Observation): InvariantResult {
  const found = new Set(orders.map((order) => order.orderId));
  const problems = [
    ...acceptedIds.filter((id) => !found.has(id)).map((id) => `order ${id} answered 202 but not in order_service`),
    ...orders.filter((order) => !isTerminal(order)).map((order) => `still ${describeOrder(order)}`),
    ...orders
      .filter((order) => isTerminal(order) && order.updatedAt.getTime() > healedAt + boundMs)
      .map((order) => `${order.orderId} ended ${((order.updatedAt.getTime() - healedAt) / 1000).toFixed(1)} s after the heal`),
  ];
  return result('terminal', problems, `${orders.length} of ${orders.length} terminal within ${boundMs / 1000} s`);
}

type Kind = 'good' | 'declined' | 'scarce';

function kindOf(order: OrderRecord, products: ScenarioProducts): Kind {
  if (order.paymentToken === 'pm_card_declined') return 'declined';
  return order.items.some((item) => item.sku === products.scarce.sku) ? 'scarce' : 'good';
}

function outcomesAsDecided({ orders, products, stockBefore }: Observation): InvariantResult {
  const problems: string[] = [];
  const scarce: OrderRecord[] = [];
  for (const order of orders.filter(isTerminal)) {
    const kind = kindOf(order, products);
    if (kind === 'good' && order.status !== 'CONFIRMED') problems.push(`good card, stock enough: ${describeOrder(order)}`);
    if (kind === 'declined' && !(order.status === 'CANCELLED' && order.failureReason === 'CARD_DECLINED')) problems.push(`declined card: ${describeOrder(order)}`);
    if (kind === 'scarce') {
      scarce.push(order);
      if (!(order.status === 'CONFIRMED' || (order.status === 'REJECTED' && order.failureReason === 'INSUFFICIENT_STOCK'))) problems.push(`scarce product: ${describeOrder(order)}`);
    }
  }
  const stock = stockBefore.get(products.scarce.sku) ?? 0;
  const confirmedScarce = scarce.filter((order) => order.status === 'CONFIRMED').length;
  if (confirmedScarce !== Math.min(stock, scarce.length)) problems.push(`scarce product (stock ${stock}): ${confirmedScarce} of ${scarce.length} orders confirmed, expected ${Math.min(stock, scarce.length)}`);
  return result('good⇒CONFIRMED', problems, 'every outcome as card and stock decide');
}

function confirmedExactlyWhenPaid({ orders, effects }: Observation): InvariantResult {
  const problems: string[] = [];
  for (const order of orders.filter(isTerminal)) {
    const effect = effects.get(order.orderId)!;
    const paidAndCommitted = effect.payment === 'CAPTURED' && effect.authorization === 'captured' && effect.reservation === 'COMMITTED';
    const anyConfirmationEffect = effect.payment === 'CAPTURED' || effect.authorization === 'captured' || effect.reservation === 'COMMITTED';
    if (order.status === 'CONFIRMED' ? !paidAndCommitted : anyConfirmationEffect) problems.push(`${describeOrder(order)}: ${describeEffects(effect)}`);
  }
  return result('CONFIRMED⇔paid', problems, 'captured and committed exactly for the CONFIRMED');
}

const describeEffects = (effect: OrderEffects) =>
  `payment ${effect.payment ?? 'none'}, authorization ${effect.authorization ?? 'none'}, reservation ${effect.reservation ?? 'none'}`;

function nothingHeldOtherwise({ orders, effects }: Observation): InvariantResult {
  const problems: string[] = [];
  const notConfirmed = orders.filter((order) => isTerminal(order) && order.status !== 'CONFIRMED');
  for (const order of notConfirmed) {
    const effect = effects.get(order.orderId)!;
    const held =
      effect.payment === 'AUTHORIZED' ||
      effect.payment === 'CAPTURED' ||
      effect.authorization === 'authorized' ||
      effect.authorization === 'captured' ||
      effect.reservation === 'RESERVED' ||
      effect.reservation === 'COMMITTED';
    if (held) problems.push(`${describeOrder(order)}: ${describeEffects(effect)}`);
  }
  return result('else freed', problems, `${notConfirmed.length} not confirmed, none holds money or stock`);
}

function stockConserved({ orders, products, stockBefore, stockAfter }: Observation): InvariantResult {
  const problems: string[] = [];
  for (const sku of [...products.plenty.map((product) => product.sku), products.scarce.sku]) {
    const confirmedUnits = orders
      .filter((order) => order.status === 'CONFIRMED')
      .flatMap((order) => order.items)
      .filter((item) => item.sku === sku)
      .reduce((sum, item) => sum + item.quantity, 0);
    const before = stockBefore.get(sku) ?? NaN;
    const after = stockAfter.get(sku) ?? NaN;
    if (before - after !== confirmedUnits) problems.push(`${sku}: ${before} - ${after} = ${before - after}, but ${confirmedUnits} units confirmed`);
  }
  return result('stock', problems, 'initial - final = confirmed units, every SKU');
}

function notifiedOnce({ orders, effects }: Observation): InvariantResult {
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  for (const order of orders.filter(isTerminal)) {
    const { notifications, emails } = effects.get(order.orderId)!;
    const expected = NOTIFICATION_TYPE[order.status as keyof typeof NOTIFICATION_TYPE];
    if (notifications.length !== 1 || notifications[0]!.type !== expected) {
      problems.push(`${order.orderId} ${order.status}: notifications [${notifications.map((notification) => notification.type).join(', ')}]`);
    }
    if (emails > 1) problems.push(`${order.orderId}: ${emails} emails`);
    for (const notification of notifications) statuses[notification.status] = (statuses[notification.status] ?? 0) + 1;
  }
  return result('notified', problems, `one each (${Object.entries(statuses).map(([status, count]) => `${count} ${status}`).join(', ') || 'none'})`);
}

function outboxesDrained({ outboxBacklogs }: Observation): InvariantResult {
  const problems = Object.entries(outboxBacklogs)
    .filter(([, backlog]) => backlog > 0)
    .map(([service, backlog]) => `${service}: ${backlog} unpublished`);
  return result('outboxes', problems, 'all 0');
}

function noDeadLetters({ deadLettersBefore, deadLettersAfter }: Observation): InvariantResult {
  const problems = Object.entries(deadLettersAfter)
    .map(([topic, count]) => [topic, count - (deadLettersBefore[topic] ?? 0)] as const)
    .filter(([, added]) => added > 0)
    .map(([topic, added]) => `${added} on ${topic}`);
  return result('no DLT', problems, 'none written');
}

function noCrash({ exited }: Observation): InvariantResult {
  return result(
    'no crash',
    exited.map(({ name, lastError }) => `${name} exited: ${lastError}`),
    'every component runs',
  );
}
