/**
 * How many points an order earns ("Earn rules"). Ratios are exact fractions, so "1 point
 * per $10" is { points: 1, perMinor: 1000 } and never a rounded decimal.
 */
export interface EarnRate {
  /** Points earned per `perMinor` minor units of spend. */
  readonly points: number;
  readonly perMinor: number;
}

export interface EarnMultipliers {
  /** By SKU, e.g. { 'BEAN-1': 2 } for double points on a product. */
  readonly bySku?: Readonly<Record<string, number>>;
  readonly byCategory?: Readonly<Record<string, number>>;
  /** The customer's tier multiplier (1 without a tier). */
  readonly tier?: number;
}

export interface EarnLine {
  readonly sku: string | null;
  readonly category: string | null;
  /** The line's total after discounts, in minor units. */
  readonly totalMinor: number;
}

/**
 * Points for an order's lines: each line's spend weighted by its best product or category
 * multiplier, the sum times the tier multiplier and the rate, rounded down once for the order (so
 * two $5 lines at 1 point per $10 earn 1 point, not 0 + 0). Negative totals count as nothing.
 */
export function pointsForOrder(lines: readonly EarnLine[], rate: EarnRate, multipliers: EarnMultipliers = {}): number {
  if (!(rate.perMinor > 0) || !(rate.points >= 0))
    throw new RangeError('an earn rate needs points >= 0 per a positive number of minor units');
  let weighted = 0;
  for (const line of lines) {
    if (!(line.totalMinor > 0)) continue;
    const bySku = line.sku === null ? undefined : multipliers.bySku?.[line.sku];
    const byCategory = line.category === null ? undefined : multipliers.byCategory?.[line.category];
    weighted += line.totalMinor * Math.max(bySku ?? 1, byCategory ?? 1);
  }
  // One division for the whole order; the epsilon absorbs the float error of fractional multipliers
  // (1.1 x 1,000 is 1,100.0000000000002, 0.7 x 10 is 7.000000000000001, and the other way round).
  return Math.floor((weighted * (multipliers.tier ?? 1) * rate.points) / rate.perMinor + 1e-9);
}

/**
 * Points to take back when an order is refunded: in proportion to the refunded share of the order,
 * rounded up so the customer never keeps points for money returned, minus what was already
 * reversed (refunds arrive one by one), and never more than was earned.
 */
export function pointsToReverse(
  earned: number,
  orderTotalMinor: number,
  refundedMinor: number,
  alreadyReversed: number,
): number {
  if (earned <= 0 || orderTotalMinor <= 0) return 0;
  const share = Math.min(1, Math.max(0, refundedMinor) / orderTotalMinor);
  const due = Math.min(earned, Math.ceil(earned * share - 1e-9));
  return Math.max(0, due - alreadyReversed);
}
