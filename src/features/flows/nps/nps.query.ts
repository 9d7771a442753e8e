/**
 * Facts for the NPS flow (nps.planner.ts): the paid orders of the days whose fallback surveys fall
 * due, the deliveries recorded (order.delivered events) and their orders, and when each customer
 * was last sent (or planned) this flow's survey.
 */
import type { Kysely } from 'kysely';
import type { NpsOrder } from './nps.js';
import type { Database } from '../../../platform/database/database.table.js';
import { findPaidOrdersByExternalIds, findPaidOrdersOnDays } from '../engine/paid-orders.query.js';
import { deliveredOrderId, isOrderDelivered, ORDER_DELIVERED } from '../../events/index.js';

const CHUNK = 500;
/** A cheap first sieve over the payload text; deliveriesOf reads the JSON for the real test. */
const DELIVERED_LIKE = `%${ORDER_DELIVERED}%`;

/** Paid orders (not cancelled, not fully refunded) placed on these days. */
export function findNpsOrders(db: Kysely<Database>, storeId: string, days: readonly number[]): Promise<NpsOrder[]> {
  return findPaidOrdersOnDays(db, storeId, days);
}

/** A recorded delivery: the customer's event naming their order by the store's id. */
export interface NpsDelivery {
  readonly customerId: string;
  readonly orderExternalId: string;
  /** UTC instant. */
  readonly occurredAt: string;
}

/** The order.delivered events whose occurred_at is in [from, to), oldest first. */
export async function findDeliveriesBetween(
  db: Kysely<Database>,
  storeId: string,
  from: string,
  to: string,
): Promise<NpsDelivery[]> {
  const rows = await db
    .selectFrom('customer_events')
    .select(['customer_id', 'occurred_at', 'payload'])
    .where('store_id', '=', storeId)
    .where('kind', '=', 'custom')
    .where('payload', 'like', DELIVERED_LIKE)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .orderBy('occurred_at')
    .execute();
  return deliveriesOf(rows);
}

/** The paid orders these deliveries name (a delivery of an unknown or cancelled order asks nothing). */
export function findDeliveredOrders(
  db: Kysely<Database>,
  storeId: string,
  deliveries: readonly NpsDelivery[],
): Promise<NpsOrder[]> {
  return findPaidOrdersByExternalIds(
    db,
    storeId,
    deliveries.map((d) => d.orderExternalId),
  );
}

/**
 * Each order's earliest delivery recorded before `before`, by order id ('ord_...'). A delivery
 * counts when its event is the order's own customer's: the events API names the customer too.
 */
export async function firstDeliveries(
  db: Kysely<Database>,
  storeId: string,
  orders: readonly NpsOrder[],
  before: string,
): Promise<Map<string, string>> {
  const byKey = new Map(orders.map((o) => [`${o.customerId}|${o.externalId}`, o.orderId]));
  const customers = [...new Set(orders.map((o) => o.customerId))];
  const first = new Map<string, string>();
  for (let i = 0; i < customers.length; i += CHUNK) {
    const rows = await db
      .selectFrom('customer_events')
      .select(['customer_id', 'occurred_at', 'payload'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', customers.slice(i, i + CHUNK))
      .where('kind', '=', 'custom')
      .where('payload', 'like', DELIVERED_LIKE)
      .where('occurred_at', '<', before)
      .execute();
    for (const delivery of deliveriesOf(rows)) {
      const orderId = byKey.get(`${delivery.customerId}|${delivery.orderExternalId}`);
      if (orderId === undefined) continue;
      const seen = first.get(orderId);
      if (seen === undefined || delivery.occurredAt < seen) first.set(orderId, delivery.occurredAt);
    }
  }
  return first;
}

function deliveriesOf(rows: readonly { customer_id: string; occurred_at: string; payload: string }[]): NpsDelivery[] {
  const deliveries: NpsDelivery[] = [];
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const orderExternalId = isOrderDelivered(payload) ? deliveredOrderId(payload) : null;
    if (orderExternalId !== null)
      deliveries.push({ customerId: row.customer_id, orderExternalId, occurredAt: row.occurred_at });
  }
  return deliveries;
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
