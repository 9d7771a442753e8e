import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('birthday', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('locale', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customers_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('customers_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // A unique index rather than a table constraint, so that it has the same name on every dialect.
  await db.schema.createIndex('customers_external_id').unique().on('customers').columns(['store_id', 'external_id']).execute();
  await db.schema.createIndex('customers_email').on('customers').columns(['store_id', 'email']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customers').execute();
}
