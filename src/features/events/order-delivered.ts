import { RegularsError } from '../../platform/errors.js';

/**
 * An order reached its customer: a `custom` event named `order.delivered` whose payload names the
 * order by the store's own id (`orderId`, as the order was imported). The store posts it through
 * POST /v1/events, or Regulars records it from a platform's own signal (a Shopify fulfillment marked
 * delivered, a WooCommerce order completed). The NPS flow times its survey from it (docs/surveys.md).
 */
export const ORDER_DELIVERED = 'order.delivered';

/** The longest order id a delivery names (the ids Shopify and WooCommerce send are far shorter). */
const MAX_ORDER_ID = 100;

/** Where a delivery signal came from: the events API, or a platform's webhook. */
export type DeliverySource = 'api' | 'shopify' | 'woocommerce';

/** The payload Regulars stores for a delivery it derives from a platform's signal. */
export function orderDeliveredPayload(orderId: string, source: DeliverySource): Record<string, unknown> {
  return { name: ORDER_DELIVERED, orderId, source };
}

/** Whether an event's payload is an order.delivered one (by its name only). */
export function isOrderDelivered(payload: Readonly<Record<string, unknown>>): boolean {
  return payload.name === ORDER_DELIVERED;
}

/** The order id an order.delivered payload names, or null when it names none usable. */
export function deliveredOrderId(payload: Readonly<Record<string, unknown>>): string | null {
  const orderId = payload.orderId;
  return typeof orderId === 'string' && orderId.trim() !== '' && orderId.length <= MAX_ORDER_ID ? orderId : null;
}

/**
 * Refuses an order.delivered event posted without a usable order id: the survey it would time could
 * never find its order, so it is refused where it is posted rather than kept and silently unused.
 */
export function checkOrderDeliveredPayload(payload: Readonly<Record<string, unknown>>): void {
  if (!isOrderDelivered(payload) || deliveredOrderId(payload) !== null) return;
  throw new RegularsError(
    'INVALID_ARGUMENT',
    `an ${ORDER_DELIVERED} event names its order by the store's own id: payload.orderId must be a non-empty string of at most ${MAX_ORDER_ID} characters (JSON numbers lose digits), not ${JSON.stringify(payload.orderId ?? null)}`,
    { field: 'payload.orderId' },
  );
}
