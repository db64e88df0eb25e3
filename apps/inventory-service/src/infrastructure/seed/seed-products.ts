import { CATALOG_CURRENCY, type Product } from '../../domain/product.js';

/** Enough that demos and load tests never run out. */
const PLENTY = 1_000_000;

const product = (sku: string, name: string, priceCents: number, available = PLENTY): Product => ({
  sku,
  name,
  priceCents,
  currency: CATALOG_CURRENCY,
  available,
});

/**
 * The catalog a new database starts with. Added only where missing, so a restart never resets
 * stock. LIMITED-EDITION-VINYL is short on purpose (10 units): orders for it can be REJECTED, and
 * 50 concurrent orders of one unit confirm exactly 10.
 */
export const SEED_PRODUCTS: readonly Product[] = [
  product('USB-C-CABLE-1M', 'USB-C to USB-C cable, 1 m', 999),
  product('HDMI-CABLE-2M', 'HDMI 2.1 cable, 2 m', 1_499),
  product('WIRELESS-MOUSE', 'Wireless optical mouse', 2_499),
  product('MECHANICAL-KEYBOARD', 'Mechanical keyboard, tenkeyless', 8_999),
  product('USB-C-CHARGER-65W', 'USB-C charger, 65 W', 3_999),
  product('NOISE-CANCELLING-HEADPHONES', 'Noise-cancelling over-ear headphones', 19_999),
  product('MONITOR-27-QHD', '27-inch QHD monitor', 29_900),
  product('LAPTOP-STAND', 'Aluminium laptop stand', 3_499),
  product('WEBCAM-1080P', 'Full HD webcam', 4_999),
  product('PORTABLE-SSD-1TB', 'Portable SSD, 1 TB', 10_999),
  product('DESK-LAMP-LED', 'LED desk lamp', 2_999),
  product('LIMITED-EDITION-VINYL', 'Limited edition vinyl record', 3_999, 10),
];
