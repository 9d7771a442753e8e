/**
 * The currencies Regulars accepts: ISO 4217 codes in use, as Intl lists them (AED ... ZWL). Fund and
 * testing codes (XXX, XTS) and made-up ones (BTC, ZZZ) are not money a store is paid in.
 */
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_CODES.has(code);
}

const digitsCache = new Map<string, number>();

/**
 * Digits of a currency's minor unit as Intl formats it (EUR 2, JPY 0, KWD 3): an amount of
 * `minor` minor units is `minor / 10 ** digits` in the major unit. 2 for a code Intl cannot format.
 */
export function minorUnitDigits(code: string): number {
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    if (digitsCache.size < 1000) digitsCache.set(code, digits);
  }
  return digits;
}
