import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { checkInput, jsonMayHoldNul } from '../../platform/http/input-checks.js';
import { lockCustomerByExternalId, upsertVersionedCustomer } from '../customers/index.js';
import { findOrderByExternalId, lockOrderByExternalId, type Order, upsertOrderByExternalId } from '../orders/index.js';
import { findStore } from '../../platform/stores/store.repository.js';
import { orderDeliveredPayload, recordDerivedEvent } from '../events/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { mapWooCommerceCustomer } from './customer.mapper.js';
import { mapWooCommerceOrder, type WooCommerceOrderChange } from './order.mapper.js';
import { orderCouponCodes } from './order-coupon-codes.js';
import { recordOrderDiscountCodes } from '../shop-discounts/index.js';
import { id, invalid, object } from './payload-fields.js';
import {
  isPing,
  isWooCommerceWebhookTopic,
  WOOCOMMERCE_WEBHOOK_TOPICS,
  type WooCommerceWebhookTopic,
} from './topics.js';
import { verifyWooCommerceSignature } from './verify-signature.js';
import { claimWooCommerceDelivery } from './webhook-delivery.repository.js';
import { findWooCommerceSecret } from './woocommerce-secret.repository.js';

export interface ReceiveWooCommerceWebhookInput {
  readonly storeId: string;
  /** X-WC-Webhook-Topic, e.g. order.updated. */
  readonly topic: string | undefined;
  /** X-WC-Webhook-Delivery-ID: the same on every copy of one delivery. */
  readonly deliveryId?: string | null;
  /** X-WC-Webhook-Signature. */
  readonly signature: string | undefined;
  /** The body exactly as received: the signature covers these bytes. */
  readonly rawBody: Buffer;
  /** When the delivery arrived (ISO 8601); now when omitted. Dates an order.deleted. */
  readonly receivedAt?: string;
}

/**
 * - processed: the delivery's effect is stored.
 * - duplicate: this delivery id was handled before: nothing changed.
 * - stale: the stored order (for customer.*, the stored customer) is a later version: nothing changed.
 * - ignored: nothing to do (order.deleted of an order never stored); `reason` says why.
 * - ping: the request WooCommerce sends when a webhook is saved; nothing changed.
 */
export type WooCommerceWebhookOutcome = 'processed' | 'duplicate' | 'stale' | 'ignored' | 'ping';

export interface ReceiveWooCommerceWebhookResult {
  readonly outcome: WooCommerceWebhookOutcome;
  /** The topic handled; '' for a ping. */
  readonly topic: WooCommerceWebhookTopic | '';
  readonly customerId: string | null;
  readonly orderId: string | null;
  /** For orders: whether the order, as stored now, counts as a purchase. */
  readonly purchase?: boolean;
  readonly reason?: string;
}

/**
 * Receives one WooCommerce webhook for a store (docs/integrations.md). In this order:
 * 1. the store and its WooCommerce secret (WEBHOOK_NOT_CONFIGURED);
 * 2. the ping WooCommerce sends when a webhook is saved: answered without a change;
 * 3. the signature over the raw bytes, before anything reads them (INVALID_SIGNATURE, nothing changed);
 * 4. the topic (UNSUPPORTED_TOPIC);
 * 5. the payload, parsed losslessly, checked like every body and mapped, all before any write
 *    (VALIDATION_FAILED with details.path);
 * 6. one transaction that claims the delivery id and makes its effect, so a duplicate changes
 *    nothing, a failure leaves no claim, and concurrent copies have one effect.
 */
export async function receiveWooCommerceWebhook(
  db: Kysely<Database>,
  input: ReceiveWooCommerceWebhookInput,
): Promise<ReceiveWooCommerceWebhookResult> {
  const store = await findStore(db, input.storeId);
  const secret = store ? await findWooCommerceSecret(db, store.id) : null;
  if (!store || secret === null) {
    throw new RegularsError(
      'WEBHOOK_NOT_CONFIGURED',
      `store ${input.storeId} does not exist or has no WooCommerce secret`,
      { storeId: input.storeId },
    );
  }
  if (isPing(input.rawBody, input.topic, input.signature)) {
    return { outcome: 'ping', topic: '', customerId: null, orderId: null };
  }
  if (!verifyWooCommerceSignature(input.rawBody, secret, input.signature)) {
    throw new RegularsError(
      'INVALID_SIGNATURE',
      input.signature
        ? "X-WC-Webhook-Signature does not match the body signed with the store's WooCommerce secret"
        : 'the X-WC-Webhook-Signature header is missing',
      {},
    );
  }
  const topic = input.topic;
  if (!isWooCommerceWebhookTopic(topic)) {
    throw new RegularsError(
      'UNSUPPORTED_TOPIC',
      `Regulars does not handle the WooCommerce webhook topic ${JSON.stringify(topic ?? '')}; it handles ${WOOCOMMERCE_WEBHOOK_TOPICS.join(', ')}`,
      { topic: topic ?? null },
    );
  }
  const payload = parseJsonLossless(input.rawBody.toString('utf8'));
  checkInput(payload, 'body', { mayHoldNul: jsonMayHoldNul(input.rawBody) });
  const receivedAt = input.receivedAt ?? new Date().toISOString();
  const delivery = { storeId: store.id, topic, deliveryId: input.deliveryId ?? null };

  switch (topic) {
    case 'order.created':
    case 'order.updated':
    case 'order.restored': {
      const change = mapWooCommerceOrder(payload);
      // The codes used at WooCommerce's checkout, recorded before the order: the rewards sync
      // redeems those that are Regulars coupons once the order is stored (docs/integrations.md).
      await recordOrderDiscountCodes(
        db,
        store.id,
        { orderId: change.order.externalId, codes: orderCouponCodes(payload), platform: 'woocommerce' },
        receivedAt,
      );
      return receiveOrder(db, delivery, change);
    }
    case 'order.deleted': {
      const body = object(payload, '');
      if (body.id === undefined || body.id === null) throw invalid('/id', 'a deleted order needs its id');
      return deleteOrder(db, delivery, id(body.id, '/id'), receivedAt);
    }
    case 'customer.created':
    case 'customer.updated':
      return receiveCustomer(db, delivery, mapWooCommerceCustomer(payload));
  }
}

/**
 * Records an order from the REST API (the backfill) exactly as a webhook's order.updated would,
 * without a delivery id: the version rule alone makes a repeated page harmless.
 */
export function recordWooCommerceOrder(
  db: Kysely<Database>,
  storeId: string,
  change: WooCommerceOrderChange,
): Promise<ReceiveWooCommerceWebhookResult> {
  return receiveOrder(db, { storeId, topic: 'order.updated', deliveryId: null }, change);
}

interface Delivery {
  readonly storeId: string;
  readonly topic: WooCommerceWebhookTopic;
  readonly deliveryId: string | null;
}

function result(
  outcome: WooCommerceWebhookOutcome,
  topic: WooCommerceWebhookTopic,
  fields: { customerId?: string | null; orderId?: string | null; purchase?: boolean; reason?: string } = {},
): ReceiveWooCommerceWebhookResult {
  return {
    outcome,
    topic,
    customerId: fields.customerId ?? null,
    orderId: fields.orderId ?? null,
    ...(fields.purchase === undefined ? {} : { purchase: fields.purchase }),
    ...(fields.reason ? { reason: fields.reason } : {}),
  };
}

/** Thrown inside a delivery's transaction when its payload is older than what is stored: rolls it all back. */
class StalePayload extends Error {
  constructor(readonly answer: ReceiveWooCommerceWebhookResult) {
    super('stale payload');
  }
}

async function unlessStale(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<ReceiveWooCommerceWebhookResult>,
): Promise<ReceiveWooCommerceWebhookResult> {
  try {
    return await inTransaction(db, work);
  } catch (error) {
    if (error instanceof StalePayload) return error.answer;
    throw error;
  }
}

async function claim(trx: Kysely<Database>, delivery: Delivery): Promise<boolean> {
  return delivery.deliveryId === null
    ? true
    : claimWooCommerceDelivery(trx, delivery.storeId, delivery.deliveryId, delivery.topic);
}

/** Whether a version is older than the stored one (both UTC instants as toISOString writes them). */
function isOlder(version: string | null, stored: string | null): boolean {
  return version !== null && stored !== null && Date.parse(version) < Date.parse(stored);
}

function isPurchaseStatus(status: Order['status']): boolean {
  return status === 'paid' || status === 'partially_refunded';
}

async function receiveOrder(
  db: Kysely<Database>,
  delivery: Delivery,
  change: WooCommerceOrderChange,
): Promise<ReceiveWooCommerceWebhookResult> {
  const { storeId, topic } = delivery;
  // A payload older than the stored order changes nothing, its customer snapshot included. This
  // look without a lock answers most stale deliveries cheaply; the transaction decides again.
  const stored = await findOrderByExternalId(db, storeId, change.order.externalId);
  if (stored && isOlder(change.order.sourceUpdatedAt, stored.sourceUpdatedAt))
    return result('stale', topic, { customerId: stored.customerId, orderId: stored.id });
  return unlessStale(db, async (trx) => {
    if (!(await claim(trx, delivery))) return result('duplicate', topic);
    // Locks in the order every writer takes them: customer, then order (as the Shopify receiver).
    await lockCustomerByExternalId(trx, storeId, change.customer);
    const locked = await lockOrderByExternalId(trx, storeId, change.order.externalId);
    if (locked && isOlder(change.order.sourceUpdatedAt, locked.sourceUpdatedAt))
      throw new StalePayload(result('stale', topic, { customerId: locked.customerId, orderId: locked.id }));
    const { customer } = await upsertVersionedCustomer(trx, storeId, change.customer);
    const { orderId, outcome } = await upsertOrderByExternalId(trx, storeId, {
      ...change.order,
      customerId: customer.id,
    });
    if (outcome === 'stale') throw new StalePayload(result('stale', topic, { customerId: customer.id, orderId }));
    // WooCommerce reports no delivery: an order completed is the nearest signal (many shops complete
    // it when it ships, some when it arrives), so it stands for the delivery that times the NPS
    // survey (docs/surveys.md), once per order.
    if (change.completedAt !== null && isPurchaseStatus(change.order.status))
      await recordDerivedEvent(trx, storeId, customer.id, `woocommerce-completed:${change.order.externalId}`, {
        kind: 'custom',
        occurredAt: change.completedAt,
        payload: orderDeliveredPayload(change.order.externalId, 'woocommerce'),
      });
    return result('processed', topic, {
      customerId: customer.id,
      orderId,
      purchase: isPurchaseStatus(change.order.status),
    });
  });
}

/**
 * order.deleted carries only the order's id (WooCommerce sends it when an order is trashed or
 * deleted): the stored order stops being a purchase. It is kept, cancelled, so an order.restored
 * brings it back; the deletion is dated by its arrival and becomes the order's version, so an
 * order.updated older than it cannot revive the order. (WooCommerce moves date_modified when it
 * restores an order, so the restore is newer.)
 */
async function deleteOrder(
  db: Kysely<Database>,
  delivery: Delivery,
  externalId: string,
  receivedAt: string,
): Promise<ReceiveWooCommerceWebhookResult> {
  const { storeId, topic } = delivery;
  return inTransaction(db, async (trx) => {
    if (!(await claim(trx, delivery))) return result('duplicate', topic);
    const locked = await lockOrderByExternalId(trx, storeId, externalId);
    if (!locked) return result('ignored', topic, { reason: `order ${externalId} is not stored: nothing to remove` });
    const order = await findOrderByExternalId(trx, storeId, externalId);
    if (!order) return result('ignored', topic, { reason: `order ${externalId} is not stored: nothing to remove` });
    const at = new Date(Date.parse(receivedAt)).toISOString();
    const version = isOlder(at, order.sourceUpdatedAt) ? order.sourceUpdatedAt : at;
    const { orderId } = await upsertOrderByExternalId(trx, storeId, {
      externalId: order.externalId,
      customerId: order.customerId,
      orderedAt: order.orderedAt,
      orderDay: order.orderDay,
      currency: order.currency,
      subtotalMinor: order.subtotalMinor,
      discountMinor: order.discountMinor,
      shippingMinor: order.shippingMinor,
      totalMinor: order.totalMinor,
      refundedMinor: order.refundedMinor + order.overRefundedMinor,
      status: 'cancelled',
      cancelledAt: order.cancelledAt ?? at,
      sourceUpdatedAt: version,
      lines: order.lines.map(({ sku, title, category, quantity, priceMinor, totalMinor }) => ({
        sku,
        title,
        category,
        quantity,
        priceMinor,
        totalMinor,
      })),
    });
    return result('processed', topic, { customerId: order.customerId, orderId, purchase: false });
  });
}

function receiveCustomer(
  db: Kysely<Database>,
  delivery: Delivery,
  customerInput: ReturnType<typeof mapWooCommerceCustomer>,
): Promise<ReceiveWooCommerceWebhookResult> {
  const { storeId, topic } = delivery;
  return unlessStale(db, async (trx) => {
    if (!(await claim(trx, delivery))) return result('duplicate', topic);
    // date_modified_gmt versions the profile: an older payload changes nothing.
    const { customer, outcome } = await upsertVersionedCustomer(trx, storeId, customerInput);
    if (outcome === 'stale') throw new StalePayload(result('stale', topic, { customerId: customer.id }));
    return result('processed', topic, { customerId: customer.id });
  });
}
