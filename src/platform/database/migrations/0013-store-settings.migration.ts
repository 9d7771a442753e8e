import type { Kysely } from 'kysely';

/**
 * A store's settings: the rules a store owner configures (the loyalty program, tiers, referrals,
 * challenges...), one JSON document per name, each parsed by its feature's pure parser.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store_settings')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_settings_pkey', ['store_id', 'name'])
    .addForeignKeyConstraint('store_settings_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('store_settings').execute();
}
