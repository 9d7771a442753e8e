export type { ProductTable } from './product.table.js';
export { productRoutes } from './products.route.js';
export type { ShopifyVariantInput } from './product.js';
export { findAllProductHandles, findProductHandles, upsertShopifyVariants } from './product.repository.js';
