import type { Kysely } from 'kysely';
import { checkPosting, LEDGER_KINDS, type LedgerEntry, type PostingRefusal } from './ledger.js';
import {
  addToPointsTotal,
  insertLedgerEntry,
  ledgerEntryFromRow,
  ledgerEntryToRow,
  lockBalance,
  type PostedLedgerEntry,
  readLedger,
} from './loyalty.repository.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { emitWebhookEvent, pointsChangedEvent } from '../outgoing-webhooks/index.js';

/** What postPoints did; a refusal is an expected outcome, so a value (architecture.md habit 7). */
export type PostingOutcome =
  | { readonly outcome: 'posted'; readonly entry: PostedLedgerEntry }
  | { readonly outcome: 'refused'; readonly reason: PostingRefusal };

/**
 * The entry with its instants in the one stored UTC form, because balanceOf and checkPosting
 * compare instants as text. Malformed input is the caller's error (INVALID_ARGUMENT), not a refusal.
 */
function normalizedEntry(entry: LedgerEntry): LedgerEntry {
  if (!(LEDGER_KINDS as readonly string[]).includes(entry.kind))
    throw invalidField('kind', `kind must be one of ${LEDGER_KINDS.join(', ')}, not ${entry.kind}`);
  if (typeof entry.sourceKey !== 'string' || entry.sourceKey === '')
    throw invalidField('sourceKey', 'a ledger entry needs a non-empty source key');
  if (typeof entry.reason !== 'string') throw invalidField('reason', 'a ledger entry needs a reason (text)');
  const postedAt = utcInstant(entry.postedAt, 'postedAt');
  const availableAt = utcInstant(entry.availableAt, 'availableAt');
  if (availableAt < postedAt)
    throw invalidField('availableAt', `availableAt ${entry.availableAt} is before postedAt ${entry.postedAt}`);
  return { ...entry, postedAt, availableAt };
}

/**
 * Appends one entry to the customer's ledger if the pure rules allow it (checkPosting), and adds its
 * points to loyalty_balances.points_total, in one transaction (the caller's, when db is one).
 *
 * Correct under any number of concurrent postings because each takes the customer's balance row
 * as a lock (lockBalance) before it reads the ledger, so the check and the append see and change
 * the same state. The unique index on (store_id, customer_id, source_key) backs the duplicate
 * check: an insert that does nothing is DUPLICATE_SOURCE_KEY.
 *
 * An unknown customer (or another store's) is RegularsError('CUSTOMER_NOT_FOUND'); malformed input
 * (an unknown kind, an instant without an offset) is INVALID_ARGUMENT.
 */
export async function postPoints(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  input: LedgerEntry,
): Promise<PostingOutcome> {
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
  decide: (
    ledger: readonly PostedLedgerEntry[],
    trx: Kysely<Database>,
  ) => LedgerEntry | Declined<R> | Promise<LedgerEntry | Declined<R>>,
): Promise<DecidedOutcome<R>> {
  return inTransaction(db, async (trx) => {
    await lockBalance(trx, storeId, customerId);
    const entries = await readLedger(trx, storeId, customerId);
    const decision = await decide(entries, trx);
    if ('decline' in decision) return { outcome: 'declined', reason: decision.decline };
    const entry = normalizedEntry(decision);
    const refusal = checkPosting(entries, entry);
    if (refusal !== null) return { outcome: 'refused', reason: refusal };

    // The id is made under the lock, so one process's entries for a customer sort by id in the
    // order they were appended (ids.ts: monotonic within a process).
    const row = ledgerEntryToRow(storeId, customerId, newId('pts'), entry);
    if (!(await insertLedgerEntry(trx, row))) return { outcome: 'refused', reason: 'DUPLICATE_SOURCE_KEY' };
    await addToPointsTotal(trx, storeId, customerId, entry.points);
    await emitWebhookEvent(trx, storeId, pointsChangedEvent(customerId, row.id, entry));
    return { outcome: 'posted', entry: ledgerEntryFromRow(row) };
  });
}
