import type { ConsentInput } from '../consent/index.js';
import type { CustomerInput } from '../customers/index.js';
import type { OrderInput, OrderLineInput, OrderStatus } from '../orders/index.js';
import { normalizePhone } from '../../platform/contact-keys.js';
import type { BulkObject, BulkRecord } from './bulk-jsonl.js';
import { legacyId } from './bulk-jsonl.js';
import { mapShopifyCustomerConsent } from './consent.mapper.js';
import { STATUS_OF_FINANCIAL_STATUS } from './order.mapper.js';
import { mapShopifyProduct, type ShopifyProductChange } from './product.mapper.js';
import {
  array,
  child,
  currency,
  dayOfTimestamp,
  integer,
  invalid,
  type JsonObject,
  minorUnits,
  object,
  optionalObject,
  optionalString,
  optionalTimestamp,
  timestamp,
} from './payload-fields.js';

/**
 * Rows of a bulk query's result (bulk-queries.ts, Admin API 2025-10) in Regulars' terms, with the
 * rules of the webhook mappers, so that a customer or order read by the backfill and the same one
 * sent by a webhook are stored alike and meet under one key:
 * - ids are the numeric ids of the gids (gid://shopify/Customer/123 is '123'), as webhooks send them;
 * - a guest order's buyer is 'email:<address>' (or 'phone:<number>', or 'guest:<order id>');
 * - GraphQL answers times in UTC, webhooks in the shop's offset: times are converted to the shop's
 *   zone (its ianaTimezone) so that an order's day is the store's calendar day either way.
 * Errors are VALIDATION_FAILED with a JSON pointer in GraphQL's field names; the backfill adds
 * the line of the result (SHOPIFY_BULK_RESULT_INVALID).
 */

export interface BulkCustomerChange {
  readonly customer: CustomerInput;
  readonly consent: readonly ConsentInput[];
}

export interface BulkOrderChange {
  /** The buyer, by the key webhooks use; only its external id (and a guest's email) is set. */
  readonly customer: CustomerInput;
  readonly order: Omit<OrderInput, 'customerId'>;
  /** Shopify's refund ids that order.refundedMinor counts (claimed as webhooks claim them). */
  readonly refundIds: readonly string[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A checked timestamp as the same instant written in the zone's local time with its offset
 * ('2024-03-02T04:30:00Z' in America/New_York is '2024-03-01T23:30:00-05:00'), to the second.
 */
export function inTimeZone(text: string, timeZone: string): string {
  const ms = Math.floor(Date.parse(text) / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = Math.round((local - ms) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function gid(value: unknown, type: string, path: string): string {
  const id = legacyId(value, type);
  if (id === null)
    throw invalid(path, `expected a ${type} id such as gid://shopify/${type}/123, found ${JSON.stringify(value)}`);
  return id;
}

/** A MoneyBag's shop amount ({ shopMoney { amount } }) in minor units; null when the bag is null or absent. */
function shopMoney(value: unknown, currencyCode: string, path: string): number | null {
  const bag = optionalObject(value, path);
  if (!bag) return null;
  const money = object(bag.shopMoney, child(path, 'shopMoney'));
  return minorUnits(money.amount, currencyCode, child(child(path, 'shopMoney'), 'amount'));
}

/** GraphQL's consent object as the REST one consent.mapper.ts reads (enum values lower-cased). */
function restConsent(value: unknown, path: string): JsonObject | undefined {
  const consent = optionalObject(value, path);
  if (!consent) return undefined;
  const state = optionalString(consent.marketingState, child(path, 'marketingState'));
  const level = optionalString(consent.marketingOptInLevel, child(path, 'marketingOptInLevel'));
  return {
    state: state?.toLowerCase() ?? null,
    opt_in_level: level?.toLowerCase() ?? null,
    consent_updated_at: optionalTimestamp(consent.consentUpdatedAt, child(path, 'consentUpdatedAt')),
  };
}

/**
 * A Customer line: the whole profile (a null field clears the stored one, as customers/update
 * does), versioned by updatedAt, and its email and SMS consent dated by consentUpdatedAt (else
 * updatedAt), with the webhook's rules: SUBSCRIBED grants, UNSUBSCRIBED and NOT_SUBSCRIBED
 * revoke, PENDING is pending, INVALID records nothing.
 */
export function mapBulkCustomer(line: BulkObject): BulkCustomerChange {
  const externalId = gid(line.id, 'Customer', '/id');
  // Customer.updatedAt is non-null in the schema: it versions the profile and dates undated consent.
  const updatedAt = timestamp(line.updatedAt, '/updatedAt');
  const customer: { -readonly [K in keyof CustomerInput]: CustomerInput[K] } = { externalId };
  const fields = [
    ['email', 'email'],
    ['phone', 'phone'],
    ['firstName', 'firstName'],
    ['lastName', 'lastName'],
  ] as const;
  for (const [field, key] of fields) {
    if (line[key] !== undefined) customer[field] = optionalString(line[key], child('', key));
  }
  if (line.tags !== undefined && line.tags !== null) {
    const tags = array(line.tags, '/tags').map((tag, i) => optionalString(tag, child('/tags', i)) ?? '');
    customer.tags = [...new Set(tags.filter((tag) => tag !== ''))];
  }
  customer.sourceUpdatedAt = updatedAt;
  const rest: Record<string, unknown> = {};
  const email = restConsent(line.emailMarketingConsent, '/emailMarketingConsent');
  if (email) rest.email_marketing_consent = email;
  const sms = restConsent(line.smsMarketingConsent, '/smsMarketingConsent');
  if (sms) rest.sms_marketing_consent = sms;
  return { customer, consent: mapShopifyCustomerConsent(rest, '', updatedAt) };
}

function orderStatus(line: BulkObject, cancelled: boolean): OrderStatus {
  if (cancelled) return 'cancelled';
  const financial = optionalString(line.displayFinancialStatus, '/displayFinancialStatus');
  if (financial === null) return 'pending';
  const status = STATUS_OF_FINANCIAL_STATUS[financial.toLowerCase()];
  if (status === undefined)
    throw invalid(
      '/displayFinancialStatus',
      `unknown financial status ${JSON.stringify(financial)}; expected one of ${Object.keys(STATUS_OF_FINANCIAL_STATUS)
        .map((s) => s.toUpperCase())
        .join(', ')}`,
    );
  return status;
}

/** A LineItem child line: unit price times quantity, less the discounts allocated to it. */
function orderLine(item: BulkObject, index: number, currencyCode: string): OrderLineInput {
  const at = `/lineItems/${index}`;
  const quantity = integer(item.quantity, child(at, 'quantity'));
  const priceMinor = shopMoney(item.originalUnitPriceSet, currencyCode, child(at, 'originalUnitPriceSet'));
  if (priceMinor === null) throw invalid(child(at, 'originalUnitPriceSet'), 'is required');
  let discountMinor = 0;
  const allocationsAt = child(at, 'discountAllocations');
  array(item.discountAllocations ?? [], allocationsAt).forEach((allocation, j) => {
    const allocationAt = child(allocationsAt, j);
    discountMinor +=
      shopMoney(
        object(allocation, allocationAt).allocatedAmountSet,
        currencyCode,
        child(allocationAt, 'allocatedAmountSet'),
      ) ?? 0;
  });
  const grossMinor = priceMinor * quantity;
  if (!Number.isSafeInteger(grossMinor))
    throw invalid(child(at, 'quantity'), 'price times quantity is too large to be exact');
  const title = optionalString(item.title, child(at, 'title'));
  if (title === null) throw invalid(child(at, 'title'), 'a line needs a title');
  return {
    sku: optionalString(item.sku, child(at, 'sku')),
    title,
    category: null,
    quantity,
    priceMinor,
    totalMinor: grossMinor - discountMinor,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function buyer(line: BulkObject, orderId: string): CustomerInput {
  const customer = optionalObject(line.customer, '/customer');
  if (customer) return { externalId: gid(customer.id, 'Customer', '/customer/id') };
  const email = optionalString(line.email, '/email');
  if (email !== null) {
    if (!EMAIL.test(email)) throw invalid('/email', `${JSON.stringify(email)} is not an email address`);
    return { externalId: `email:${email.toLowerCase()}`, email };
  }
  const phone = optionalString(line.phone, '/phone');
  const key = phone === null ? null : normalizePhone(phone);
  if (phone !== null && key !== null) return { externalId: `phone:${key}`, phone };
  return { externalId: `guest:${orderId}` };
}

/**
 * An Order line with its LineItem child lines. Money in the shop's currency; refunded is the sum
 * of its refunds (capped at the total by the order store); status from cancelledAt, else
 * displayFinancialStatus as the webhook maps financial_status; version updatedAt.
 */
export function mapBulkOrder(record: Pick<BulkRecord, 'object' | 'children'>, timeZone: string): BulkOrderChange {
  const line = record.object;
  const externalId = gid(line.id, 'Order', '/id');
  const currencyCode = currency(line.currencyCode, '/currencyCode');
  const ordered =
    optionalTimestamp(line.processedAt, '/processedAt') ?? optionalTimestamp(line.createdAt, '/createdAt');
  if (ordered === null) throw invalid('/createdAt', 'an order needs createdAt (or processedAt)');
  const orderedAt = inTimeZone(ordered, timeZone);
  const updatedAt = inTimeZone(timestamp(line.updatedAt, '/updatedAt'), timeZone);
  const cancelled = optionalTimestamp(line.cancelledAt, '/cancelledAt');
  const lines = record.children.map((item, i) => {
    if (legacyId(item.id, 'LineItem') === null)
      throw invalid(`/lineItems/${i}/id`, `expected a LineItem id, found ${JSON.stringify(item.id)}`);
    return orderLine(item, i, currencyCode);
  });
  const refundIds: string[] = [];
  let refundedMinor = 0;
  array(line.refunds ?? [], '/refunds').forEach((item, i) => {
    const at = child('/refunds', i);
    const refund = object(item, at);
    refundIds.push(gid(refund.id, 'Refund', child(at, 'id')));
    const set = optionalObject(refund.totalRefundedSet, child(at, 'totalRefundedSet'));
    const money = set && optionalObject(set.shopMoney, child(child(at, 'totalRefundedSet'), 'shopMoney'));
    const refundCurrency =
      money && optionalString(money.currencyCode, child(at, 'totalRefundedSet/shopMoney/currencyCode'));
    if (refundCurrency !== null && refundCurrency !== undefined && refundCurrency !== currencyCode)
      throw invalid(
        child(at, 'totalRefundedSet/shopMoney/currencyCode'),
        `expected the order's currency ${currencyCode}`,
      );
    refundedMinor += shopMoney(refund.totalRefundedSet, currencyCode, child(at, 'totalRefundedSet')) ?? 0;
  });
  const totalMinor = shopMoney(line.totalPriceSet, currencyCode, '/totalPriceSet');
  if (totalMinor === null) throw invalid('/totalPriceSet', 'is required');
  return {
    customer: buyer(line, externalId),
    order: {
      externalId,
      // What the shop and Shopify's own emails call the order ("#1042"): messages say it too.
      name: optionalString(line.name, '/name'),
      orderedAt,
      orderDay: dayOfTimestamp(orderedAt),
      currency: currencyCode,
      subtotalMinor: lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0),
      discountMinor: shopMoney(line.totalDiscountsSet, currencyCode, '/totalDiscountsSet') ?? 0,
      shippingMinor: shopMoney(line.totalShippingPriceSet, currencyCode, '/totalShippingPriceSet') ?? 0,
      totalMinor,
      refundedMinor,
      status: orderStatus(line, cancelled !== null),
      cancelledAt: cancelled === null ? null : inTimeZone(cancelled, timeZone),
      sourceUpdatedAt: updatedAt,
      lines,
    },
    refundIds,
  };
}

/**
 * A product of the products bulk query with its variants (the record's child lines), in the
 * shape of the products/* webhooks' REST Product, then mapped by the same mapShopifyProduct: the
 * backfill and the webhooks store a product alike (each variant with a SKU, by SKU, with the
 * product's handle), and a handle the webhooks would refuse is refused here too.
 */
export function mapBulkProduct(record: Pick<BulkRecord, 'object' | 'children'>): ShopifyProductChange {
  const product = record.object;
  const variants = record.children.map((variant, i) => {
    if (legacyId(variant.id, 'ProductVariant') === null)
      throw invalid(`/variants/${i}/id`, `expected a ProductVariant id, found ${JSON.stringify(variant.id)}`);
    return { sku: variant.sku ?? null, title: variant.title ?? null, price: variant.price ?? '0' };
  });
  return mapShopifyProduct({
    id: gid(product.id, 'Product', '/id'),
    handle: product.handle,
    title: product.title,
    product_type: product.productType ?? null,
    updated_at: product.updatedAt,
    variants,
  });
}
