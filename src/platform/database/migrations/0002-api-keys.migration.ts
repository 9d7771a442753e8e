import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addPrimaryKeyConstraint('api_keys_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('api_keys_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // The one index that does not start with store_id: a request's key is looked up before its store
  // is known. api_keys (like stores) is small and would be a Citus reference table.
  await db.schema.createIndex('api_keys_prefix').on('api_keys').columns(['prefix']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
}
