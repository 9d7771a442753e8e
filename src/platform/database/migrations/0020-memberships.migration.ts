import { type Kysely, sql } from 'kysely';

/**
 * Paid memberships (docs/memberships.md): the store's plans, each customer's memberships, and the
 * history of every status change. A membership row is also the lock its status changes take
 * (membership.repository.ts), so concurrent provider events apply one after another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('membership_plans')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period_months', 'integer', (c) => c.notNull())
    // JSON: { freeShipping, extraPointsMultiplier, memberCouponPercent, textPerks }.
    .addColumn('perks', 'text', (c) => c.notNull())
    .addColumn('renewal_reminder_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_plans_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('membership_plans_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('membership_plans_code').unique().on('membership_plans').columns(['store_id', 'code']).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('anchor_at', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('current_period_start', 'text', (c) => c.notNull())
    .addColumn('current_period_end', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('ended_at', 'text')
    // Raised by every locked change: the UPDATE that raises it is the row lock (membership.repository.ts).
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('memberships_plan_fkey', ['store_id', 'plan_id'], 'membership_plans', ['store_id', 'id'])
    .addForeignKeyConstraint('memberships_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // One current (not expired) membership per customer and plan, enforced by the database, so two
  // concurrent starts cannot both succeed. A partial index: both SQLite and PostgreSQL have them.
  await db.schema
    .createIndex('memberships_current')
    .unique()
    .on('memberships')
    .columns(['store_id', 'customer_id', 'plan_id'])
    .where(sql.ref('status'), '<>', sql.lit('expired'))
    .execute();
  await db.schema.createIndex('memberships_customer').on('memberships').columns(['store_id', 'customer_id']).execute();
  // The scheduled job's reads: active memberships near renewal, cancelled ones past their period end.
  await db.schema.createIndex('memberships_due').on('memberships').columns(['store_id', 'status', 'current_period_end']).execute();

  await db.schema
    .createTable('membership_status_history')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('membership_id', 'text', (c) => c.notNull())
    // 1 for the start, then +1 per recorded event, assigned under the membership's row lock.
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 'started', a provider status ('renewed', 'payment_failed', 'cancelled', 'expired') or 'period_ended'.
    .addColumn('event', 'text', (c) => c.notNull())
    // The provider's event id: a repeat of the same id is answered from here and applied once.
    .addColumn('event_id', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_status_history_pkey', ['store_id', 'membership_id', 'seq'])
    .addForeignKeyConstraint('membership_status_history_membership_fkey', ['store_id', 'membership_id'], 'memberships', ['store_id', 'id'])
    .execute();
  // NULLs are distinct in a unique index on both dialects: events without an id are not constrained.
  await db.schema.createIndex('membership_status_history_event').unique().on('membership_status_history').columns(['store_id', 'membership_id', 'event_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('membership_status_history').execute();
  await db.schema.dropTable('memberships').execute();
  await db.schema.dropTable('membership_plans').execute();
}
