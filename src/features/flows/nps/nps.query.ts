/**
 * Facts for the NPS flow (nps.planner.ts): the paid orders of the days whose surveys fall due, and
 * when each of their customers was last sent (or planned) this flow's survey.
 */
import type { Kysely } from 'kysely';
import type { NpsOrder } from './nps.js';
import type { Database } from '../../../platform/database/database.table.js';
import { findPaidOrdersOnDays } from '../engine/paid-orders.query.js';

const CHUNK = 500;

/** Paid orders (not cancelled, not fully refunded) placed on these days. */
export function findNpsOrders(db: Kysely<Database>, storeId: string, days: readonly number[]): Promise<NpsOrder[]> {
  return findPaidOrdersOnDays(db, storeId, days);
}

/**
 * Each customer's latest planned send instant of this flow's messages (any status: a survey held
 * out or suppressed still counts as asked), among those planned after `since`.
 */
export async function lastSurveyedAt(
  db: Kysely<Database>,
  storeId: string,
  flow: string,
  customerIds: readonly string[],
  since: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('outbox_messages')
      .select(['customer_id'])
      .select((eb) => eb.fn.max('planned_send_at').as('last'))
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids.slice(i, i + CHUNK))
      .where('flow', '=', flow)
      .where('planned_send_at', '>=', since)
      .groupBy('customer_id')
      .execute();
    for (const r of rows) if (r.last !== null) out.set(r.customer_id, String(r.last));
  }
  return out;
}
