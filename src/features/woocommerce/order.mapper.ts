import type { CustomerInput } from '../customers/index.js';
import { type OrderInput, type OrderLineInput, type OrderStatus } from '../orders/index.js';
import { normalizePhone } from '../../platform/contact-keys.js';
import {
  array,
  child,
  currency,
  dayOf,
  gmtInstant,
  id,
  integer,
  invalid,
  type JsonObject,
  localWithOffset,
  minorUnits,
  object,
  optionalMinorUnits,
  optionalNaiveDateTime,
  optionalObject,
  optionalString,
  signedMinorUnits,
} from './payload-fields.js';

/** What an order.created, order.updated or order.restored payload (or a REST v3 order) says. */
export interface WooCommerceOrderChange {
  /** The buyer: WooCommerce's customer id, or for a guest (customer_id 0) 'email:<billing email>'. */
  readonly customer: CustomerInput;
  /** The order, for the stored customer's id to complete. */
  readonly order: Omit<OrderInput, 'customerId'>;
  /** WooCommerce's own status, as sent. */
  readonly wooStatus: WooCommerceStatus;
  /** When a completed order was completed (date_completed with its _gmt twin's offset); null otherwise. */
  readonly completedAt: string | null;
}

/**
 * WooCommerce's order statuses (REST v3 "Order properties"). Only processing (paid, being
 * fulfilled) and completed are purchases. pending (awaiting payment), on-hold (awaiting a manual
 * payment such as a bank transfer) and failed are not, nor are cancelled and refunded; trash is an
 * order moved to the bin.
 */
export const WOOCOMMERCE_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
] as const;
export type WooCommerceStatus = (typeof WOOCOMMERCE_STATUSES)[number];

/**
 * A WooCommerce status as a Regulars status. Regulars counts an order as a purchase unless it is
 * cancelled or refunded (its 'pending' counts, as Shopify's authorised orders do), so the unpaid
 * WooCommerce statuses are stored as 'cancelled': they count nowhere, and the order becomes 'paid'
 * when a later version says processing or completed. Only an order WooCommerce itself cancelled
 * carries a cancellation time (cancelledAt).
 */
function regularsStatus(status: WooCommerceStatus): OrderStatus {
  switch (status) {
    case 'processing':
    case 'completed':
      return 'paid';
    case 'refunded':
      return 'refunded';
    default:
      return 'cancelled';
  }
}

export function isWooCommerceStatus(value: unknown): value is WooCommerceStatus {
  return (WOOCOMMERCE_STATUSES as readonly unknown[]).includes(value);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * A line: WooCommerce's subtotal is the line before coupons, total after them, both for the whole
 * quantity. The unit price is subtotal / quantity, rounded half up to a minor unit when it does not
 * divide (the documented `price` is a JSON float, which is never read as money). A line without a
 * SKU is keyed by its product id ('wc-product:93', 'wc-product:22/23' for variation 23), so product
 * analytics still tell products apart.
 */
function orderLine(item: unknown, at: string, currencyCode: string): OrderLineInput {
  const line = object(item, at);
  const quantity = integer(line.quantity, child(at, 'quantity'));
  const subtotal = minorUnits(line.subtotal, currencyCode, child(at, 'subtotal'));
  const total = minorUnits(line.total, currencyCode, child(at, 'total'));
  const productId =
    line.product_id === undefined || line.product_id === null ? '0' : id(line.product_id, child(at, 'product_id'));
  const variationId =
    line.variation_id === undefined || line.variation_id === null
      ? '0'
      : id(line.variation_id, child(at, 'variation_id'));
  const sku =
    optionalString(line.sku, child(at, 'sku')) ??
    (productId === '0' ? null : `wc-product:${productId}${variationId === '0' ? '' : `/${variationId}`}`);
  const title = optionalString(line.name, child(at, 'name'));
  if (title === null) throw invalid(child(at, 'name'), 'a line needs a name');
  return {
    sku,
    title,
    category: null,
    quantity,
    priceMinor: quantity === 0 ? subtotal : Math.floor((2 * subtotal + quantity) / (2 * quantity)),
    totalMinor: total,
  };
}

/**
 * The buyer. A registered customer (customer_id > 0) is keyed by WooCommerce's user id; a guest
 * (customer_id 0) by the billing email, which is the same person's next time they check out as a
 * guest and which matching (docs/import.md) joins to their account once they register. Without an
 * email, the billing phone; else the order is a guest's of its own.
 */
function buyer(order: JsonObject, orderId: string, version: string): CustomerInput {
  const billing = optionalObject(order.billing, '/billing');
  const customerId =
    order.customer_id === undefined || order.customer_id === null ? '0' : id(order.customer_id, '/customer_id');
  const email = billing ? optionalString(billing.email, '/billing/email') : null;
  if (email !== null && !EMAIL.test(email))
    throw invalid('/billing/email', `${JSON.stringify(email)} is not an email address`);
  const phone = billing ? optionalString(billing.phone, '/billing/phone') : null;
  const profile = {
    ...(email !== null ? { email } : {}),
    ...(phone !== null ? { phone } : {}),
    ...(billing && optionalString(billing.first_name, '/billing/first_name') !== null
      ? { firstName: optionalString(billing.first_name, '/billing/first_name') }
      : {}),
    ...(billing && optionalString(billing.last_name, '/billing/last_name') !== null
      ? { lastName: optionalString(billing.last_name, '/billing/last_name') }
      : {}),
    sourceUpdatedAt: version,
  };
  if (customerId !== '0') return { externalId: customerId, ...profile };
  if (email !== null) return { externalId: `email:${email.toLowerCase()}`, ...profile };
  const phoneKey = phone === null ? null : normalizePhone(phone);
  if (phoneKey !== null) return { externalId: `phone:${phoneKey}`, ...profile };
  return { externalId: `guest:wc-order:${orderId}`, ...profile };
}

/** The order's version: date_modified_gmt as a UTC instant (the local date_modified with its offset if not). */
export function orderVersion(order: JsonObject): string {
  const gmt = optionalNaiveDateTime(order.date_modified_gmt, '/date_modified_gmt');
  if (gmt !== null) return gmtInstant(gmt);
  throw invalid('/date_modified_gmt', 'an order needs date_modified_gmt, its version');
}

/**
 * Maps a WooCommerce REST v3 order (the payload of order.created, order.updated and order.restored,
 * and an element of GET /wp-json/wc/v3/orders). Money is in the order's currency, in exact minor
 * units. The order's time is date_created (store-local) with the offset its date_created_gmt twin
 * gives, so its day is the store's calendar date; date_modified_gmt is its version.
 */
export function mapWooCommerceOrder(payload: unknown): WooCommerceOrderChange {
  const order = object(payload, '');
  if (order.id === undefined || order.id === null) throw invalid('/id', 'an order needs its WooCommerce id');
  const externalId = id(order.id, '/id');
  const status = order.status;
  if (!isWooCommerceStatus(status))
    throw invalid(
      '/status',
      `unknown order status ${JSON.stringify(status)}; expected one of ${WOOCOMMERCE_STATUSES.join(', ')}`,
    );
  const currencyCode = currency(order.currency, '/currency');
  const createdLocal = optionalNaiveDateTime(order.date_created, '/date_created');
  const createdGmt = optionalNaiveDateTime(order.date_created_gmt, '/date_created_gmt');
  if (createdLocal === null) throw invalid('/date_created', 'an order needs date_created');
  const orderedAt = localWithOffset(createdLocal, createdGmt);
  const version = orderVersion(order);

  const lines = array(order.line_items, '/line_items').map((item, i) =>
    orderLine(item, child('/line_items', i), currencyCode),
  );
  const subtotal = array(order.line_items, '/line_items').reduce<number>(
    (sum, item, i) =>
      sum +
      minorUnits(
        object(item, child('/line_items', i)).subtotal,
        currencyCode,
        child(child('/line_items', i), 'subtotal'),
      ),
    0,
  );
  const totalMinor = minorUnits(order.total, currencyCode, '/total');
  // Refunds are listed with negative totals ("-10.00"); what was returned is their sum's magnitude.
  let refunds = 0;
  array(order.refunds, '/refunds').forEach((item, i) => {
    const at = child('/refunds', i);
    refunds += Math.abs(signedMinorUnits(object(item, at).total, currencyCode, child(at, 'total')));
  });
  let regular = regularsStatus(status);
  if (regular === 'paid' && refunds > 0) regular = refunds >= totalMinor ? 'refunded' : 'partially_refunded';

  const modifiedLocal = optionalNaiveDateTime(order.date_modified, '/date_modified');
  const modifiedGmt = optionalNaiveDateTime(order.date_modified_gmt, '/date_modified_gmt');
  const completedLocal = optionalNaiveDateTime(order.date_completed, '/date_completed');
  const completedGmt = optionalNaiveDateTime(order.date_completed_gmt, '/date_completed_gmt');
  return {
    customer: buyer(order, externalId, version),
    wooStatus: status,
    completedAt:
      status === 'completed' && completedLocal !== null ? localWithOffset(completedLocal, completedGmt) : null,
    order: {
      externalId,
      orderedAt,
      orderDay: dayOf(createdLocal),
      currency: currencyCode,
      subtotalMinor: subtotal,
      discountMinor: optionalMinorUnits(order.discount_total, currencyCode, '/discount_total') ?? 0,
      shippingMinor: optionalMinorUnits(order.shipping_total, currencyCode, '/shipping_total') ?? 0,
      totalMinor,
      // The whole sum: the repository keeps what passes the total apart (capRefunds).
      refundedMinor: refunds,
      status: regular,
      cancelledAt:
        status === 'cancelled' && modifiedLocal !== null ? localWithOffset(modifiedLocal, modifiedGmt) : null,
      sourceUpdatedAt: version,
      lines,
    },
  };
}
