import type { Kysely } from 'kysely';
import type { ConsentInput, ConsentRecord } from '../consent/index.js';
import type { Customer, CustomerInput } from './customer.js';
import { currentConsent, recordConsent } from '../consent/index.js';
import { upsertCustomerByExternalId } from './customer.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

export interface RecordedCustomer {
  readonly customer: Customer;
  readonly created: boolean;
  /** The customer's consent now: the latest record per channel and purpose. */
  readonly consent: readonly ConsentRecord[];
}

/**
 * Upserts a customer by external id and appends the consent it reports, in one transaction.
 * Consent is appended, never overwritten: a change is a new record with its own proof.
 */
export function recordCustomer(
  db: Kysely<Database>,
  storeId: string,
  profile: CustomerInput,
  consent: readonly ConsentInput[],
): Promise<RecordedCustomer> {
  return inTransaction(db, async (trx) => {
    const customer = await upsertCustomerByExternalId(trx, storeId, profile);
    for (const entry of consent) await recordConsent(trx, storeId, customer.id, entry);
    return {
      customer,
      created: customer.createdAt === customer.updatedAt,
      consent: await currentConsent(trx, storeId, customer.id),
    };
  });
}
