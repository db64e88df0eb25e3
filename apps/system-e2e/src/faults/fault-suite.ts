// What the fault suite (npm test) and `npm run chaos` share around the scenarios: the customers,
// the bound every order must end within, and leaving the stack whole whatever happened.
import type { Customer } from '@shop/testing/system';
import { newCustomers } from './order-flow.js';
import { REPLICATED_SERVICES } from './scenarios.js';
import { ensureStackRunning } from './stack/components.js';
import { stopLeftoverReplicas } from './stack/replicas.js';

const CUSTOMERS = 4;
/** Orders of the fault suite in npm test, per scenario. */
export const SUITE_ORDERS_PER_SCENARIO = 20;

/**
 * Every order ends within 120 s after the fault healed. The saga sends a silent step again with
 * the wait doubling from 10 s up to 60 s (SAGA_RESEND_*), so whatever the outage swallowed is
 * sent again within 60 s of the heal; 120 s leaves as much again for the backlog, and the
 * business deadline (5 min after placement) never decides an order here. Larger runs get 250 ms
 * more per order above 20, for the bigger backlog an outage piles up.
 */
export function recoveryBoundMs(ordersPerScenario: number): number {
  return 120_000 + Math.max(0, ordersPerScenario - SUITE_ORDERS_PER_SCENARIO) * 250;
}

/** The stack whole, no replica left from a crashed run, and the customers who place the orders. */
export async function prepareFaultSuite(): Promise<Customer[]> {
  await stopLeftoverReplicas(REPLICATED_SERVICES);
  await ensureStackRunning();
  return newCustomers(CUSTOMERS);
}

/** Leaves the stack as the suite found it: every component running, no replica. */
export async function finishFaultSuite(): Promise<void> {
  await stopLeftoverReplicas(REPLICATED_SERVICES);
  await ensureStackRunning();
}
