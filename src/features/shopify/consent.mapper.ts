import type { ConsentChannel, ConsentInput, ConsentStatus } from '../consent/index.js';
import {
  child,
  type JsonObject,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalTimestamp,
} from './payload-fields.js';

/**
 * Shopify's marketing consent states (Customer.email_marketing_consent.state and
 * sms_marketing_consent.state) as consent statuses. Only 'subscribed' is consent. 'not_subscribed'
 * (never subscribed) is recorded as revoked, the status that means "no consent": Shopify states it
 * as the customer's current choice, so a customer we had as subscribed stops receiving marketing.
 * 'redacted' follows a data-erasure request. 'invalid' says the address bounces, which is about
 * deliverability, not the customer's choice, so it records nothing; so does a state this version
 * does not know (recording nothing never grants consent).
 */
const STATUS_OF_STATE: Readonly<Record<string, ConsentStatus>> = {
  subscribed: 'granted',
  pending: 'pending',
  unsubscribed: 'revoked',
  not_subscribed: 'revoked',
  redacted: 'revoked',
};

const PURPOSE = 'marketing';

function consentObject(
  consent: JsonObject,
  path: string,
  channel: ConsentChannel,
  fallbackAt: string,
): ConsentInput | null {
  const state = optionalString(consent.state, child(path, 'state'));
  const status = state === null ? undefined : STATUS_OF_STATE[state.toLowerCase()];
  if (status === undefined) return null;
  const updatedAt = optionalTimestamp(consent.consent_updated_at, child(path, 'consent_updated_at'));
  const recordedAt = updatedAt ?? fallbackAt;
  const level = optionalString(consent.opt_in_level, child(path, 'opt_in_level'));
  return {
    channel,
    purpose: PURPOSE,
    status,
    source: 'shopify',
    recordedAt,
    ip: null,
    // Shopify's 'confirmed_opt_in' is a double opt-in; the time of confirmation is the consent's own.
    doubleOptInAt: status === 'granted' && level === 'confirmed_opt_in' ? recordedAt : null,
  };
}

/**
 * The consent a Shopify customer object states: email from email_marketing_consent, or from the
 * legacy accepts_marketing flag (API versions before 2022-04) when that object is absent; SMS from
 * sms_marketing_consent. Each record is dated by Shopify's consent_updated_at, else by fallbackAt
 * (the customer's updated_at, or the order's): never by the time of receipt, so that a redelivery
 * dates a record the same way and the consent history does not grow.
 */
export function mapShopifyCustomerConsent(customer: JsonObject, path: string, fallbackAt: string): ConsentInput[] {
  const records: ConsentInput[] = [];
  const emailConsent = optionalObject(customer.email_marketing_consent, child(path, 'email_marketing_consent'));
  if (emailConsent) {
    const record = consentObject(emailConsent, child(path, 'email_marketing_consent'), 'email', fallbackAt);
    if (record) records.push(record);
  } else {
    const accepts = optionalBoolean(customer.accepts_marketing, child(path, 'accepts_marketing'));
    if (accepts !== null) {
      const recordedAt =
        optionalTimestamp(customer.accepts_marketing_updated_at, child(path, 'accepts_marketing_updated_at')) ??
        fallbackAt;
      const level = optionalString(customer.marketing_opt_in_level, child(path, 'marketing_opt_in_level'));
      records.push({
        channel: 'email',
        purpose: PURPOSE,
        status: accepts ? 'granted' : 'revoked',
        source: 'shopify',
        recordedAt,
        ip: null,
        doubleOptInAt: accepts && level === 'confirmed_opt_in' ? recordedAt : null,
      });
    }
  }
  const smsConsent = optionalObject(customer.sms_marketing_consent, child(path, 'sms_marketing_consent'));
  if (smsConsent) {
    const record = consentObject(smsConsent, child(path, 'sms_marketing_consent'), 'sms', fallbackAt);
    if (record) records.push(record);
  }
  return records;
}

/**
 * The order's buyer_accepts_marketing, used only when the order carries no customer consent (a
 * guest checkout): a ticked box at checkout is consent given at the time of the order. An unticked
 * box is not a withdrawal (a subscriber need not tick it again), so it records nothing. The
 * checkout's browser_ip is the address the consent was given from.
 */
export function mapCheckoutConsent(order: JsonObject, orderedAt: string): ConsentInput[] {
  if (optionalBoolean(order.buyer_accepts_marketing, '/buyer_accepts_marketing') !== true) return [];
  const ip = optionalString(order.browser_ip, '/browser_ip');
  return [
    {
      channel: 'email',
      purpose: PURPOSE,
      status: 'granted',
      source: 'checkout',
      recordedAt: orderedAt,
      ip,
      doubleOptInAt: null,
    },
  ];
}
