import type { Kysely } from 'kysely';

/**
 * The message outbox (docs/delivery.md): every message a flow plans, held out or sent, written in
 * the planner's transaction, then drained by the delivery workers under leases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox_messages')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('trigger_key', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('consent_channel', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('planned_send_at', 'text', (c) => c.notNull())
    .addColumn('send_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_messages_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('outbox_messages_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // One message per (flow, customer, trigger): a re-plan inserts nothing (ON CONFLICT DO NOTHING).
  await db.schema.createIndex('outbox_messages_idempotency_key').unique().on('outbox_messages').columns(['store_id', 'idempotency_key']).execute();
  // The worker's due query: a store's planned/postponed rows by send_at, and its expired 'sending' leases.
  await db.schema.createIndex('outbox_messages_due').on('outbox_messages').columns(['store_id', 'status', 'send_at']).execute();
  // The frequency cap: a customer's recent attempts.
  await db.schema.createIndex('outbox_messages_customer').on('outbox_messages').columns(['store_id', 'customer_id', 'last_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox_messages').execute();
}
