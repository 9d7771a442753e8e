import type { Kysely } from 'kysely';

/** Referral codes and the referrals recorded with them (docs/referrals.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One code per customer (the primary key), unique in its store.
  await db.schema
    .createTable('referral_codes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_codes_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('referral_codes_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  await db.schema.createIndex('referral_codes_code').unique().on('referral_codes').columns(['store_id', 'code']).execute();

  await db.schema
    .createTable('referrals')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('referrer_customer_id', 'text', (c) => c.notNull())
    .addColumn('referred_customer_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('ip', 'text')
    // pending, rewarded or rejected (with reason).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('order_id', 'text')
    .addColumn('referrer_points', 'integer')
    .addColumn('referred_points', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('referrals_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('referrals_referrer_fkey', ['store_id', 'referrer_customer_id'], 'customers', ['store_id', 'id'])
    .addForeignKeyConstraint('referrals_referred_fkey', ['store_id', 'referred_customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // A customer is referred once: two referrals could reward their first order twice.
  await db.schema.createIndex('referrals_referred').unique().on('referrals').columns(['store_id', 'referred_customer_id']).execute();
  await db.schema.createIndex('referrals_referrer').on('referrals').columns(['store_id', 'referrer_customer_id', 'created_at']).execute();
  // The per-IP limit counts a store's referrals from one IP in the last 30 days.
  await db.schema.createIndex('referrals_ip').on('referrals').columns(['store_id', 'ip', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('referrals').execute();
  await db.schema.dropTable('referral_codes').execute();
}
