// One scenario from start to verdict: products of its own, orders flowing through the gateway,
// the fault injected and healed, the wait for recovery, and the invariants checked on what every
// service recorded. The fault suite (npm test) and `npm run chaos` both run scenarios through here.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Customer } from '@shop/testing/system';
import { checkInvariants, isTerminal, type InvariantResult } from './invariants.js';
import { createScenarioProducts, placeCanaryOrder, placeSteadily, planOrders, type Placement, type PlannedOrder } from './order-flow.js';
import type { Heal, Scenario } from './scenarios.js';
import { ensureStackRunning, exitedComponents } from './stack/components.js';
import { deadLetterCounts, effectsOf, ordersMidSaga, ordersWith, outboxBacklogs, stockOf, type OrderRecord } from './system-state.js';

export interface RunOptions {
  ordersPerScenario: number;
  customers: Customer[];
  /** Every order must be terminal this long after the fault healed. */
  boundMs: number;
  log?: (line: string) => void;
}

export interface ScenarioReport {
  id: string;
  title: string;
  planned: number;
  /** Orders found in order_service (taken by the gateway, whether it answered or not). */
  orders: number;
  outcomes: Record<string, number>;
  /** Orders the gateway took only after asking again (same Idempotency-Key). */
  retried: number;
  /** Orders the gateway never took: not orders, so no invariant covers them. */
  refused: string[];
  heal: Heal;
  /** From the heal to the last order terminal (0 when every order had ended before); null when some never ended. */
  recoveryMs: number | null;
  /** The longest an order took from placed to terminal: how long the fault kept a customer waiting. */
  slowestOrderMs: number;
  invariants: InvariantResult[];
  durationMs: number;
}

/** After the last order ended: its notification and the outbox relays' last messages follow within this. */
export const AFTERMATH_MS = 30_000;
/** A client stops asking the gateway to take an order after this long. */
const PLACEMENT_GIVE_UP_MS = 60_000;
const POLL_MS = 1000;
/** The fault waits at most this long for a saga under way (an order arrives about every second). */
const MID_SAGA_WAIT_MS = 3000;

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioReport> {
  const startedAt = Date.now();
  const log = options.log ?? (() => undefined);
  const restarted = await ensureStackRunning();
  if (restarted.length) log(`started again what an earlier scenario left stopped: ${restarted.join(', ')}`);
  await canaryOrderConfirmed(options.customers[0]!, options.boundMs);

  const products = await createScenarioProducts(options.ordersPerScenario);
  const skus = [...products.plenty.map((product) => product.sku), products.scarce.sku];
  const stockBefore = await stockOf(skus);
  const deadLettersBefore = await deadLetterCounts();
  const plan = planOrders(options.ordersPerScenario, options.customers, products);
  try {
    await scenario.prepare?.();
    const { placements, heal } = await flowWithFault(scenario, plan, skus, log);
    log(`fault healed: ${heal.detail}; ${placements.filter((placement) => placement.orderId).length} of ${plan.length} orders taken`);

    // A component that crashed is not coming back (the stack has no supervisor): no use waiting for the bound.
    const orders = await untilTerminal(skus, heal.healedAt + options.boundMs, async () => (await exitedComponents()).length > 0);
    const lastEnded = Math.max(heal.healedAt, ...orders.filter(isTerminal).map((order) => order.updatedAt.getTime()));
    log(`orders terminal ${((lastEnded - heal.healedAt) / 1000).toFixed(1)} s after the heal`);
    const aftermath = await untilAftermathSettled(orders, lastEnded + AFTERMATH_MS);
    const exited = await exitedComponents();
    const invariants = checkInvariants({
      orders,
      acceptedIds: placements.flatMap((placement) => (placement.orderId ? [placement.orderId] : [])),
      effects: aftermath.effects,
      products,
      stockBefore,
      stockAfter: await stockOf(skus),
      outboxBacklogs: aftermath.backlogs,
      deadLettersBefore,
      deadLettersAfter: await deadLetterCounts(),
      healedAt: heal.healedAt,
      boundMs: options.boundMs,
      exited,
    });
    invariants.push(...((await scenario.extraInvariants?.()) ?? []));
    return {
      id: scenario.id,
      title: scenario.title,
      planned: plan.length,
      orders: orders.length,
      outcomes: countBy(orders.map((order) => order.status)),
      retried: placements.filter((placement) => placement.orderId && placement.attempts > 1).length,
      refused: placements.filter((placement) => !placement.orderId).map((placement) => placement.refusal ?? 'no answer'),
      heal,
      recoveryMs: orders.every(isTerminal) ? lastEnded - heal.healedAt : null,
      slowestOrderMs: Math.max(0, ...orders.filter(isTerminal).map((order) => order.updatedAt.getTime() - order.createdAt.getTime())),
      invariants,
      durationMs: Date.now() - startedAt,
    };
  } finally {
    await scenario.cleanUp?.();
  }
}

/**
 * The orders flow; the fault starts at its moment, as soon as some saga is under way, so that it
 * hits orders in the middle of their sagas and not only those placed after it. Without a fault,
 * "healed" is when the last order was taken.
 */
async function flowWithFault(scenario: Scenario, plan: PlannedOrder[], skus: string[], log: (line: string) => void): Promise<{ placements: Placement[]; heal: Heal }> {
  const flowStartedAt = Date.now();
  const flow = placeSteadily(plan, scenario.flowWindowMs, PLACEMENT_GIVE_UP_MS);
  if (!scenario.injectAndHeal) {
    const placements = await flow;
    return { placements, heal: { healedAt: Date.now(), detail: `no fault; ${plan.length} orders at once` } };
  }
  await sleep(Math.max(0, flowStartedAt + scenario.faultAtMs - Date.now()));
  const midSaga = await ordersMidSaga(skus, MID_SAGA_WAIT_MS);
  log(`injecting, ${midSaga} order${midSaga === 1 ? '' : 's'} mid-saga: ${scenario.title}`);
  // The flow goes on whatever the fault does; a fault that throws still waits for it.
  const [healed, placed] = await Promise.allSettled([scenario.injectAndHeal(), flow]);
  if (healed.status === 'rejected') throw healed.reason;
  if (placed.status === 'rejected') throw placed.reason;
  return { placements: placed.value, heal: { ...healed.value, detail: `${midSaga} order${midSaga === 1 ? '' : 's'} mid-saga when it hit; ${healed.value.detail}` } };
}

/**
 * Before the fault, the system takes an order, confirms it and emails the customer: what an
 * earlier scenario broke and left broken (a crashed service restarted behind an open circuit, a
 * consumer still retrying) fails here, named as such, instead of passing for this scenario's fault.
 */
async function canaryOrderConfirmed(customer: Customer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const before = (what: string) => new Error(`before the fault, ${what} within ${timeoutMs / 1000} s: the stack did not recover from an earlier scenario`);
  const { sku, placement } = await placeCanaryOrder(customer, timeoutMs);
  if (!placement.orderId) throw before(`the gateway does not take an order (${placement.refusal})`);
  const [order] = await untilTerminal([sku], deadline);
  if (order?.status !== 'CONFIRMED') throw before(`a good order does not end CONFIRMED (${order?.status ?? 'not found'})`);
  for (;;) {
    const { notifications } = (await effectsOf([order.orderId])).get(order.orderId)!;
    if (notifications.some((notification) => notification.status === 'SENT')) return;
    if (Date.now() > deadline) throw before(`a confirmed order's email is not sent (${JSON.stringify(notifications)})`);
    await sleep(POLL_MS);
  }
}

async function untilTerminal(skus: string[], deadline: number, hopeless: () => Promise<boolean> = async () => false): Promise<OrderRecord[]> {
  for (;;) {
    const orders = await ordersWith(skus);
    if (orders.every(isTerminal) || Date.now() > deadline || (await hopeless())) return orders;
    await sleep(POLL_MS);
  }
}

/** Notifications recorded and out of PENDING, outboxes empty: or the deadline, and the invariants say what is missing. */
async function untilAftermathSettled(orders: OrderRecord[], deadline: number) {
  const ids = orders.map((order) => order.orderId);
  for (;;) {
    const [effects, backlogs] = await Promise.all([effectsOf(ids), outboxBacklogs()]);
    const notified = orders
      .filter(isTerminal)
      .every((order) => effects.get(order.orderId)!.notifications.some((notification) => notification.status !== 'PENDING'));
    const drained = Object.values(backlogs).every((backlog) => backlog === 0);
    if ((notified && drained) || Date.now() > deadline) return { effects, backlogs };
    await sleep(POLL_MS);
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
