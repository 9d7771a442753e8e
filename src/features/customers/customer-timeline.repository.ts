import { type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { dayFromIso, ymdFromDay } from '../../analytics/day.js';
import type { Database } from '../../platform/database/database.table.js';
import {
  instantOf,
  messageOutcome,
  orderEvent,
  type TimelineEntry,
  type TimelinePosition,
  type TimelineSource,
  TIMELINE_SOURCES,
  tierEvent,
} from './customer-timeline.js';

/**
 * The rows of one source strictly after `before` in the newest-first order (customer-timeline.ts):
 * older instants; at the same instant, a source earlier in TIMELINE_SOURCES, or the same source with
 * a smaller id. Without an id column (a redemption's key is two columns) the same instant is kept
 * whole and timelinePage drops what the cursor already showed.
 */
function olderThan(
  at: Expression<string>,
  id: Expression<string> | null,
  source: TimelineSource,
  before: TimelinePosition | null,
): RawBuilder<SqlBool> {
  if (before === null) return sql<SqlBool>`1 = 1`;
  const rank = TIMELINE_SOURCES.indexOf(source) - TIMELINE_SOURCES.indexOf(before.source);
  if (rank < 0 || (rank === 0 && id === null)) return sql<SqlBool>`${at} <= ${before.at}`;
  if (rank > 0) return sql<SqlBool>`${at} < ${before.at}`;
  return sql<SqlBool>`(${at} < ${before.at} or (${at} = ${before.at} and ${id} < ${before.id}))`;
}

const ref = (column: string) => sql.ref<string>(column);

/** One source's read: the customer, the cursor and how many rows to take. */
interface Read {
  readonly db: Kysely<Database>;
  readonly storeId: string;
  readonly customerId: string;
  readonly before: TimelinePosition | null;
  readonly take: number;
}

/** A source's rows after the cursor, newest first, `take` of them (ties broken by the id). */
function newestAfter<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  at: Expression<string>,
  id: Expression<string>,
  source: TimelineSource,
  { before, take }: Read,
): SelectQueryBuilder<DB, TB, O> {
  return query
    .where(olderThan(at, id, source, before))
    .orderBy(at, 'desc')
    .orderBy(id, 'desc')
    .limit(take);
}

/**
 * Each source's newest `take` rows after `before` for one customer of one store, as timeline
 * entries. Every read is by (store_id, customer_id), so on Citus each goes to the store's shard.
 * Orders are ordered by their day and their time as the source wrote it (one source writes one
 * offset), and their instant is taken in code: rows within a day of the cursor are read whole,
 * since an offset of up to 14 hours can put them on either side of it.
 */
export async function readTimelineCandidates(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  before: TimelinePosition | null,
  take: number,
): Promise<TimelineEntry[]> {
  const read: Read = { db, storeId, customerId, before, take };
  const reads = await Promise.all([
    orders(read),
    messages(read),
    points(read),
    tiers(read),
    challenges(read, 'challenge_offered'),
    challenges(read, 'challenge_completed'),
    challenges(read, 'challenge_expired'),
    couponsIssued(read),
    couponsRedeemed(read),
    consent(read),
  ]);
  return reads.flat();
}

async function orders(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId, before, take } = read;
  const base = db
    .selectFrom('orders')
    .select([
      'id',
      'external_id',
      'ordered_at',
      'currency',
      'total_minor',
      'refunded_minor',
      'discount_minor',
      'status',
      'cancelled_at',
    ])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('order_day', 'desc')
    .orderBy('ordered_at', 'desc')
    .orderBy('id', 'desc');
  let rows;
  if (before === null) rows = await base.limit(take).execute();
  else {
    const day = dayFromIso(before.at.slice(0, 10));
    const [near, older] = await Promise.all([
      base
        .where('order_day', '>=', day - 1)
        .where('order_day', '<=', day + 1)
        .execute(),
      base
        .where('order_day', '<', day - 1)
        .limit(take)
        .execute(),
    ]);
    rows = [...near, ...older];
  }
  return rows.map((row) => ({
    at: instantOf(row.ordered_at),
    kind: 'order',
    source: 'order',
    id: row.id,
    event: orderEvent(row.status, Number(row.refunded_minor)),
    detail: {
      externalId: row.external_id,
      status: row.status,
      currency: row.currency,
      totalMinor: Number(row.total_minor),
      refundedMinor: Number(row.refunded_minor),
      discountMinor: Number(row.discount_minor),
      orderedAt: row.ordered_at,
      cancelledAt: row.cancelled_at,
    },
  }));
}

async function messages(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  // When it was sent, or when its status last changed (held out, skipped, postponed, failed).
  const at = sql<string>`coalesce(${ref('sent_at')}, ${ref('updated_at')})`;
  const query = db
    .selectFrom('outbox_messages')
    .select(['id', 'flow', 'trigger_key', 'channel', 'purpose', 'template', 'status', 'reason', 'send_at', 'sent_at'])
    .select(at.as('at'))
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId);
  const rows = await newestAfter(query, at, ref('id'), 'message', read).execute();
  return rows.map((row) => ({
    at: instantOf(row.at),
    kind: 'message',
    source: 'message',
    id: row.id,
    event: messageOutcome(row.status, row.reason),
    detail: {
      flow: row.flow,
      trigger: row.trigger_key,
      channel: row.channel,
      purpose: row.purpose,
      template: row.template,
      status: row.status,
      reason: row.reason,
      sendAt: row.send_at,
      sentAt: row.sent_at,
    },
  }));
}

async function points(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  const query = db
    .selectFrom('loyalty_ledger')
    .select(['id', 'kind', 'points', 'reason', 'source_key', 'posted_at', 'available_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId);
  const rows = await newestAfter(query, ref('posted_at'), ref('id'), 'points', read).execute();
  return rows.map((row) => ({
    at: instantOf(row.posted_at),
    kind: 'points',
    source: 'points',
    id: row.id,
    event: row.kind,
    detail: { points: row.points, reason: row.reason, sourceKey: row.source_key, availableAt: row.available_at },
  }));
}

async function tiers(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  const query = db
    .selectFrom('customer_events')
    .select(['id', 'occurred_at', 'payload'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'tier_changed');
  const rows = await newestAfter(query, ref('occurred_at'), ref('id'), 'tier', read).execute();
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      at: instantOf(row.occurred_at),
      kind: 'tier',
      source: 'tier',
      id: row.id,
      event: tierEvent(payload.direction),
      detail: { from: text(payload.from), to: text(payload.to), basis: text(payload.basis) },
    };
  });
}

const CHALLENGE_INSTANT = {
  challenge_offered: 'issued_at',
  challenge_completed: 'completed_at',
  challenge_expired: 'expired_at',
} as const;

async function challenges(read: Read, source: keyof typeof CHALLENGE_INSTANT): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  const column = CHALLENGE_INSTANT[source];
  const query = db
    .selectFrom('challenges')
    .select([
      'id',
      'kind',
      'target_orders',
      'target_category',
      'deadline_day',
      'bonus_points',
      'progress',
      'status',
      'issued_at',
      'completed_at',
      'expired_at',
    ])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where(column, 'is not', null);
  const rows = await newestAfter(query, ref(column), ref('id'), source, read).execute();
  return rows.map((row) => ({
    at: instantOf(row[column]!),
    kind: 'challenge',
    source,
    id: row.id,
    event: source.slice('challenge_'.length),
    detail: {
      challenge: row.kind,
      progress: row.progress,
      targetOrders: row.target_orders,
      targetCategory: row.target_category,
      deadline: ymdFromDay(row.deadline_day),
      bonusPoints: row.bonus_points,
      status: row.status,
    },
  }));
}

async function couponsIssued(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  // Coupons made for this customer (a points redemption, a flow's offer); store-wide codes are not
  // theirs. Read through the index (store_id, customer_id, created_at).
  const query = db
    .selectFrom('coupons')
    .select(['id', 'code', 'kind', 'value', 'currency', 'valid_until', 'uses', 'created_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId);
  const rows = await newestAfter(query, ref('created_at'), ref('id'), 'coupon_issued', read).execute();
  return rows.map((row) => ({
    at: instantOf(row.created_at),
    kind: 'coupon',
    source: 'coupon_issued',
    id: row.id,
    event: 'issued',
    detail: {
      code: row.code,
      coupon: row.kind,
      value: Number(row.value),
      currency: row.currency,
      validUntil: row.valid_until,
      uses: row.uses,
    },
  }));
}

async function couponsRedeemed(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId, before, take } = read;
  // Read through the index (store_id, customer_id, redeemed_at).
  const rows = await db
    .selectFrom('coupon_redemptions as r')
    .innerJoin('coupons as c', (join) => join.onRef('c.store_id', '=', 'r.store_id').onRef('c.id', '=', 'r.coupon_id'))
    .select([
      'r.coupon_id',
      'r.order_id',
      'r.redeemed_at',
      'r.released_at',
      'c.code',
      'c.kind',
      'c.value',
      'c.currency',
    ])
    .where('r.store_id', '=', storeId)
    .where('r.customer_id', '=', customerId)
    .where(olderThan(ref('r.redeemed_at'), null, 'coupon_redeemed', before))
    .orderBy('r.redeemed_at', 'desc')
    .orderBy('r.coupon_id', 'desc')
    .orderBy('r.order_id', 'desc')
    .limit(take)
    .execute();
  return rows.map((row) => ({
    at: instantOf(row.redeemed_at),
    kind: 'coupon',
    source: 'coupon_redeemed',
    id: `${row.coupon_id}:${row.order_id}`,
    event: 'redeemed',
    detail: {
      code: row.code,
      coupon: row.kind,
      value: Number(row.value),
      currency: row.currency,
      orderId: row.order_id,
      releasedAt: row.released_at,
    },
  }));
}

async function consent(read: Read): Promise<TimelineEntry[]> {
  const { db, storeId, customerId } = read;
  const query = db
    .selectFrom('consent_records')
    .select(['id', 'channel', 'purpose', 'status', 'source', 'recorded_at', 'double_opt_in_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId);
  const rows = await newestAfter(query, ref('recorded_at'), ref('id'), 'consent', read).execute();
  return rows.map((row) => ({
    at: instantOf(row.recorded_at),
    kind: 'consent',
    source: 'consent',
    id: row.id,
    event: row.status,
    detail: {
      channel: row.channel,
      purpose: row.purpose,
      status: row.status,
      source: row.source,
      doubleOptInAt: row.double_opt_in_at,
    },
  }));
}
