/**
 * Replenishment (flow 3): remind a customer to reorder a consumable shortly before they
 * would run out, timed to their own cycle. The interval is, in order of preference:
 *   1. the customer's own: the median gap between the days they bought the product, once they have
 *      bought it at least twice;
 *   2. the product's median repurchase interval across the store's customers;
 *   3. the product's configured replenishment days.
 * The reminder is due at `leadFraction` of the interval after the last purchase (default 0.8: an
 * 8-week cycle, 56 days, is reminded on day 44, in week 7), and a later purchase of the product
 * starts a new cycle, so a customer who rebuys first is never reminded of the old one.
 * Days are the store's calendar day numbers (analytics/day.ts).
 */

export const DEFAULT_LEAD_FRACTION = 0.8;

export interface ReplenishmentSettings {
  /** Share of the interval after which the reminder is due, in (0, 1]. */
  readonly leadFraction: number;
}

/** What the store knows of a product's cycle. */
export interface ProductCycle {
  readonly sku: string;
  readonly title: string;
  /** The store's configured replenishment days; null for a product that does not run out. */
  readonly configuredDays: number | null;
  /** The median gap between consecutive purchases of the product by one customer, over the store; null without repurchases. */
  readonly medianRepurchaseDays: number | null;
}

export type IntervalBasis = 'own' | 'product_median' | 'configured';

export interface ReplenishmentDue {
  readonly sku: string;
  /** The day of the purchase the reminder follows: the trigger (a new purchase is a new trigger). */
  readonly lastDay: number;
  readonly intervalDays: number;
  readonly basis: IntervalBasis;
  /** The day the reminder is due. */
  readonly dueDay: number;
}

/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Gaps in days between consecutive distinct purchase days (several orders on one day are one purchase). */
export function purchaseGaps(days: readonly number[]): number[] {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < distinct.length; i++) gaps.push(distinct[i] - distinct[i - 1]);
  return gaps;
}

/**
 * When this customer's reminder for the product is due, or null when there is no interval to
 * go by (a product that does not run out, bought once, with no store-wide repurchases).
 * `days` are the days the customer bought the product.
 */
export function replenishmentDue(
  days: readonly number[],
  product: ProductCycle,
  settings: ReplenishmentSettings,
): ReplenishmentDue | null {
  if (days.length === 0) return null;
  if (!(settings.leadFraction > 0 && settings.leadFraction <= 1))
    throw new RangeError(`leadFraction must be in (0, 1], not ${settings.leadFraction}`);
  const gaps = purchaseGaps(days);
  let intervalDays: number;
  let basis: IntervalBasis;
  if (gaps.length > 0) {
    intervalDays = median(gaps);
    basis = 'own';
  } else if (product.medianRepurchaseDays !== null && product.medianRepurchaseDays > 0) {
    intervalDays = product.medianRepurchaseDays;
    basis = 'product_median';
  } else if (product.configuredDays !== null && product.configuredDays > 0) {
    intervalDays = product.configuredDays;
    basis = 'configured';
  } else {
    return null;
  }
  const lastDay = Math.max(...days);
  // Rounded down: a reminder a day early is better than one the day they run out.
  return {
    sku: product.sku,
    lastDay,
    intervalDays,
    basis,
    dueDay: lastDay + Math.max(1, Math.floor(intervalDays * settings.leadFraction)),
  };
}

/** The store-wide median gap between one customer's consecutive purchases of a product, or null. */
export function medianRepurchaseDays(daysByCustomer: Iterable<readonly number[]>): number | null {
  const gaps: number[] = [];
  for (const days of daysByCustomer) gaps.push(...purchaseGaps(days));
  return gaps.length === 0 ? null : median(gaps);
}

/** The sentence a dry run shows: "buys SKU-1 every 56 days; last on 2026-03-01". */
export function replenishmentReason(due: ReplenishmentDue, isoDay: (day: number) => string): string {
  const every = Number.isInteger(due.intervalDays) ? String(due.intervalDays) : due.intervalDays.toFixed(1);
  const how =
    due.basis === 'own'
      ? `buys ${due.sku} every ${every} days`
      : due.basis === 'product_median'
        ? `bought ${due.sku} once; customers rebuy it every ${every} days`
        : `bought ${due.sku} once; it lasts about ${every} days`;
  return `${how}; last on ${isoDay(due.lastDay)}`;
}
