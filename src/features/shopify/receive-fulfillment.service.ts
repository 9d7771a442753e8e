import type { Kysely } from 'kysely';
import { isDelivered, type ShopifyFulfillment } from './fulfillment.mapper.js';
import { orderDeliveredPayload, recordDerivedEvent } from '../events/index.js';
import { findOrderByExternalId } from '../orders/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { ShopifyWebhookOutcome } from './receive-shopify-webhook.service.js';

export interface FulfillmentAnswer {
  readonly outcome: ShopifyWebhookOutcome;
  readonly customerId?: string | null;
  readonly orderId?: string | null;
  readonly reason?: string;
}

/**
 * fulfillments/create and fulfillments/update: a fulfillment whose shipment_status is "delivered"
 * becomes the order's customer's `order.delivered` event (docs/surveys.md), which times the NPS
 * survey. One event per fulfillment, whatever Shopify redelivers: its id is derived from the
 * fulfillment's, and the first "delivered" payload's instant stays. Any other status is answered
 * 'ignored' with the reason, as is a delivery of an order Regulars has not stored (its survey then
 * falls back to the days after the order).
 */
export function receiveFulfillment(
  db: Kysely<Database>,
  storeId: string,
  claim: (trx: Kysely<Database>) => Promise<boolean>,
  fulfillment: ShopifyFulfillment,
  receivedAt: string,
): Promise<FulfillmentAnswer> {
  return inTransaction(db, async (trx) => {
    if (!(await claim(trx))) return { outcome: 'duplicate' };
    if (!isDelivered(fulfillment)) {
      return {
        outcome: 'ignored',
        reason: `shipment_status is ${fulfillment.shipmentStatus ?? 'not set'}: only a delivered fulfillment is recorded`,
      };
    }
    const order = await findOrderByExternalId(trx, storeId, fulfillment.orderExternalId);
    if (order === null) {
      return {
        outcome: 'ignored',
        reason: `order ${fulfillment.orderExternalId} is not stored: its delivery cannot be recorded, and its survey counts from the order`,
      };
    }
    const recorded = await recordDerivedEvent(
      trx,
      storeId,
      order.customerId,
      `shopify-fulfillment-delivered:${fulfillment.fulfillmentId}`,
      {
        kind: 'custom',
        occurredAt: fulfillment.changedAt ?? receivedAt,
        payload: orderDeliveredPayload(fulfillment.orderExternalId, 'shopify'),
      },
    );
    return {
      outcome: recorded ? 'processed' : 'duplicate',
      customerId: order.customerId,
      orderId: order.id,
      ...(recorded ? {} : { reason: `fulfillment ${fulfillment.fulfillmentId} was recorded as delivered before` }),
    };
  });
}
