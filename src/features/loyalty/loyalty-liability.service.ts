import type { Kysely } from 'kysely';
import { type LiabilityReport, liabilityReport } from './liability.js';
import { monthlyPointSums, outstandingPoints } from './loyalty.repository.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { readLoyaltyProgram } from './loyalty-program.service.js';

/** The store's loyalty liability as of an instant: two aggregate queries over its ledger, valued at the program's point value. */
export async function loyaltyLiability(db: Kysely<Database>, storeId: string, asOf: string): Promise<LiabilityReport> {
  const at = utcInstant(asOf, 'asOf');
  const [program, outstanding, monthly] = await Promise.all([
    readLoyaltyProgram(db, storeId),
    outstandingPoints(db, storeId, at),
    monthlyPointSums(db, storeId, at),
  ]);
  return liabilityReport({
    asOf: at,
    currency: program?.currency ?? null,
    pointValue: program?.pointValue ?? null,
    available: outstanding.available,
    pending: outstanding.pending,
    monthly,
  });
}
