export type { WebhookDeliveryTable } from './webhook-delivery.table.js';
export { shopifyWebhookRoutes } from './shopify-webhook.route.js';
export type { ShopifyBackfillTable } from './shopify-backfill.table.js';
export { registerShopifyBackfillCommand } from './backfill.command.js';
export { backfillShopify } from './backfill-shopify.service.js';
export type { ShopifyCheckoutTable } from './shopify-checkout.table.js';
export type { ShopifyDataRequestTable, ShopifyInstallationTable, ShopifyOAuthStateTable } from './shopify-app.table.js';
export { shopifyAppRoutes, shopifyCallbackRoutes } from './shopify-app.route.js';
export { registerShopifyCommand } from './shopify.command.js';
