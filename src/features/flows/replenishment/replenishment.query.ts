import { type Kysely, sql } from 'kysely';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';
import { forEachCustomerPage } from '../../customers/index.js';

/** Ids per IN list: far below SQLite's 32,766 bound parameters. */
const IDS_PER_QUERY = 500;
const DAY_MS = 86_400_000;

/**
 * The order days a pass must read to know the purchases before `before` (an instant), and from
 * which day on an order's own instant decides. orders.order_day is the local day the source
 * wrote, and offsets are within -12h..+14h, so an order two days before the instant's UTC day is
 * surely earlier, one two days after surely later; the three days between are checked exactly
 * on ordered_at (Date.parse compares offsets correctly, where text order does not).
 */
export function asOfDays(before: string): {
  readonly lastDay: number;
  readonly exactFromDay: number;
  readonly beforeMs: number;
} {
  const beforeMs = Date.parse(before);
  const day = Math.floor(beforeMs / DAY_MS);
  return { lastDay: day + 1, exactFromDay: day - 1, beforeMs };
}

/** Whether a row of the pass happened before the as-of instant (exactAt: ordered_at, read only near the edge). */
export function orderedBefore(exactAt: string | null, beforeMs: number): boolean {
  return exactAt === null || !(Date.parse(exactAt) >= beforeMs);
}

/** Configured replenishment days by SKU: the catalogue's consumables (products.replenishment_days). */
export async function readConfiguredReplenishmentDays(
  db: Kysely<Database>,
  storeId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('products')
    .select(['sku', 'replenishment_days'])
    .where('store_id', '=', storeId)
    .where('replenishment_days', 'is not', null)
    .where('replenishment_days', '>', 0)
    .execute();
  return new Map(rows.map((row) => [row.sku, Number(row.replenishment_days)]));
}

export interface SkuFilter {
  /** Only these SKUs; null: any. */
  readonly only: readonly string[] | null;
  readonly exclude: readonly string[];
}

/**
 * Every customer's distinct purchase days of each product before `before`, in one pass over the
 * store: a page of customers at a time, their orders by the (store_id, customer_id, order_day)
 * index joined to their lines by primary key, selecting only the customer, SKU and day (and the
 * instant near the as-of edge). onGroup gets each (customer, SKU) once with its days ascending,
 * a customer's SKUs together.
 */
export async function scanPurchaseDaysBySku(
  db: Kysely<Database>,
  storeId: string,
  before: string,
  filter: SkuFilter,
  onGroup: (customerId: string, sku: string, days: readonly number[]) => void,
): Promise<void> {
  if (filter.only !== null && filter.only.length === 0) return;
  const { lastDay, exactFromDay, beforeMs } = asOfDays(before);
  const read = (firstId: string, lastId: string) => {
    let query = db
      .selectFrom('orders')
      .innerJoin('order_lines', (join) =>
        join.onRef('order_lines.store_id', '=', 'orders.store_id').onRef('order_lines.order_id', '=', 'orders.id'),
      )
      .select([
        'orders.customer_id',
        'order_lines.sku',
        'orders.order_day',
        sql<string | null>`case when orders.order_day >= ${exactFromDay} then orders.ordered_at end`.as('exact_at'),
      ])
      .where('orders.store_id', '=', storeId)
      .where('orders.customer_id', '>=', firstId)
      .where('orders.customer_id', '<=', lastId)
      .where('orders.order_day', '<=', lastDay)
      .where(isPurchase)
      .where('order_lines.sku', 'is not', null);
    if (filter.only !== null) query = query.where('order_lines.sku', 'in', [...filter.only]);
    if (filter.exclude.length > 0) query = query.where('order_lines.sku', 'not in', [...filter.exclude]);
    // In the customer index's own order (no sort): a customer's products are grouped in memory.
    return query.orderBy('orders.customer_id').orderBy('orders.order_day').execute();
  };
  await forEachCustomerPage(db, storeId, read, (rows) => {
    let customer = '';
    let bySku = new Map<string, number[]>();
    const flush = () => {
      for (const [sku, days] of bySku) onGroup(customer, sku, days);
    };
    for (const row of rows) {
      if (!orderedBefore(row.exact_at, beforeMs)) continue;
      const sku = row.sku as string;
      const day = Number(row.order_day);
      if (row.customer_id !== customer) {
        flush();
        customer = row.customer_id;
        bySku = new Map();
      }
      const days = bySku.get(sku);
      if (days === undefined) bySku.set(sku, [day]);
      else if (days[days.length - 1] !== day) days.push(day);
    }
    flush();
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** customers.external_id by Regulars id, for the customers a run plans. */
export async function readExternalIds(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(customerIds)], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'external_id'])
      .where('store_id', '=', storeId)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) out.set(row.id, row.external_id);
  }
  return out;
}

/**
 * A title per SKU: the catalogue's, else (a product learned from orders, not in the catalogue) the
 * title of one of its order lines. Per SKU, not per customer: a run has a handful.
 */
export async function readProductTitles(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(skus)], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('products')
      .select(['sku', 'title'])
      .where('store_id', '=', storeId)
      .where('sku', 'in', part)
      .execute();
    for (const row of rows) out.set(row.sku, row.title);
  }
  for (const sku of skus) {
    if (out.has(sku)) continue;
    const line = await db
      .selectFrom('order_lines')
      .select('title')
      .where('store_id', '=', storeId)
      .where('sku', '=', sku)
      .limit(1)
      .executeTakeFirst();
    out.set(sku, line?.title ?? sku);
  }
  return out;
}
