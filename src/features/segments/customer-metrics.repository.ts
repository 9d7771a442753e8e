import { CompiledQuery, type ExpressionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { CustomerOrders, OrderLog } from '../../analytics/order-log.js';
import type { MetricFacts } from './explain.js';
import type { PopulationCutoffs, StoreModel } from './customer-metrics.js';
import type { CustomerMetricsRow, NewCustomerMetricsRow } from './customer-metrics.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { forEachCustomerPage } from '../customers/index.js';
import { minorUnitDigits } from '../../platform/currency-codes.js';

/** Metric rows per INSERT: 22 columns, 11,000 parameters (SQLite allows 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 500;

/**
 * What counts as a purchase: not cancelled, not fully refunded; the customer 360's rule
 * (customer-360.query.ts), so metrics, the 360 view and segment conditions count the same orders.
 */
export function isPurchase(eb: ExpressionBuilder<Database, 'orders'>) {
  return eb.and([
    eb('orders.status', 'not in', ['cancelled', 'refunded']),
    eb('orders.cancelled_at', 'is', null),
    eb.or([eb('orders.total_minor', '<=', 0), eb('orders.refunded_minor', '<', eb.ref('orders.total_minor'))]),
  ]);
}

/**
 * A store's purchases as an order log, amounts in major units (net of refunds) as the analyze
 * report reads them from an export, so the Gamma-Gamma fit sees the same numbers; the exact minor
 * units are kept per customer beside it.
 */
export interface PurchaseLog {
  readonly log: OrderLog;
  readonly byCustomer: CustomerOrders;
  /** The one currency of each customer's purchases, or null when they used several. */
  readonly currency: readonly (string | null)[];
  /** Each customer's net spend in minor units (summed across currencies when they used several). */
  readonly spentMinor: Float64Array;
  /** Minor-unit digits of each customer's (first) currency: major x 10^digits = minor. */
  readonly digits: Uint8Array;
}

/**
 * Reads the store's purchases up to the as-of day into an order log, a page of customers at a time:
 * the page's customer ids, then their orders by the (store_id, customer_id, order_day) index as one
 * range, sorted by customer and day, so the log is grouped by customer as it is read and memory is
 * typed arrays (a million customers with three orders each: about 50 MB). Only customers with a
 * purchase are in the log. onProgress(customersRead, customers) after each page.
 */
export async function readPurchaseLog(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number,
  onProgress?: (done: number, total: number) => void,
): Promise<PurchaseLog> {
  const total = Number(
    (
      await db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const customerIds: string[] = [];
  const currency: (string | null)[] = [];
  const spent: number[] = [];
  const digits: number[] = [];
  let capacity = 1024;
  let orderCustomer = new Int32Array(capacity);
  let orderDay = new Int32Array(capacity);
  let orderAmount = new Float64Array(capacity);
  let orders = 0;
  let read = 0;
  const readPage = (first: string, last: string) =>
    db
      .selectFrom('orders')
      .select(['customer_id', 'order_day', 'currency', sql<number>`total_minor - refunded_minor`.as('net')])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', first)
      .where('customer_id', '<=', last)
      .where('order_day', '<=', asOfDay)
      .where(isPurchase)
      .orderBy('customer_id')
      .orderBy('order_day')
      .orderBy('id')
      .execute();
  await forEachCustomerPage(db, storeId, readPage, (rows, customers) => {
    if (orders + rows.length > capacity) {
      while (orders + rows.length > capacity) capacity *= 2;
      orderCustomer = grow(orderCustomer, new Int32Array(capacity));
      orderDay = grow(orderDay, new Int32Array(capacity));
      orderAmount = grow(orderAmount, new Float64Array(capacity));
    }
    let current = '';
    let c = -1;
    for (const row of rows) {
      if (row.customer_id !== current) {
        current = row.customer_id;
        c = customerIds.length;
        customerIds.push(current);
        currency.push(row.currency);
        spent.push(0);
        digits.push(minorUnitDigits(row.currency));
      } else if (currency[c] !== row.currency) currency[c] = null;
      const net = Number(row.net);
      spent[c] += net;
      orderCustomer[orders] = c;
      orderDay[orders] = row.order_day;
      orderAmount[orders] = net / 10 ** minorUnitDigits(row.currency);
      orders++;
    }
    read += customers;
    onProgress?.(read, total);
  });
  // Rows arrive by customer, then day: customer c's orders are a contiguous run.
  const start = new Int32Array(customerIds.length + 1);
  for (let o = 0; o < orders; o++) start[orderCustomer[o] + 1]++;
  for (let c = 0; c < customerIds.length; c++) start[c + 1] += start[c];
  const order = new Int32Array(orders);
  for (let o = 0; o < orders; o++) order[o] = o;
  const log: OrderLog = {
    customerIds,
    customerEmails: null,
    customerAcceptsMarketing: new Int8Array(customerIds.length),
    customerBirthdays: null,
    productSkus: [],
    productNames: [],
    productCategories: [],
    orderCount: orders,
    orderCustomer: orderCustomer.subarray(0, orders),
    orderDay: orderDay.subarray(0, orders),
    orderAmount: orderAmount.subarray(0, orders),
    itemStart: new Int32Array(orders + 1),
    itemProduct: new Int32Array(0),
    itemQuantity: new Float32Array(0),
    itemAmount: new Float64Array(0),
  };
  return {
    log,
    byCustomer: { start, order },
    currency,
    spentMinor: Float64Array.from(spent),
    digits: Uint8Array.from(digits),
  };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The purchases of one customer, as a one-customer PurchaseLog (the per-order update). */
export async function readCustomerPurchaseLog(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOfDay: number,
): Promise<PurchaseLog> {
  const rows = await db
    .selectFrom('orders')
    .select(['order_day', 'currency', sql<number>`total_minor - refunded_minor`.as('net')])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('order_day', '<=', asOfDay)
    .where(isPurchase)
    .orderBy('order_day')
    .orderBy('id')
    .execute();
  const n = rows.length;
  const currencies = new Set(rows.map((r) => r.currency));
  const has = n > 0 ? 1 : 0;
  return {
    log: {
      customerIds: has ? [customerId] : [],
      customerEmails: null,
      customerAcceptsMarketing: new Int8Array(has),
      customerBirthdays: null,
      productSkus: [],
      productNames: [],
      productCategories: [],
      orderCount: n,
      orderCustomer: new Int32Array(n),
      orderDay: Int32Array.from(rows, (r) => r.order_day),
      orderAmount: Float64Array.from(rows, (r) => Number(r.net) / 10 ** minorUnitDigits(r.currency)),
      itemStart: new Int32Array(n + 1),
      itemProduct: new Int32Array(0),
      itemQuantity: new Float32Array(0),
      itemAmount: new Float64Array(0),
    },
    byCustomer: { start: has ? Int32Array.of(0, n) : Int32Array.of(0), order: Int32Array.from(rows.keys()) },
    currency: has ? [currencies.size === 1 ? rows[0].currency : null] : [],
    spentMinor: has ? Float64Array.of(rows.reduce((sum, r) => sum + Number(r.net), 0)) : new Float64Array(0),
    digits: has ? Uint8Array.of(minorUnitDigits(rows[0].currency)) : new Uint8Array(0),
  };
}

/** The columns of a metric row, in the order the upsert binds them. */
const METRIC_COLUMNS = [
  'store_id',
  'customer_id',
  'as_of_day',
  'orders_count',
  'purchase_days',
  'total_spent_minor',
  'currency',
  'first_order_day',
  'last_order_day',
  'avg_interval_days',
  'rfm_recency',
  'rfm_frequency',
  'rfm_monetary',
  'rfm_segment',
  'value_percentile',
  'p_alive',
  'p_alive_previous',
  'p_alive_previous_day',
  'expected_orders',
  'predicted_clv_minor',
  'expected_next_order_day',
  'computed_at',
] as const satisfies readonly (keyof CustomerMetricsRow)[];

/**
 * The upsert's SQL for `rows` rows, built once per size and dialect. A metrics refresh writes a
 * million rows: building each 500-row statement with the query builder cost as much as running it,
 * so the text is made here and only the values change (SQLite's statement cache then reuses the
 * prepared statement). p_alive_previous keeps the P(alive) of the latest earlier as-of day, so
 * "P(alive) falling" can be read however often metrics are refreshed within a day.
 */
const upsertTexts = new Map<string, string>();
function upsertText(rows: number, postgres: boolean): string {
  const key = `${rows}:${postgres}`;
  let text = upsertTexts.get(key);
  if (text !== undefined) return text;
  const width = METRIC_COLUMNS.length;
  const tuple = (r: number) =>
    `(${METRIC_COLUMNS.map((_, c) => (postgres ? `$${r * width + c + 1}` : '?')).join(', ')})`;
  const earlier = 'customer_metrics.as_of_day < excluded.as_of_day';
  const set = METRIC_COLUMNS.filter((c) => c !== 'store_id' && c !== 'customer_id').map((c) => {
    if (c === 'p_alive_previous')
      return `${c} = case when ${earlier} then customer_metrics.p_alive else customer_metrics.p_alive_previous end`;
    if (c === 'p_alive_previous_day')
      return `${c} = case when ${earlier} then customer_metrics.as_of_day else customer_metrics.p_alive_previous_day end`;
    return `${c} = excluded.${c}`;
  });
  text = `insert into customer_metrics (${METRIC_COLUMNS.join(', ')}) values ${Array.from({ length: rows }, (_, r) => tuple(r)).join(', ')} on conflict (store_id, customer_id) do update set ${set.join(', ')}`;
  upsertTexts.set(key, text);
  return text;
}

/** Upserts metric rows in multi-row statements; the caller's transaction makes a batch atomic. */
export async function writeCustomerMetrics(
  db: Kysely<Database>,
  rows: readonly NewCustomerMetricsRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of METRIC_COLUMNS) params.push(row[c] ?? null);
    await db.executeQuery(CompiledQuery.raw(upsertText(chunk.length, postgres), params));
  }
}

/** Removes the store's metric rows older than a refresh (customers with no purchase left); rows a per-order update wrote since stay. */
export async function deleteMetricsNotComputedAt(
  db: Kysely<Database>,
  storeId: string,
  computedAt: string,
): Promise<number> {
  const result = await db
    .deleteFrom('customer_metrics')
    .where('store_id', '=', storeId)
    .where('computed_at', '<', computedAt)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes one customer's metrics (no purchase left). */
export async function deleteCustomerMetrics(db: Kysely<Database>, storeId: string, customerId: string): Promise<void> {
  await db
    .deleteFrom('customer_metrics')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .execute();
}

export interface MetricRun {
  readonly asOfDay: number;
  readonly customers: number;
  readonly model: StoreModel | null;
  readonly note: string | null;
  readonly cutoffs: PopulationCutoffs;
  readonly computedAt: string;
}

export async function saveMetricRun(db: Kysely<Database>, storeId: string, run: MetricRun): Promise<void> {
  const row = {
    store_id: storeId,
    as_of_day: run.asOfDay,
    customers: run.customers,
    model: run.model === null ? null : JSON.stringify(run.model),
    note: run.note,
    cutoffs: JSON.stringify(run.cutoffs),
    computed_at: run.computedAt,
  };
  await db
    .insertInto('customer_metric_runs')
    .values(row)
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet({
        as_of_day: row.as_of_day,
        customers: row.customers,
        model: row.model,
        note: row.note,
        cutoffs: row.cutoffs,
        computed_at: row.computed_at,
      }),
    )
    .execute();
}

/** The store's latest metrics refresh, or null before the first. */
export async function readMetricRun(db: Kysely<Database>, storeId: string): Promise<MetricRun | null> {
  const row = await db
    .selectFrom('customer_metric_runs')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    asOfDay: row.as_of_day,
    customers: row.customers,
    model: row.model === null ? null : (JSON.parse(row.model) as StoreModel),
    note: row.note,
    // JSON writes an empty population's +Infinity cut-offs as null: read them back as +Infinity.
    cutoffs: JSON.parse(row.cutoffs, (_key, value: unknown) =>
      value === null ? Number.POSITIVE_INFINITY : value,
    ) as PopulationCutoffs,
    computedAt: row.computed_at,
  };
}

export async function readCustomerMetricsRow(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<CustomerMetricsRow | null> {
  return (
    (await db
      .selectFrom('customer_metrics')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst()) ?? null
  );
}

/** A stored row as the facts a segment rule reads. */
export function metricFactsFromRow(row: CustomerMetricsRow): MetricFacts {
  return {
    ordersCount: row.orders_count,
    totalSpentMinor: Number(row.total_spent_minor),
    lastOrderDay: row.last_order_day,
    avgIntervalDays: row.avg_interval_days,
    rfmSegment: row.rfm_segment,
    valuePercentile: row.value_percentile,
    pAlive: row.p_alive,
    pAlivePrevious: row.p_alive_previous,
    expectedOrders: row.expected_orders,
    predictedClvMinor: row.predicted_clv_minor === null ? null : Number(row.predicted_clv_minor),
    expectedNextOrderDay: row.expected_next_order_day,
  };
}
