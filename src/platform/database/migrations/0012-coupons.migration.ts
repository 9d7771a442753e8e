import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coupons')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('min_subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('usage_limit', 'integer')
    .addColumn('per_customer_limit', 'integer')
    // The counter the limit is enforced on, changed only under the coupon's row lock (coupon.repository.ts).
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupons_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('coupons_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('coupons_code').unique().on('coupons').columns(['store_id', 'code']).execute();

  await db.schema
    .createTable('coupon_redemptions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'text', (c) => c.notNull())
    // The order's external id: a coupon is redeemed at checkout, before the order reaches Regulars.
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text', (c) => c.notNull())
    // The primary key is the idempotency check: one redemption of a coupon per order.
    .addPrimaryKeyConstraint('coupon_redemptions_pkey', ['store_id', 'coupon_id', 'order_id'])
    .addForeignKeyConstraint('coupon_redemptions_coupon_fkey', ['store_id', 'coupon_id'], 'coupons', ['store_id', 'id'])
    .execute();
  // Counts one customer's redemptions of a coupon (the per-customer limit) without a scan.
  await db.schema.createIndex('coupon_redemptions_customer').on('coupon_redemptions').columns(['store_id', 'coupon_id', 'customer_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('coupon_redemptions').execute();
  await db.schema.dropTable('coupons').execute();
}
