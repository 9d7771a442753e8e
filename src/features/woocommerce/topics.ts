/**
 * The WooCommerce webhook topics Regulars handles (X-WC-Webhook-Topic). Others answer
 * UNSUPPORTED_TOPIC, so a webhook made for the wrong topic shows up in WooCommerce's delivery log
 * instead of being swallowed.
 */
export const WOOCOMMERCE_WEBHOOK_TOPICS = [
  'order.created',
  'order.updated',
  'order.deleted',
  'order.restored',
  'customer.created',
  'customer.updated',
] as const;

export type WooCommerceWebhookTopic = (typeof WOOCOMMERCE_WEBHOOK_TOPICS)[number];

export function isWooCommerceWebhookTopic(topic: unknown): topic is WooCommerceWebhookTopic {
  return (WOOCOMMERCE_WEBHOOK_TOPICS as readonly unknown[]).includes(topic);
}

/**
 * The request WooCommerce sends when a webhook is saved: a form body `webhook_id=N`, without the
 * X-WC-Webhook-* headers (WC_Webhook::deliver_ping). WooCommerce saves the webhook only when the
 * answer is a success.
 */
export function isPing(rawBody: Buffer, topic: string | undefined, signature: string | undefined): boolean {
  return !topic && !signature && /^webhook_id=\d{1,20}$/.test(rawBody.toString('latin1').trim());
}
