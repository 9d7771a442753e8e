/**
 * Number formats shared by the HTML and terminal reports: fixed en-US grouping, so a report
 * reads the same wherever it is generated.
 */

/** Cents matter on an order value, not on amounts in the thousands. */
export function amountDigits(values: readonly number[]): number {
  return values.some((v) => Math.abs(v) >= 1_000) ? 0 : 2;
}

export interface Formatters {
  /** The report's currency code, or null when the source did not say. */
  readonly currency: string | null;
  int(n: number): string;
  dec(n: number, digits: number): string;
  pct(share: number, digits?: number): string;
  /** Amount with its currency code, for prose and cards. */
  money(n: number): string;
  /** Amount alone, for table cells whose header carries the currency (see withCurrency). */
  amount(n: number, digits?: number): string;
  withCurrency(header: string): string;
  days(n: number): string;
}

export interface FormatOptions {
  /** Shown for a missing (non-finite) number. */
  readonly missing: string;
  /** Between a currency code and its amount. */
  readonly space: string;
}

export function formatters(
  currency: string | null,
  options: FormatOptions = { missing: '\u2014', space: '\u00a0' },
): Formatters {
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (min: number, max: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat => {
    const key = `${style}:${min}:${max}`;
    let f = cache.get(key);
    if (!f) {
      f = new Intl.NumberFormat('en-US', { style, minimumFractionDigits: min, maximumFractionDigits: max });
      cache.set(key, f);
    }
    return f;
  };
  const finite = (n: number, format: (n: number) => string): string =>
    Number.isFinite(n) ? format(n) : options.missing;
  const amount = (n: number, digits = amountDigits([n])): string => finite(n, (v) => nf(digits, digits).format(v));
  return {
    currency,
    int: (n) => finite(n, (v) => nf(0, 0).format(v)),
    dec: (n, digits) => finite(n, (v) => nf(digits, digits).format(v)),
    pct: (share, digits = 1) => finite(share, (v) => nf(digits, digits, 'percent').format(v)),
    money: (n) => (currency && Number.isFinite(n) ? `${currency}${options.space}${amount(n)}` : amount(n)),
    amount,
    withCurrency: (header) => (currency ? `${header} (${currency})` : header),
    days: (n) => finite(n, (v) => `${nf(0, 1).format(v)} ${v === 1 ? 'day' : 'days'}`),
  };
}
