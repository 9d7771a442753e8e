import type { Kysely } from 'kysely';
import { checkCustomerInput } from './customer.repository.js';
import { type CustomerProfile, updateProfilesByExternalId } from './customer-profiles.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/**
 * Sets the name, time zone and locale of many stored customers at once (a shop's customer list
 * brought in after its orders, the demo's people), checked as recordCustomer checks one, in one
 * transaction. Returns each updated customer's id by its source id; unknown source ids are passed over.
 */
export function recordCustomerProfiles(
  db: Kysely<Database>,
  storeId: string,
  profiles: readonly CustomerProfile[],
  now: string,
): Promise<Map<string, string>> {
  for (const profile of profiles) checkCustomerInput(profile);
  return inTransaction(db, (trx) => updateProfilesByExternalId(trx, storeId, profiles, now));
}
