export type { WebhookDeliveryTable } from './webhook-delivery.table.js';
export { shopifyWebhookRoutes } from './shopify-webhook.route.js';
export type { ShopifyCheckoutTable } from './shopify-checkout.table.js';
