/**
 * The churn-reason report: why customers cancel, skip and pause, by calendar month (UTC)
 * of the change, from the subscription changes history. A share is count / total of that kind in
 * that month (or overall), rounded half up to four decimals, so the shares of a month may add up to
 * 0.9999 or 1.0001; the counts are exact. Skips and pauses given without a reason count as
 * 'unspecified'.
 */

export interface ChangeFact {
  readonly kind: 'skipped' | 'paused' | 'cancelled';
  readonly reason: string | null;
  /** A UTC instant. */
  readonly at: string;
}

export interface ReasonShare {
  readonly reason: string;
  readonly count: number;
  readonly share: number;
}

export interface ReasonTally {
  readonly count: number;
  /** Most frequent first, then by reason. */
  readonly reasons: readonly ReasonShare[];
}

export interface ChurnMonth {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly cancelled: ReasonTally;
  readonly skipped: ReasonTally;
  readonly paused: ReasonTally;
}

export interface ChurnReasonReport {
  /** Oldest first; only months with at least one change. */
  readonly months: readonly ChurnMonth[];
  readonly total: { readonly cancelled: ReasonTally; readonly skipped: ReasonTally; readonly paused: ReasonTally };
}

export const UNSPECIFIED_REASON = 'unspecified';

function share(count: number, total: number): number {
  return Math.round((count * 10_000) / total) / 10_000;
}

function tally(facts: readonly ChangeFact[]): ReasonTally {
  const counts = new Map<string, number>();
  for (const f of facts) {
    const reason = f.reason ?? UNSPECIFIED_REASON;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const reasons = [...counts]
    .map(([reason, count]) => ({ reason, count, share: share(count, facts.length) }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { count: facts.length, reasons };
}

function byKind(facts: readonly ChangeFact[]) {
  return {
    cancelled: tally(facts.filter((f) => f.kind === 'cancelled')),
    skipped: tally(facts.filter((f) => f.kind === 'skipped')),
    paused: tally(facts.filter((f) => f.kind === 'paused')),
  };
}

export function churnReasonReport(facts: readonly ChangeFact[]): ChurnReasonReport {
  const months = new Map<string, ChangeFact[]>();
  for (const f of facts) {
    const month = new Date(f.at).toISOString().slice(0, 7);
    const list = months.get(month);
    if (list) list.push(f);
    else months.set(month, [f]);
  }
  return {
    months: [...months.keys()].sort().map((month) => ({ month, ...byKind(months.get(month)!) })),
    total: byKind(facts),
  };
}
