import type { Kysely } from 'kysely';

/**
 * Segments (docs/segments.md): rules as JSON, the built-in ones flagged and keyed, and their
 * current members. Entries and exits are customer events (segment_entered / segment_exited).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // JSON rule (src/domain/segments/rule.ts).
    .addColumn('rules', 'text', (c) => c.notNull())
    // 1 for the built-in segments (read-only), 0 for the store's own.
    .addColumn('built_in', 'integer', (c) => c.notNull())
    // The built-in's key ('vip', 'rfm-champions', ...); NULL for the store's own segments.
    .addColumn('built_in_key', 'text')
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('segments_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('segments_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  await db.schema
    .createTable('segment_members')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_members_pkey', ['store_id', 'segment_id', 'customer_id'])
    .addForeignKeyConstraint('segment_members_segment_fkey', ['store_id', 'segment_id'], 'segments', ['store_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('segment_members_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // "Which segments is this customer in" (GET /v1/customers/{id}/segments, the per-order refresh).
  await db.schema.createIndex('segment_members_customer').on('segment_members').columns(['store_id', 'customer_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('segment_members').execute();
  await db.schema.dropTable('segments').execute();
}
