export { wooCommerceWebhookRoutes } from './woocommerce-webhook.route.js';
export { setWooCommerceSecret, wooCommerceSecretStatus } from './woocommerce-secret.service.js';
export { registerWooCommerceCommand } from './woocommerce.command.js';
export { wooCommerceDiscountTarget } from './woocommerce-discount-target.service.js';
export { connectWooCommerce, wooCommerceConnectionStatus } from './woocommerce-connection.service.js';
export { importWooCommerceCsv, type WooCommerceCsvImportResult } from './import-woocommerce-csv.service.js';
