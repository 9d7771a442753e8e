import type { Kysely } from 'kysely';

/**
 * Addresses Regulars must not send to on a channel (docs/messaging.md "Suppressions"): unsubscribed
 * by a link, hard-bounced or complained about, as the ESP reports. One row per store, channel,
 * address and reason, so a reason reported again changes nothing; the primary key's prefix
 * (store_id, channel, address) is the send pipeline's lookup.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suppressions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // Normalised: an email address trimmed and in lower case.
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The customer it was recorded for, when known (an unsubscribe link knows; an ESP bounce may not).
    .addColumn('customer_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    // The ESP's diagnostic ("550 5.1.1 user unknown"), if any.
    .addColumn('detail', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pkey', ['store_id', 'channel', 'address', 'reason'])
    .addForeignKeyConstraint('suppressions_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suppressions').execute();
}
