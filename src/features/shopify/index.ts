export type { WebhookDeliveryTable } from './webhook-delivery.table.js';
export { shopifyWebhookRoutes } from './shopify-webhook.route.js';
export type { ShopifyDataRequestTable, ShopifyInstallationTable, ShopifyOAuthStateTable } from './shopify-app.table.js';
