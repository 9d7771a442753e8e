/**
 * Segment rules compiled to SQL (docs/segments.md): one boolean expression over
 *   customers c LEFT JOIN customer_metrics m LEFT JOIN customer_tiers t LEFT JOIN loyalty_balances b
 * with EXISTS subqueries for what a customer bought, their events and their consent, so a segment's
 * members are one query whatever the store's size. Every condition is two-valued (a missing value
 * gives FALSE, never NULL), so NOT behaves as in the JS evaluator (domain/segments/explain.ts).
 * The same SQL runs on SQLite and PostgreSQL; only the tags' JSON functions differ.
 *
 * Numbers are written as literals: they are checked finite by the parser, and a literal keeps
 * PostgreSQL from typing a parameter after its column (2.5 against an integer column would fail).
 */
import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import { type EvaluationContext, windowStart } from './explain.js';
import {
  CART_ABANDONED,
  type Condition,
  existsWanted,
  isAll,
  isAny,
  isNot,
  SEGMENT_FIELDS,
  type SegmentField,
  type SegmentRule,
} from './rule.js';
import type { Database } from '../../platform/database/database.table.js';

export interface RuleSqlContext extends EvaluationContext {
  readonly postgres: boolean;
  /**
   * The store, named again in every subquery rather than only through the customer's row: Citus
   * routes a query to one store's shards only when it can see the store of every table it reads,
   * and it loses track through OR and NOT over subqueries (docs/scaling.md).
   */
  readonly storeId: string;
}

type Bool = RawBuilder<SqlBool>;
const TRUE: Bool = sql<SqlBool>`(1 = 1)`;
const FALSE: Bool = sql<SqlBool>`(1 = 0)`;
const MS_PER_DAY = 86_400_000;

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The tables a rule reads, joined for one store; select what you need from it. */
export function segmentBase(db: Kysely<Database>, storeId: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('customer_metrics as m', (j) =>
      j.onRef('m.store_id', '=', 'c.store_id').onRef('m.customer_id', '=', 'c.id'),
    )
    .leftJoin('customer_tiers as t', (j) =>
      j.onRef('t.store_id', '=', 'c.store_id').onRef('t.customer_id', '=', 'c.id'),
    )
    .leftJoin('loyalty_balances as b', (j) =>
      j.onRef('b.store_id', '=', 'c.store_id').onRef('b.customer_id', '=', 'c.id'),
    )
    .where('c.store_id', '=', storeId);
}

/** The rule as a boolean SQL expression over the segmentBase aliases. */
export function ruleSql(rule: SegmentRule, ctx: RuleSqlContext): Bool {
  if (isAll(rule))
    return rule.all.length === 0
      ? TRUE
      : sql<SqlBool>`(${sql.join(
          rule.all.map((r) => ruleSql(r, ctx)),
          sql` and `,
        )})`;
  if (isAny(rule))
    return rule.any.length === 0
      ? FALSE
      : sql<SqlBool>`(${sql.join(
          rule.any.map((r) => ruleSql(r, ctx)),
          sql` or `,
        )})`;
  if (isNot(rule)) return sql<SqlBool>`(not ${ruleSql(rule.not, ctx)})`;
  return conditionSql(rule, ctx);
}

function conditionSql(c: Condition, ctx: RuleSqlContext): Bool {
  if (c.field === 'created_days_ago') return createdDaysSql(c, ctx);
  if (SEGMENT_FIELDS[c.field].type === 'set') return setSql(c, ctx);
  return scalarSql(scalarExpression(c.field, ctx), c);
}

const lit = (v: number | string): RawBuilder<unknown> => (typeof v === 'number' ? sql.lit(v) : sql.val(v));

function scalarExpression(field: SegmentField, ctx: RuleSqlContext): RawBuilder<unknown> {
  const day = sql.lit(ctx.asOfDay);
  switch (field) {
    case 'orders_count':
      return sql`coalesce(m.orders_count, 0)`;
    case 'total_spent':
      return sql`coalesce(m.total_spent_minor, 0)`;
    case 'days_since_last_order':
      return sql`(${day} - m.last_order_day)`;
    case 'avg_interval_days':
      return sql`m.avg_interval_days`;
    case 'interval_ratio':
      // avg_interval_days is a positive float whenever it is set (2+ purchase days on distinct days).
      return sql`((${day} - m.last_order_day) / m.avg_interval_days)`;
    case 'rfm_segment':
      return sql`m.rfm_segment`;
    case 'value_percentile':
      return sql`m.value_percentile`;
    case 'p_alive':
      return sql`m.p_alive`;
    case 'p_alive_previous':
      return sql`m.p_alive_previous`;
    case 'expected_orders':
      return sql`m.expected_orders`;
    case 'predicted_clv':
      return sql`m.predicted_clv_minor`;
    case 'expected_next_order_date':
      return sql`(m.expected_next_order_day - ${day})`;
    case 'tier':
      return sql`t.tier`;
    case 'points':
      return sql`coalesce(b.points_total, 0)`;
    default:
      throw new Error(`${field} is not a scalar field`);
  }
}

function scalarSql(e: RawBuilder<unknown>, c: Condition): Bool {
  const v = c.value;
  const known = (comparison: RawBuilder<unknown>): Bool => sql<SqlBool>`(${e} is not null and ${comparison})`;
  switch (c.op) {
    case 'exists':
      return existsWanted(c) ? sql<SqlBool>`(${e} is not null)` : sql<SqlBool>`(${e} is null)`;
    case 'eq':
      return known(sql`${e} = ${lit(v as number | string)}`);
    case 'ne':
      return known(sql`${e} <> ${lit(v as number | string)}`);
    case 'gt':
      return known(sql`${e} > ${lit(v as number)}`);
    case 'gte':
      return known(sql`${e} >= ${lit(v as number)}`);
    case 'lt':
      return known(sql`${e} < ${lit(v as number)}`);
    case 'lte':
      return known(sql`${e} <= ${lit(v as number)}`);
    case 'between': {
      const [lo, hi] = v as readonly number[];
      return known(sql`${e} >= ${lit(lo)} and ${e} <= ${lit(hi)}`);
    }
    case 'in':
      return known(sql`${e} in (${sql.join((v as readonly (number | string)[]).map(lit))})`);
    default:
      return FALSE;
  }
}

/**
 * created_days_ago = floor((asOf - created_at) / 1 day), compared through the instant text, which
 * orders as time does: floor(d / day) >= N exactly when created_at <= asOf - N days (N whole).
 */
function createdDaysSql(c: Condition, ctx: RuleSqlContext): Bool {
  const asOfMs = Date.parse(ctx.asOf);
  const atLeast = (n: number): Bool => sql<SqlBool>`(c.created_at <= ${instantText(asOfMs - n * MS_PER_DAY)})`;
  const below = (n: number): Bool => sql<SqlBool>`(c.created_at > ${instantText(asOfMs - n * MS_PER_DAY)})`;
  const equal = (n: number): Bool => sql<SqlBool>`(${atLeast(n)} and ${below(n + 1)})`;
  const v = c.value;
  switch (c.op) {
    case 'exists':
      return existsWanted(c) ? TRUE : FALSE;
    case 'eq':
      return equal(v as number);
    case 'ne':
      return sql<SqlBool>`(not ${equal(v as number)})`;
    case 'gt':
      return atLeast((v as number) + 1);
    case 'gte':
      return atLeast(v as number);
    case 'lt':
      return below(v as number);
    case 'lte':
      return below((v as number) + 1);
    case 'between': {
      const [lo, hi] = v as readonly number[];
      return sql<SqlBool>`(${atLeast(lo)} and ${below(hi + 1)})`;
    }
    case 'in':
      return sql<SqlBool>`(${sql.join((v as readonly number[]).map(equal), sql` or `)})`;
    default:
      return FALSE;
  }
}

/** The instant's fixed-format text, clamped to years 0001-9999 (beyond them every stored instant compares the same way). */
function instantText(ms: number): string {
  if (ms < -62_135_596_800_000) return '0000';
  if (ms > 253_402_300_799_999) return '9999-99';
  return new Date(ms).toISOString();
}

/** A purchase of order alias o (the rule of customer-metrics.repository.ts isPurchase). */
const purchase = (o: string): RawBuilder<unknown> =>
  sql`(${sql.ref(`${o}.status`)} not in ('cancelled', 'refunded') and ${sql.ref(`${o}.cancelled_at`)} is null and (${sql.ref(`${o}.total_minor`)} <= 0 or ${sql.ref(`${o}.refunded_minor`)} < ${sql.ref(`${o}.total_minor`)}))`;

function setSql(c: Condition, ctx: RuleSqlContext): Bool {
  const values: readonly string[] =
    c.op === 'contains' ? [c.value as string] : c.op === 'in' ? (c.value as readonly string[]) : [];
  const wanted = c.op !== 'exists' || existsWanted(c);
  const negate = (b: Bool): Bool => (wanted ? b : sql<SqlBool>`(not ${b})`);
  switch (c.field) {
    case 'tag':
      return negate(tagSql(c.op === 'exists' ? null : values, ctx));
    case 'consent':
      if (c.op === 'exists') return negate(consentSql(null, ctx));
      return anyOf(values.map((v) => consentSql(v, ctx)));
    case 'bought_product':
    case 'bought_category':
      return negate(
        boughtSql(c.field === 'bought_product' ? 'sku' : 'category', c.op === 'exists' ? null : values, c.days, ctx),
      );
    case 'event':
      if (c.op === 'exists') return negate(eventSql(null, c.days, ctx));
      return anyOf(values.map((v) => eventSql(v, c.days, ctx)));
    default:
      return FALSE;
  }
}

const anyOf = (parts: Bool[]): Bool =>
  parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;

function tagSql(values: readonly string[] | null, ctx: RuleSqlContext): Bool {
  if (ctx.postgres) {
    if (values === null) return sql<SqlBool>`(jsonb_array_length(c.tags::jsonb) > 0)`;
    return sql<SqlBool>`exists (select 1 from jsonb_array_elements_text(c.tags::jsonb) as tg(v) where tg.v in (${sql.join(values.map((v) => sql.val(v)))}))`;
  }
  if (values === null) return sql<SqlBool>`(json_array_length(c.tags) > 0)`;
  return sql<SqlBool>`exists (select 1 from json_each(c.tags) as tg where tg.value in (${sql.join(values.map((v) => sql.val(v)))}))`;
}

/** Granted now: the latest record of the pair (by recorded_at, then id) up to the as-of instant says granted. */
function consentSql(pair: string | null, ctx: RuleSqlContext): Bool {
  const at = pair === null ? -1 : pair.indexOf(':');
  const filter =
    pair === null ? sql`` : sql` and r.channel = ${pair.slice(0, at)} and r.purpose = ${pair.slice(at + 1)}`;
  return sql<SqlBool>`exists (select 1 from consent_records r
    where r.store_id = ${ctx.storeId} and r.customer_id = c.id and r.status = 'granted' and r.recorded_at <= ${ctx.asOf}${filter}
      and not exists (select 1 from consent_records r2
        where r2.store_id = ${ctx.storeId} and r2.customer_id = r.customer_id and r2.channel = r.channel and r2.purpose = r.purpose
          and r2.recorded_at <= ${ctx.asOf} and (r2.recorded_at > r.recorded_at or (r2.recorded_at = r.recorded_at and r2.id > r.id))))`;
}

function boughtSql(
  column: 'sku' | 'category',
  values: readonly string[] | null,
  days: number | undefined,
  ctx: RuleSqlContext,
): Bool {
  const line = sql.ref(`l.${column}`);
  const match =
    values === null ? sql`${line} is not null` : sql`${line} in (${sql.join(values.map((v) => sql.val(v)))})`;
  const window = days === undefined ? sql`` : sql` and o.order_day > ${sql.lit(ctx.asOfDay - days)}`;
  return sql<SqlBool>`exists (select 1 from orders o inner join order_lines l on l.store_id = o.store_id and l.order_id = o.id
    where o.store_id = ${ctx.storeId} and l.store_id = ${ctx.storeId} and o.customer_id = c.id and o.order_day <= ${sql.lit(ctx.asOfDay)}${window} and ${purchase('o')} and ${match})`;
}

/** An event of the kind in the window; cart_abandoned: a cart or checkout event with no purchase on its (UTC) date or later. */
function eventSql(kind: string | null, days: number | undefined, ctx: RuleSqlContext): Bool {
  const window = days === undefined ? sql`` : sql` and e.occurred_at > ${windowStart(ctx.asOf, days)}`;
  const base = sql`e.store_id = ${ctx.storeId} and e.customer_id = c.id and e.occurred_at <= ${ctx.asOf}${window}`;
  if (kind === null) return sql<SqlBool>`exists (select 1 from customer_events e where ${base})`;
  if (kind !== CART_ABANDONED)
    return sql<SqlBool>`exists (select 1 from customer_events e where ${base} and e.kind = ${kind})`;
  return sql<SqlBool>`exists (select 1 from customer_events e where ${base} and e.kind in ('cart_updated', 'checkout_started')
    and not exists (select 1 from orders o where o.store_id = ${ctx.storeId} and o.customer_id = e.customer_id and o.order_day <= ${sql.lit(ctx.asOfDay)}
      and ${purchase('o')} and substr(o.ordered_at, 1, 10) >= substr(e.occurred_at, 1, 10)))`;
}
