import type { Kysely } from 'kysely';

/**
 * Per-customer metrics and predictions for segments (docs/segments.md, "Metrics"): one row per
 * customer with a purchase, rewritten by refreshCustomerMetrics, plus one row per store that keeps
 * the refresh's fitted model and population cut-offs, so one customer can be brought up to date
 * after an order without refitting.
 *
 * Probabilities and expectations are floats: 'double precision' is float8 on PostgreSQL and a REAL
 * (8-byte IEEE) column on SQLite, so both dialects hold the same value the model computed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_metrics')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    // Day numbers (days since 1970-01-01 of the store's calendar, like orders.order_day).
    .addColumn('as_of_day', 'integer', (c) => c.notNull())
    .addColumn('orders_count', 'integer', (c) => c.notNull())
    .addColumn('purchase_days', 'integer', (c) => c.notNull())
    .addColumn('total_spent_minor', 'bigint', (c) => c.notNull())
    // The one currency of the customer's purchases; NULL when they bought in several.
    .addColumn('currency', 'text')
    .addColumn('first_order_day', 'integer', (c) => c.notNull())
    .addColumn('last_order_day', 'integer', (c) => c.notNull())
    .addColumn('avg_interval_days', 'double precision')
    .addColumn('rfm_recency', 'integer', (c) => c.notNull())
    .addColumn('rfm_frequency', 'integer', (c) => c.notNull())
    .addColumn('rfm_monetary', 'integer', (c) => c.notNull())
    .addColumn('rfm_segment', 'text', (c) => c.notNull())
    .addColumn('value_percentile', 'integer', (c) => c.notNull())
    .addColumn('p_alive', 'double precision')
    .addColumn('p_alive_previous', 'double precision')
    .addColumn('p_alive_previous_day', 'integer')
    .addColumn('expected_orders', 'double precision')
    .addColumn('predicted_clv_minor', 'bigint')
    .addColumn('expected_next_order_day', 'integer')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_metrics_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('customer_metrics_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // The refresh removes the rows it did not rewrite (customers whose purchases were all cancelled).
  await db.schema.createIndex('customer_metrics_computed').on('customer_metrics').columns(['store_id', 'computed_at']).execute();

  await db.schema
    .createTable('customer_metric_runs')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('as_of_day', 'integer', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    // JSON StoreModel (fitted BG/NBD and Gamma-Gamma parameters), or NULL with the reason in note.
    .addColumn('model', 'text')
    .addColumn('note', 'text')
    // JSON: RFM thresholds and value-percentile cut-offs of the population.
    .addColumn('cutoffs', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_metric_runs_pkey', ['store_id'])
    .addForeignKeyConstraint('customer_metric_runs_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_metric_runs').execute();
  await db.schema.dropTable('customer_metrics').execute();
}
