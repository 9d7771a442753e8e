/**
 * How segments keep up (docs/segments.md, "Membership"): a scheduled job that refreshes every
 * customer's metrics and then every segment's members, and an order handler that brings the
 * ordering customer's metrics and memberships up to date at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { type AsOf, parseAsOf, refreshCustomerMetrics, refreshCustomerMetricsFor } from './customer-metrics.service.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';
import { refreshCustomerSegments, refreshSegments } from './segment-refresh.service.js';

/** How often `regulars serve` refreshes metrics and memberships. */
export const SEGMENTS_REFRESH_EVERY_MS = 6 * 3_600_000;

/**
 * The as-of moment for "now": the instant itself, and as the day the date at UTC+14, the earliest
 * zone on Earth, so an order of today counts in every store's calendar (the customer 360 does the same).
 */
export function asOfNow(now: string): AsOf {
  const ms = Date.parse(now);
  return {
    instant: new Date(ms).toISOString(),
    day: parseAsOf(new Date(ms + 14 * 3_600_000).toISOString().slice(0, 10)).day,
  };
}

/** Metrics (a full refit), then every segment. Returns the membership changes made. */
export const segmentsRefreshJob: ScheduledJob = {
  name: 'segments-refresh',
  everyMs: SEGMENTS_REFRESH_EVERY_MS,
  async run(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
    const at = asOfNow(now);
    await refreshCustomerMetrics(db, storeId, `${new Date(at.day * 86_400_000).toISOString().slice(0, 10)}`, now);
    const results = await refreshSegments(db, storeId, { asOfDay: at.day, asOf: at.instant }, now);
    return results.reduce((n, r) => n + r.entered + r.exited, 0);
  },
};

/**
 * For every order written or changed: the customer's metrics with the store's last fitted model
 * (nothing before the first full refresh), then their memberships. Idempotent: a second call finds
 * nothing to change, and each entry or exit is one event (segment-members.query.ts).
 */
export const segmentsOrderHandler: OrderRewardHandler = async (db, storeId, order, now) => {
  const at = asOfNow(now);
  await refreshCustomerMetricsFor(
    db,
    storeId,
    order.customerId,
    new Date(at.day * 86_400_000).toISOString().slice(0, 10),
    now,
  );
  await refreshCustomerSegments(db, storeId, order.customerId, { asOfDay: at.day, asOf: at.instant }, now);
};
