import type { Kysely } from 'kysely';
import type { CustomerInput } from '../customers/index.js';
import type { CustomerEvent, CustomerEventInput } from './customer-event.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { recordCustomerEvent } from './customer-event.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/**
 * Records an event of a customer named by the source's id. A visitor Regulars has not seen yet
 * (a cart before any order) becomes a customer, so the event is never dropped.
 */
export function recordEvent(
  db: Kysely<Database>,
  storeId: string,
  customer: CustomerInput,
  event: CustomerEventInput,
): Promise<CustomerEvent> {
  return inTransaction(db, async (trx) => {
    const stored = await upsertCustomerByExternalId(trx, storeId, customer);
    return recordCustomerEvent(trx, storeId, stored.id, event);
  });
}
