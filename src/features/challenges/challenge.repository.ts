import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import {
  CHALLENGE_KINDS,
  type Challenge,
  type ChallengeKind,
  type ChallengePlan,
  type ChallengeStatus,
} from './challenge.js';
import { newId } from '../../platform/ids.js';
import type { ChallengeRow } from './challenge.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

/** Rows per INSERT: 18 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const CHALLENGES_PER_INSERT = 500;

export function challengeFromRow(row: ChallengeRow): Challenge {
  return {
    id: row.id,
    customerId: row.customer_id,
    // Written only through challengeToRow, which takes a ChallengeKind, and the status updates below.
    kind: row.kind as ChallengeKind,
    status: row.status as ChallengeStatus,
    targetOrders: row.target_orders,
    targetDays: row.target_days,
    targetCategory: row.target_category,
    windowStartDay: row.window_start_day,
    deadlineDay: row.deadline_day,
    bonusPoints: row.bonus_points,
    progress: row.progress,
    basis: JSON.parse(row.basis) as Record<string, number | string>,
    issuedWeek: row.issued_week,
    issuedAt: row.issued_at,
    completedAt: row.completed_at,
    expiredAt: row.expired_at,
  };
}

/** A new challenge's row: offered, with no progress yet (issuing counts orders already in its window afterwards). */
export function challengeToRow(
  storeId: string,
  customerId: string,
  plan: ChallengePlan,
  issuedWeek: string,
  issuedAt: string,
): ChallengeRow {
  if (!(CHALLENGE_KINDS as readonly string[]).includes(plan.kind))
    throw new Error(`unknown challenge kind ${plan.kind}`);
  return {
    store_id: storeId,
    id: newId('chl'),
    customer_id: customerId,
    kind: plan.kind,
    target_orders: plan.targetOrders,
    target_days: plan.targetDays,
    target_category: plan.targetCategory,
    window_start_day: plan.windowStartDay,
    deadline_day: plan.deadlineDay,
    bonus_points: plan.bonusPoints,
    progress: 0,
    status: 'offered',
    issued_week: issuedWeek,
    basis: JSON.stringify(plan.basis),
    issued_at: issuedAt,
    completed_at: null,
    expired_at: null,
  };
}

/**
 * Inserts the challenges, skipping any whose (customer, kind, week) was already issued: the unique
 * index decides, so a repeated or concurrent run inserts each once. Returns the rows this call inserted.
 */
export async function insertChallenges(db: Kysely<Database>, rows: readonly ChallengeRow[]): Promise<ChallengeRow[]> {
  const inserted: ChallengeRow[] = [];
  for (let start = 0; start < rows.length; start += CHALLENGES_PER_INSERT) {
    const batch = rows.slice(start, start + CHALLENGES_PER_INSERT);
    const ids = await db
      .insertInto('challenges')
      .values(batch)
      .onConflict((oc) => oc.columns(['store_id', 'customer_id', 'kind', 'issued_week']).doNothing())
      .returning('id')
      .execute();
    const written = new Set(ids.map((r) => r.id));
    for (const row of batch) if (written.has(row.id)) inserted.push(row);
  }
  return inserted;
}

/**
 * `customerId \0 kind` of the store's offered challenges still running on `day` (deadline on or
 * after it): a customer holds at most one open challenge of a kind, so overlapping windows never
 * count the same orders twice.
 */
export async function openChallengeKeys(db: Kysely<Database>, storeId: string, day: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('challenges')
    .select(['customer_id', 'kind'])
    .where('store_id', '=', storeId)
    .where('status', '=', 'offered')
    .where('deadline_day', '>=', day)
    .execute();
  return new Set(rows.map((r) => `${r.customer_id}\u0000${r.kind}`));
}

/**
 * A customer's open challenges (offered, newest window first) and then up to `recent` closed ones
 * (completed or expired, newest window first). Empty for an unknown customer or another store's.
 */
export async function listCustomerChallenges(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  recent: number,
): Promise<Challenge[]> {
  const [open, closed] = await Promise.all([
    OPEN_CHALLENGES.execute(db, { storeId, customerId }),
    // No closed ones asked for (the shopper's /me): no query for them.
    recent > 0 ? CLOSED_CHALLENGES.execute(db, { storeId, customerId, recent }) : [],
  ]);
  return [...open, ...closed].map(challengeFromRow);
}

// A customer's challenges (the shopper's /me on every page view): prepared once.
const OPEN_CHALLENGES = new PreparedQuery<ChallengeRow, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('challenges')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .where('status', '=', 'offered')
    .orderBy('window_start_day', 'desc')
    .orderBy('id', 'desc'),
);
const CLOSED_CHALLENGES = new PreparedQuery<ChallengeRow, { storeId: string; customerId: string; recent: number }>(
  (db, param) =>
    db
      .selectFrom('challenges')
      .selectAll()
      .where('store_id', '=', param('storeId'))
      .where('customer_id', '=', param('customerId'))
      .where('status', '<>', 'offered')
      .orderBy('window_start_day', 'desc')
      .orderBy('id', 'desc')
      .limit(param('recent')),
);

/** The store's challenges, newest window first (one customer's with customerId), at most `limit`. */
export async function listStoreChallenges(
  db: Kysely<Database>,
  storeId: string,
  options: { readonly customerId?: string; readonly limit: number },
): Promise<Challenge[]> {
  const rows = await db
    .selectFrom('challenges')
    .selectAll()
    .where('store_id', '=', storeId)
    .$if(options.customerId !== undefined, (qb) => qb.where('customer_id', '=', options.customerId!))
    .orderBy('window_start_day', 'desc')
    .orderBy('customer_id')
    .orderBy('kind')
    .limit(options.limit)
    .execute();
  return rows.map(challengeFromRow);
}

/**
 * Locks and returns the customer's offered challenges whose window holds `day`, until the
 * transaction ends. A no-op UPDATE ... RETURNING works on both dialects: on PostgreSQL it takes the
 * row locks (a concurrent caller waits, then re-checks the WHERE against the committed row, so a
 * challenge another transaction completed meanwhile is no longer returned); on SQLite, as the
 * transaction's first statement, it takes the database's write lock at once.
 */
export async function lockOpenChallengesOnDay(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  day: number,
): Promise<ChallengeRow[]> {
  const rows = await db
    .updateTable('challenges')
    .set((eb) => ({ progress: eb.ref('progress') }))
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'offered')
    .where('window_start_day', '<=', day)
    .where('deadline_day', '>=', day)
    .returningAll()
    .execute();
  // Row order of UPDATE ... RETURNING is unspecified: sort, so completions happen in a stable order.
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether the customer has an offered challenge whose window holds `day`: the handler's cheap first look. */
export async function hasOpenChallengeOnDay(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  day: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('challenges')
    .select('id')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'offered')
    .where('window_start_day', '<=', day)
    .where('deadline_day', '>=', day)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What counts towards a challenge: a paid order (paid or partially refunded), not cancelled, not
 * refunded in full. A pending order has not been paid yet; a refunded or cancelled one is taken
 * back. docs/challenges.md, "What counts".
 */
export function isQualifyingOrder(eb: ExpressionBuilder<Database, 'orders'>) {
  return eb.and([
    eb('orders.status', 'in', ['paid', 'partially_refunded']),
    eb('orders.cancelled_at', 'is', null),
    eb.or([eb('orders.total_minor', '<=', 0), eb('orders.refunded_minor', '<', eb.ref('orders.total_minor'))]),
  ]);
}

/**
 * The customer's visit days (distinct days with a qualifying order) from `fromDay` to `toDay`
 * inclusive; with a category, only orders with a line of that category. Read by the
 * (store_id, customer_id, order_day) index.
 */
export async function countVisitDays(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  fromDay: number,
  toDay: number,
  category: string | null,
): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select(sql<number>`count(distinct orders.order_day)`.as('days'))
    .where('orders.store_id', '=', storeId)
    .where('orders.customer_id', '=', customerId)
    .where('orders.order_day', '>=', fromDay)
    .where('orders.order_day', '<=', toDay)
    .where(isQualifyingOrder)
    .$if(category !== null, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('order_lines')
            .select('order_lines.line_no')
            .whereRef('order_lines.store_id', '=', 'orders.store_id')
            .whereRef('order_lines.order_id', '=', 'orders.id')
            .where('order_lines.category', '=', category!),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.days);
}

export async function setChallengeProgress(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  progress: number,
): Promise<void> {
  await db.updateTable('challenges').set({ progress }).where('store_id', '=', storeId).where('id', '=', id).execute();
}

/** Completes an offered challenge; false when it was not offered (already completed or expired). */
export async function completeChallenge(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  progress: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('challenges')
    .set({ status: 'completed', progress, completed_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks the store's offered challenges with a deadline on or before `lastDay` expired; returns how many. */
export async function expireChallenges(
  db: Kysely<Database>,
  storeId: string,
  lastDay: number,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('challenges')
    .set({ status: 'expired', expired_at: now })
    .where('store_id', '=', storeId)
    .where('status', '=', 'offered')
    .where('deadline_day', '<=', lastDay)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One customer's purchases on one day, as the store-wide read for issuing returns them. */
export interface DayPurchases {
  readonly customerId: string;
  readonly day: number;
  /** Orders that are purchases by the customer 360's rule (not cancelled, not fully refunded; pending included): for RFM. */
  readonly purchases: number;
  /** Net minor units of those purchases, all currencies added (as the customer 360's RFM does). */
  readonly netMinor: number;
  /** Of those, qualifying orders (isQualifyingOrder): the day is a visit day when > 0. */
  readonly qualifying: number;
}

/**
 * Every customer's purchases per day up to `toDay`, in one grouped query over the store's orders
 * (one pass, not a query per customer), ordered by customer then day. The purchase rule is the
 * customer 360's, so segments computed from these rows are the ones GET /v1/customers/{id} shows.
 */
export async function readStorePurchaseDays(
  db: Kysely<Database>,
  storeId: string,
  toDay: number,
): Promise<DayPurchases[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', 'order_day'])
    .select((eb) => [
      eb.fn.countAll().as('purchases'),
      sql<number>`cast(sum(total_minor - refunded_minor) as bigint)`.as('net'),
      sql<number>`sum(case when status in ('paid', 'partially_refunded') then 1 else 0 end)`.as('qualifying'),
    ])
    .where('store_id', '=', storeId)
    .where('order_day', '<=', toDay)
    .where((eb) =>
      eb.and([
        eb('status', 'not in', ['cancelled', 'refunded']),
        eb('cancelled_at', 'is', null),
        eb.or([eb('total_minor', '<=', 0), eb('refunded_minor', '<', eb.ref('total_minor'))]),
      ]),
    )
    .groupBy(['customer_id', 'order_day'])
    .orderBy('customer_id')
    .orderBy('order_day')
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    day: r.order_day,
    purchases: Number(r.purchases),
    netMinor: Number(r.net),
    qualifying: Number(r.qualifying),
  }));
}

/** Every customer's categories bought in qualifying orders up to `toDay`: one grouped query over the store. */
export async function readStoreCategories(
  db: Kysely<Database>,
  storeId: string,
  toDay: number,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('order_lines', (join) =>
      join.onRef('order_lines.store_id', '=', 'orders.store_id').onRef('order_lines.order_id', '=', 'orders.id'),
    )
    .select(['orders.customer_id', 'order_lines.category'])
    .where('orders.store_id', '=', storeId)
    .where('orders.order_day', '<=', toDay)
    .where('order_lines.category', 'is not', null)
    .where(isQualifyingOrder)
    .groupBy(['orders.customer_id', 'order_lines.category'])
    .execute();
  const byCustomer = new Map<string, string[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customer_id);
    if (list) list.push(row.category!);
    else byCustomer.set(row.customer_id, [row.category!]);
  }
  return byCustomer;
}

/** The visit days from `fromDay` on of every customer with one: issuing counts the orders already in a new challenge's window. */
export async function customersWithVisitsFrom(
  db: Kysely<Database>,
  storeId: string,
  fromDay: number,
): Promise<Map<string, number[]>> {
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', 'order_day'])
    .where('store_id', '=', storeId)
    .where('order_day', '>=', fromDay)
    .where(isQualifyingOrder)
    .groupBy(['customer_id', 'order_day'])
    .execute();
  const days = new Map<string, number[]>();
  for (const row of rows) {
    const list = days.get(row.customer_id);
    if (list) list.push(row.order_day);
    else days.set(row.customer_id, [row.order_day]);
  }
  return days;
}
