import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InventoryError } from './inventory-error.js';
import { planReservation, priceReservation } from './reservation-plan.js';

describe('planReservation', () => {
  it('sorts the lines by SKU, so every transaction locks product rows in the same order', () => {
    const plan = planReservation([
      { sku: 'WEBCAM-1080P', quantity: 1 },
      { sku: 'HDMI-CABLE-2M', quantity: 2 },
      { sku: 'USB-C-CABLE-1M', quantity: 3 },
    ]);
    assert.deepEqual(
      plan.map((line) => line.sku),
      ['HDMI-CABLE-2M', 'USB-C-CABLE-1M', 'WEBCAM-1080P'],
    );
  });

  it('adds up the quantities of a SKU that appears on several lines', () => {
    const plan = planReservation([
      { sku: 'LAPTOP-STAND', quantity: 2 },
      { sku: 'DESK-LAMP-LED', quantity: 1 },
      { sku: 'LAPTOP-STAND', quantity: 3 },
    ]);
    assert.deepEqual(plan, [
      { sku: 'DESK-LAMP-LED', quantity: 1 },
      { sku: 'LAPTOP-STAND', quantity: 5 },
    ]);
  });

  it('orders by code points, not by locale, so digits and dashes sort the same everywhere', () => {
    const plan = planReservation([
      { sku: 'A-B', quantity: 1 },
      { sku: 'AB', quantity: 1 },
      { sku: 'A1', quantity: 1 },
    ]);
    assert.deepEqual(
      plan.map((line) => line.sku),
      ['A-B', 'A1', 'AB'],
    );
  });
});

describe('priceReservation', () => {
  it('charges each line at its reserved unit price and totals the order in integer cents', () => {
    const priced = priceReservation([
      { sku: 'HDMI-CABLE-2M', quantity: 2, unitPriceCents: 1499, currency: 'EUR' },
      { sku: 'USB-C-CABLE-1M', quantity: 3, unitPriceCents: 999, currency: 'EUR' },
    ]);
    assert.deepEqual(priced, {
      items: [
        { sku: 'HDMI-CABLE-2M', quantity: 2, unitPriceCents: 1499 },
        { sku: 'USB-C-CABLE-1M', quantity: 3, unitPriceCents: 999 },
      ],
      totalCents: 2 * 1499 + 3 * 999,
      currency: 'EUR',
    });
  });

  it('refuses lines priced in different currencies with INVENTORY.MIXED_CURRENCIES', () => {
    assert.throws(
      () =>
        priceReservation([
          { sku: 'A', quantity: 1, unitPriceCents: 100, currency: 'EUR' },
          { sku: 'B', quantity: 1, unitPriceCents: 100, currency: 'USD' },
        ]),
      (error: unknown) => error instanceof InventoryError && error.code === 'INVENTORY.MIXED_CURRENCIES' && /EUR, USD/.test(error.message),
    );
  });
});
