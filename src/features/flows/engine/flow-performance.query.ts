import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { FlowMessageFact, FlowOrderFact } from './flow-performance-report.js';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';

/**
 * The facts of a flow's performance in two set-based reads: the flow's outbox rows (through the
 * outbox_messages_flow index, store_id then flow), and its exposed customers' purchases on the
 * calendar days the attribution windows cover (through orders_customer: store_id, customer_id,
 * order_day), the customers named by a subquery on the outbox rather than a list of ids.
 */

/** The flow's messages planned for [since, until) (UTC instants; null for an open end). */
export interface FlowMessageRange {
  readonly flow: string;
  readonly since: string | null;
  readonly until: string | null;
}

function flowMessages(
  db: Kysely<Database>,
  storeId: string,
  range: FlowMessageRange,
): SelectQueryBuilder<Database, 'outbox_messages', object> {
  let query = db.selectFrom('outbox_messages').where('store_id', '=', storeId).where('flow', '=', range.flow);
  // planned_send_at is written as a UTC instant (planMessages), so text order is time order.
  if (range.since !== null) query = query.where('planned_send_at', '>=', range.since);
  if (range.until !== null) query = query.where('planned_send_at', '<', range.until);
  return query;
}

/** Every message of the flow in the range, whatever its status. */
export async function flowMessageFacts(
  db: Kysely<Database>,
  storeId: string,
  range: FlowMessageRange,
): Promise<FlowMessageFact[]> {
  const rows = await flowMessages(db, storeId, range)
    .select(['customer_id', 'status', 'planned_send_at', 'sent_at'])
    .execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    status: row.status,
    plannedSendAt: row.planned_send_at,
    sentAt: row.sent_at,
  }));
}

/**
 * The purchases (isPurchase: not cancelled nor wholly refunded) on order days [fromDay, toDay] of
 * the customers the flow sent to or held out in the range, net of refunds. The caller narrows by
 * instant (Date.parse of ordered_at, which may carry an offset).
 */
export async function flowOrderFacts(
  db: Kysely<Database>,
  storeId: string,
  range: FlowMessageRange,
  fromDay: number,
  toDay: number,
): Promise<FlowOrderFact[]> {
  const exposed = flowMessages(db, storeId, range).select('customer_id').where('status', 'in', ['sent', 'held_out']);
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', 'ordered_at', 'currency', 'total_minor', 'refunded_minor'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', exposed)
    .where('order_day', '>=', fromDay)
    .where('order_day', '<=', toDay)
    .where(isPurchase)
    .execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    at: Date.parse(row.ordered_at),
    currency: row.currency,
    netMinor: Number(row.total_minor) - Number(row.refunded_minor),
  }));
}
