import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('price_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('replenishment_days', 'integer')
    .addColumn('complements', 'text', (c) => c.notNull())
    .addColumn('upgrade_to', 'text')
    .addPrimaryKeyConstraint('products_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('products_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('products_sku').unique().on('products').columns(['store_id', 'sku']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('products').execute();
}
