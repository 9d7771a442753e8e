import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_records')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('double_opt_in_at', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_records_pkey', ['store_id', 'id'])
    // Foreign keys include store_id: a record can only name a customer of its own store, and Citus
    // accepts the key between co-located tables.
    .addForeignKeyConstraint('consent_records_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // The current consent of a channel is the latest record: this index answers it without a sort.
  await db.schema
    .createIndex('consent_records_customer')
    .on('consent_records')
    .columns(['store_id', 'customer_id', 'channel', 'recorded_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_records').execute();
}
