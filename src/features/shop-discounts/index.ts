export type { ShopDiscountPushTable, ShopOrderDiscountCodeTable } from './shop-discount.table.js';
export type { ShopDiscountConnection, ShopDiscountTarget } from './shop-discount-target.js';
export { pushShopDiscounts, shopDiscountPushJob } from './push-shop-discounts.service.js';
export { recordOrderDiscountCodes, redeemShopOrderCodes } from './redeem-order-codes.service.js';
export { retryShopDiscountPushes, shopDiscountSyncStatus } from './shop-discount-status.service.js';
export { shopDiscountsRoutes } from './shop-discounts.route.js';
export { registerShopDiscountsCommand } from './shop-discounts.command.js';
export { termShopsCannotHold } from './shop-discount.js';
