import type { Kysely } from 'kysely';
import { RegularsError } from '../domain/errors.js';
import { findCustomer, findCustomerByExternalId } from '../store/repositories/customer.repository.js';
import type { Customer } from '../domain/entities/customer.js';
import type { Database } from '../store/tables/database.table.js';

/**
 * The store's customer named in a membership or subscription request: by the store's external id,
 * or by Regulars' id ('cus_...', as GET /v1/customers/{id} takes it). Another store's customer, or
 * one never written (POST /v1/customers, or an order), is CUSTOMER_NOT_FOUND.
 */
export async function customerOfRequest(db: Kysely<Database>, storeId: string, id: string): Promise<Customer> {
  const customer = (await findCustomerByExternalId(db, storeId, id)) ?? (id.startsWith('cus_') ? await findCustomer(db, storeId, id) : null);
  if (!customer) throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${id} in this store`, { customerId: id });
  return customer;
}
