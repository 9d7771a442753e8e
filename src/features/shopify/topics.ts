/**
 * The Shopify webhook topics Regulars handles (X-Shopify-Topic). Others answer UNSUPPORTED_TOPIC,
 * so that a subscription made by mistake shows up in Shopify's delivery log instead of being
 * silently swallowed.
 */
export const SHOPIFY_WEBHOOK_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'refunds/create',
  'customers/create',
  'customers/update',
  'checkouts/create',
  'checkouts/update',
  'products/create',
  'products/update',
  // A fulfillment marked delivered is the order's delivery (fulfillment.mapper.ts).
  'fulfillments/create',
  'fulfillments/update',
] as const;

export type ShopifyWebhookTopic = (typeof SHOPIFY_WEBHOOK_TOPICS)[number];

export function isShopifyWebhookTopic(topic: unknown): topic is ShopifyWebhookTopic {
  return (SHOPIFY_WEBHOOK_TOPICS as readonly unknown[]).includes(topic);
}
