/**
 * Facts for the post-purchase flow (src/features/flows/post-purchase/post-purchase.planner.ts): the orders a window may
 * confirm, their lines, and the store's own same-order statistics for the SKUs in them. Every query
 * is bounded by the window: orders by day or by recording time, pairs only for the window's SKUs.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { PairCount } from './cross-sell-picks.js';
import type { Database } from '../../../platform/database/database.table.js';

/** Ids per IN list (well under SQLite's 32,766 parameters). */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** A paid order that is not cancelled: what gets a confirmation (a pending order is not paid yet). */
function isPaid(eb: ExpressionBuilder<Database, 'orders'>) {
  return eb.and([eb('orders.status', 'in', ['paid', 'partially_refunded']), eb('orders.cancelled_at', 'is', null)]);
}

export interface ConfirmationOrderRow {
  readonly id: string;
  readonly externalId: string;
  /** The order's name ("#1042") when the source gave one. */
  readonly name: string | null;
  readonly customerId: string;
  readonly customerExternalId: string;
  readonly orderedAt: string;
  readonly createdAt: string;
  readonly orderDay: number;
  readonly currency: string;
  readonly totalMinor: number;
}

/**
 * Paid orders placed on days fromDay..toDay (order_day), or recorded (created_at, UTC text in one
 * format, so text order is time order) in [recordedFrom, recordedTo). Two queries, one per index:
 * by day, and by recording time through orders_updated (updated_at is never before created_at).
 */
export async function findConfirmationOrders(
  db: Kysely<Database>,
  storeId: string,
  range: {
    readonly fromDay: number;
    readonly toDay: number;
    readonly recordedFrom: string;
    readonly recordedTo: string;
  },
): Promise<ConfirmationOrderRow[]> {
  const base = db
    .selectFrom('orders')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.store_id', '=', 'orders.store_id').onRef('c.id', '=', 'orders.customer_id'),
    )
    .select([
      'orders.id',
      'orders.external_id',
      'orders.name',
      'orders.customer_id',
      'c.external_id as customer_external_id',
      'orders.ordered_at',
      'orders.created_at',
      'orders.order_day',
      'orders.currency',
      'orders.total_minor',
    ]);
  const [byDay, byRecording] = await Promise.all([
    base
      .where('orders.store_id', '=', storeId)
      .where('orders.order_day', '>=', range.fromDay)
      .where('orders.order_day', '<=', range.toDay)
      .where(isPaid)
      .execute(),
    base
      .where('orders.store_id', '=', storeId)
      .where('orders.updated_at', '>=', range.recordedFrom)
      .where('orders.created_at', '>=', range.recordedFrom)
      .where('orders.created_at', '<', range.recordedTo)
      .where(isPaid)
      .execute(),
  ]);
  const byId = new Map<string, ConfirmationOrderRow>();
  for (const r of [...byDay, ...byRecording]) {
    byId.set(r.id, {
      id: r.id,
      externalId: r.external_id,
      name: r.name,
      customerId: r.customer_id,
      customerExternalId: r.customer_external_id,
      orderedAt: r.ordered_at,
      createdAt: r.created_at,
      orderDay: Number(r.order_day),
      currency: r.currency,
      totalMinor: Number(r.total_minor),
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface LineRow {
  readonly orderId: string;
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
  readonly priceMinor: number;
  readonly totalMinor: number;
}

/** The lines of these orders, in line order, by the primary key. */
export async function findOrderLines(
  db: Kysely<Database>,
  storeId: string,
  orderIds: readonly string[],
): Promise<LineRow[]> {
  const out: LineRow[] = [];
  for (const ids of chunks(orderIds)) {
    const rows = await db
      .selectFrom('order_lines')
      .select(['order_id', 'line_no', 'sku', 'title', 'quantity', 'price_minor', 'total_minor'])
      .where('store_id', '=', storeId)
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    for (const r of rows) {
      out.push({
        orderId: r.order_id,
        sku: r.sku,
        title: r.title,
        quantity: Number(r.quantity),
        priceMinor: Number(r.price_minor),
        totalMinor: Number(r.total_minor),
      });
    }
  }
  return out;
}

/** A SKU's title and a unit price seen in its orders, for a product the catalogue does not know. */
export interface SeenProduct {
  readonly title: string;
  readonly priceMinor: number;
}

/**
 * Pairs are counted over at most this many orders per run, shared among the window's SKUs (each
 * one's latest orders), so a day with 1,500 different SKUs costs what a day with 100 does: about a
 * few seconds on SQLite. A best seller's 100,000 orders say little more than its latest 2,000 do.
 */
export const PAIR_BUDGET = 100_000;
const MAX_SAMPLE = 2_000;
const MIN_SAMPLE = 50;

/** Orders counted per SKU when `skus` SKUs share the budget. */
export function pairSample(skus: number): number {
  return Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, Math.floor(PAIR_BUDGET / Math.max(1, skus))));
}

/**
 * Same-order pairs (skus[i], other) with at least `minOrders` orders, counted over each SKU's
 * latest pairSample(skus) orders (by id, which is time-ordered) among those before `beforeDay` that
 * were not cancelled; `sampled` is how many orders of each SKU were counted (the lift's base for it).
 * Bounded by the window's SKUs and PAIR_BUDGET: the order_lines of a sample of orders per SKU,
 * read through order_lines_sku, never the whole catalogue's pairs.
 */
export async function findPairCounts(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
  beforeDay: number,
  minOrders: number,
): Promise<{ pairs: PairCount[]; sampled: Map<string, number>; seen: Map<string, SeenProduct> }> {
  const pairs: PairCount[] = [];
  const sampled = new Map<string, number>();
  const seen = new Map<string, SeenProduct>();
  const sample = pairSample(skus.length);
  for (const part of chunks(skus)) {
    const base = sql`
      with recent as (
        select sku, order_id from (
          select l.sku, l.order_id, row_number() over (partition by l.sku order by l.order_id desc) as rn
          from order_lines l
          where l.store_id = ${storeId} and l.sku in (${sql.join(part)})
        ) ranked
        where rn <= ${sample}
      ),
      base as (
        select distinct r.sku, r.order_id
        from recent r
        join orders o on o.store_id = ${storeId} and o.id = r.order_id
        -- The unary plus keeps SQLite off orders_day: by day it would visit every order of the
        -- store for each sampled line, instead of looking each sampled order up by its key.
        where +o.order_day < ${beforeDay} and o.status <> 'cancelled' and o.cancelled_at is null
      )`;
    // One statement (SQLite materializes a CTE used twice): the pairs, and with to_sku null each SKU's sample size.
    const rows = await sql<{
      from_sku: string;
      to_sku: string | null;
      together: number | string;
      title: string | null;
      price_minor: number | string | null;
    }>`${base}
      select base.sku as from_sku, b.sku as to_sku, count(distinct base.order_id) as together, max(b.title) as title, max(b.price_minor) as price_minor
      from base
      join order_lines b on b.store_id = ${storeId} and b.order_id = base.order_id
      -- coalesce keeps SQLite off order_lines_sku (a range scan over every line): the lines come by order.
      where coalesce(b.sku, '') <> '' and b.sku <> base.sku
      group by base.sku, b.sku
      having count(distinct base.order_id) >= ${minOrders}
      union all
      select sku as from_sku, null as to_sku, count(*) as together, null as title, null as price_minor
      from base
      group by sku`.execute(db);
    for (const r of rows.rows) {
      if (r.to_sku === null) {
        sampled.set(r.from_sku, Number(r.together));
        continue;
      }
      pairs.push({ fromSku: r.from_sku, toSku: r.to_sku, together: Number(r.together) });
      if (r.title !== null && r.price_minor !== null)
        seen.set(r.to_sku, { title: r.title, priceMinor: Number(r.price_minor) });
    }
  }
  return { pairs, sampled, seen };
}

/**
 * Lines of each SKU, all time: the base rate behind the lift. Counted from the (store_id, sku)
 * index alone, since joining every line of a best seller to its order (for the day and the
 * status) costs seconds on a big store; the pair counts, which decide what is learned, are as of
 * the window. An order rarely holds a SKU on two lines, so lines stand for orders.
 */
export async function findLinesPerSku(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(skus)) {
    const rows = await db
      .selectFrom('order_lines')
      .select(['sku', (eb) => eb.fn.countAll<number>().as('lines')])
      .where('store_id', '=', storeId)
      .where('sku', 'in', part)
      .groupBy('sku')
      .execute();
    for (const r of rows) if (r.sku !== null) out.set(r.sku, Number(r.lines));
  }
  return out;
}

/** Best sellers are counted over at most this many of the period's latest orders (a bounded read on a big store). */
export const BEST_SELLER_SAMPLE = 20_000;

/**
 * The store's most ordered SKUs over days fromDay..beforeDay-1 (orders not cancelled), most orders
 * first: counted over the period's latest BEST_SELLER_SAMPLE orders, read backwards by day.
 */
export async function findBestSellers(
  db: Kysely<Database>,
  storeId: string,
  fromDay: number,
  beforeDay: number,
  limit: number,
): Promise<{ sku: string; title: string; priceMinor: number }[]> {
  const rows = await sql<{ sku: string; orders: number | string; title: string; price_minor: number | string }>`
    with recent as (
      select id from orders
      where store_id = ${storeId} and order_day >= ${fromDay} and order_day < ${beforeDay} and status <> 'cancelled' and cancelled_at is null
      order by order_day desc
      limit ${BEST_SELLER_SAMPLE}
    )
    select l.sku, count(distinct l.order_id) as orders, max(l.title) as title, max(l.price_minor) as price_minor
    from recent
    join order_lines l on l.store_id = ${storeId} and l.order_id = recent.id
    where l.sku is not null
    group by l.sku
    order by count(distinct l.order_id) desc, l.sku
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ sku: r.sku, title: r.title, priceMinor: Number(r.price_minor) }));
}

export interface CatalogueProduct {
  readonly sku: string;
  readonly title: string;
  readonly priceMinor: number | null;
  readonly currency: string | null;
  readonly complements: readonly string[];
}

/** The catalogue's products with these SKUs (by the (store_id, sku) index). */
export async function findProductsBySku(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
): Promise<Map<string, CatalogueProduct>> {
  const out = new Map<string, CatalogueProduct>();
  for (const part of chunks(skus)) {
    const rows = await db
      .selectFrom('products')
      .select(['sku', 'title', 'price_minor', 'currency', 'complements'])
      .where('store_id', '=', storeId)
      .where('sku', 'in', part)
      .execute();
    for (const r of rows) {
      let complements: string[] = [];
      try {
        const parsed: unknown = JSON.parse(r.complements);
        if (Array.isArray(parsed)) complements = parsed.filter((s): s is string => typeof s === 'string');
      } catch {
        // Written through productToRow, which stores a JSON list; a hand-edited row just has none.
      }
      out.set(r.sku, {
        sku: r.sku,
        title: r.title,
        priceMinor: r.price_minor === null ? null : Number(r.price_minor),
        currency: r.currency,
        complements,
      });
    }
  }
  return out;
}
