import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loyalty_ledger')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_ledger_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('loyalty_ledger_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // A repeated event (a webhook delivered twice) posts once, even if a writer skips the repository's
  // check. A unique index rather than a table constraint, so that it has the same name on every
  // dialect; it also serves reading one customer's ledger.
  await db.schema.createIndex('loyalty_ledger_source_key').unique().on('loyalty_ledger').columns(['store_id', 'customer_id', 'source_key']).execute();

  // The sum of each customer's entries, kept in the transaction that appends them, so a balance or a
  // "top customers by points" list needs no scan of the ledger. The row is also what a posting locks.
  await db.schema
    .createTable('loyalty_balances')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('points_total', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_balances_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('loyalty_balances_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('loyalty_balances').execute();
  await db.schema.dropTable('loyalty_ledger').execute();
}
