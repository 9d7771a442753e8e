import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { type Balance, balanceOf, checkPosting, LEDGER_KINDS, type LedgerEntry, type LedgerKind, type PostingRefusal } from './ledger.js';
import type { MonthlyKindSum } from './liability.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { LoyaltyLedgerRow } from './loyalty-ledger.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';

/** A ledger entry as stored: the domain entry with the id and the customer it belongs to. */
export interface PostedLedgerEntry extends LedgerEntry {
  /** 'pts_...' */
  readonly id: string;
  readonly customerId: string;
}

/** What postPoints did; a refusal is an expected outcome, so a value (architecture.md habit 7). */
export type PostingOutcome =
  | { readonly outcome: 'posted'; readonly entry: PostedLedgerEntry }
  | { readonly outcome: 'refused'; readonly reason: PostingRefusal };

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

export function ledgerEntryToRow(storeId: string, customerId: string, id: string, entry: LedgerEntry): LoyaltyLedgerRow {
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

/**
 * The entry with its instants in the one stored UTC form, because balanceOf and checkPosting
 * compare instants as text. Malformed input is the caller's error (INVALID_ARGUMENT), not a refusal.
 */
function normalizedEntry(entry: LedgerEntry): LedgerEntry {
  if (!(LEDGER_KINDS as readonly string[]).includes(entry.kind)) throw invalidField('kind', `kind must be one of ${LEDGER_KINDS.join(', ')}, not ${entry.kind}`);
  if (typeof entry.sourceKey !== 'string' || entry.sourceKey === '') throw invalidField('sourceKey', 'a ledger entry needs a non-empty source key');
  if (typeof entry.reason !== 'string') throw invalidField('reason', 'a ledger entry needs a reason (text)');
  const postedAt = utcInstant(entry.postedAt, 'postedAt');
  const availableAt = utcInstant(entry.availableAt, 'availableAt');
  if (availableAt < postedAt) throw invalidField('availableAt', `availableAt ${entry.availableAt} is before postedAt ${entry.postedAt}`);
  return { ...entry, postedAt, availableAt };
}

function customerNotFound(storeId: string, customerId: string): RegularsError {
  return new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, { storeId, customerId });
}

async function readLedger(db: Kysely<Database>, storeId: string, customerId: string): Promise<PostedLedgerEntry[]> {
  const rows = await db
    .selectFrom('loyalty_ledger')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  return rows.map(ledgerEntryFromRow);
}

/**
 * Appends one entry to the customer's ledger if the pure rules allow it (checkPosting), and adds its points to loyalty_balances.points_total, in one
 * transaction (the caller's, when db is one).
 *
 * Correct under any number of concurrent postings because each takes the customer's balance row
 * as a lock before it reads the ledger, so the check and the append see and change the same state:
 * - The first statement inserts the balance row if missing (ON CONFLICT DO NOTHING). On SQLite it
 *   is a write, so the transaction takes the database's write lock at once instead of reading
 *   under a shared lock and failing with SQLITE_BUSY when it later tries to write (Kysely's BEGIN
 *   is deferred). On PostgreSQL it waits for a concurrent insert of the same row to commit.
 * - On PostgreSQL, SELECT ... FOR UPDATE then locks the row: postings of one customer run one at a
 *   time, other customers' in parallel. Under READ COMMITTED the ledger read that follows takes a
 *   new snapshot, so it sees every entry committed by the previous holder of the lock.
 * The unique index on (store_id, customer_id, source_key) backs the duplicate check: the insert is
 * ON CONFLICT DO NOTHING, and an insert that does nothing is DUPLICATE_SOURCE_KEY, never an error
 * that would abort the caller's transaction.
 *
 * An unknown customer (or another store's) is RegularsError('CUSTOMER_NOT_FOUND'); malformed input
 * (an unknown kind, an instant without an offset) is INVALID_ARGUMENT.
 */
export async function postPoints(db: Kysely<Database>, storeId: string, customerId: string, input: LedgerEntry): Promise<PostingOutcome> {
  const entry = normalizedEntry(input);
  // Points and sign need no ledger: refuse them before taking any lock. With an empty ledger,
  // checkPosting can only add INSUFFICIENT_POINTS, which the locked check below decides.
  const shape = checkPosting([], entry);
  if (shape === 'NOT_WHOLE_POINTS' || shape === 'WRONG_SIGN') return { outcome: 'refused', reason: shape };
  return postDecidedPoints(db, storeId, customerId, () => entry) as Promise<PostingOutcome>;
}

/** What a decision under the lock may answer instead of an entry: why nothing is posted. */
export interface Declined<R> {
  readonly decline: R;
}

/** What postDecidedPoints did: a posting outcome, or the decision's own reason to post nothing. */
export type DecidedOutcome<R> = PostingOutcome | { readonly outcome: 'declined'; readonly reason: R };

/**
 * Like postPoints, but the entry is decided under the customer's lock, from the ledger as it is
 * there (and with the transaction, for any other read the decision needs): a reversal net of
 * earlier reversals, an action within its per-customer limit, an expiry of the balance. A decision
 * made from a read before the lock could be stale by the time it posts; this one cannot, because
 * every posting for the customer waits for the lock (see postPoints). The decision returns the
 * entry, or { decline: reason } to post nothing; checkPosting still applies to its entry.
 */
export async function postDecidedPoints<R>(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  decide: (ledger: readonly PostedLedgerEntry[], trx: Kysely<Database>) => LedgerEntry | Declined<R> | Promise<LedgerEntry | Declined<R>>,
): Promise<DecidedOutcome<R>> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  return inTransaction(db, async (trx) => {
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
    if (postgres) {
      await trx.selectFrom('loyalty_balances').select('points_total').where('store_id', '=', storeId).where('customer_id', '=', customerId).forUpdate().execute();
    }

    const entries = await readLedger(trx, storeId, customerId);
    const decision = await decide(entries, trx);
    if ('decline' in decision) return { outcome: 'declined', reason: decision.decline };
    const entry = normalizedEntry(decision);
    const refusal = checkPosting(entries, entry);
    if (refusal !== null) return { outcome: 'refused', reason: refusal };

    // The id is made under the lock, so one process's entries for a customer sort by id in the
    // order they were appended (ids.ts: monotonic within a process).
    const row = ledgerEntryToRow(storeId, customerId, newId('pts'), entry);
    const inserted = await trx
      .insertInto('loyalty_ledger')
      .values(row)
      .onConflict((oc) => oc.columns(['store_id', 'customer_id', 'source_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { outcome: 'refused', reason: 'DUPLICATE_SOURCE_KEY' };
    await trx
      .updateTable('loyalty_balances')
      .set((eb) => ({ points_total: eb('points_total', '+', entry.points) }))
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .execute();
    return { outcome: 'posted', entry: ledgerEntryFromRow(row) };
  });
}

async function customerExists(db: Kysely<Database>, storeId: string, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('store_id', '=', storeId).where('id', '=', customerId).executeTakeFirst();
  return row !== undefined;
}

/**
 * The customer's entries in time order (posted_at, then the order they were appended). An empty
 * ledger of an unknown customer is CUSTOMER_NOT_FOUND rather than a silent [].
 */
export async function ledgerOf(db: Kysely<Database>, storeId: string, customerId: string): Promise<PostedLedgerEntry[]> {
  const entries = await readLedger(db, storeId, customerId);
  if (entries.length === 0 && !(await customerExists(db, storeId, customerId))) throw customerNotFound(storeId, customerId);
  return entries;
}

/** The customer's available and pending points as of an instant (ISO 8601 with an offset), by the pure balanceOf. */
export async function balanceOfCustomer(db: Kysely<Database>, storeId: string, customerId: string, asOf: string): Promise<Balance> {
  const at = utcInstant(asOf, 'asOf');
  return balanceOf(await ledgerOf(db, storeId, customerId), at);
}

/**
 * The store's customers whose points_total is above zero, by id after `afterCustomerId`, a page at
 * a time (for the expiry job): a customer with no points has nothing to expire or to warn about.
 */
export async function customersWithPoints(db: Kysely<Database>, storeId: string, afterCustomerId: string | null, limit: number): Promise<string[]> {
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
    .select((eb) => [eb.fn.sum<number | string | null>('points').as('total'), eb.fn.sum<number | string | null>(pendingCase).as('pending')])
    .where('store_id', '=', storeId)
    .where('posted_at', '<=', at)
    .executeTakeFirstOrThrow();
  const total = Number(row.total ?? 0);
  const pending = Number(row.pending ?? 0);
  return { available: total - pending, pending };
}
