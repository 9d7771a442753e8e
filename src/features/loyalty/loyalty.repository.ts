import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { Balance, LedgerEntry, LedgerKind } from './ledger.js';
import type { MonthlyKindSum } from './liability.js';
import type { OrderHeaderForFirst } from './order-earn.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import type { LoyaltyLedgerRow } from './loyalty-ledger.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

/** A ledger entry as stored: the domain entry with the id and the customer it belongs to. */
export interface PostedLedgerEntry extends LedgerEntry {
  /** 'pts_...' */
  readonly id: string;
  readonly customerId: string;
}

export function ledgerEntryFromRow(row: LoyaltyLedgerRow): PostedLedgerEntry {
  return {
    id: row.id,
    customerId: row.customer_id,
    // Written only through ledgerEntryToRow, which admits LEDGER_KINDS alone.
    kind: row.kind as LedgerKind,
    points: row.points,
    sourceKey: row.source_key,
    reason: row.reason,
    postedAt: row.posted_at,
    availableAt: row.available_at,
  };
}

export function ledgerEntryToRow(
  storeId: string,
  customerId: string,
  id: string,
  entry: LedgerEntry,
): LoyaltyLedgerRow {
  return {
    store_id: storeId,
    id,
    customer_id: customerId,
    kind: entry.kind,
    points: entry.points,
    source_key: entry.sourceKey,
    reason: entry.reason,
    posted_at: entry.postedAt,
    available_at: entry.availableAt,
  };
}

function customerNotFound(storeId: string, customerId: string): RegularsError {
  return new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
    storeId,
    customerId,
  });
}

/** The customer's entries in time order (posted_at, then the order they were appended). */
export async function readLedger(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<PostedLedgerEntry[]> {
  const rows = await LEDGER.execute(db, { storeId, customerId });
  return rows.map(ledgerEntryFromRow);
}

// Read on every balance (the shopper's /me, the customer 360, each redeem): prepared once.
const LEDGER = new PreparedQuery<LoyaltyLedgerRow, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('loyalty_ledger')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .orderBy('posted_at')
    .orderBy('id'),
);
const CUSTOMER_EXISTS = new PreparedQuery<{ id: string }, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', param('storeId'))
    .where('id', '=', param('customerId')),
);

/**
 * Takes the customer's balance row as a lock for the rest of the caller's transaction, so postings
 * of one customer run one at a time (post-points.service.ts says why that makes them correct):
 * - The first statement inserts the balance row if missing (ON CONFLICT DO NOTHING). On SQLite it
 *   is a write, so the transaction takes the database's write lock at once instead of reading
 *   under a shared lock and failing with SQLITE_BUSY when it later tries to write (Kysely's BEGIN
 *   is deferred). On PostgreSQL it waits for a concurrent insert of the same row to commit.
 * - On PostgreSQL, SELECT ... FOR UPDATE then locks the row: postings of one customer run one at a
 *   time, other customers' in parallel. Under READ COMMITTED the ledger read that follows takes a
 *   new snapshot, so it sees every entry committed by the previous holder of the lock.
 * An unknown customer (or another store's) is RegularsError('CUSTOMER_NOT_FOUND').
 */
export async function lockBalance(trx: Kysely<Database>, storeId: string, customerId: string): Promise<void> {
  try {
    await trx
      .insertInto('loyalty_balances')
      .values({ store_id: storeId, customer_id: customerId, points_total: 0 })
      .onConflict((oc) => oc.columns(['store_id', 'customer_id']).doNothing())
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw customerNotFound(storeId, customerId);
    throw error;
  }
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx
      .selectFrom('loyalty_balances')
      .select('points_total')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .forUpdate()
      .execute();
  }
}

/**
 * Appends the entry unless the customer has one with its source key: the unique index on
 * (store_id, customer_id, source_key) decides, ON CONFLICT DO NOTHING, so a duplicate is never an
 * error that would abort the caller's transaction. Returns whether it was appended.
 */
export async function insertLedgerEntry(trx: Kysely<Database>, row: LoyaltyLedgerRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('loyalty_ledger')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'customer_id', 'source_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Adds an appended entry's points to loyalty_balances.points_total. */
export async function addToPointsTotal(
  trx: Kysely<Database>,
  storeId: string,
  customerId: string,
  points: number,
): Promise<void> {
  await trx
    .updateTable('loyalty_balances')
    .set((eb) => ({ points_total: eb('points_total', '+', points) }))
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .execute();
}

/** The customer's orders as isFirstOrder compares them (cancelled ones included: it skips them). */
export async function orderHeadersOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<OrderHeaderForFirst[]> {
  const orders = await db
    .selectFrom('orders')
    .select(['external_id', 'ordered_at', 'order_day', 'status'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .execute();
  return orders.map((o) => ({
    externalId: o.external_id,
    orderedAt: o.ordered_at,
    orderDay: Number(o.order_day),
    status: o.status,
  }));
}

async function customerExists(db: Kysely<Database>, storeId: string, customerId: string): Promise<boolean> {
  const [row] = await CUSTOMER_EXISTS.execute(db, { storeId, customerId });
  return row !== undefined;
}

/**
 * The customer's entries in time order (posted_at, then the order they were appended). An empty
 * ledger of an unknown customer is CUSTOMER_NOT_FOUND rather than a silent [].
 */
export async function ledgerOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<PostedLedgerEntry[]> {
  const entries = await readLedger(db, storeId, customerId);
  if (entries.length === 0 && !(await customerExists(db, storeId, customerId)))
    throw customerNotFound(storeId, customerId);
  return entries;
}

/**
 * The store's customers whose points_total is above zero, by id after `afterCustomerId`, a page at
 * a time (for the expiry job): a customer with no points has nothing to expire or to warn about.
 */
export async function customersWithPoints(
  db: Kysely<Database>,
  storeId: string,
  afterCustomerId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loyalty_balances')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('points_total', '>', 0)
    .$if(afterCustomerId !== null, (qb) => qb.where('customer_id', '>', afterCustomerId!))
    .orderBy('customer_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.customer_id);
}

/** The store's points by UTC calendar month of posting ('YYYY-MM') and kind, signed as stored. */
export async function monthlyPointSums(db: Kysely<Database>, storeId: string, asOf: string): Promise<MonthlyKindSum[]> {
  const at = utcInstant(asOf, 'asOf');
  const month = sql<string>`substr(posted_at, 1, 7)`;
  const rows = await db
    .selectFrom('loyalty_ledger')
    .select([month.as('month'), 'kind', (eb) => eb.fn.sum<number | string>('points').as('points')])
    .where('store_id', '=', storeId)
    .where('posted_at', '<=', at)
    .groupBy([month, 'kind'])
    .execute();
  // PostgreSQL sums integers as bigint, which the driver returns as text.
  return rows.map((r) => ({ month: r.month, kind: r.kind as LedgerKind, points: Number(r.points) }));
}

/**
 * Every customer's available and pending points as of an instant, summed in one pass over the
 * store's ledger, in the same terms as balanceOf (isPending: an earn or a reverse whose availableAt
 * is later).
 */
export async function outstandingPoints(db: Kysely<Database>, storeId: string, asOf: string): Promise<Balance> {
  const at = utcInstant(asOf, 'asOf');
  const pendingCase = sql<number>`case when kind in ('earn', 'reverse') and available_at > ${at} then points else 0 end`;
  const row = await db
    .selectFrom('loyalty_ledger')
    .select((eb) => [
      eb.fn.sum<number | string | null>('points').as('total'),
      eb.fn.sum<number | string | null>(pendingCase).as('pending'),
    ])
    .where('store_id', '=', storeId)
    .where('posted_at', '<=', at)
    .executeTakeFirstOrThrow();
  const total = Number(row.total ?? 0);
  const pending = Number(row.pending ?? 0);
  return { available: total - pending, pending };
}
