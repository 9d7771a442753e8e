import type { Insertable, Selectable } from 'kysely';

/** Webhook deliveries already handled, so a redelivery (same X-Shopify-Event-Id) has no second effect. */
export interface WebhookDeliveryTable {
  store_id: string;
  delivery_id: string;
  topic: string;
  received_at: string;
}

export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type NewWebhookDeliveryRow = Insertable<WebhookDeliveryTable>;
