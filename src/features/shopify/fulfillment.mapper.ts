import { child, id, invalid, object, optionalString, optionalTimestamp, utcInstant } from './payload-fields.js';

/**
 * A fulfillment, from fulfillments/create and fulfillments/update payloads (the REST Admin API's
 * Fulfillment resource, https://shopify.dev/docs/api/admin-rest/latest/resources/fulfillment).
 * Regulars reads it for one fact: that the parcel reached the customer, which Shopify writes as
 * `shipment_status: "delivered"` (from the carrier's tracking, or the merchant marking it). The
 * payload carries no delivery time of its own: a fulfillment's updated_at is when its status last
 * changed, so a payload that says "delivered" is dated by it.
 */
export interface ShopifyFulfillment {
  readonly fulfillmentId: string;
  readonly orderExternalId: string;
  /** null when the carrier has reported nothing yet. */
  readonly shipmentStatus: string | null;
  /** UTC instant of the payload's updated_at (else created_at; else null: the receipt time is used). */
  readonly changedAt: string | null;
}

export function mapShopifyFulfillment(payload: unknown): ShopifyFulfillment {
  const fulfillment = object(payload, '');
  if (fulfillment.id === undefined || fulfillment.id === null)
    throw invalid(child('', 'id'), 'a fulfillment needs its Shopify id');
  if (fulfillment.order_id === undefined || fulfillment.order_id === null)
    throw invalid(child('', 'order_id'), 'a fulfillment needs the id of its order');
  const changed =
    optionalTimestamp(fulfillment.updated_at, child('', 'updated_at')) ??
    optionalTimestamp(fulfillment.created_at, child('', 'created_at'));
  return {
    fulfillmentId: id(fulfillment.id, child('', 'id')),
    orderExternalId: id(fulfillment.order_id, child('', 'order_id')),
    shipmentStatus: optionalString(fulfillment.shipment_status, child('', 'shipment_status')),
    changedAt: changed === null ? null : utcInstant(changed),
  };
}

/** Whether the fulfillment says its parcel was delivered. */
export function isDelivered(fulfillment: ShopifyFulfillment): boolean {
  return fulfillment.shipmentStatus === 'delivered';
}
