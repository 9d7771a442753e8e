import type { Kysely } from 'kysely';
import type { CustomerInput } from '../domain/entities/customer.js';
import type { CustomerEvent, CustomerEventInput } from '../domain/entities/customer-event.js';
import { upsertCustomerByExternalId } from '../store/repositories/customer.repository.js';
import { recordCustomerEvent } from '../store/repositories/customer-event.repository.js';
import type { Database } from '../store/tables/database.table.js';
import { inTransaction } from '../store/transaction.js';

/**
 * Records an event of a customer named by the source's id. A visitor Regulars has not seen yet
 * (a cart before any order) becomes a customer, so the event is never dropped.
 */
export function recordEvent(db: Kysely<Database>, storeId: string, customer: CustomerInput, event: CustomerEventInput): Promise<CustomerEvent> {
  return inTransaction(db, async (trx) => {
    const stored = await upsertCustomerByExternalId(trx, storeId, customer);
    return recordCustomerEvent(trx, storeId, stored.id, event);
  });
}
