import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { dayFromIso, ymdFromDay } from '../../analytics/day.js';
import type { OrderLog } from '../../analytics/order-log.js';
import { RFM_SEGMENTS, type RfmThresholds, rfmThresholds, scoreRfm } from '../../analytics/rfm.js';
import { summarizeCustomers } from '../../analytics/summary.js';
import type {
  Customer360,
  Customer360Message,
  Customer360Orders,
  Customer360Points,
  Customer360Predictions,
  Customer360Rfm,
  Customer360Summary,
  CurrencyTotals,
  OrderHeader,
} from './customer-360.js';
import { RegularsError } from '../../platform/errors.js';
import { jsonRows, parseJsonColumn } from '../../platform/database/json-rows.js';
import { consentInEffect } from '../consent/index.js';
import { customerFromRow } from './customer.repository.js';
import { customerEventFromRow } from '../events/index.js';
import { orderFromRow } from '../orders/index.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { CONSENT_RECORD_COLUMNS, type ConsentRecordRow } from '../consent/index.js';
import { CUSTOMER_COLUMNS, type CustomerRow } from './customer.table.js';
import { CUSTOMER_EVENT_COLUMNS, type CustomerEventRow } from '../events/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { ORDER_COLUMNS, type OrderRow } from '../orders/index.js';
import { compareText } from '../../platform/compare-text.js';

/** How many of the latest orders and events the view carries. */
export const RECENT_ORDERS = 10;
export const RECENT_EVENTS = 20;
export const RECENT_MESSAGES = 10;
/** A customer with at most this many orders by the as-of day has them read in full (see below). */
export const ORDERS_READ_IN_FULL = 200;

/**
 * How long a store's RFM thresholds are reused (see storeRfmThresholds). Scores may lag the store's
 * newest orders by this much, which quintiles over a customer base, moving by the day, hardly
 * notice; a refresh costs about 0.5 s of SQLite's one connection at 100k customers, so it should
 * come rarely (0.2% of the time at 5 minutes).
 */
export const RFM_THRESHOLDS_MAX_AGE_MS = 5 * 60_000;

export interface Customer360Options {
  /** Reuse a store's RFM thresholds computed this recently; 0 computes them afresh for this call. */
  readonly rfmThresholdsMaxAgeMs?: number;
}

interface PredictionsRow {
  as_of_day: number;
  computed_at: string;
  p_alive: number | null;
  expected_orders: number | null;
  predicted_clv_minor: number | null;
  currency: string | null;
  expected_next_order_day: number | null;
  model: string | null;
  note: string | null;
}

interface MessageRow {
  id: string;
  flow: string;
  channel: string;
  purpose: string;
  template: string;
  status: string;
  reason: string | null;
  send_at: string;
  sent_at: string | null;
  created_at: string;
}

interface ViewRow {
  profile: CustomerRow | string | null;
  consent: ConsentRecordRow[] | string;
  orders: OrderRow[] | string;
  events: CustomerEventRow[] | string;
  predictions: PredictionsRow | string | null;
  points: { available: number | string | null; pending: number | string | null } | string | null;
  messages: MessageRow[] | string;
}

/**
 * The view's rows in one statement, prepared once (store/prepared-query.ts): the profile, the consent
 * history up to the instant (oldest first), the customer's orders up to the day (newest first, up to
 * ORDERS_READ_IN_FULL + 1: the recent orders and, in nearly every case, the purchase totals too) and
 * the latest events, each by the customer's index, each as JSON (store/json-rows.ts says why). The
 * limits are written into the SQL, not bound: SQLite runs a statement with a bound LIMIT several
 * times slower (measured in docs/benchmarks.md).
 */
const VIEW = new PreparedQuery<ViewRow, { storeId: string; customerId: string; day: number; instant: string }>(
  (db, param) => {
    const json = jsonRows(db);
    return db.selectNoFrom([
      json
        .objectFrom(
          db
            .selectFrom('customers')
            .select(CUSTOMER_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('id', '=', param('customerId')),
        )
        .as('profile'),
      json
        .arrayFrom(
          db
            .selectFrom('consent_records')
            .select(CONSENT_RECORD_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .where('recorded_at', '<=', param('instant'))
            .orderBy('recorded_at')
            .orderBy('id'),
        )
        .as('consent'),
      json
        .arrayFrom(
          db
            .selectFrom('orders')
            .select(ORDER_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .where('order_day', '<=', param('day'))
            .orderBy('order_day', 'desc')
            .orderBy('ordered_at', 'desc')
            .orderBy('id', 'desc')
            .limit(sql.lit(ORDERS_READ_IN_FULL + 1)),
        )
        .as('orders'),
      json
        .arrayFrom(
          db
            .selectFrom('customer_events')
            .select(CUSTOMER_EVENT_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .where('occurred_at', '<=', param('instant'))
            .orderBy('occurred_at', 'desc')
            .orderBy('id', 'desc')
            .limit(sql.lit(RECENT_EVENTS)),
        )
        .as('events'),
      json
        .objectFrom(
          db
            .selectFrom('customer_metrics as m')
            .leftJoin('customer_metric_runs as r', 'r.store_id', 'm.store_id')
            .select([
              'm.as_of_day',
              'm.computed_at',
              'm.p_alive',
              'm.expected_orders',
              'm.predicted_clv_minor',
              'm.currency',
              'm.expected_next_order_day',
              'r.model',
              'r.note',
            ])
            .where('m.store_id', '=', param('storeId'))
            .where('m.customer_id', '=', param('customerId')),
        )
        .as('predictions'),
      // balanceOf (loyalty/ledger.ts) in SQL: an earn or reverse still inside its return window is
      // pending, every other entry available; entries posted after the instant do not count yet.
      json
        .objectFrom(
          db
            .selectFrom('loyalty_ledger')
            .select([
              sql<number>`coalesce(sum(case when kind in ('earn', 'reverse') and available_at > ${param('instant')} then 0 else points end), 0)`.as(
                'available',
              ),
              sql<number>`coalesce(sum(case when kind in ('earn', 'reverse') and available_at > ${param('instant')} then points else 0 end), 0)`.as(
                'pending',
              ),
            ])
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .where('posted_at', '<=', param('instant')),
        )
        .as('points'),
      json
        .arrayFrom(
          db
            .selectFrom('outbox_messages')
            .select([
              'id',
              'flow',
              'channel',
              'purpose',
              'template',
              'status',
              'reason',
              'send_at',
              'sent_at',
              'created_at',
            ])
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .where('created_at', '<=', param('instant'))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(sql.lit(RECENT_MESSAGES)),
        )
        .as('messages'),
    ]);
  },
);

/**
 * The customer-360 view of one of the store's customers as of an instant (ISO 8601 with offset),
 * or null when the store has no such customer (another store's customer included).
 *
 * One statement reads the customer's rows (VIEW); a customer with more orders than it reads has
 * their totals aggregated by a second. The store's RFM thresholds come from a cache per store and
 * as-of day (storeRfmThresholds), so a request does not aggregate the whole store. Measured figures
 * are in docs/storage.md and docs/benchmarks.md.
 *
 * The as-of day, up to which orders count, is the calendar date the asOf text writes (its own
 * offset): order days are the store's calendar days, so pass asOf in the store's offset for an
 * exact day. Consent and events count up to the asOf instant.
 */
export async function customer360(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOf: string,
  options: Customer360Options = {},
): Promise<Customer360 | null> {
  const { instant, day } = parseAsOf(asOf);
  // The thresholds come from a cache, so this is one statement in nearly every call; on PostgreSQL
  // a refresh runs on another pooled connection meanwhile.
  const [[view], thresholds] = await Promise.all([
    VIEW.execute(db, { storeId, customerId, day, instant }),
    storeRfmThresholds(db, storeId, day, options.rfmThresholdsMaxAgeMs ?? RFM_THRESHOLDS_MAX_AGE_MS),
  ]);
  const profile = parseJsonColumn(view.profile);
  // An unknown customer (another store's included) has no profile, and finds nothing in the rest.
  if (!profile) return null;
  // Neither database promises that a JSON aggregate keeps its subquery's order, so it is restored here.
  const orderRows = parseJsonColumn(view.orders).sort(newestOrderFirst);
  const consent = consentInEffect(parseJsonColumn(view.consent).sort(oldestConsentFirst));
  const recentEvents = parseJsonColumn(view.events).sort(newestEventFirst).map(customerEventFromRow);
  // Nearly every customer has few orders: the rows just read give the totals too, which saves a
  // query. Past the cap, SQL aggregates them, so a wholesale buyer with 50,000 orders costs one
  // grouped query instead of 50,000 rows sent to us.
  const groups =
    orderRows.length <= ORDERS_READ_IN_FULL
      ? purchaseGroups(orderRows)
      : await aggregatePurchases(db, storeId, customerId, day);

  const orders = orderTotals(groups);
  const days = [...new Set(groups.map((g) => g.day))];
  return {
    asOf: instant,
    asOfDay: asOf.trim().slice(0, 10),
    profile: customerFromRow(profile),
    consent,
    orders,
    summary: days.length === 0 ? null : summaryOf(days, day),
    rfm:
      days.length === 0
        ? null
        : rfmOf(
            thresholds,
            days[days.length - 1],
            day,
            orders.count,
            groups.reduce((sum, g) => sum + g.net, 0),
          ),
    recentOrders: orderRows.slice(0, RECENT_ORDERS).map((row) => {
      const { lines: _lines, ...header } = orderFromRow(row, []);
      return header satisfies OrderHeader;
    }),
    recentEvents,
    predictions: predictionsOf(parseJsonColumn(view.predictions)),
    points: pointsOf(parseJsonColumn(view.points)),
    recentMessages: parseJsonColumn(view.messages).sort(newestMessageFirst).map(messageOf),
  };
}

function predictionsOf(row: PredictionsRow | null): Customer360Predictions | null {
  if (row === null) return null;
  // The run keeps the fitted model as JSON text (segments' StoreModel).
  const model = row.model === null ? null : (JSON.parse(row.model) as { countModel: string; spend: unknown | null });
  return {
    asOfDay: ymdFromDay(row.as_of_day),
    computedAt: row.computed_at,
    model: model?.countModel ?? null,
    spendModel: model !== null && model.spend !== null ? 'gamma-gamma' : null,
    note: row.note,
    pAlive: row.p_alive,
    expectedOrders: row.expected_orders,
    predictedClvMinor: row.predicted_clv_minor === null ? null : Number(row.predicted_clv_minor),
    currency: row.currency,
    expectedNextOrderDay: row.expected_next_order_day === null ? null : ymdFromDay(row.expected_next_order_day),
  };
}

function pointsOf(
  row: { available: number | string | null; pending: number | string | null } | null,
): Customer360Points {
  // PostgreSQL's sum of integers is a bigint, which its JSON writes as a number; SQLite's is a number too.
  return { available: Number(row?.available ?? 0), pending: Number(row?.pending ?? 0) };
}

function newestMessageFirst(a: MessageRow, b: MessageRow): number {
  return compareText(b.created_at, a.created_at) || compareText(b.id, a.id);
}

function messageOf(row: MessageRow): Customer360Message {
  return {
    id: row.id,
    flow: row.flow,
    channel: row.channel,
    purpose: row.purpose,
    template: row.template,
    status: row.status,
    reason: row.reason,
    sendAt: row.send_at,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

function newestOrderFirst(a: OrderRow, b: OrderRow): number {
  return b.order_day - a.order_day || compareText(b.ordered_at, a.ordered_at) || compareText(b.id, a.id);
}

function oldestConsentFirst(a: ConsentRecordRow, b: ConsentRecordRow): number {
  return compareText(a.recorded_at, b.recorded_at) || compareText(a.id, b.id);
}

function newestEventFirst(a: CustomerEventRow, b: CustomerEventRow): number {
  return compareText(b.occurred_at, a.occurred_at) || compareText(b.id, a.id);
}

/**
 * What counts as a purchase: not cancelled, not fully refunded. The rule the ingest parsers apply
 * (shopify-csv.ts), so the view agrees with the analytics of the same orders.
 */
function isPurchase(eb: ExpressionBuilder<Database, 'orders'>) {
  return eb.and([
    eb('status', 'not in', ['cancelled', 'refunded']),
    eb('cancelled_at', 'is', null),
    eb.or([eb('total_minor', '<=', 0), eb('refunded_minor', '<', eb.ref('total_minor'))]),
  ]);
}

/** isPurchase for a row already read; the customer-360 tests check the two agree. */
function isPurchaseRow(row: OrderRow): boolean {
  return (
    row.status !== 'cancelled' &&
    row.status !== 'refunded' &&
    row.cancelled_at === null &&
    (row.total_minor <= 0 || row.refunded_minor < row.total_minor)
  );
}

/** The purchases among a customer's orders (newest first), grouped by (day, currency) by day. */
function purchaseGroups(rows: readonly OrderRow[]): PurchaseGroup[] {
  const groups = new Map<string, PurchaseGroup>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (!isPurchaseRow(row)) continue;
    const key = `${row.order_day}\u0000${row.currency}`;
    const g = groups.get(key);
    const net = row.total_minor - row.refunded_minor;
    if (!g)
      groups.set(key, {
        day: row.order_day,
        currency: row.currency,
        orders: 1,
        net,
        firstAt: row.ordered_at,
        lastAt: row.ordered_at,
      });
    else {
      groups.set(key, {
        ...g,
        orders: g.orders + 1,
        net: g.net + net,
        firstAt: row.ordered_at < g.firstAt ? row.ordered_at : g.firstAt,
        lastAt: row.ordered_at > g.lastAt ? row.ordered_at : g.lastAt,
      });
    }
  }
  return [...groups.values()].sort(
    (a, b) => a.day - b.day || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0),
  );
}

/** The same groups as purchaseGroups, aggregated by SQL, for customers with many orders. */
async function aggregatePurchases(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOfDay: number,
): Promise<PurchaseGroup[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['order_day', 'currency'])
    .select((eb) => [
      eb.fn.countAll().as('orders'),
      sql<number>`cast(sum(total_minor - refunded_minor) as bigint)`.as('net'),
      eb.fn.min('ordered_at').as('first_at'),
      eb.fn.max('ordered_at').as('last_at'),
    ])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('order_day', '<=', asOfDay)
    .where(isPurchase)
    .groupBy(['order_day', 'currency'])
    .orderBy('order_day')
    .orderBy('currency')
    .execute();
  return rows.map((g) => ({
    day: g.order_day,
    currency: g.currency,
    orders: Number(g.orders),
    net: Number(g.net),
    firstAt: g.first_at,
    lastAt: g.last_at,
  }));
}

function parseAsOf(asOf: string): { instant: string; day: number } {
  const text = typeof asOf === 'string' ? asOf.trim() : '';
  const ms = Date.parse(text);
  const day = dayFromIso(text.slice(0, 10));
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text) || Number.isNaN(ms) || Number.isNaN(day)) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `asOf ${asOf} is not an ISO 8601 timestamp with an offset (Z or +hh:mm)`,
      { field: 'asOf' },
    );
  }
  return { instant: new Date(ms).toISOString(), day };
}

interface PurchaseGroup {
  readonly day: number;
  readonly currency: string;
  readonly orders: number;
  readonly net: number;
  readonly firstAt: string;
  readonly lastAt: string;
}

/** Totals from the (day, currency) groups, which arrive by day. */
function orderTotals(groups: readonly PurchaseGroup[]): Customer360Orders {
  const byCurrency = new Map<string, { count: number; net: number }>();
  for (const g of groups) {
    const totals = byCurrency.get(g.currency) ?? { count: 0, net: 0 };
    totals.count += g.orders;
    totals.net += g.net;
    byCurrency.set(g.currency, totals);
  }
  const perCurrency: CurrencyTotals[] = [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({
      currency,
      count: t.count,
      totalSpentMinor: t.net,
      averageOrderValueMinor: Math.round(t.net / t.count),
    }));
  const only = perCurrency.length === 1 ? perCurrency[0] : null;
  const firstDay = groups[0]?.day;
  const lastDay = groups[groups.length - 1]?.day;
  // Within a day the source's own text orders the times (one source writes one offset).
  const firstAt = groups
    .filter((g) => g.day === firstDay)
    .reduce<string | null>((m, g) => (m === null || g.firstAt < m ? g.firstAt : m), null);
  const lastAt = groups
    .filter((g) => g.day === lastDay)
    .reduce<string | null>((m, g) => (m === null || g.lastAt > m ? g.lastAt : m), null);
  return {
    count: perCurrency.reduce((n, t) => n + t.count, 0),
    totalSpentMinor: only?.totalSpentMinor ?? null,
    currency: only?.currency ?? null,
    averageOrderValueMinor: only?.averageOrderValueMinor ?? null,
    byCurrency: perCurrency,
    firstOrderAt: firstAt,
    lastOrderAt: lastAt,
  };
}

/**
 * (x, t_x, T) from the distinct purchase days (ascending), by the analytics' own summarizeCustomers
 * over a one-customer order log, so the definitions cannot drift apart.
 */
function summaryOf(days: readonly number[], asOfDay: number): Customer360Summary {
  const n = days.length;
  const log: OrderLog = {
    customerIds: ['customer'],
    customerEmails: null,
    customerAcceptsMarketing: new Int8Array(1),
    customerBirthdays: null,
    productSkus: [],
    productNames: [],
    productCategories: [],
    orderCount: n,
    orderCustomer: new Int32Array(n),
    orderDay: Int32Array.from(days),
    orderAmount: new Float64Array(n),
    itemStart: new Int32Array(n + 1),
    itemProduct: new Int32Array(0),
    itemQuantity: new Float32Array(0),
    itemAmount: new Float64Array(0),
  };
  const summary = summarizeCustomers(
    log,
    { start: Int32Array.of(0, n), order: Int32Array.from(days.keys()) },
    { calibrationEndDay: asOfDay },
  );
  return {
    frequency: summary.frequency[0],
    recency: summary.recency[0],
    T: summary.T[0],
    firstPurchaseDay: ymdFromDay(days[0]),
    lastPurchaseDay: ymdFromDay(days[n - 1]),
  };
}

function rfmOf(
  thresholds: RfmThresholds,
  lastDay: number,
  asOfDay: number,
  orders: number,
  spend: number,
): Customer360Rfm {
  const score = scoreRfm(thresholds, lastDay, orders, spend);
  return {
    recency: score.recency,
    frequency: score.frequency,
    monetary: score.monetary,
    segment: RFM_SEGMENTS[score.segment].name,
    recencyDays: asOfDay - lastDay,
    customers: thresholds.customers,
  };
}

/**
 * The store's RFM population as of a day, aggregated by SQL (one row per customer with a purchase:
 * last purchase day, purchases, net spend) and reduced to thresholds. Spend adds net minor units
 * across currencies: in a store selling in several currencies the monetary score mixes them.
 */
export async function computeRfmThresholds(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number,
): Promise<RfmThresholds> {
  const rows = await db
    .selectFrom('orders')
    .select((eb) => [
      eb.fn.max('order_day').as('last_day'),
      eb.fn.countAll().as('orders'),
      sql<number>`cast(sum(total_minor - refunded_minor) as bigint)`.as('spend'),
    ])
    .where('store_id', '=', storeId)
    .where('order_day', '<=', asOfDay)
    .where(isPurchase)
    .groupBy('customer_id')
    .execute();
  const lastDays = new Float64Array(rows.length);
  const orders = new Float64Array(rows.length);
  const spend = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    lastDays[i] = row.last_day;
    orders[i] = Number(row.orders);
    spend[i] = Number(row.spend);
  });
  return rfmThresholds(lastDays, orders, spend);
}

interface CachedThresholds {
  value: RfmThresholds | null;
  computedAt: number;
  pending: Promise<RfmThresholds> | null;
}

/** Per database (a test's or a transaction's view is its own), per store and as-of day. */
const thresholdCache = new WeakMap<Kysely<Database>, Map<string, CachedThresholds>>();
/** Entries per database; the oldest is dropped beyond this (a few numbers each). */
const MAX_CACHED_THRESHOLDS = 10_000;

/**
 * The store's RFM thresholds, cached: the aggregate reads every purchase of the store (0.4-0.6 s
 * at 100k customers and 250k orders on SQLite, see docs/storage.md), far too much for every
 * request of a 5,000 req/s endpoint, while the thresholds move little in minutes. One computation
 * runs per store and day at a time (concurrent requests share it). Once older than maxAgeMs the
 * cached value is still served while one request's refresh runs in the background, so no request
 * awaits it (on SQLite, whose driver is synchronous, the refresh still occupies the process while
 * it runs); a failed refresh is retried by the next request. A new as-of day is computed afresh.
 */
async function storeRfmThresholds(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number,
  maxAgeMs: number,
): Promise<RfmThresholds> {
  if (!(maxAgeMs > 0)) return computeRfmThresholds(db, storeId, asOfDay);
  let entries = thresholdCache.get(db);
  if (!entries) thresholdCache.set(db, (entries = new Map()));
  const key = `${storeId}\u0000${asOfDay}`;
  let entry = entries.get(key);
  if (entry?.value) {
    if (Date.now() - entry.computedAt > maxAgeMs && !entry.pending)
      refresh(db, storeId, asOfDay, entry).catch(() => {});
    return entry.value;
  }
  if (entry?.pending) return entry.pending;
  if (entries.size >= MAX_CACHED_THRESHOLDS) entries.delete(entries.keys().next().value!);
  entry = { value: null, computedAt: 0, pending: null };
  entries.set(key, entry);
  try {
    return await refresh(db, storeId, asOfDay, entry);
  } catch (error) {
    entries.delete(key);
    throw error;
  }
}

function refresh(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number,
  entry: CachedThresholds,
): Promise<RfmThresholds> {
  const startedAt = Date.now();
  entry.pending = computeRfmThresholds(db, storeId, asOfDay).then(
    (value) => {
      entry.value = value;
      entry.computedAt = startedAt;
      entry.pending = null;
      return value;
    },
    (error: unknown) => {
      entry.pending = null;
      throw error;
    },
  );
  return entry.pending;
}
