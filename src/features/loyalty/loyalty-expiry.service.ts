import type { Kysely } from 'kysely';
import { expiryDue, expiryWarningDue, type ExpiryPolicy } from './expiry.js';
import { customersWithPoints, ledgerOf } from './loyalty.repository.js';
import { postDecidedPoints } from './post-points.service.js';
import { recordDerivedEvent } from '../events/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { pointsEventKey, readLoyaltyProgram } from './loyalty-program.service.js';
import type { ScheduledJob } from '../orders/index.js';

const PAGE = 500;

/**
 * One customer's expiry work at `now`: the 'points_expiring' event once per expiry date (keyed by
 * it, so each run inside the warning window adds nothing new; new activity moves the date and
 * warns again), and the expiry itself, decided again under the customer's lock from the ledger as
 * it is there (a redemption a moment earlier moves or cancels it), posted with its 'points_expired'
 * event in one transaction. Returns how many things it did.
 */
async function expireCustomer(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  policy: ExpiryPolicy,
  now: string,
): Promise<number> {
  let done = 0;
  const ledger = await ledgerOf(db, storeId, customerId);
  const warning = expiryWarningDue(ledger, now, policy);
  if (warning !== null) {
    const recorded = await recordDerivedEvent(
      db,
      storeId,
      customerId,
      pointsEventKey('points_expiring', customerId, warning.expiresAt),
      {
        kind: 'points_expiring',
        occurredAt: now,
        payload: { points: warning.points, expiresAt: warning.expiresAt },
      },
    );
    if (recorded) done++;
  }
  if (expiryDue(ledger, now, policy) === null) return done;
  const posted = await inTransaction(db, async (trx) => {
    const outcome = await postDecidedPoints(
      trx,
      storeId,
      customerId,
      (locked) => expiryDue(locked, now, policy) ?? { decline: 'nothing due' },
    );
    if (outcome.outcome !== 'posted') return false;
    await recordDerivedEvent(
      trx,
      storeId,
      customerId,
      pointsEventKey('points_expired', customerId, outcome.entry.sourceKey),
      {
        kind: 'points_expired',
        occurredAt: outcome.entry.postedAt,
        payload: { points: -outcome.entry.points, sourceKey: outcome.entry.sourceKey, reason: outcome.entry.reason },
      },
    );
    return true;
  });
  return done + (posted ? 1 : 0);
}

/**
 * Expires the points of every customer of the store who has been inactive for the program's
 * `expiry.months`, and warns `expiry.warnDays` before. Idempotent: expiries are keyed by the
 * activity they follow, events by what they announce. Nothing to do without a program or when
 * points never expire. Returns the number of expiries posted and events recorded.
 */
export async function expireLoyaltyPoints(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const program = await readLoyaltyProgram(db, storeId);
  if (program === null || program.expiry.months === null) return 0;
  const policy: ExpiryPolicy = { months: program.expiry.months, warnDays: program.expiry.warnDays };
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const customers = await customersWithPoints(db, storeId, after, PAGE);
    for (const customerId of customers) done += await expireCustomer(db, storeId, customerId, policy, now);
    if (customers.length < PAGE) return done;
    after = customers[customers.length - 1];
  }
}

/** The ScheduledJob `regulars serve` runs (hourly) and `regulars loyalty expire` runs once. */
export const loyaltyExpiryJob: ScheduledJob = {
  name: 'loyalty-expiry',
  everyMs: 60 * 60_000,
  run: expireLoyaltyPoints,
};
