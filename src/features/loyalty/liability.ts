import type { LedgerKind } from './ledger.js';
import { moneyForPoints, type PointValue } from './program.js';

/**
 * The loyalty liability report: what the store owes in points and money, and how points
 * flowed month by month. Pure: the query sums the ledger, this shapes and values the sums.
 */

/** The ledger's points of one kind posted in one UTC calendar month ('YYYY-MM'), signed as stored. */
export interface MonthlyKindSum {
  readonly month: string;
  readonly kind: LedgerKind;
  readonly points: number;
}

export interface LiabilityInput {
  readonly asOf: string;
  readonly currency: string | null;
  readonly pointValue: PointValue | null;
  /** Every customer's available and pending points as of asOf, summed. */
  readonly available: number;
  readonly pending: number;
  readonly monthly: readonly MonthlyKindSum[];
}

/** Points that entered (earned, positive adjustments) or left (the others, as positive numbers). */
export interface PointFlows {
  readonly earned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly reversed: number;
  /** Signed: manual corrections either way. */
  readonly adjusted: number;
}

export interface LiabilityReport {
  readonly asOf: string;
  readonly currency: string | null;
  readonly pointValue: PointValue | null;
  readonly outstanding: {
    readonly available: number;
    readonly pending: number;
    readonly total: number;
    /** In minor units of currency at pointValue, rounded up; null when the program gives no value. */
    readonly availableMinor: number | null;
    readonly pendingMinor: number | null;
    readonly totalMinor: number | null;
  };
  readonly months: readonly (PointFlows & { readonly month: string })[];
  readonly totals: PointFlows;
  /**
   * expired / (expired + redeemed) over all time: of the points customers stopped holding by their
   * own doing or neglect, the share that lapsed. Reversals and adjustments are corrections, not
   * outcomes, so they count in neither. Null before any point was redeemed or expired.
   */
  readonly breakageRate: number | null;
}

const ZERO: PointFlows = { earned: 0, redeemed: 0, expired: 0, reversed: 0, adjusted: 0 };

function add(flows: PointFlows, kind: LedgerKind, points: number): PointFlows {
  switch (kind) {
    case 'earn':
      return { ...flows, earned: flows.earned + points };
    case 'redeem':
      return { ...flows, redeemed: flows.redeemed - points };
    case 'expire':
      return { ...flows, expired: flows.expired - points };
    case 'reverse':
      return { ...flows, reversed: flows.reversed - points };
    case 'adjust':
      return { ...flows, adjusted: flows.adjusted + points };
  }
}

export function liabilityReport(input: LiabilityInput): LiabilityReport {
  const byMonth = new Map<string, PointFlows>();
  let totals = ZERO;
  for (const row of input.monthly) {
    byMonth.set(row.month, add(byMonth.get(row.month) ?? ZERO, row.kind, row.points));
    totals = add(totals, row.kind, row.points);
  }
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, flows]) => ({ month, ...flows }));
  const total = input.available + input.pending;
  const leaving = totals.expired + totals.redeemed;
  return {
    asOf: input.asOf,
    currency: input.currency,
    pointValue: input.pointValue,
    outstanding: {
      available: input.available,
      pending: input.pending,
      total,
      availableMinor: moneyForPoints(input.available, input.pointValue),
      pendingMinor: moneyForPoints(input.pending, input.pointValue),
      totalMinor: moneyForPoints(total, input.pointValue),
    },
    months,
    totals,
    breakageRate: leaving === 0 ? null : totals.expired / leaving,
  };
}
