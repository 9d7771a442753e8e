import type { CustomerInput } from '../customers/index.js';
import {
  gmtInstant,
  id,
  invalid,
  object,
  optionalNaiveDateTime,
  optionalObject,
  optionalString,
} from './payload-fields.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Maps a customer.created or customer.updated payload (WooCommerce's REST v3 Customer resource).
 * The customer is keyed by WooCommerce's user id as text, the id an order's customer_id names;
 * date_modified_gmt versions the profile, so an older payload changes nothing. The phone is the
 * billing phone (the Customer resource has no other). WooCommerce core records no marketing
 * consent, so none is read.
 */
export function mapWooCommerceCustomer(payload: unknown): CustomerInput {
  const customer = object(payload, '');
  if (customer.id === undefined || customer.id === null || customer.id === 0)
    throw invalid('/id', 'a customer needs its WooCommerce id');
  const externalId = id(customer.id, '/id');
  const email = optionalString(customer.email, '/email');
  if (email !== null && !EMAIL.test(email)) throw invalid('/email', `${JSON.stringify(email)} is not an email address`);
  const billing = optionalObject(customer.billing, '/billing');
  const modified = optionalNaiveDateTime(customer.date_modified_gmt, '/date_modified_gmt');
  // A customers/update is the whole profile: a field WooCommerce sends empty clears the stored one.
  return {
    externalId,
    email,
    firstName: optionalString(customer.first_name, '/first_name'),
    lastName: optionalString(customer.last_name, '/last_name'),
    phone: billing ? optionalString(billing.phone, '/billing/phone') : null,
    sourceUpdatedAt: modified === null ? null : gmtInstant(modified),
  };
}
