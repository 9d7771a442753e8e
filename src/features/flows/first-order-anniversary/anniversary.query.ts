import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PurchasedLine } from './anniversary.js';
import { orderedAtMs } from '../abandoned-cart/abandoned-cart.js';
import type { Database } from '../../../platform/database/database.table.js';

/** A purchase of order alias `o`: the rule of customer-metrics.repository.ts isPurchase, for an aliased table. */
function purchase(o: string): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${o}.${name}`);
  return sql<boolean>`(${col('status')} not in ('cancelled', 'refunded') and ${col('cancelled_at')} is null and (${col('total_minor')} <= 0 or ${col('refunded_minor')} < ${col('total_minor')}))`;
}

export interface FirstPurchase {
  readonly customerId: string;
  readonly externalId: string;
  readonly timeZone: string | null;
  /** orders.order_day of the customer's first purchase. */
  readonly firstDay: number;
}

/**
 * Customers whose first purchase day is one of `days`: purchases on those days with no earlier
 * purchase of the same customer (a probe of the (store_id, customer_id, order_day) index per row).
 * Read from orders rather than customer_metrics.first_order_day, which is only as fresh as the
 * last metrics refresh and absent before the first one.
 */
export async function firstPurchasesOn(
  db: Kysely<Database>,
  storeId: string,
  days: readonly number[],
): Promise<FirstPurchase[]> {
  if (days.length === 0) return [];
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 'o.store_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['o.customer_id', 'c.external_id', 'c.time_zone', 'o.order_day'])
    .distinct()
    .where('o.store_id', '=', storeId)
    .where('o.order_day', 'in', [...days])
    .where(purchase('o'))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('orders as p')
            .select(sql.lit(1).as('one'))
            .where('p.store_id', '=', storeId)
            .whereRef('p.customer_id', '=', 'o.customer_id')
            .whereRef('p.order_day', '<', 'o.order_day')
            .where(purchase('p')),
        ),
      ),
    )
    .orderBy('o.customer_id')
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    externalId: r.external_id,
    timeZone: r.time_zone,
    firstDay: Number(r.order_day),
  }));
}

export interface PurchaseHistory {
  /** Purchases before the as-of instant. */
  readonly orders: number;
  /** Their lines, oldest first. */
  readonly lines: PurchasedLine[];
}

/** Customers per statement (an IN list of ids). */
const CUSTOMERS_PER_STATEMENT = 500;

/**
 * The purchases before `asOf` of the given customers and their lines, a statement per 500
 * customers. order_day bounds the rows (a day of slack for offsets), Date.parse decides.
 */
export async function purchaseHistories(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  asOf: string,
  lastDay: number,
  storeZone: string,
): Promise<Map<string, PurchaseHistory>> {
  const histories = new Map<string, { orderIds: Set<string>; lines: PurchasedLine[] }>();
  const asOfMs = Date.parse(asOf);
  for (let start = 0; start < customerIds.length; start += CUSTOMERS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('orders as o')
      .leftJoin('order_lines as l', (j) => j.onRef('l.store_id', '=', 'o.store_id').onRef('l.order_id', '=', 'o.id'))
      .select(['o.id', 'o.customer_id', 'o.ordered_at', 'l.sku', 'l.title', 'l.quantity'])
      .where('o.store_id', '=', storeId)
      .where('o.customer_id', 'in', customerIds.slice(start, start + CUSTOMERS_PER_STATEMENT))
      .where('o.order_day', '<=', lastDay)
      .where(purchase('o'))
      .orderBy('o.customer_id')
      .orderBy('o.order_day')
      .orderBy('o.id')
      .orderBy('l.line_no')
      .execute();
    for (const row of rows) {
      if (!(orderedAtMs(row.ordered_at, storeZone) < asOfMs)) continue;
      let history = histories.get(row.customer_id);
      if (!history) histories.set(row.customer_id, (history = { orderIds: new Set(), lines: [] }));
      history.orderIds.add(row.id);
      if (row.title !== null)
        history.lines.push({ sku: row.sku, title: row.title, quantity: Number(row.quantity ?? 0) });
    }
  }
  return new Map([...histories].map(([id, h]) => [id, { orders: h.orderIds.size, lines: h.lines }]));
}
