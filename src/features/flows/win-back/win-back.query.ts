import { type Kysely, sql } from 'kysely';
import { idempotencyKey } from '../../delivery/index.js';
import type { PurchaseHistory } from './win-back.js';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';
import { forEachCustomerPage } from '../../customers/index.js';
import { asOfDays, orderedBefore } from '../replenishment/replenishment.query.js';

const IDS_PER_QUERY = 500;

export interface HistoryScan {
  /** Each customer's first day to second purchase day, for the one-time buyers' default threshold. */
  readonly firstToSecondGaps: number[];
}

/**
 * Every customer's purchase history before `before` (first and last purchase day, distinct
 * purchase days), in one pass over the store's orders: a page of customers at a time, their
 * orders by the (store_id, customer_id, order_day) index, only the customer and day (and the
 * instant near the as-of edge). onHistory gets each customer with a purchase once.
 */
export async function scanPurchaseHistories(
  db: Kysely<Database>,
  storeId: string,
  before: string,
  onHistory: (history: PurchaseHistory) => void,
): Promise<HistoryScan> {
  const { lastDay, exactFromDay, beforeMs } = asOfDays(before);
  const firstToSecondGaps: number[] = [];
  const read = (firstId: string, lastId: string) =>
    db
      .selectFrom('orders')
      .select([
        'customer_id',
        'order_day',
        sql<string | null>`case when order_day >= ${exactFromDay} then ordered_at end`.as('exact_at'),
      ])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', firstId)
      .where('customer_id', '<=', lastId)
      .where('order_day', '<=', lastDay)
      .where(isPurchase)
      .orderBy('customer_id')
      .orderBy('order_day')
      .execute();
  await forEachCustomerPage(db, storeId, read, (rows) => {
    let customer = '';
    let first = 0;
    let second = 0;
    let last = 0;
    let count = 0;
    const flush = () => {
      if (count === 0) return;
      if (count >= 2) firstToSecondGaps.push(second - first);
      onHistory({ customerId: customer, firstDay: first, lastDay: last, purchaseDays: count });
    };
    for (const row of rows) {
      if (!orderedBefore(row.exact_at, beforeMs)) continue;
      const day = Number(row.order_day);
      if (row.customer_id !== customer) {
        flush();
        customer = row.customer_id;
        first = day;
        last = day;
        count = 1;
      } else if (day !== last) {
        if (count === 1) second = day;
        last = day;
        count++;
      }
    }
    flush();
  });
  return { firstToSecondGaps };
}

/**
 * The title of each customer's most bought product (by quantity, then the latest SKU by name), over
 * purchases surely before `before`: the win-back message's highlight. Only for the customers a
 * run plans, by the orders_customer index.
 */
export async function readMostBoughtTitles(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  before: string,
): Promise<Map<string, string>> {
  const { exactFromDay } = asOfDays(before);
  const best = new Map<string, { title: string; quantity: number; sku: string }>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('orders')
      .innerJoin('order_lines', (join) =>
        join.onRef('order_lines.store_id', '=', 'orders.store_id').onRef('order_lines.order_id', '=', 'orders.id'),
      )
      .select((eb) => [
        'orders.customer_id',
        'order_lines.sku',
        eb.fn.max('order_lines.title').as('title'),
        eb.fn.sum<number | string>('order_lines.quantity').as('quantity'),
      ])
      .where('orders.store_id', '=', storeId)
      .where('orders.customer_id', 'in', ids.slice(i, i + IDS_PER_QUERY))
      .where('orders.order_day', '<', exactFromDay)
      .where(isPurchase)
      .where('order_lines.sku', 'is not', null)
      .groupBy(['orders.customer_id', 'order_lines.sku'])
      .execute();
    for (const row of rows) {
      const quantity = Number(row.quantity);
      const sku = row.sku as string;
      const kept = best.get(row.customer_id);
      if (!kept || quantity > kept.quantity || (quantity === kept.quantity && sku < kept.sku))
        best.set(row.customer_id, { title: row.title, quantity, sku });
    }
  }
  return new Map([...best].map(([customerId, b]) => [customerId, b.title]));
}

/**
 * The instant (ISO, UTC) of each customer's last purchase before `before`, given its day: the
 * latest ordered_at of their purchases on that day. Only for the customers a run plans.
 */
export async function readLastPurchaseInstants(
  db: Kysely<Database>,
  storeId: string,
  lasts: readonly { readonly customerId: string; readonly lastDay: number }[],
  before: string,
): Promise<Map<string, string>> {
  const { beforeMs } = asOfDays(before);
  const want = new Map(lasts.map((l) => [l.customerId, l.lastDay]));
  const ids = [...want.keys()];
  const latest = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const part = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await db
      .selectFrom('orders')
      .select(['customer_id', 'order_day', 'ordered_at'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', part)
      .where('order_day', 'in', [...new Set(part.map((id) => want.get(id) as number))])
      .where(isPurchase)
      .execute();
    for (const row of rows) {
      const at = Date.parse(row.ordered_at);
      if (want.get(row.customer_id) !== Number(row.order_day) || !(at < beforeMs)) continue;
      if (!(at <= (latest.get(row.customer_id) ?? Number.NEGATIVE_INFINITY))) latest.set(row.customer_id, at);
    }
  }
  return new Map([...latest].map(([customerId, at]) => [customerId, new Date(at).toISOString()]));
}

/**
 * The coupon (data[dataKey]) of step-1 messages already in the outbox, by customer, so step 2
 * reminds of the same code. Read by the unique idempotency key index.
 */
export async function readStepOneCoupons(
  db: Kysely<Database>,
  storeId: string,
  flow: string,
  steps: readonly { readonly customerId: string; readonly triggerKey: string }[],
  dataKey: string,
): Promise<Map<string, unknown>> {
  const byKey = new Map(steps.map((s) => [idempotencyKey(flow, s.customerId, s.triggerKey), s.customerId]));
  const keys = [...byKey.keys()];
  const out = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('outbox_messages')
      .select(['idempotency_key', 'data'])
      .where('store_id', '=', storeId)
      .where('idempotency_key', 'in', keys.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const row of rows) {
      const coupon = (JSON.parse(row.data) as Record<string, unknown>)[dataKey];
      const customerId = byKey.get(row.idempotency_key);
      if (customerId !== undefined && coupon !== undefined && coupon !== null) out.set(customerId, coupon);
    }
  }
  return out;
}
