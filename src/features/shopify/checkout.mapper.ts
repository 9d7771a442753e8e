import type { ConsentInput } from '../consent/index.js';
import type { CustomerInput } from '../customers/index.js';
import { normalizePhone } from '../../platform/contact-keys.js';
import { mapCheckoutConsent, mapShopifyCustomerConsent } from './consent.mapper.js';
import { customerProfile } from './customer.mapper.js';
import {
  array,
  child,
  currency as currencyField,
  integer,
  invalid,
  object,
  optionalId,
  optionalMinorUnits,
  optionalObject,
  optionalString,
  optionalTimestamp,
  string,
  timestamp,
  utcInstant,
} from './payload-fields.js';

/** A line of the checkout as the abandoned-cart email shows it. */
export interface CheckoutLine {
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
  /** Shopify's product id, as text (the product's handle is found by it or by the SKU). */
  readonly productId: string | null;
}

/** What a checkouts/create or checkouts/update payload says. */
export interface ShopifyCheckoutChange {
  /** Shopify's checkout token: an order's checkout_token names it. */
  readonly token: string;
  /** Shopify's numeric checkout id (an order's checkout_id). */
  readonly checkoutId: string | null;
  /**
   * The shopper, keyed as orders key their buyer (Shopify's customer id, else 'email:<address>',
   * else 'phone:<number>'), or null when the checkout has no email or phone yet: it is then
   * recorded, and not messaged.
   */
  readonly customer: CustomerInput | null;
  readonly consent: readonly ConsentInput[];
  readonly email: string | null;
  readonly phone: string | null;
  /** abandoned_checkout_url: the link that restores this checkout (http or https only). */
  readonly recoveryUrl: string | null;
  readonly currency: string | null;
  readonly totalMinor: number | null;
  readonly lines: readonly CheckoutLine[];
  /** As Shopify wrote it. */
  readonly createdAt: string;
  /** The version (Shopify's updated_at) as a UTC instant. */
  readonly updatedAt: string;
  /** Set once the checkout became an order (Shopify fills completed_at on the last checkouts/update). */
  readonly completedAt: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

function line(item: unknown, at: string): CheckoutLine {
  const raw = object(item, at);
  const title =
    optionalString(raw.title, child(at, 'title')) ??
    optionalString(raw.presentment_title, child(at, 'presentment_title'));
  const sku = optionalString(raw.sku, child(at, 'sku'));
  if (title === null && sku === null) throw invalid(child(at, 'title'), 'a line needs a title (or a SKU)');
  return {
    sku,
    title: (title ?? sku) as string,
    quantity: integer(raw.quantity ?? 1, child(at, 'quantity'), 1),
    productId: optionalId(raw.product_id, child(at, 'product_id')),
  };
}

function shopper(
  checkout: { readonly [key: string]: unknown },
  updatedAt: string,
): { customer: CustomerInput | null; consent: ConsentInput[]; email: string | null; phone: string | null } {
  const embedded = optionalObject(checkout.customer, '/customer');
  const shopifyId = embedded ? optionalId(embedded.id, '/customer/id') : null;
  const emailText =
    optionalString(checkout.email, '/email') ?? (embedded ? optionalString(embedded.email, '/customer/email') : null);
  if (emailText !== null && !EMAIL.test(emailText))
    throw invalid(
      checkout.email ? '/email' : '/customer/email',
      `${JSON.stringify(emailText)} is not an email address`,
    );
  const phoneText =
    optionalString(checkout.phone, '/phone') ??
    optionalString(checkout.sms_marketing_phone, '/sms_marketing_phone') ??
    (embedded ? optionalString(embedded.phone, '/customer/phone') : null);
  const phoneKey = phoneText === null ? null : normalizePhone(phoneText);
  let customer: CustomerInput | null = null;
  let consent: ConsentInput[] = [];
  if (embedded && shopifyId !== null) {
    const profile = customerProfile(embedded, '/customer', false);
    const customerUpdatedAt = optionalTimestamp(embedded.updated_at, '/customer/updated_at');
    customer = {
      externalId: shopifyId,
      ...profile,
      ...(profile.email === undefined && emailText !== null ? { email: emailText } : {}),
      sourceUpdatedAt: customerUpdatedAt ?? updatedAt,
    };
    consent = mapShopifyCustomerConsent(embedded, '/customer', customerUpdatedAt ?? updatedAt);
  } else if (emailText !== null) {
    customer = {
      externalId: `email:${emailText.toLowerCase()}`,
      email: emailText,
      ...(phoneText !== null ? { phone: phoneText } : {}),
      sourceUpdatedAt: updatedAt,
    };
  } else if (phoneText !== null && phoneKey !== null) {
    customer = { externalId: `phone:${phoneKey}`, phone: phoneText, sourceUpdatedAt: updatedAt };
  }
  // A ticked "email me with news and offers" box at checkout is consent given then (as for a guest order).
  if (customer !== null && consent.length === 0) consent = mapCheckoutConsent(checkout, updatedAt);
  return { customer, consent, email: emailText, phone: phoneText };
}

/**
 * Maps a checkouts/create or checkouts/update payload (Shopify's REST Checkout resource, as the
 * webhook reference's example shows it). The token is required (it is what ties the checkout to
 * its order), and so is updated_at (the version that orders deliveries). A recovery URL that is
 * not http(s) is refused with its path rather than put into an email.
 */
export function mapShopifyCheckout(payload: unknown): ShopifyCheckoutChange {
  const checkout = object(payload, '');
  const token = string(checkout.token, '/token');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(token)) throw invalid('/token', 'expected a checkout token of letters and digits');
  const updatedText = timestamp(checkout.updated_at, '/updated_at');
  const createdAt = optionalTimestamp(checkout.created_at, '/created_at') ?? updatedText;
  const recoveryUrl = optionalString(checkout.abandoned_checkout_url, '/abandoned_checkout_url');
  if (recoveryUrl !== null && !HTTP_URL.test(recoveryUrl))
    throw invalid(
      '/abandoned_checkout_url',
      `expected an http(s) link, found ${JSON.stringify(recoveryUrl.slice(0, 40))}`,
    );
  const currencyCode =
    checkout.currency === undefined || checkout.currency === null
      ? null
      : currencyField(checkout.currency, '/currency');
  const lines = array(checkout.line_items, '/line_items').map((item, i) => line(item, child('/line_items', i)));
  const completed = optionalTimestamp(checkout.completed_at, '/completed_at');
  const { customer, consent, email, phone } = shopper(checkout, updatedText);
  return {
    token,
    checkoutId: optionalId(checkout.id, '/id'),
    customer,
    consent,
    email,
    phone,
    recoveryUrl,
    currency: currencyCode,
    totalMinor: currencyCode === null ? null : optionalMinorUnits(checkout.total_price, currencyCode, '/total_price'),
    lines,
    createdAt,
    updatedAt: utcInstant(updatedText),
    completedAt: completed === null ? null : utcInstant(completed),
  };
}

/** The stored checkout, as the abandoned-cart flow reads its event. */
export interface StoredCheckout {
  readonly token: string;
  readonly recoveryUrl: string | null;
  readonly lines: readonly CheckoutLine[];
  readonly currency: string | null;
  readonly totalMinor: number | null;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly completedOrderId: string | null;
}

/**
 * The customer's 'checkout_started' event for a checkout: at its latest updated_at (the reminder
 * is due delayHours after the shopper last touched it), with the payload the abandoned-cart flow
 * reads (`cart_url`: the recovery link; `items`; `completed_at`: set once an order completed it,
 * which stops the flow).
 */
export function checkoutEvent(checkout: StoredCheckout): {
  kind: 'checkout_started';
  occurredAt: string;
  payload: Record<string, unknown>;
} {
  return {
    kind: 'checkout_started',
    occurredAt: checkout.updatedAt,
    payload: {
      source: 'shopify',
      checkout_token: checkout.token,
      cart_url: checkout.recoveryUrl,
      items: checkout.lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity })),
      currency: checkout.currency,
      total_minor: checkout.totalMinor,
      completed_at: checkout.completedAt,
      completed_order_id: checkout.completedOrderId,
    },
  };
}
