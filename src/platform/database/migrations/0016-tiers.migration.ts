import type { Kysely } from 'kysely';

/**
 * Each customer's loyalty tier (docs/tiers.md). One row per customer who was ever evaluated; a row
 * with tier NULL means "no tier". The row is also the lock an evaluation takes, so two orders of
 * one customer evaluated at once cannot lose an upgrade. The history of changes is the customer's
 * `tier_changed` events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_tiers')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('since', 'text')
    .addColumn('period_end', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tiers_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('customer_tiers_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // The period-end job reads the store's tiers whose period has ended, oldest first.
  await db.schema.createIndex('customer_tiers_period_end').on('customer_tiers').columns(['store_id', 'period_end']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_tiers').execute();
}
