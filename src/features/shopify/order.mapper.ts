import type { ConsentInput } from '../consent/index.js';
import type { CustomerInput } from '../customers/index.js';
import { normalizePhone } from '../../platform/contact-keys.js';
import type { OrderInput, OrderLineInput, OrderStatus } from '../orders/index.js';
import { mapCheckoutConsent, mapShopifyCustomerConsent } from './consent.mapper.js';
import { customerProfile } from './customer.mapper.js';
import {
  array,
  child,
  currency,
  dayOfTimestamp,
  id,
  integer,
  invalid,
  type JsonObject,
  minorUnits,
  object,
  optionalId,
  optionalMinorUnits,
  optionalObject,
  optionalString,
  optionalTimestamp,
  timestamp,
} from './payload-fields.js';
import { mapShopifyRefund, type PresentmentRate, refundAmountMinor } from './refund.mapper.js';

/** What an orders/create, orders/updated or orders/cancelled payload says. */
export interface ShopifyOrderChange {
  /** The buyer: Shopify's customer, or for a guest checkout the order's email ('email:<address>'). */
  readonly customer: CustomerInput;
  readonly consent: readonly ConsentInput[];
  /** The order, for the stored customer's id to complete. */
  readonly order: Omit<OrderInput, 'customerId'>;
  /** The refunds that order.refundedMinor counts (refund.mapper.ts explains why they are claimed). */
  readonly refundIds: readonly string[];
  /** The checkout this order completes (checkout_token, checkout_id), or null for an order without one (POS, draft). */
  readonly checkout: { readonly token: string | null; readonly checkoutId: string | null } | null;
}

/**
 * Shopify's financial_status as an order status (cancelled_at overrides it). Authorised or partly
 * paid orders are not paid yet; a voided or expired authorisation means the money never came.
 */
export const STATUS_OF_FINANCIAL_STATUS: Readonly<Record<string, OrderStatus>> = {
  pending: 'pending',
  authorized: 'pending',
  partially_paid: 'pending',
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'cancelled',
  expired: 'cancelled',
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function orderStatus(order: JsonObject, cancelled: boolean): OrderStatus {
  if (cancelled) return 'cancelled';
  const financial = optionalString(order.financial_status, '/financial_status');
  if (financial === null) return 'pending';
  const status = STATUS_OF_FINANCIAL_STATUS[financial];
  if (status === undefined) {
    throw invalid(
      '/financial_status',
      `unknown financial status ${JSON.stringify(financial)}; expected one of ${Object.keys(STATUS_OF_FINANCIAL_STATUS).join(', ')}`,
    );
  }
  return status;
}

/**
 * A line: unit price times quantity, less the discounts Shopify allocated to the line (line and
 * order discounts alike), all in the order's (shop) currency.
 */
function orderLine(item: unknown, at: string, currencyCode: string): OrderLineInput {
  const line = object(item, at);
  const quantity = integer(line.quantity, child(at, 'quantity'));
  const priceMinor = minorUnits(line.price, currencyCode, child(at, 'price'));
  let discountMinor = 0;
  const allocationsAt = child(at, 'discount_allocations');
  array(line.discount_allocations, allocationsAt).forEach((allocation, j) => {
    const allocationAt = child(allocationsAt, j);
    discountMinor += minorUnits(object(allocation, allocationAt).amount, currencyCode, child(allocationAt, 'amount'));
  });
  const grossMinor = priceMinor * quantity;
  if (!Number.isSafeInteger(grossMinor))
    throw invalid(child(at, 'quantity'), 'price times quantity is too large to be exact');
  const title = optionalString(line.title, child(at, 'title')) ?? optionalString(line.name, child(at, 'name'));
  if (title === null) throw invalid(child(at, 'title'), 'a line needs a title (or a name)');
  return {
    sku: optionalString(line.sku, child(at, 'sku')),
    title,
    category: null,
    quantity,
    priceMinor,
    totalMinor: grossMinor - discountMinor,
  };
}

/** The order's own exchange rate, from total_price_set, when it was presented in another currency. */
function presentmentRate(order: JsonObject, shopCurrency: string): PresentmentRate | null {
  const presentment =
    order.presentment_currency === undefined || order.presentment_currency === null
      ? null
      : currency(order.presentment_currency, '/presentment_currency');
  if (presentment === null || presentment === shopCurrency) return null;
  const set = optionalObject(order.total_price_set, '/total_price_set');
  const shop = set && optionalObject(set.shop_money, '/total_price_set/shop_money');
  const shown = set && optionalObject(set.presentment_money, '/total_price_set/presentment_money');
  if (!shop || !shown) return null;
  return {
    currency: presentment,
    shopMinor: minorUnits(shop.amount, shopCurrency, '/total_price_set/shop_money/amount'),
    presentmentMinor: minorUnits(shown.amount, presentment, '/total_price_set/presentment_money/amount'),
  };
}

/** Shipping in the shop's currency: total_shipping_price_set, else the sum of shipping_lines. */
function shippingMinor(order: JsonObject, currencyCode: string): number {
  const set = optionalObject(order.total_shipping_price_set, '/total_shipping_price_set');
  const shop = set && optionalObject(set.shop_money, '/total_shipping_price_set/shop_money');
  if (shop) return minorUnits(shop.amount, currencyCode, '/total_shipping_price_set/shop_money/amount');
  let total = 0;
  array(order.shipping_lines, '/shipping_lines').forEach((item, i) => {
    const at = child('/shipping_lines', i);
    total += minorUnits(object(item, at).price, currencyCode, child(at, 'price'));
  });
  return total;
}

/**
 * A point-of-sale or phone-only order, with neither a customer id nor an email: the phone is the
 * customer (`phone:` and the E.164-like number, as `regulars import` keys it), else the order is a
 * guest's of its own, with no address to message.
 */
function phoneOrGuest(order: JsonObject, embedded: JsonObject | null, orderId: string): CustomerInput {
  const billing = optionalObject(order.billing_address, '/billing_address');
  const shipping = optionalObject(order.shipping_address, '/shipping_address');
  const phone =
    optionalString(order.phone, '/phone') ??
    (embedded ? optionalString(embedded.phone, '/customer/phone') : null) ??
    (billing ? optionalString(billing.phone, '/billing_address/phone') : null) ??
    (shipping ? optionalString(shipping.phone, '/shipping_address/phone') : null);
  const key = phone === null ? null : normalizePhone(phone);
  if (phone !== null && key !== null) return { externalId: `phone:${key}`, phone };
  return { externalId: `guest:${orderId}` };
}

function buyer(
  order: JsonObject,
  orderId: string,
  updatedAt: string,
  orderedAt: string,
): { customer: CustomerInput; consent: ConsentInput[] } {
  const embedded = optionalObject(order.customer, '/customer');
  const shopifyId = embedded ? optionalId(embedded.id, '/customer/id') : null;
  const orderEmail = optionalString(order.email, '/email') ?? optionalString(order.contact_email, '/contact_email');
  let customer: CustomerInput;
  let consent: ConsentInput[] = [];
  if (embedded && shopifyId !== null) {
    const profile = customerProfile(embedded, '/customer', false);
    const customerUpdatedAt = optionalTimestamp(embedded.updated_at, '/customer/updated_at');
    customer = {
      externalId: shopifyId,
      ...profile,
      ...(profile.email === undefined && orderEmail !== null ? { email: orderEmail } : {}),
      // The profile's version: the customer's own updated_at, else the order's (the snapshot is as old).
      sourceUpdatedAt: customerUpdatedAt ?? updatedAt,
    };
    consent = mapShopifyCustomerConsent(embedded, '/customer', customerUpdatedAt ?? updatedAt);
  } else {
    // A guest checkout: the email is the only identity the order has, and it is the same person's
    // next time they check out as a guest, so it keys the customer.
    const email = orderEmail ?? (embedded ? optionalString(embedded.email, '/customer/email') : null);
    if (email === null) return { customer: phoneOrGuest(order, embedded, orderId), consent: [] };
    if (!EMAIL.test(email))
      throw invalid(
        order.email ? '/email' : order.contact_email ? '/contact_email' : '/customer/email',
        `${JSON.stringify(email)} is not an email address`,
      );
    customer = { externalId: `email:${email.toLowerCase()}`, email, sourceUpdatedAt: updatedAt };
  }
  if (consent.length === 0) consent = mapCheckoutConsent(order, orderedAt);
  return { customer, consent };
}

/**
 * Maps an order payload (Shopify's REST Order resource, as orders/create, orders/updated and
 * orders/cancelled send it). Money is in the shop's currency (`currency`), in exact minor units.
 * The order's time is processed_at (which an imported order sets to its original date) else
 * created_at, exactly as written; its day is the date written in that timestamp's own offset.
 * `cancelled` (for orders/cancelled) makes the order cancelled even if cancelled_at is missing.
 */
export function mapShopifyOrder(payload: unknown, options: { readonly cancelled?: boolean } = {}): ShopifyOrderChange {
  const order = object(payload, '');
  if (order.id === undefined || order.id === null) throw invalid('/id', 'an order needs its Shopify id');
  const externalId = id(order.id, '/id');
  const currencyCode = currency(order.currency, '/currency');
  const orderedAt =
    optionalTimestamp(order.processed_at, '/processed_at') ?? optionalTimestamp(order.created_at, '/created_at');
  if (orderedAt === null) throw invalid('/created_at', 'an order needs created_at (or processed_at)');
  // The version that makes out-of-order deliveries converge: required, unlike the other times.
  const updatedAt = timestamp(order.updated_at, '/updated_at');
  const cancelledAt = optionalTimestamp(order.cancelled_at, '/cancelled_at');
  const cancelled = options.cancelled === true || cancelledAt !== null;

  const lines = array(order.line_items, '/line_items').map((item, i) =>
    orderLine(item, child('/line_items', i), currencyCode),
  );
  const linesGross = lines.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0);

  const rate = presentmentRate(order, currencyCode);
  const refunds = array(order.refunds, '/refunds').map((item, i) =>
    mapShopifyRefund(item, child('/refunds', i), externalId),
  );
  let refundedMinor = 0;
  for (const refund of refunds) {
    const amount = refundAmountMinor(refund, currencyCode, rate);
    if (amount === null) {
      const foreign = refund.transactions.find((t) => t.currency !== null && t.currency !== currencyCode);
      throw invalid(
        foreign ? foreign.path.replace(/amount$/, 'currency') : child('/refunds', refunds.indexOf(refund)),
        `a refund in ${foreign?.currency} cannot be converted to the order's currency ${currencyCode} (total_price_set gives no rate)`,
      );
    }
    refundedMinor += amount;
  }

  const { customer, consent } = buyer(order, externalId, updatedAt, orderedAt);
  const checkoutToken = optionalString(order.checkout_token, '/checkout_token');
  const checkoutId = optionalId(order.checkout_id, '/checkout_id');
  return {
    customer,
    consent,
    order: {
      externalId,
      orderedAt,
      orderDay: dayOfTimestamp(orderedAt),
      currency: currencyCode,
      subtotalMinor:
        optionalMinorUnits(order.total_line_items_price, currencyCode, '/total_line_items_price') ?? linesGross,
      discountMinor: optionalMinorUnits(order.total_discounts, currencyCode, '/total_discounts') ?? 0,
      shippingMinor: shippingMinor(order, currencyCode),
      totalMinor: minorUnits(order.total_price, currencyCode, '/total_price'),
      refundedMinor,
      status: orderStatus(order, cancelled),
      cancelledAt: cancelledAt ?? (cancelled ? updatedAt : null),
      sourceUpdatedAt: updatedAt,
      // "#1042": what the shop and the customer call the order, which messages show instead of the id.
      name: optionalString(order.name, '/name'),
      lines,
    },
    refundIds: refunds.map((refund) => refund.refundId),
    checkout: checkoutToken === null && checkoutId === null ? null : { token: checkoutToken, checkoutId },
  };
}
