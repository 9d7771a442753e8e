/**
 * Facts for the review-request flow (src/features/flows/review-request/review-request.planner.ts): the paid orders of the
 * days whose requests fall due, their lines, and the reviews their customers wrote since.
 */
import type { Kysely } from 'kysely';
import type { ReviewLine } from './review-request.js';
import type { Database } from '../../../platform/database/database.table.js';
import { findPaidOrdersOnDays, type PaidOrder } from '../engine/paid-orders.query.js';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface ReviewOrderRow extends PaidOrder {
  readonly lines: ReviewLine[];
}

/** Paid orders (not cancelled, not fully refunded) placed on these days, with their lines. */
export async function findReviewOrders(
  db: Kysely<Database>,
  storeId: string,
  days: readonly number[],
): Promise<ReviewOrderRow[]> {
  const orders = new Map<string, ReviewOrderRow>();
  for (const order of await findPaidOrdersOnDays(db, storeId, days)) orders.set(order.orderId, { ...order, lines: [] });
  for (const ids of chunks([...orders.keys()])) {
    const lines = await db
      .selectFrom('order_lines')
      .select(['order_id', 'line_no', 'sku', 'title', 'price_minor', 'total_minor'])
      .where('store_id', '=', storeId)
      .where('order_id', 'in', ids)
      .execute();
    for (const l of lines) {
      orders.get(l.order_id)?.lines.push({
        lineNo: Number(l.line_no),
        sku: l.sku,
        title: l.title,
        priceMinor: Number(l.price_minor),
        totalMinor: Number(l.total_minor),
      });
    }
  }
  return [...orders.values()];
}

/**
 * review_submitted events of these customers in [since, before): the SKU each one rated (payload.sku),
 * by customer. Read by the (store_id, customer_id, occurred_at) index.
 */
export async function findReviewsSince(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  since: string,
  before: string,
): Promise<Map<string, { sku: string; occurredAt: string }[]>> {
  const out = new Map<string, { sku: string; occurredAt: string }[]>();
  for (const ids of chunks([...new Set(customerIds)])) {
    const rows = await db
      .selectFrom('customer_events')
      .select(['customer_id', 'occurred_at', 'payload'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids)
      .where('occurred_at', '>=', since)
      .where('occurred_at', '<', before)
      .where('kind', '=', 'review_submitted')
      .execute();
    for (const r of rows) {
      let sku: unknown;
      try {
        sku = (JSON.parse(r.payload) as { sku?: unknown }).sku;
      } catch {
        continue;
      }
      if (typeof sku !== 'string') continue;
      out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), { sku, occurredAt: r.occurred_at }]);
    }
  }
  return out;
}
