/**
 * An amount in minor units (cents) as a customer reads it: 1999 EUR is "€19.99", 1999 JPY is
 * "¥1,999". The decimal string is built from the integers, so no float ever rounds an amount.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`an amount in minor units must be a safe integer, got ${minorUnits}`);
  const { format, digits } = currencyFormatOf(currency);
  return format.format(toDecimalString(minorUnits, digits) as Intl.StringNumericLiteral);
}

/**
 * One formatter per currency, made once: building an Intl.NumberFormat loads locale data and was
 * the notification service's largest function of its own in a profile under load. Currencies are
 * ISO 4217 codes (the event schema checks them), so the map stays small.
 */
const currencyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function currencyFormatOf(currency: string): { format: Intl.NumberFormat; digits: number } {
  let entry = currencyFormats.get(currency);
  if (!entry) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    currencyFormats.set(currency, entry);
  }
  return entry;
}

/** 1999 with 2 digits is "19.99"; -5 is "-0.05"; with 0 digits 1999 is "1999". */
function toDecimalString(minorUnits: number, digits: number): string {
  const sign = minorUnits < 0 ? '-' : '';
  const magnitude = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}
