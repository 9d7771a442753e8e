import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // The primary key is the duplicate check: a second insert of a delivery id fails or does nothing.
    .addPrimaryKeyConstraint('webhook_deliveries_pkey', ['store_id', 'delivery_id'])
    .addForeignKeyConstraint('webhook_deliveries_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
}
