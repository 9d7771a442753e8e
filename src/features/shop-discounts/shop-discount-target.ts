import type { Kysely } from 'kysely';
import type { Coupon } from '../coupons/index.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * What the queue needs of a shop platform (Shopify, WooCommerce next), declared here and
 * implemented by the platform's feature: whether a store is connected, and how to create one coupon
 * there idempotently.
 */
export interface ShopDiscountTarget {
  /** 'shopify': the queue's `platform` column. */
  readonly platform: string;
  /** The store's shop, or null when the store is not connected to this platform (nothing is queued then). */
  connect(db: Kysely<Database>, storeId: string): Promise<ShopDiscountConnection | null>;
}

export interface ShopDiscountConnection {
  /**
   * Creates the coupon in the shop unless it is there already (made by an earlier attempt that
   * crashed before it was recorded): then its id is answered with created false. Throws a
   * RegularsError: SHOP_DISCOUNT_UNSUPPORTED, SHOP_DISCOUNT_CODE_TAKEN, SHOP_DISCOUNT_REFUSED, or
   * the platform's transport error.
   */
  push(coupon: Coupon, now: string): Promise<{ readonly remoteId: string; readonly created: boolean }>;
}
