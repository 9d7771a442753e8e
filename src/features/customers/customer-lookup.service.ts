import type { Kysely } from 'kysely';
import type { Customer } from './customer.js';
import { RegularsError } from '../../platform/errors.js';
import { findCustomer, findCustomerByExternalId } from './customer.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * The store's customer a request or command names: by the store's own (external) id, as the
 * checkout and storefront know them, or by Regulars' id (`cus_...`, as GET /v1/customers/{id}
 * takes it). Regulars' ids are `cus_` and 26 random characters, so no shop id matches one by
 * accident. Both are looked up in the given store only: another store's customer, or one never
 * written (POST /v1/customers, or an order), is CUSTOMER_NOT_FOUND.
 */
export async function customerByReference(db: Kysely<Database>, storeId: string, reference: string): Promise<Customer> {
  const customer = (await findCustomerByExternalId(db, storeId, reference)) ?? (reference.startsWith('cus_') ? await findCustomer(db, storeId, reference) : null);
  if (!customer) throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${reference} in this store`, { customerId: reference });
  return customer;
}
