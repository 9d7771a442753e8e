import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { expiresAt } from './expiry.js';
import { type Balance, balanceOf, type LedgerEntry } from './ledger.js';
import { ledgerOf } from './loyalty.repository.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { publicEntry } from './loyalty-actions.service.js';
import { customerByReference } from '../customers/index.js';
import { readLoyaltyProgram } from './loyalty-program.service.js';

export const MAX_POINTS_PAGE = 100;

/** The customer's available and pending points as of an instant (ISO 8601 with an offset), by the pure balanceOf. */
export async function balanceOfCustomer(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOf: string,
): Promise<Balance> {
  const at = utcInstant(asOf, 'asOf');
  return balanceOf(await ledgerOf(db, storeId, customerId), at);
}

/** The customer's ledger in time order; CUSTOMER_NOT_FOUND for a customer the store does not have. */
export function customerLedger(db: Kysely<Database>, storeId: string, customerId: string): Promise<LedgerEntry[]> {
  return ledgerOf(db, storeId, customerId);
}

export interface CustomerPoints {
  readonly customerId: string;
  readonly externalId: string;
  readonly asOf: string;
  readonly available: number;
  readonly pending: number;
  readonly total: number;
  /** When the available points expire if nothing happens first, and how many; null if they never do. */
  readonly nextExpiry: { readonly at: string; readonly points: number } | null;
  /** Newest first. */
  readonly entries: readonly (LedgerEntry & { id?: string })[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A customer's points as of now: the balance, the next expiry under the store's program, and the
 * ledger newest first, a page at a time (the cursor is the last entry's id). A customer's ledger
 * is small, so it is read whole and paged here, which keeps balance and page consistent.
 */
export async function customerPoints(
  db: Kysely<Database>,
  storeId: string,
  reference: string,
  now: string,
  page: { readonly limit: number; readonly cursor?: string },
): Promise<CustomerPoints> {
  const asOf = utcInstant(now, 'now');
  const customer = await customerByReference(db, storeId, reference);
  const [ledger, program] = await Promise.all([ledgerOf(db, storeId, customer.id), readLoyaltyProgram(db, storeId)]);
  const { available, pending } = balanceOf(ledger, asOf);
  const months = program?.expiry.months ?? null;
  const expiry = months === null ? null : expiresAt(ledger, asOf, { months, warnDays: program!.expiry.warnDays });

  const newestFirst = [...ledger].reverse();
  let start = 0;
  if (page.cursor !== undefined) {
    start = newestFirst.findIndex((e) => e.id === page.cursor) + 1;
    if (start === 0)
      throw new RegularsError('VALIDATION_FAILED', `cursor ${page.cursor} is not an entry of this customer's ledger`, {
        path: '/cursor',
      });
  }
  const entries = newestFirst.slice(start, start + page.limit);
  const more = start + page.limit < newestFirst.length;
  return {
    customerId: customer.id,
    externalId: customer.externalId,
    asOf,
    available,
    pending,
    total: available + pending,
    nextExpiry: expiry === null ? null : { at: expiry, points: available },
    entries: entries.map(publicEntry),
    nextCursor: more && entries.length > 0 ? entries[entries.length - 1].id : null,
  };
}
