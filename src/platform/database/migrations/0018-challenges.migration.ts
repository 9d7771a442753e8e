import type { Kysely } from 'kysely';

/** Personal challenges (docs/challenges.md): one row per challenge offered to a customer. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('challenges')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_orders', 'integer', (c) => c.notNull())
    .addColumn('target_days', 'integer')
    .addColumn('target_category', 'text')
    // Store calendar day numbers (days since 1970-01-01), the unit of orders.order_day; both inclusive.
    .addColumn('window_start_day', 'integer', (c) => c.notNull())
    .addColumn('deadline_day', 'integer', (c) => c.notNull())
    .addColumn('bonus_points', 'integer', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // YYYY-MM-DD of the Monday of the issuing week: with the unique index below, a run repeated in
    // the same week (or two at once) issues a challenge once.
    .addColumn('issued_week', 'text', (c) => c.notNull())
    // JSON object: the habit the target came from.
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('expired_at', 'text')
    .addPrimaryKeyConstraint('challenges_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('challenges_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // One challenge per customer, kind and week; also serves reading one customer's challenges.
  await db.schema.createIndex('challenges_issued').unique().on('challenges').columns(['store_id', 'customer_id', 'kind', 'issued_week']).execute();
  // The expiry job finds offered challenges past their deadline without a scan.
  await db.schema.createIndex('challenges_open').on('challenges').columns(['store_id', 'status', 'deadline_day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('challenges').execute();
}
