/** What the API and the CLI show of subscriptions: each as it stands today, and the churn-reason report. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { addMonthsToDate } from '../../platform/calendar-months.js';
import { type ChurnReasonReport, churnReasonReport } from './churn-report.js';
import { subscriptionAsOf } from './subscription-state.js';
import {
  churnFacts,
  readCustomerSubscriptions,
  readSubscription,
  type Subscription,
} from './subscription.repository.js';

/** A stored subscription brought to `today`: deliveries passed, pauses ended (recorded by the next change or the job). */
function asOf(stored: Subscription, today: string): Subscription {
  return { ...stored, ...subscriptionAsOf(stored, today).state };
}

/** The store's subscription as it stands on `today`, or SUBSCRIPTION_NOT_FOUND. */
export async function getSubscription(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
  today: string,
): Promise<Subscription> {
  return asOf(await readSubscription(db, storeId, subscriptionId), today);
}

/** A customer's subscriptions as they stand on `today`, newest first. */
export async function listCustomerSubscriptions(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  today: string,
): Promise<Subscription[]> {
  return (await readCustomerSubscriptions(db, storeId, customerId)).map((stored) => asOf(stored, today));
}

/**
 * Why customers cancelled, skipped and paused, by month, from the month `from` to the month `to`
 * (YYYY-MM, UTC, both inclusive; null for no bound).
 */
export async function churnReasonsByMonth(
  db: Kysely<Database>,
  storeId: string,
  months: { readonly from: string | null; readonly to: string | null },
): Promise<ChurnReasonReport> {
  const range = {
    from: months.from === null ? null : `${months.from}-01T00:00:00.000Z`,
    to: months.to === null ? null : `${addMonthsToDate(`${months.to}-01`, 1)}T00:00:00.000Z`,
  };
  return churnReasonReport(await churnFacts(db, storeId, range));
}
