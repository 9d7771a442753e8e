import type { Kysely } from 'kysely';

/**
 * Coupon rules and reservations (issue 5): the terms added to coupons (scope, one customer,
 * eligibility, combination), the count of reservations held against the usage limit, the
 * reservations themselves, and the release of a redemption when its order is cancelled.
 * ALTER TABLE ... ADD COLUMN with a constant default builds the same columns on both dialects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON lists of text (null: no scope, the whole cart).
  await db.schema.alterTable('coupons').addColumn('scope_skus', 'text').execute();
  await db.schema.alterTable('coupons').addColumn('scope_categories', 'text').execute();
  // The store's external customer id the coupon is bound to; null for anyone.
  await db.schema.alterTable('coupons').addColumn('customer_id', 'text').execute();
  // JSON lists of names; '[]' for no condition.
  await db.schema.alterTable('coupons').addColumn('eligible_tiers', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('coupons').addColumn('eligible_segments', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // 0 or 1.
  await db.schema.alterTable('coupons').addColumn('combinable', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Reservations counted against usage_limit (uses + held <= usage_limit), changed under the coupon's row lock.
  await db.schema.alterTable('coupons').addColumn('held', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('coupon_reservations')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'text', (c) => c.notNull())
    // The checkout's cart id: one reservation of a coupon per cart.
    .addColumn('cart_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('reserved_at', 'text', (c) => c.notNull())
    // The reservation stops counting at this instant (compared as UTC text).
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupon_reservations_pkey', ['store_id', 'coupon_id', 'cart_id'])
    .addForeignKeyConstraint('coupon_reservations_coupon_fkey', ['store_id', 'coupon_id'], 'coupons', ['store_id', 'id'])
    .execute();
  // The job's sweep of a store's expired reservations (one coupon's are found by the primary key's prefix).
  await db.schema.createIndex('coupon_reservations_expiry').on('coupon_reservations').columns(['store_id', 'expires_at']).execute();
  // A cart's other reservations (combination rules).
  await db.schema.createIndex('coupon_reservations_cart').on('coupon_reservations').columns(['store_id', 'cart_id']).execute();

  // Set once when the redemption's order is cancelled and its use given back.
  await db.schema.alterTable('coupon_redemptions').addColumn('released_at', 'text').execute();
  // The cart whose reservation the redemption converted, if any.
  await db.schema.alterTable('coupon_redemptions').addColumn('cart_id', 'text').execute();
  // An order's redemptions (release on cancel, combination rules).
  await db.schema.createIndex('coupon_redemptions_order').on('coupon_redemptions').columns(['store_id', 'order_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('coupon_redemptions_order').execute();
  await db.schema.alterTable('coupon_redemptions').dropColumn('cart_id').execute();
  await db.schema.alterTable('coupon_redemptions').dropColumn('released_at').execute();
  await db.schema.dropTable('coupon_reservations').execute();
  for (const column of ['held', 'combinable', 'eligible_segments', 'eligible_tiers', 'customer_id', 'scope_categories', 'scope_skus']) {
    await db.schema.alterTable('coupons').dropColumn(column).execute();
  }
}
