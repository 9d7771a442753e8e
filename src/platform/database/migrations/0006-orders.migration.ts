import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('order_day', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // bigint: 2^31 minor units is only 21 million in currencies with cents, and far less in IDR.
    .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('shipping_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('source_updated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('orders_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // The upsert's conflict target: one row per source order, however often it is delivered.
  await db.schema.createIndex('orders_external_id').unique().on('orders').columns(['store_id', 'external_id']).execute();
  // Per-customer summaries and the customer 360 read a customer's orders in day order.
  await db.schema.createIndex('orders_customer').on('orders').columns(['store_id', 'customer_id', 'order_day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('orders').execute();
}
