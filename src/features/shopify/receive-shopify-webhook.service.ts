import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { checkInput, jsonMayHoldNul } from '../../platform/http/input-checks.js';
import { mapShopifyCustomer, type ShopifyCustomerChange } from './customer.mapper.js';
import { mapShopifyOrder, type ShopifyOrderChange } from './order.mapper.js';
import { checkoutEvent, type CheckoutLine, mapShopifyCheckout, type ShopifyCheckoutChange } from './checkout.mapper.js';
import { mapShopifyProduct, type ShopifyProductChange } from './product.mapper.js';
import { mapShopifyFulfillment } from './fulfillment.mapper.js';
import { receiveFulfillment } from './receive-fulfillment.service.js';
import { completeCheckouts, setCheckoutEvent, upsertCheckoutVersion } from './shopify-checkout.repository.js';
import type { ShopifyCheckoutRow } from './shopify-checkout.table.js';
import { minorUnits, utcInstant } from './payload-fields.js';
import { replaceDerivedEvent, replaceDerivedEventPayload } from '../events/index.js';
import { upsertShopifyVariants } from '../products/index.js';
import { applyRefund, mapShopifyRefund, refundAmountMinor, type ShopifyRefund } from './refund.mapper.js';
import { isShopifyWebhookTopic, SHOPIFY_WEBHOOK_TOPICS, type ShopifyWebhookTopic } from './topics.js';
import { verifyShopifyHmac } from './verify-hmac.js';
import { orderDiscountCodes } from './order-discount-codes.js';
import { recordOrderDiscountCodes } from '../shop-discounts/index.js';
import { recordConsent } from '../consent/index.js';
import { lockCustomerByExternalId, upsertVersionedCustomer } from '../customers/index.js';
import {
  capRefunds,
  findOrderByExternalId,
  lockOrderByExternalId,
  storeCurrency,
  updateOrderRefund,
  upsertOrderByExternalId,
} from '../orders/index.js';
import { findStore } from '../../platform/stores/store.repository.js';
import { claimWebhookDeliveries, claimWebhookDelivery } from './webhook-delivery.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

export interface ReceiveShopifyWebhookInput {
  readonly storeId: string;
  /** X-Shopify-Topic. */
  readonly topic: string | undefined;
  /** X-Shopify-Event-Id: the same on every delivery of one event, retries included. */
  readonly eventId?: string | null;
  /** X-Shopify-Webhook-Id: the same on every retry of one delivery. */
  readonly webhookId?: string | null;
  /** X-Shopify-Hmac-Sha256. */
  readonly hmac: string | undefined;
  /** The body exactly as received: the signature covers these bytes. */
  readonly rawBody: Buffer;
  /** When the delivery arrived (ISO 8601); now when omitted. Dates consent only when the payload gives no time. */
  readonly receivedAt?: string;
  /**
   * The app's client secret, when the store installed the Regulars app (docs/shopify.md): the
   * subscriptions the install made are signed with it, and a hand-made one with the store's secret.
   */
  readonly appSecret?: string | null;
}

/**
 * - processed: the delivery's effect is stored.
 * - duplicate: this delivery (its event or webhook id), or for refunds/create this refund, was
 *   handled before: nothing changed.
 * - stale: the stored order (for customers/*, the stored customer) is a later version than this
 *   payload: nothing changed.
 * - ignored: a refund that cannot be applied yet (`reason` says why); the orders/updated that
 *   Shopify sends after every refund lists it, and counts it then.
 */
export type ShopifyWebhookOutcome = 'processed' | 'duplicate' | 'stale' | 'ignored';

export interface ReceiveShopifyWebhookResult {
  readonly outcome: ShopifyWebhookOutcome;
  readonly topic: ShopifyWebhookTopic;
  /** The stored customer ('cus_...') the delivery concerns; null for a duplicate or an ignored refund. */
  readonly customerId: string | null;
  /** The stored order ('ord_...') the delivery concerns; null for customers/* and duplicates. */
  readonly orderId: string | null;
  readonly reason?: string;
  /** Set when the delivery was stored but something in it needs a person's look (an over-refund). */
  readonly warning?: string;
}

/**
 * Receives one Shopify webhook for a store (docs/webhooks.md). In this order:
 * 1. the store and its Shopify secret (WEBHOOK_NOT_CONFIGURED);
 * 2. the signature over the raw bytes, before anything reads them (INVALID_SIGNATURE, nothing changed);
 * 3. the topic (UNSUPPORTED_TOPIC);
 * 4. the payload, parsed losslessly, checked like every body (INVALID_CHARACTER for a NUL,
 *    BODY_TOO_DEEP) and mapped, all checks done before any write (VALIDATION_FAILED with details.path);
 * 5. one transaction that claims the delivery's ids and makes its effect. Claim and effect commit
 *    together: a duplicate finds the claim and changes nothing, a failure leaves no claim and the
 *    retry is processed, and concurrent copies of one delivery wait for the first (the claim is a
 *    unique key), so they have one effect on both dialects.
 */
export async function receiveShopifyWebhook(
  db: Kysely<Database>,
  input: ReceiveShopifyWebhookInput,
): Promise<ReceiveShopifyWebhookResult> {
  const store = await findStore(db, input.storeId);
  const secrets = [store?.shopifySecret, input.appSecret].filter((s): s is string => !!s);
  if (!store || secrets.length === 0) {
    throw new RegularsError(
      'WEBHOOK_NOT_CONFIGURED',
      `store ${input.storeId} does not exist, or has neither a Shopify secret nor the Regulars app installed`,
      { storeId: input.storeId },
    );
  }
  if (!secrets.some((secret) => verifyShopifyHmac(input.rawBody, secret, input.hmac))) {
    throw new RegularsError(
      'INVALID_SIGNATURE',
      input.hmac
        ? "X-Shopify-Hmac-Sha256 does not match the body signed with the store's Shopify secret or the app's client secret"
        : 'the X-Shopify-Hmac-Sha256 header is missing',
      {},
    );
  }
  const topic = input.topic;
  if (!isShopifyWebhookTopic(topic)) {
    throw new RegularsError(
      'UNSUPPORTED_TOPIC',
      `Regulars does not handle the webhook topic ${JSON.stringify(topic ?? '')}; it handles ${SHOPIFY_WEBHOOK_TOPICS.join(', ')}`,
      { topic: topic ?? null },
    );
  }
  const payload = parseJsonLossless(input.rawBody.toString('utf8'));
  // Parsed only now, after the signature: the same NUL and depth checks as every other body.
  checkInput(payload, 'body', { mayHoldNul: jsonMayHoldNul(input.rawBody) });
  const receivedAt = input.receivedAt ?? new Date().toISOString();
  const deliveryIds = deliveryIdsOf(topic, input);

  switch (topic) {
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled': {
      const change = mapShopifyOrder(payload, { cancelled: topic === 'orders/cancelled' });
      // The codes used at Shopify's checkout, recorded before the order: the rewards sync redeems
      // those that are Regulars coupons once the order is stored (docs/shopify.md "Discount codes in Shopify").
      await recordOrderDiscountCodes(db, store.id, { ...orderDiscountCodes(payload), platform: 'shopify' }, receivedAt);
      return receiveOrder(db, store.id, topic, deliveryIds, change);
    }
    case 'customers/create':
    case 'customers/update':
      return receiveCustomer(db, store.id, topic, deliveryIds, mapShopifyCustomer(payload, { receivedAt }));
    case 'refunds/create':
      return receiveRefund(db, store.id, topic, deliveryIds, mapShopifyRefund(payload));
    case 'checkouts/create':
    case 'checkouts/update':
      return receiveCheckout(db, store.id, topic, deliveryIds, mapShopifyCheckout(payload));
    case 'products/create':
    case 'products/update':
      return receiveProduct(db, store.id, topic, deliveryIds, mapShopifyProduct(payload));
    case 'fulfillments/create':
    case 'fulfillments/update': {
      const claim = (trx: Kysely<Database>) => claimDelivery(trx, store.id, topic, deliveryIds);
      const answer = await receiveFulfillment(db, store.id, claim, mapShopifyFulfillment(payload), receivedAt);
      return result(answer.outcome, topic, answer);
    }
  }
}

/**
 * The ids that make a delivery a duplicate. The event id is scoped by topic: Shopify sends one
 * event to each subscription with the same id, and scoping keeps a delivery of another topic that
 * might share the event from being taken for a copy (each topic's effect is idempotent anyway).
 */
function deliveryIdsOf(topic: ShopifyWebhookTopic, input: ReceiveShopifyWebhookInput): string[] {
  const ids: string[] = [];
  if (input.eventId) ids.push(`event:${topic}:${input.eventId}`);
  if (input.webhookId) ids.push(`webhook:${input.webhookId}`);
  return ids;
}

/** Claims every id; false when any was claimed before. */
async function claimDelivery(
  trx: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
): Promise<boolean> {
  for (const deliveryId of deliveryIds) {
    if (!(await claimWebhookDelivery(trx, storeId, deliveryId, topic))) return false;
  }
  return true;
}

function result(
  outcome: ShopifyWebhookOutcome,
  topic: ShopifyWebhookTopic,
  ids: { customerId?: string | null; orderId?: string | null; reason?: string; warning?: string } = {},
): ReceiveShopifyWebhookResult {
  return {
    outcome,
    topic,
    customerId: ids.customerId ?? null,
    orderId: ids.orderId ?? null,
    ...(ids.reason ? { reason: ids.reason } : {}),
    ...(ids.warning ? { warning: ids.warning } : {}),
  };
}

/**
 * Thrown inside a delivery's transaction when its payload turns out older than what is stored: the
 * transaction rolls back, so nothing it wrote before finding out (the delivery's claim included)
 * stays, and the delivery answers 'stale'.
 */
class StalePayload extends Error {
  constructor(readonly answer: ReceiveShopifyWebhookResult) {
    super('stale payload');
  }
}

/** Runs a delivery's transaction; a StalePayload thrown inside rolls it back and is the answer. */
async function unlessStale(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<ReceiveShopifyWebhookResult>,
): Promise<ReceiveShopifyWebhookResult> {
  try {
    return await inTransaction(db, work);
  } catch (error) {
    if (error instanceof StalePayload) return error.answer;
    throw error;
  }
}

/** The warning a delivery answers when an order's refunds sum past its total. */
function overRefundWarning(order: { readonly totalMinor: number; readonly overRefundedMinor: number }): string {
  return (
    `the order's refunds exceed its total of ${order.totalMinor} minor units by ${order.overRefundedMinor}: ` +
    `the refunded amount is capped at the total and the excess kept in over_refunded_minor`
  );
}

/** Whether a payload's updated_at is older than the stored version (a UTC instant). */
function isOlder(updatedAt: string | null, stored: string | null): boolean {
  return updatedAt !== null && stored !== null && Date.parse(updatedAt) < Date.parse(stored);
}

async function receiveOrder(
  db: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
  change: ShopifyOrderChange,
): Promise<ReceiveShopifyWebhookResult> {
  // A payload older than the stored order changes nothing at all: not the order, and not the
  // customer fields or consent it carries, which are as old. This first look, without a lock or a
  // transaction, answers most stale deliveries cheaply; the transaction below decides again.
  const stored = await findOrderByExternalId(db, storeId, change.order.externalId);
  if (stored && isOlder(change.order.sourceUpdatedAt, stored.sourceUpdatedAt)) {
    return result('stale', topic, { customerId: stored.customerId, orderId: stored.id });
  }
  return unlessStale(db, async (trx) => {
    if (!(await claimDelivery(trx, storeId, topic, deliveryIds))) return result('duplicate', topic);
    // Locks are taken in one order by every path: customer, then order, then refund claims
    // (refunds/create: order, then refund claim; the REST API and imports: customers, then orders).
    // Concurrent deliveries therefore wait for each other and never deadlock. The order's version is
    // compared under its lock BEFORE the customer's profile and consent are touched (the customer
    // lock creates a new customer's row empty; a stale answer rolls it back): a concurrent newer
    // version either committed already (and is seen here) or waits for this transaction.
    await lockCustomerByExternalId(trx, storeId, change.customer);
    const locked = await lockOrderByExternalId(trx, storeId, change.order.externalId);
    if (locked && isOlder(change.order.sourceUpdatedAt, locked.sourceUpdatedAt)) {
      throw new StalePayload(result('stale', topic, { customerId: locked.customerId, orderId: locked.id }));
    }
    // The profile has its own version (the customer's updated_at): an order payload carrying an
    // older snapshot of the customer than the one stored updates the order but not the profile.
    // Consent is still recorded: it is a history dated by its own times (a checkout's consent is the
    // order's own fact), so an older record takes its place in the past and the current one stays.
    const { customer } = await upsertVersionedCustomer(trx, storeId, change.customer);
    for (const consent of change.consent) await recordConsent(trx, storeId, customer.id, consent);
    const { orderId, outcome } = await upsertOrderByExternalId(trx, storeId, {
      ...change.order,
      customerId: customer.id,
    });
    // Only when the order was first stored by a concurrent delivery after the lock above found
    // none: rolling back undoes the customer and consent written meanwhile.
    if (outcome === 'stale') throw new StalePayload(result('stale', topic, { customerId: customer.id, orderId }));
    // The checkout this order completes stops its abandoned-cart reminder, whoever the order's customer is.
    if (change.checkout !== null) await completeCheckout(trx, storeId, change.checkout, change.order);
    // The order's refunded amount counts these refunds: their refunds/create must not add them again.
    await claimWebhookDeliveries(
      trx,
      storeId,
      change.refundIds.map((refundId) => `refund:${refundId}`),
      topic,
    );
    const refunds = capRefunds(change.order.totalMinor, change.order.refundedMinor);
    return result('processed', topic, {
      customerId: customer.id,
      orderId,
      ...(refunds.overRefundedMinor > 0
        ? { warning: overRefundWarning({ totalMinor: change.order.totalMinor, ...refunds }) }
        : {}),
    });
  });
}

function receiveCustomer(
  db: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
  change: ShopifyCustomerChange,
): Promise<ReceiveShopifyWebhookResult> {
  return unlessStale(db, async (trx) => {
    if (!(await claimDelivery(trx, storeId, topic, deliveryIds))) return result('duplicate', topic);
    // Profile fields are versioned by the payload's updated_at: an older payload (a late delivery,
    // or a replay under a new delivery id) is stale and changes nothing, its consent included.
    const { customer, outcome } = await upsertVersionedCustomer(trx, storeId, change.customer);
    if (outcome === 'stale') throw new StalePayload(result('stale', topic, { customerId: customer.id }));
    for (const consent of change.consent) await recordConsent(trx, storeId, customer.id, consent);
    return result('processed', topic, { customerId: customer.id });
  });
}

function receiveRefund(
  db: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
  refund: ShopifyRefund,
): Promise<ReceiveShopifyWebhookResult> {
  return inTransaction(db, async (trx) => {
    if (!(await claimDelivery(trx, storeId, topic, deliveryIds))) return result('duplicate', topic);
    const order = await lockOrderByExternalId(trx, storeId, refund.orderExternalId);
    // The refund is not claimed in either case below, so the order payload that lists it counts it.
    if (!order) {
      return result('ignored', topic, {
        reason: `order ${refund.orderExternalId} is not stored yet; its next orders/updated will count the refund`,
      });
    }
    const amountMinor = refundAmountMinor(refund, order.currency);
    if (amountMinor === null) {
      return result('ignored', topic, {
        customerId: order.customerId,
        orderId: order.id,
        reason: `the refund is not in the order's currency ${order.currency}; the order's next orders/updated will count it at the order's rate`,
      });
    }
    if (!(await claimWebhookDelivery(trx, storeId, `refund:${refund.refundId}`, topic))) {
      return result('duplicate', topic, { customerId: order.customerId, orderId: order.id });
    }
    const next = applyRefund(order, amountMinor, refund.createdAt);
    if (next !== order) await updateOrderRefund(trx, storeId, order.id, next);
    return result('processed', topic, {
      customerId: order.customerId,
      orderId: order.id,
      ...(next.overRefundedMinor > order.overRefundedMinor ? { warning: overRefundWarning(next) } : {}),
    });
  });
}

/** The key of a checkout's 'checkout_started' event (one event per checkout, replaced by each newer version). */
function checkoutEventKey(token: string): string {
  return `shopify-checkout:${token}`;
}

function storedCheckout(row: ShopifyCheckoutRow) {
  return {
    token: row.token,
    recoveryUrl: row.recovery_url,
    lines: JSON.parse(row.lines) as CheckoutLine[],
    currency: row.currency,
    totalMinor: row.total_minor === null ? null : Number(row.total_minor),
    updatedAt: row.source_updated_at,
    completedAt: row.completed_at,
    completedOrderId: row.completed_order_id,
  };
}

async function completeCheckout(
  trx: Kysely<Database>,
  storeId: string,
  checkout: NonNullable<ShopifyOrderChange['checkout']>,
  order: ShopifyOrderChange['order'],
): Promise<void> {
  const completed = await completeCheckouts(trx, storeId, checkout, {
    externalId: order.externalId,
    at: utcInstant(order.orderedAt),
  });
  for (const row of completed) {
    if (row.event_id === null) continue;
    await replaceDerivedEventPayload(
      trx,
      storeId,
      checkoutEventKey(row.token),
      checkoutEvent(storedCheckout(row)).payload,
    );
  }
}

/**
 * checkouts/create and checkouts/update: the checkout's latest version is stored (a stale one, by
 * updated_at, changes nothing), and when it has an email or phone its cart becomes the customer's
 * 'checkout_started' event, which the abandoned-cart flow reminds about (the recovery URL as the
 * cart link). A checkout without contact details is stored and not messaged (`reason` says so).
 */
function receiveCheckout(
  db: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
  change: ShopifyCheckoutChange,
): Promise<ReceiveShopifyWebhookResult> {
  return unlessStale(db, async (trx) => {
    if (!(await claimDelivery(trx, storeId, topic, deliveryIds))) return result('duplicate', topic);
    let customerId: string | null = null;
    if (change.customer !== null) {
      // Customer first, then the checkout: the lock order of every path (receiveOrder explains it).
      await lockCustomerByExternalId(trx, storeId, change.customer);
      const { customer } = await upsertVersionedCustomer(trx, storeId, change.customer);
      for (const consent of change.consent) await recordConsent(trx, storeId, customer.id, consent);
      customerId = customer.id;
    }
    const stored = await upsertCheckoutVersion(trx, {
      store_id: storeId,
      token: change.token,
      checkout_id: change.checkoutId,
      customer_id: customerId,
      email: change.email,
      phone: change.phone,
      recovery_url: change.recoveryUrl,
      currency: change.currency,
      total_minor: change.totalMinor,
      lines: JSON.stringify(change.lines),
      created_at: change.createdAt,
      source_updated_at: change.updatedAt,
      completed_at: change.completedAt,
    });
    // A newer version is stored: rolling back also undoes the customer written from this older one.
    if (stored === null) throw new StalePayload(result('stale', topic, { customerId }));
    if (stored.customer_id === null) {
      return result('processed', topic, {
        reason: 'the checkout has no email or phone yet: it is recorded, and no reminder can be sent',
      });
    }
    const eventId = await replaceDerivedEvent(
      trx,
      storeId,
      stored.customer_id,
      checkoutEventKey(stored.token),
      checkoutEvent(storedCheckout(stored)),
    );
    if (stored.event_id !== eventId) await setCheckoutEvent(trx, storeId, stored.token, eventId);
    return result('processed', topic, {
      customerId: stored.customer_id,
      ...(stored.completed_at !== null ? { reason: 'the checkout is completed: no reminder is sent' } : {}),
    });
  });
}

/**
 * products/create and products/update: each variant with a SKU is the store's product of that SKU,
 * with the product's handle, so messages link to https://{shop}/products/{handle}. Variants
 * without a SKU cannot be matched to order lines; the answer names them (`reason`).
 */
async function receiveProduct(
  db: Kysely<Database>,
  storeId: string,
  topic: ShopifyWebhookTopic,
  deliveryIds: readonly string[],
  change: ShopifyProductChange,
): Promise<ReceiveShopifyWebhookResult> {
  const currency = await storeCurrency(db, storeId);
  // Prices are in the shop's currency, which the payload does not name: known from the store's orders.
  const variants = change.variants.map((variant, i) => ({
    ...variant,
    priceMinor: currency === null ? null : minorUnits(change.prices[i].text, currency, change.prices[i].path),
    currency,
  }));
  return inTransaction(db, async (trx) => {
    if (!(await claimDelivery(trx, storeId, topic, deliveryIds))) return result('duplicate', topic);
    const { written, stale } = await upsertShopifyVariants(trx, storeId, variants);
    const notes = [
      change.withoutSku.length > 0
        ? `${change.withoutSku.length} variant(s) without a SKU not stored (${change.withoutSku.join(', ')})`
        : '',
      stale > 0 ? `${stale} variant(s) already stored from a newer version of the product` : '',
    ].filter((note) => note !== '');
    return result(written === 0 && variants.length > 0 ? 'stale' : 'processed', topic, {
      ...(notes.length > 0 ? { reason: notes.join('; ') } : {}),
    });
  });
}
