import type { ConsentInput } from '../consent/index.js';
import type { CustomerInput } from '../customers/index.js';
import { mapShopifyCustomerConsent } from './consent.mapper.js';
import {
  array,
  child,
  id,
  invalid,
  type JsonObject,
  object,
  optionalString,
  optionalTimestamp,
} from './payload-fields.js';

/** What a customers/create or customers/update payload says: the profile and the consent it states. */
export interface ShopifyCustomerChange {
  readonly customer: CustomerInput;
  readonly consent: readonly ConsentInput[];
}

/** Shopify writes tags as one comma-separated string ("vip, wholesale"); lists are accepted too. */
function tags(value: unknown, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (value === null) return [];
  const parts =
    typeof value === 'string'
      ? value.split(',')
      : array(value, path).map((tag, i) => optionalString(tag, child(path, i)) ?? '');
  return [...new Set(parts.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/**
 * The profile fields of a Shopify customer object. With `clear`, a field the payload sets to null
 * clears the stored value (a customers/update is the whole profile); without it, null and absent
 * both keep it (the customer embedded in an order carries fewer fields, and API versions without
 * access to protected customer data omit or null its contact fields).
 */
export function customerProfile(customer: JsonObject, path: string, clear: boolean): Omit<CustomerInput, 'externalId'> {
  const profile: { -readonly [K in keyof CustomerInput]?: CustomerInput[K] } = {};
  const fields = [
    ['email', 'email'],
    ['phone', 'phone'],
    ['firstName', 'first_name'],
    ['lastName', 'last_name'],
  ] as const;
  for (const [field, key] of fields) {
    const value = optionalString(customer[key], child(path, key));
    if (value !== null || (clear && customer[key] !== undefined)) profile[field] = value;
  }
  if (clear) {
    const list = tags(customer.tags, child(path, 'tags'));
    if (list !== undefined) profile.tags = list;
  }
  return profile;
}

/**
 * Maps a customers/create or customers/update payload (Shopify's REST Customer resource). The
 * customer is keyed by Shopify's id as text; consent comes from email_marketing_consent,
 * sms_marketing_consent or the legacy accepts_marketing (consent.mapper.ts). receivedAt dates a
 * consent record only when the payload carries no time at all.
 */
export function mapShopifyCustomer(payload: unknown, options: { readonly receivedAt: string }): ShopifyCustomerChange {
  const customer = object(payload, '');
  if (customer.id === undefined || customer.id === null) throw invalid('/id', 'a customer needs its Shopify id');
  const externalId = id(customer.id, '/id');
  const updatedAt = optionalTimestamp(customer.updated_at, '/updated_at');
  const createdAt = optionalTimestamp(customer.created_at, '/created_at');
  return {
    // updated_at versions the profile: an older payload (a replay, a late delivery) changes nothing.
    customer: { externalId, ...customerProfile(customer, '', true), sourceUpdatedAt: updatedAt },
    consent: mapShopifyCustomerConsent(customer, '', updatedAt ?? createdAt ?? options.receivedAt),
  };
}
