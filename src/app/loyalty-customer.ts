import type { Kysely } from 'kysely';
import type { Customer } from '../domain/entities/customer.js';
import { RegularsError } from '../domain/errors.js';
import { findCustomer, findCustomerByExternalId } from '../store/repositories/customer.repository.js';
import type { Database } from '../store/tables/database.table.js';

/**
 * The store's customer a loyalty request names: by the store's own (external) id, as the checkout
 * and storefront know them, or by Regulars' id (`cus_...`, as GET /v1/customers/{id} takes it).
 * Regulars' ids are 26 random characters after `cus_`, so an external id never matches one by
 * accident. An unknown customer is CUSTOMER_NOT_FOUND.
 */
export async function loyaltyCustomer(db: Kysely<Database>, storeId: string, reference: string): Promise<Customer> {
  const customer = (await findCustomerByExternalId(db, storeId, reference)) ?? (reference.startsWith('cus_') ? await findCustomer(db, storeId, reference) : null);
  if (!customer) throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${reference}`, { customerId: reference });
  return customer;
}
