import type { Kysely } from 'kysely';
import type { Customer } from './customer.js';
import type { Customer360 } from './customer-360.js';
import { RegularsError } from '../../platform/errors.js';
import { customer360 } from './customer-360.query.js';
import { findCustomer, findCustomerByExternalId } from './customer.repository.js';
import { type CustomerSearch, searchCustomers } from './customer-search.query.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * The store's customer a request or command names: by the store's own (external) id, as the
 * checkout and storefront know them, or by Regulars' id (`cus_...`, as GET /v1/customers/{id}
 * takes it). Regulars' ids are `cus_` and 26 random characters, so no shop id matches one by
 * accident. Both are looked up in the given store only: another store's customer, or one never
 * written (POST /v1/customers, or an order), is CUSTOMER_NOT_FOUND.
 */
export async function customerByReference(db: Kysely<Database>, storeId: string, reference: string): Promise<Customer> {
  const customer =
    (await findCustomerByExternalId(db, storeId, reference)) ??
    (reference.startsWith('cus_') ? await findCustomer(db, storeId, reference) : null);
  if (!customer)
    throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${reference} in this store`, { customerId: reference });
  return customer;
}

/** The customer 360 of the store's customer `id` as of `asOf` (customer360); another store's customer, or none, is CUSTOMER_NOT_FOUND. */
export async function getCustomer360(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  asOf: string,
): Promise<Customer360> {
  const view = await customer360(db, storeId, id, asOf);
  if (!view) throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${id} in this store`, { id });
  return view;
}

/** A page of the store's customers matching a search, in id order (searchCustomers says how it matches). */
export function listCustomers(
  db: Kysely<Database>,
  storeId: string,
  search: CustomerSearch,
): Promise<{ customers: Customer[]; nextCursor: string | null }> {
  return searchCustomers(db, storeId, search);
}
