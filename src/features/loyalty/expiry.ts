import { balanceOf, type LedgerEntry } from './ledger.js';

/**
 * Points expire after `months` months without activity (any posting: an order's earn, a
 * redemption, an adjustment), with a warning `warnDays` before. Pure: the scheduler calls
 * these at `asOf` and writes what they return.
 */
export interface ExpiryPolicy {
  readonly months: number;
  readonly warnDays: number;
}

/** The instant `months` calendar months after an ISO instant (the day clamped to the month's end). */
export function addMonths(instant: string, months: number): string {
  const d = new Date(instant);
  const day = d.getUTCDate();
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

function lastActivity(entries: readonly LedgerEntry[], asOf: string): string | null {
  let last: string | null = null;
  for (const e of entries)
    if (e.postedAt <= asOf && e.kind !== 'expire' && (last === null || e.postedAt > last)) last = e.postedAt;
  return last;
}

/** When the customer's points expire if nothing happens first, or null (no points, no activity). */
export function expiresAt(entries: readonly LedgerEntry[], asOf: string, policy: ExpiryPolicy): string | null {
  const last = lastActivity(entries, asOf);
  if (last === null || balanceOf(entries, asOf).available <= 0) return null;
  return addMonths(last, policy.months);
}

/**
 * The expire entry due at asOf: the whole available balance, keyed by the activity it follows, so
 * a second run of the scheduler posts nothing new. Null when nothing is due.
 */
export function expiryDue(entries: readonly LedgerEntry[], asOf: string, policy: ExpiryPolicy): LedgerEntry | null {
  const at = expiresAt(entries, asOf, policy);
  if (at === null || at > asOf) return null;
  const key = `expire:${lastActivity(entries, asOf)}`;
  if (entries.some((e) => e.sourceKey === key)) return null;
  const points = balanceOf(entries, asOf).available;
  return {
    kind: 'expire',
    points: -points,
    sourceKey: key,
    reason: `no activity for ${policy.months} months`,
    postedAt: at,
    availableAt: at,
  };
}

/** Whether the "your points expire soon" event is due at asOf (the flow sends it once per expiry date). */
export function expiryWarningDue(
  entries: readonly LedgerEntry[],
  asOf: string,
  policy: ExpiryPolicy,
): { expiresAt: string; points: number } | null {
  const at = expiresAt(entries, asOf, policy);
  if (at === null || at <= asOf) return null;
  const warnFrom = new Date(Date.parse(at) - policy.warnDays * 86_400_000).toISOString();
  return asOf >= warnFrom ? { expiresAt: at, points: balanceOf(entries, asOf).available } : null;
}
