/**
 * The currencies Regulars accepts: ISO 4217 codes in use, as Intl lists them (AED ... ZWL). Fund and
 * testing codes (XXX, XTS) and made-up ones (BTC, ZZZ) are not money a store is paid in.
 */
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_CODES.has(code);
}

/**
 * Digits of each currency's minor unit in ISO 4217, where it is not 2. The standard, not Intl:
 * Intl's formatting digits follow CLDR's display habits (IDR, HUF, COP, PKR, IQD shown without
 * decimals), while shops (Shopify among them) count and send amounts in ISO's minor units. Every
 * conversion between minor units and the major unit goes through this one table.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  // No minor unit.
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // Thousandths.
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // Ten-thousandths (units of account).
  CLF: 4,
  UYW: 4,
};

/**
 * Digits of a currency's minor unit (EUR 2, JPY 0, KWD 3): an amount of `minor` minor units is
 * `minor / 10 ** digits` in the major unit. 2 for a code ISO 4217 gives no other figure.
 */
export function minorUnitDigits(code: string): number {
  return MINOR_DIGITS[code] ?? 2;
}

/** Minor units as decimal text, as shops' APIs take amounts: 1250 USD -> "12.50", 500 JPY -> "500". */
export function decimalText(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
