import type { Kysely } from 'kysely';

/**
 * Subscriptions (docs/subscriptions.md): the store's offers with their terms, each customer's
 * subscriptions (term, price fixed at the start, next delivery, status), and every change with its
 * reason, kept for the churn-reason report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscription_offers')
    .addColumn('store_id', 'text', (c) => c.notNull())
    // The store's name for the offer (lower case): its identity in the API.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('base_monthly_minor', 'bigint', (c) => c.notNull())
    .addColumn('delivery_interval_months', 'integer', (c) => c.notNull())
    // JSON: [{ months, discountBasisPoints, monthlyMinor }], sorted by months.
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_offers_pkey', ['store_id', 'code'])
    .addForeignKeyConstraint('subscription_offers_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('subscription_offers_sku').on('subscription_offers').columns(['store_id', 'sku']).execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('offer_code', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    // The price agreed at the start: a later change of the offer does not reprice it.
    .addColumn('monthly_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('delivery_interval_months', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Calendar dates YYYY-MM-DD.
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('commitment_ends_on', 'text', (c) => c.notNull())
    .addColumn('anchor_on', 'text', (c) => c.notNull())
    .addColumn('delivery_index', 'integer', (c) => c.notNull())
    .addColumn('next_delivery_on', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('cancelled_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('cancel_reason', 'text')
    // Raised by every locked change: the UPDATE that raises it is the row lock (subscription.repository.ts).
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('subscriptions_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .addForeignKeyConstraint('subscriptions_offer_fkey', ['store_id', 'offer_code'], 'subscription_offers', ['store_id', 'code'])
    .execute();
  await db.schema.createIndex('subscriptions_customer').on('subscriptions').columns(['store_id', 'customer_id']).execute();
  await db.schema.createIndex('subscriptions_status').on('subscriptions').columns(['store_id', 'status', 'paused_until']).execute();

  await db.schema
    .createTable('subscription_changes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 'started', 'skipped', 'paused', 'resumed', 'cancelled'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('from_next_delivery', 'text')
    .addColumn('to_next_delivery', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_changes_pkey', ['store_id', 'subscription_id', 'seq'])
    .addForeignKeyConstraint('subscription_changes_subscription_fkey', ['store_id', 'subscription_id'], 'subscriptions', ['store_id', 'id'])
    .execute();
  // The churn-reason report reads a store's changes by time.
  await db.schema.createIndex('subscription_changes_time').on('subscription_changes').columns(['store_id', 'changed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscription_changes').execute();
  await db.schema.dropTable('subscriptions').execute();
  await db.schema.dropTable('subscription_offers').execute();
}
