import type { Kysely } from 'kysely';

/**
 * Flows (docs/flows.md): each store's flow definitions, off until enabled, and the outbox's
 * "stops on order" instant, which the delivery worker checks at send time (a replenishment
 * reminder or a win-back step is not sent to a customer who ordered after it was planned).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flows')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The definition as loaded (JSON): channel, priority, settings. */
    .addColumn('definition', 'text', (c) => c.notNull())
    /** Where it came from: 'built-in' or the file it was loaded from. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    /** The end of the last planning window: the next run starts there. */
    .addColumn('planned_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('flows_pkey', ['store_id', 'name'])
    .addForeignKeyConstraint('flows_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.alterTable('outbox_messages').addColumn('stop_on_order_after', 'text').execute();
  // Performance reads a flow's exposures by flow; the planner's existence check is the idempotency index.
  await db.schema.createIndex('outbox_messages_flow').on('outbox_messages').columns(['store_id', 'flow', 'status']).execute();
  // The planners read a window's orders (post-purchase, review request) and events (carts, rewards moments).
  await db.schema.createIndex('orders_day').on('orders').columns(['store_id', 'order_day']).execute();
  // Post-purchase learns which products go together from the latest orders of each SKU just bought.
  await db.schema.createIndex('order_lines_sku').on('order_lines').columns(['store_id', 'sku', 'order_id']).execute();
  await db.schema.createIndex('customer_events_kind').on('customer_events').columns(['store_id', 'kind', 'occurred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customer_events_kind').execute();
  await db.schema.dropIndex('order_lines_sku').execute();
  await db.schema.dropIndex('orders_day').execute();
  await db.schema.dropIndex('outbox_messages_flow').execute();
  await db.schema.alterTable('outbox_messages').dropColumn('stop_on_order_after').execute();
  await db.schema.dropTable('flows').execute();
}
