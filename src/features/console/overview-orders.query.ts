import { type Kysely, sql } from 'kysely';
import { OrderLogBuilder } from '../../analytics/order-log-builder.js';
import { NO_DAY } from '../../analytics/order-log-builder.js';
import type { OrderLog } from '../../analytics/order-log.js';
import type { Database } from '../../platform/database/database.table.js';
import { minorUnitDigits } from '../../platform/currency-codes.js';
import { isPurchase } from '../segments/index.js';

/** Orders per page: two statements per page, and a page's lines fit one range of the primary key. */
const PAGE = 5_000;

/**
 * What a store's orders are at a moment, in two index lookups whatever their number (a count
 * read a million index entries, half a second under load): the latest write time, which every
 * insert and update (a refund, a cancellation, a restatement, an import) moves, and the newest id,
 * which every insert moves (ids start with the clock). Orders are never deleted by Regulars.
 */
export async function ordersVersion(db: Kysely<Database>, storeId: string): Promise<string> {
  const [latest, newest] = await Promise.all([
    db
      .selectFrom('orders')
      .select('updated_at')
      .where('store_id', '=', storeId)
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('orders')
      .select('id')
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return `${newest?.id ?? ''}@${latest?.updated_at ?? ''}`;
}

/**
 * What the Overview is computed from: the orders' version, the metrics run the CLV distribution
 * comes from (a refresh rewrites predictions without touching an order), and the consent records
 * the consent action counts.
 */
export async function overviewVersion(db: Kysely<Database>, storeId: string): Promise<string> {
  const [orders, run, consent] = await Promise.all([
    ordersVersion(db, storeId),
    db.selectFrom('customer_metric_runs').select('computed_at').where('store_id', '=', storeId).executeTakeFirst(),
    // Consent is appended, never rewritten or deleted: the newest record's id moves with every change.
    db
      .selectFrom('consent_records')
      .select('id')
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((r) => r?.id ?? ''),
  ]);
  return `${orders}|${run?.computed_at ?? ''}|${consent}`;
}

/**
 * Customers with a purchase (up to the as-of day, when one is given) and no email marketing consent on record, granted
 * or refused: the store cannot tell whether it may write to them.
 */
export async function customersWithoutConsent(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number | null,
): Promise<number> {
  let query = db
    .selectFrom('orders')
    .select((eb) => eb.fn.count<number>('orders.customer_id').distinct().as('n'))
    .where('orders.store_id', '=', storeId)
    .where(isPurchase)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('consent_records')
            .select('consent_records.id')
            .whereRef('consent_records.store_id', '=', 'orders.store_id')
            .whereRef('consent_records.customer_id', '=', 'orders.customer_id')
            .where('consent_records.channel', '=', 'email')
            .where('consent_records.purpose', '=', 'marketing'),
        ),
      ),
    );
  if (asOfDay !== null) query = query.where('orders.order_day', '<=', asOfDay);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A store's purchases with their lines as the order log `regulars analyze` builds from an export,
 * through the same builder: one line per order line (an order without lines as one line of its
 * own), the order's amount its total net of refunds in major units. Pages of orders by id, then
 * their lines as one range of the order_lines primary key.
 */
export async function readStoreOrderLog(db: Kysely<Database>, storeId: string): Promise<OrderLog> {
  const builder = new OrderLogBuilder({ contacts: false });
  let after = '';
  for (;;) {
    const orders = await db
      .selectFrom('orders')
      .select(['id', 'customer_id', 'order_day', 'currency', sql<number>`total_minor - refunded_minor`.as('net')])
      .where('store_id', '=', storeId)
      .where('id', '>', after)
      .where(isPurchase)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (orders.length === 0) break;
    const first = orders[0].id;
    const last = orders[orders.length - 1].id;
    const lines = await db
      .selectFrom('order_lines')
      .select(['order_id', 'sku', 'title', 'category', 'quantity', 'total_minor'])
      .where('store_id', '=', storeId)
      .where('order_id', '>=', first)
      .where('order_id', '<=', last)
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    let l = 0;
    for (const order of orders) {
      const scale = 10 ** minorUnitDigits(order.currency);
      const base = {
        orderId: order.id,
        customerId: order.customer_id,
        day: order.order_day,
        orderTotal: Number(order.net) / scale,
        email: '',
        acceptsMarketing: -1,
        birthday: NO_DAY,
      };
      // Lines of orders that are not purchases fall in the range too; skip them.
      while (l < lines.length && lines[l].order_id < order.id) l++;
      let wrote = false;
      for (; l < lines.length && lines[l].order_id === order.id; l++) {
        const line = lines[l];
        builder.addLine({
          ...base,
          lineAmount: Number(line.total_minor) / scale,
          sku: line.sku ?? '',
          productName: line.title,
          category: line.category ?? '',
          quantity: Number(line.quantity),
        });
        wrote = true;
      }
      if (!wrote)
        builder.addLine({ ...base, lineAmount: Number.NaN, sku: '', productName: '', category: '', quantity: 0 });
    }
    if (orders.length < PAGE) break;
    after = last;
  }
  return builder.build().log;
}

/** Each customer's predicted CLV from the latest metrics refresh, in major units; empty before the first. */
export async function readPredictedClv(db: Kysely<Database>, storeId: string): Promise<Float64Array> {
  const rows = await db
    .selectFrom('customer_metrics')
    .select(['predicted_clv_minor', 'currency'])
    .where('store_id', '=', storeId)
    .where('predicted_clv_minor', 'is not', null)
    .execute();
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++)
    values[i] = Number(rows[i].predicted_clv_minor) / 10 ** minorUnitDigits(rows[i].currency ?? 'XXX');
  return values;
}
