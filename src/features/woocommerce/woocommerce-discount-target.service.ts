import type { Kysely } from 'kysely';
import type { Coupon } from '../coupons/index.js';
import { findCustomerByExternalId } from '../customers/index.js';
import type { ShopDiscountConnection, ShopDiscountTarget } from '../shop-discounts/index.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { createShopCoupon, findShopCoupon, type WooCommerceApi } from './woocommerce-api.adapter.js';
import { isOwnWooCoupon, wooCouponFor } from './woocommerce-coupon.js';
import { type SealingKeys, storedWooCommerceApi } from './woocommerce-connection.service.js';

/** The bound customer's address, however the shop's id reaches them (their own id, or one attached to them). */
async function customerEmail(db: Kysely<Database>, storeId: string, customerId: string | null): Promise<string | null> {
  if (customerId === null) return null;
  if (customerId.startsWith('email:')) return customerId.slice('email:'.length);
  return (await findCustomerByExternalId(db, storeId, customerId))?.email ?? null;
}

function wooConnection(db: Kysely<Database>, storeId: string, api: WooCommerceApi): ShopDiscountConnection {
  return {
    async push(coupon: Coupon) {
      const plan = wooCouponFor(coupon, await customerEmail(db, storeId, coupon.customerId));
      if (!plan.ok)
        throw new RegularsError('SHOP_DISCOUNT_UNSUPPORTED', plan.reason, { couponId: coupon.id, code: coupon.code });
      // Looked up first: an attempt that created the coupon and crashed before recording it is found
      // here, so a retry never makes a second one.
      const found = await findShopCoupon(api, coupon.code);
      if (found) {
        if (isOwnWooCoupon(found.description, coupon)) return { remoteId: String(found.id), created: false };
        throw new RegularsError(
          'SHOP_DISCOUNT_CODE_TAKEN',
          `the shop already has a coupon with the code ${coupon.code} (id ${found.id}) that Regulars did not make`,
          { couponId: coupon.id, remoteId: String(found.id) },
        );
      }
      const created = await createShopCoupon(api, plan.body);
      return { remoteId: String(created.id), created: true };
    },
  };
}

/**
 * WooCommerce as a shop the discount queue pushes to: a store is connected once its REST keys are
 * stored (`regulars woocommerce connect`), opened with REGULARS_SECRET_KEY (`keys`). `allowHttpLoopback` lets tests reach a fake shop on
 * 127.0.0.1 over plain http; the server never sets it.
 */
export function wooCommerceDiscountTarget(
  keys: () => SealingKeys = () => loadConfig().shopify,
  options: { allowHttpLoopback?: boolean } = {},
): ShopDiscountTarget {
  return {
    platform: 'woocommerce',
    async connect(db: Kysely<Database>, storeId: string) {
      const api = await storedWooCommerceApi(db, keys(), storeId, new Date().toISOString());
      if (api === null) return null;
      return wooConnection(db, storeId, { ...api, allowHttpLoopback: options.allowHttpLoopback === true });
    },
  };
}
