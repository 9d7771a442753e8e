import { type Kysely, sql } from 'kysely';

/**
 * The whole schema, built in one step: every table with its final columns, keys and indexes
 * (schema.sql is the readable dump of what it builds).
 *
 * Rules every table here follows:
 * - Migrations take Kysely<unknown>: they must keep working when the table types of today change.
 * - Only Kysely's schema builder and the types text, integer and bigint (and double precision for
 *   the model's floats, see customer_metrics), so the same statements build the same schema on
 *   SQLite and PostgreSQL.
 * - Every table carries store_id, first in its primary key and in every index (the one exception is
 *   api_keys_prefix). Foreign keys include store_id: a row can only name a row of its own store, and
 *   Citus accepts the key between co-located tables.
 * - Uniqueness is a unique index rather than a table constraint, so that it has the same name on
 *   every dialect.
 * - Tables are created parents first. schema.sql lists them in the order they are created, so moving
 *   one here moves it there; down() drops them in the reverse order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Stores and API keys.

  await db.schema
    .createTable('stores')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shopify_secret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stores_pkey', ['id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addPrimaryKeyConstraint('api_keys_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('api_keys_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // The one index that does not start with store_id: a request's key is looked up before its store
  // is known. api_keys (like stores) is small and would be a Citus reference table.
  await db.schema.createIndex('api_keys_prefix').on('api_keys').columns(['prefix']).execute();

  // Console staff and their sessions (docs/console.md). The email is unique per store by its
  // lower-cased key; the password is an scrypt hash with its parameters (password-hash.adapter.ts).
  await db.schema
    .createTable('staff_users')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_users_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('staff_users_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('staff_users_email_key')
    .unique()
    .on('staff_users')
    .columns(['store_id', 'email_key'])
    .execute();
  // Sign-in looks an email up before its store is known (the login form names no store).
  await db.schema.createIndex('staff_users_login').on('staff_users').columns(['email_key']).execute();

  // Only the SHA-256 of a session's token is kept: a copy of the database opens no session.
  await db.schema
    .createTable('staff_sessions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_sessions_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('staff_sessions_user_fkey', ['store_id', 'user_id'], 'staff_users', ['store_id', 'id'])
    .execute();
  // A request's cookie is looked up before its store is known, as an API key is.
  await db.schema.createIndex('staff_sessions_token').unique().on('staff_sessions').columns(['token_hash']).execute();

  // The console's Overview as last computed (docs/console.md, "Overview"): one row per store.
  await db.schema
    .createTable('overview_snapshots')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('compute_ms', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('overview_snapshots_pkey', ['store_id'])
    .addForeignKeyConstraint('overview_snapshots_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // Customers, consent, products, orders and events.

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
    // The source's version of the profile (Shopify's customer updated_at, a UTC instant): an older
    // payload changes nothing. Null when no versioned source has written the customer.
    .addColumn('source_updated_at', 'text')
    // The email and phone an incoming customer is matched by (customer-match.ts): lower-cased email,
    // E.164-like phone, kept beside the values as the source wrote them.
    .addColumn('email_key', 'text')
    .addColumn('phone_key', 'text')
    .addPrimaryKeyConstraint('customers_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('customers_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('customers_external_id')
    .unique()
    .on('customers')
    .columns(['store_id', 'external_id'])
    .execute();
  await db.schema.createIndex('customers_email').on('customers').columns(['store_id', 'email']).execute();
  await db.schema.createIndex('customers_email_key').on('customers').columns(['store_id', 'email_key']).execute();
  await db.schema.createIndex('customers_phone_key').on('customers').columns(['store_id', 'phone_key']).execute();

  await db.schema
    .createTable('consent_records')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('double_opt_in_at', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_records_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('consent_records_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // The current consent of a channel is the latest record: this index answers it without a sort.
  await db.schema
    .createIndex('consent_records_customer')
    .on('consent_records')
    .columns(['store_id', 'customer_id', 'channel', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('price_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('replenishment_days', 'integer')
    .addColumn('complements', 'text', (c) => c.notNull())
    .addColumn('upgrade_to', 'text')
    .addPrimaryKeyConstraint('products_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('products_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('products_sku').unique().on('products').columns(['store_id', 'sku']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('order_day', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // bigint: 2^31 minor units is only 21 million in currencies with cents, and far less in IDR.
    .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('shipping_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('source_updated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Refunds past the total: refunded_minor stops at total_minor, the rest is kept here, visibly.
    .addColumn('over_refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('orders_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('orders_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // The upsert's conflict target: one row per source order, however often it is delivered.
  await db.schema
    .createIndex('orders_external_id')
    .unique()
    .on('orders')
    .columns(['store_id', 'external_id'])
    .execute();
  // Per-customer summaries and the customer 360 read a customer's orders in day order.
  await db.schema
    .createIndex('orders_customer')
    .on('orders')
    .columns(['store_id', 'customer_id', 'order_day'])
    .execute();
  // Orders in the order Regulars last wrote them: the rewards sync (sync-rewards.service.ts) reads
  // the orders changed since its cursor, whichever path wrote them (API, webhook, import).
  await db.schema.createIndex('orders_updated').on('orders').columns(['store_id', 'updated_at', 'id']).execute();
  // The flow planners read a window's orders (post-purchase, review request).
  await db.schema.createIndex('orders_day').on('orders').columns(['store_id', 'order_day']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pkey', ['store_id', 'order_id', 'line_no'])
    .addForeignKeyConstraint('order_lines_order_fkey', ['store_id', 'order_id'], 'orders', ['store_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  // The post-purchase flow learns which products go together from the latest orders of each SKU just bought.
  await db.schema.createIndex('order_lines_sku').on('order_lines').columns(['store_id', 'sku', 'order_id']).execute();

  await db.schema
    .createTable('customer_events')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_events_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('customer_events_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('customer_events_customer')
    .on('customer_events')
    .columns(['store_id', 'customer_id', 'occurred_at'])
    .execute();
  // The flow planners read a window's events of a kind (carts, rewards moments).
  await db.schema
    .createIndex('customer_events_kind')
    .on('customer_events')
    .columns(['store_id', 'kind', 'occurred_at'])
    .execute();

  // Request and webhook bookkeeping.

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['store_id', 'key'])
    .addForeignKeyConstraint('idempotency_keys_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // The primary key is the duplicate check: a second insert of a delivery id fails or does nothing.
    .addPrimaryKeyConstraint('webhook_deliveries_pkey', ['store_id', 'delivery_id'])
    .addForeignKeyConstraint('webhook_deliveries_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // Loyalty points (docs/loyalty.md).

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
    .addForeignKeyConstraint('loyalty_ledger_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // A repeated event (a webhook delivered twice) posts once, even if a writer skips the repository's
  // check. It also serves reading one customer's ledger.
  await db.schema
    .createIndex('loyalty_ledger_source_key')
    .unique()
    .on('loyalty_ledger')
    .columns(['store_id', 'customer_id', 'source_key'])
    .execute();

  // The sum of each customer's entries, kept in the transaction that appends them, so a balance or a
  // "top customers by points" list needs no scan of the ledger. The row is also what a posting locks.
  await db.schema
    .createTable('loyalty_balances')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('points_total', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_balances_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('loyalty_balances_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();

  // Coupons (docs/coupons.md): the coupon with its terms and counters, and its redemptions. A
  // coupon's counters, reservations and redemptions change only under the coupon's row lock
  // (coupon.repository.ts).

  await db.schema
    .createTable('coupons')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('min_subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('usage_limit', 'integer')
    .addColumn('per_customer_limit', 'integer')
    // The counter the limit is enforced on.
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // JSON lists of text (null: no scope, the whole cart).
    .addColumn('scope_skus', 'text')
    .addColumn('scope_categories', 'text')
    // The store's external customer id the coupon is bound to; null for anyone.
    .addColumn('customer_id', 'text')
    // JSON lists of names; '[]' for no condition.
    .addColumn('eligible_tiers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('eligible_segments', 'text', (c) => c.notNull().defaultTo('[]'))
    // 0 or 1.
    .addColumn('combinable', 'integer', (c) => c.notNull().defaultTo(0))
    // Reservations counted against usage_limit (uses + held <= usage_limit).
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('coupons_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('coupons_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('coupons_code').unique().on('coupons').columns(['store_id', 'code']).execute();
  // One customer's own coupons, newest first (the customer's timeline, the shopper's rewards).
  await db.schema
    .createIndex('coupons_customer')
    .on('coupons')
    .columns(['store_id', 'customer_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('coupon_redemptions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'text', (c) => c.notNull())
    // The order's external id: a coupon is redeemed at checkout, before the order reaches Regulars.
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text', (c) => c.notNull())
    // Set once when the redemption's order is cancelled and its use given back.
    .addColumn('released_at', 'text')
    // The cart whose reservation the redemption converted, if any.
    .addColumn('cart_id', 'text')
    // The primary key is the idempotency check: one redemption of a coupon per order.
    .addPrimaryKeyConstraint('coupon_redemptions_pkey', ['store_id', 'coupon_id', 'order_id'])
    .addForeignKeyConstraint('coupon_redemptions_coupon_fkey', ['store_id', 'coupon_id'], 'coupons', ['store_id', 'id'])
    .execute();
  // Counts one customer's redemptions of a coupon (the per-customer limit) without a scan.
  await db.schema
    .createIndex('coupon_redemptions_customer')
    .on('coupon_redemptions')
    .columns(['store_id', 'coupon_id', 'customer_id'])
    .execute();
  // An order's redemptions (release on cancel, combination rules).
  await db.schema
    .createIndex('coupon_redemptions_order')
    .on('coupon_redemptions')
    .columns(['store_id', 'order_id'])
    .execute();
  // One customer's redemptions, newest first (the customer's timeline).
  await db.schema
    .createIndex('coupon_redemptions_by_customer')
    .on('coupon_redemptions')
    .columns(['store_id', 'customer_id', 'redeemed_at'])
    .execute();

  // A store's settings: the rules a store owner configures (the loyalty program, tiers, referrals,
  // challenges...), one JSON document per name, each parsed by its feature's pure parser.
  await db.schema
    .createTable('store_settings')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_settings_pkey', ['store_id', 'name'])
    .addForeignKeyConstraint('store_settings_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // Each customer's loyalty tier (docs/tiers.md). One row per customer who was ever evaluated; a row
  // with tier NULL means "no tier". The row is also the lock an evaluation takes, so two orders of
  // one customer evaluated at once cannot lose an upgrade. The history of changes is the customer's
  // `tier_changed` events.
  await db.schema
    .createTable('customer_tiers')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('since', 'text')
    .addColumn('period_end', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tiers_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('customer_tiers_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // The period-end job reads the store's tiers whose period has ended, oldest first.
  await db.schema
    .createIndex('customer_tiers_period_end')
    .on('customer_tiers')
    .columns(['store_id', 'period_end'])
    .execute();

  // Referral codes and the referrals recorded with them (docs/referrals.md).

  // One code per customer (the primary key), unique in its store.
  await db.schema
    .createTable('referral_codes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_codes_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('referral_codes_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('referral_codes_code')
    .unique()
    .on('referral_codes')
    .columns(['store_id', 'code'])
    .execute();

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
    .addForeignKeyConstraint('referrals_referrer_fkey', ['store_id', 'referrer_customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .addForeignKeyConstraint('referrals_referred_fkey', ['store_id', 'referred_customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // A customer is referred once: two referrals could reward their first order twice.
  await db.schema
    .createIndex('referrals_referred')
    .unique()
    .on('referrals')
    .columns(['store_id', 'referred_customer_id'])
    .execute();
  await db.schema
    .createIndex('referrals_referrer')
    .on('referrals')
    .columns(['store_id', 'referrer_customer_id', 'created_at'])
    .execute();
  // The per-IP limit counts a store's referrals from one IP in the last 30 days.
  await db.schema.createIndex('referrals_ip').on('referrals').columns(['store_id', 'ip', 'created_at']).execute();

  // Personal challenges (docs/challenges.md): one row per challenge offered to a customer.
  await db.schema
    .createTable('challenges')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_orders', 'integer', (c) => c.notNull())
    .addColumn('target_days', 'integer')
    .addColumn('target_category', 'text')
    // Store calendar day numbers (days since 1970-01-01), the unit of orders.order_day; both inclusive.
    .addColumn('window_start_day', 'integer', (c) => c.notNull())
    .addColumn('deadline_day', 'integer', (c) => c.notNull())
    .addColumn('bonus_points', 'integer', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // YYYY-MM-DD of the Monday of the issuing week: with the unique index below, a run repeated in
    // the same week (or two at once) issues a challenge once.
    .addColumn('issued_week', 'text', (c) => c.notNull())
    // JSON object: the habit the target came from.
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('expired_at', 'text')
    .addPrimaryKeyConstraint('challenges_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('challenges_customer_fkey', ['store_id', 'customer_id'], 'customers', ['store_id', 'id'])
    .execute();
  // One challenge per customer, kind and week; also serves reading one customer's challenges.
  await db.schema
    .createIndex('challenges_issued')
    .unique()
    .on('challenges')
    .columns(['store_id', 'customer_id', 'kind', 'issued_week'])
    .execute();
  // The expiry job finds offered challenges past their deadline without a scan.
  await db.schema
    .createIndex('challenges_open')
    .on('challenges')
    .columns(['store_id', 'status', 'deadline_day'])
    .execute();

  // A use of a coupon held for a checkout's cart until it is redeemed or expires, counted in
  // coupons.held (docs/coupons.md, "Limits, reservations and idempotency").
  await db.schema
    .createTable('coupon_reservations')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'text', (c) => c.notNull())
    // The checkout's cart id: one reservation of a coupon per cart.
    .addColumn('cart_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('reserved_at', 'text', (c) => c.notNull())
    // The reservation stops counting at this instant (compared as UTC text).
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coupon_reservations_pkey', ['store_id', 'coupon_id', 'cart_id'])
    .addForeignKeyConstraint('coupon_reservations_coupon_fkey', ['store_id', 'coupon_id'], 'coupons', [
      'store_id',
      'id',
    ])
    .execute();
  // The job's sweep of a store's expired reservations (one coupon's are found by the primary key's prefix).
  await db.schema
    .createIndex('coupon_reservations_expiry')
    .on('coupon_reservations')
    .columns(['store_id', 'expires_at'])
    .execute();
  // A cart's other reservations (combination rules).
  await db.schema
    .createIndex('coupon_reservations_cart')
    .on('coupon_reservations')
    .columns(['store_id', 'cart_id'])
    .execute();

  // Paid memberships (docs/memberships.md): the store's plans, each customer's memberships, and the
  // history of every status change. A membership row is also the lock its status changes take
  // (membership.repository.ts), so concurrent provider events apply one after another.

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
  await db.schema
    .createIndex('membership_plans_code')
    .unique()
    .on('membership_plans')
    .columns(['store_id', 'code'])
    .execute();

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
  await db.schema
    .createIndex('memberships_due')
    .on('memberships')
    .columns(['store_id', 'status', 'current_period_end'])
    .execute();

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
    .addForeignKeyConstraint(
      'membership_status_history_membership_fkey',
      ['store_id', 'membership_id'],
      'memberships',
      ['store_id', 'id'],
    )
    .execute();
  // NULLs are distinct in a unique index on both dialects: events without an id are not constrained.
  await db.schema
    .createIndex('membership_status_history_event')
    .unique()
    .on('membership_status_history')
    .columns(['store_id', 'membership_id', 'event_id'])
    .execute();

  // Subscriptions (docs/subscriptions.md): the store's offers with their terms, each customer's
  // subscriptions (term, price fixed at the start, next delivery, status), and every change with its
  // reason, kept for the churn-reason report.

  await db.schema
    .createTable('subscription_offers')
    .addColumn('store_id', 'text', (c) => c.notNull())
    // The store's name for the offer (lower case): its identity in the API.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('base_monthly_minor', 'bigint', (c) => c.notNull())
    .addColumn('delivery_interval_months', 'integer', (c) => c.notNull())
    // JSON: [{ months, discountBasisPoints, monthlyMinor }], sorted by months.
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_offers_pkey', ['store_id', 'code'])
    .addForeignKeyConstraint('subscription_offers_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('subscription_offers_sku')
    .on('subscription_offers')
    .columns(['store_id', 'sku'])
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('offer_code', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    // The price agreed at the start: a later change of the offer does not reprice it.
    .addColumn('monthly_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('delivery_interval_months', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Calendar dates YYYY-MM-DD.
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('commitment_ends_on', 'text', (c) => c.notNull())
    .addColumn('anchor_on', 'text', (c) => c.notNull())
    .addColumn('delivery_index', 'integer', (c) => c.notNull())
    .addColumn('next_delivery_on', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('cancelled_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('cancel_reason', 'text')
    // Raised by every locked change: the UPDATE that raises it is the row lock (subscription.repository.ts).
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('subscriptions_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .addForeignKeyConstraint('subscriptions_offer_fkey', ['store_id', 'offer_code'], 'subscription_offers', [
      'store_id',
      'code',
    ])
    .execute();
  await db.schema
    .createIndex('subscriptions_customer')
    .on('subscriptions')
    .columns(['store_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_status')
    .on('subscriptions')
    .columns(['store_id', 'status', 'paused_until'])
    .execute();

  await db.schema
    .createTable('subscription_changes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 'started', 'skipped', 'paused', 'resumed', 'cancelled'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('from_next_delivery', 'text')
    .addColumn('to_next_delivery', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_changes_pkey', ['store_id', 'subscription_id', 'seq'])
    .addForeignKeyConstraint(
      'subscription_changes_subscription_fkey',
      ['store_id', 'subscription_id'],
      'subscriptions',
      ['store_id', 'id'],
    )
    .execute();
  // The churn-reason report reads a store's changes by time.
  await db.schema
    .createIndex('subscription_changes_time')
    .on('subscription_changes')
    .columns(['store_id', 'changed_at'])
    .execute();

  // Per-customer metrics and predictions for segments (docs/segments.md, "Metrics"): one row per
  // customer with a purchase, rewritten by refreshCustomerMetrics, plus one row per store that keeps
  // the refresh's fitted model and population cut-offs, so one customer can be brought up to date
  // after an order without refitting.
  //
  // Probabilities and expectations are floats: 'double precision' is float8 on PostgreSQL and a REAL
  // (8-byte IEEE) column on SQLite, so both dialects hold the same value the model computed.

  await db.schema
    .createTable('customer_metrics')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    // Day numbers (days since 1970-01-01 of the store's calendar, like orders.order_day).
    .addColumn('as_of_day', 'integer', (c) => c.notNull())
    .addColumn('orders_count', 'integer', (c) => c.notNull())
    .addColumn('purchase_days', 'integer', (c) => c.notNull())
    .addColumn('total_spent_minor', 'bigint', (c) => c.notNull())
    // The one currency of the customer's purchases; NULL when they bought in several.
    .addColumn('currency', 'text')
    .addColumn('first_order_day', 'integer', (c) => c.notNull())
    .addColumn('last_order_day', 'integer', (c) => c.notNull())
    .addColumn('avg_interval_days', 'double precision')
    .addColumn('rfm_recency', 'integer', (c) => c.notNull())
    .addColumn('rfm_frequency', 'integer', (c) => c.notNull())
    .addColumn('rfm_monetary', 'integer', (c) => c.notNull())
    .addColumn('rfm_segment', 'text', (c) => c.notNull())
    .addColumn('value_percentile', 'integer', (c) => c.notNull())
    .addColumn('p_alive', 'double precision')
    .addColumn('p_alive_previous', 'double precision')
    .addColumn('p_alive_previous_day', 'integer')
    .addColumn('expected_orders', 'double precision')
    .addColumn('predicted_clv_minor', 'bigint')
    .addColumn('expected_next_order_day', 'integer')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_metrics_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('customer_metrics_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // The refresh removes the rows it did not rewrite (customers whose purchases were all cancelled).
  await db.schema
    .createIndex('customer_metrics_computed')
    .on('customer_metrics')
    .columns(['store_id', 'computed_at'])
    .execute();

  await db.schema
    .createTable('customer_metric_runs')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('as_of_day', 'integer', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    // JSON StoreModel (fitted BG/NBD and Gamma-Gamma parameters), or NULL with the reason in note.
    .addColumn('model', 'text')
    .addColumn('note', 'text')
    // JSON: RFM thresholds and value-percentile cut-offs of the population.
    .addColumn('cutoffs', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_metric_runs_pkey', ['store_id'])
    .addForeignKeyConstraint('customer_metric_runs_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // Segments (docs/segments.md): rules as JSON, the built-in ones flagged and keyed, and their
  // current members. Entries and exits are customer events (segment_entered / segment_exited).

  await db.schema
    .createTable('segments')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // JSON rule (src/features/segments/rule.ts).
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
    .addForeignKeyConstraint(
      'segment_members_segment_fkey',
      ['store_id', 'segment_id'],
      'segments',
      ['store_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('segment_members_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // "Which segments is this customer in" (GET /v1/customers/{id}/segments, the per-order refresh).
  await db.schema
    .createIndex('segment_members_customer')
    .on('segment_members')
    .columns(['store_id', 'customer_id'])
    .execute();

  // Addresses Regulars must not send to on a channel (docs/messaging.md "Suppressions"): unsubscribed
  // by a link, hard-bounced or complained about, as the ESP reports. One row per store, channel,
  // address and reason, so a reason reported again changes nothing; the primary key's prefix
  // (store_id, channel, address) is the send pipeline's lookup. No foreign key to customers: a
  // bounce may name an address no customer has.
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

  // The message outbox (docs/delivery.md): every message a flow plans, held out or sent, written in
  // the planner's transaction, then drained by the delivery workers under leases.
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
    // The "stops on order" instant, checked by the delivery worker at send time: a replenishment
    // reminder or a win-back step is not sent to a customer who ordered after it was planned.
    .addColumn('stop_on_order_after', 'text')
    // The flow's topic (newsletter, replenishment, ...): the customer's preferences are checked
    // against it at send time. Null for a message planned without one.
    .addColumn('topic', 'text')
    .addPrimaryKeyConstraint('outbox_messages_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('outbox_messages_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // One message per (flow, customer, trigger): a re-plan inserts nothing (ON CONFLICT DO NOTHING).
  // It is also the flow planners' existence check.
  await db.schema
    .createIndex('outbox_messages_idempotency_key')
    .unique()
    .on('outbox_messages')
    .columns(['store_id', 'idempotency_key'])
    .execute();
  // A store's expired 'sending' leases (the worker's claim) and whether it has anything due.
  await db.schema
    .createIndex('outbox_messages_due')
    .on('outbox_messages')
    .columns(['store_id', 'status', 'send_at'])
    .execute();
  // The worker's claim of due messages, in the order it takes them: read in index order, it stops
  // at the batch's last row instead of sorting every message due (a campaign's million). Partial,
  // so messages leave it once they are sent, skipped or failed.
  await db.schema
    .createIndex('outbox_messages_queue')
    .on('outbox_messages')
    .columns(['store_id', 'send_at', 'priority desc', 'id'])
    .where(sql<boolean>`status in ('planned', 'postponed')`)
    .execute();
  // The frequency cap: a customer's recent attempts.
  await db.schema
    .createIndex('outbox_messages_customer')
    .on('outbox_messages')
    .columns(['store_id', 'customer_id', 'last_attempt_at'])
    .execute();
  // A flow's performance reads its messages by flow.
  await db.schema
    .createIndex('outbox_messages_flow')
    .on('outbox_messages')
    .columns(['store_id', 'flow', 'status'])
    .execute();

  // Each store's flow definitions (docs/flows.md), off until enabled.
  await db.schema
    .createTable('flows')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The definition as loaded (JSON): channel, priority, settings.
    .addColumn('definition', 'text', (c) => c.notNull())
    // Where it came from: 'built-in' or the file it was loaded from.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    // The end of the last planning window: the next run starts there.
    .addColumn('planned_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('flows_pkey', ['store_id', 'name'])
    .addForeignKeyConstraint('flows_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // One person, several source ids: the customer an export keyed by email created, later met by
  // the shop's own customer id (a webhook), or two customers merged. Every external id here names
  // a customer as customers.external_id does, in the same namespace (docs/import.md, "Matching").
  await db.schema
    .createTable('customer_identities')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    // How the id was attached: 'email', 'phone' or 'merge'.
    .addColumn('matched_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_identities_pkey', ['store_id', 'external_id'])
    .addForeignKeyConstraint('customer_identities_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('customer_identities_customer')
    .on('customer_identities')
    .columns(['store_id', 'customer_id'])
    .execute();

  // The audit of `regulars customers merge`: the removed customer is gone, so its ids are kept here.
  await db.schema
    .createTable('customer_merges')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('into_customer_id', 'text', (c) => c.notNull())
    .addColumn('from_customer_id', 'text', (c) => c.notNull())
    .addColumn('from_external_id', 'text', (c) => c.notNull())
    // Who asked: 'cli:<user>' or 'api:<key id>'.
    .addColumn('actor', 'text', (c) => c.notNull())
    // Rows moved and dropped per table (JSON).
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_merges_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('customer_merges_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('customer_merges_into')
    .on('customer_merges')
    .columns(['store_id', 'into_customer_id', 'merged_at'])
    .execute();

  // Who runs a store's background work now (docs/scaling.md "Many processes"): one row per store
  // and job, taken by a conditional upsert, so any number of `regulars jobs` processes share it.
  await db.schema
    .createTable('job_leases')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_leases_pkey', ['store_id', 'job'])
    .addForeignKeyConstraint('job_leases_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();

  // A customer's finer marketing choices (docs/shopper.md "Preference center"): topics turned off,
  // at most how often, a snooze. One row per customer, written when they first choose; the
  // delivery worker reads it at send time.
  await db.schema
    .createTable('customer_preferences')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('topics_off', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('snoozed_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_preferences_pkey', ['store_id', 'customer_id'])
    .addForeignKeyConstraint('customer_preferences_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();

  // Shopify history backfill (docs/shopify.md "History and consent"): one checkpoint per store and
  // phase (customers, then orders), so a killed backfill resumes at the last line it committed.
  await db.schema
    .createTable('shopify_backfills')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('bulk_operation_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines_done', 'integer', (c) => c.notNull())
    .addColumn('records_done', 'integer', (c) => c.notNull())
    .addColumn('lines_total', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_backfills_pkey', ['store_id', 'phase'])
    .addForeignKeyConstraint('shopify_backfills_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // Shopify checkouts, order names and product handles (docs/shopify.md, "Checkouts, order names
  // and product links"). An order's name is what the shop and its customer call it ("#1042");
  // a product's handle is the path of its page on the shop.
  await db.schema.alterTable('orders').addColumn('name', 'text').execute();
  await db.schema.alterTable('products').addColumn('handle', 'text').execute();
  // The Shopify product's updated_at (UTC instant): a late products/update never overwrites a newer one.
  await db.schema.alterTable('products').addColumn('source_updated_at', 'text').execute();
  await db.schema
    .createTable('shopify_checkouts')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('checkout_id', 'text')
    // Null for a checkout without an email or phone: recorded, never messaged.
    .addColumn('customer_id', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('recovery_url', 'text')
    .addColumn('currency', 'text')
    .addColumn('total_minor', 'bigint')
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('source_updated_at', 'text', (c) => c.notNull())
    // Set by the order that completes it (or the payload's own completed_at): no reminder then.
    .addColumn('completed_at', 'text')
    .addColumn('completed_order_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_checkouts_pkey', ['store_id', 'token'])
    .addForeignKeyConstraint('shopify_checkouts_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('shopify_checkouts_checkout_id')
    .on('shopify_checkouts')
    .columns(['store_id', 'checkout_id'])
    .execute();
  // Shopify app install (docs/shopify.md): the store's installation with its encrypted offline
  // token, the OAuth states of installs under way, and the exports made for customers/data_request.
  // The first two are read before a store is known (the callback by its state, a compliance
  // webhook by its shop domain), so they are reference tables on Citus (citus.ts).
  await db.schema
    .createTable('shopify_installations')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('shop_domain', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('access_token', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('uninstalled_at', 'text')
    .addColumn('webhooks', 'text', (c) => c.notNull())
    .addColumn('webhooks_registered_at', 'text')
    .addColumn('webhook_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_installations_pkey', ['store_id'])
    .addForeignKeyConstraint('shopify_installations_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // One store per shop: a second store installing the same shop is refused (SHOPIFY_SHOP_TAKEN).
  await db.schema
    .createIndex('shopify_installations_shop')
    .on('shopify_installations')
    .column('shop_domain')
    .unique()
    .execute();
  await db.schema
    .createTable('shopify_oauth_states')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('state_hash', 'text', (c) => c.notNull())
    .addColumn('shop_domain', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_oauth_states_pkey', ['store_id', 'state_hash'])
    .addForeignKeyConstraint('shopify_oauth_states_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createIndex('shopify_oauth_states_state')
    .on('shopify_oauth_states')
    .column('state_hash')
    .unique()
    .execute();
  await db.schema
    .createTable('shopify_data_requests')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('shopify_customer_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('export', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_data_requests_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('shopify_data_requests_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // Surveys (docs/surveys.md): one answer per survey asked (customer, flow, question, subject),
  // the latest score the customer clicked and the "why?" they wrote; and the reason a membership
  // was cancelled with, for the churn-reason report (subscriptions keep theirs in their changes).
  await db.schema
    .createTable('survey_responses')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    // 'nps', 'csat', 'rating', 'checkout_easy'.
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_responses_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('survey_responses_customer_fkey', ['store_id', 'customer_id'], 'customers', [
      'store_id',
      'id',
    ])
    .execute();
  // One answer per survey asked: concurrent clicks of one link insert one row.
  await db.schema
    .createIndex('survey_responses_asked')
    .unique()
    .on('survey_responses')
    .columns(['store_id', 'customer_id', 'flow', 'question', 'subject'])
    .execute();
  // The report and the answers list read a store's answers by question and time.
  await db.schema
    .createIndex('survey_responses_time')
    .on('survey_responses')
    .columns(['store_id', 'question', 'answered_at'])
    .execute();
  await db.schema
    .createTable('membership_cancel_reasons')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('membership_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('cancelled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_cancel_reasons_pkey', ['store_id', 'membership_id', 'seq'])
    .addForeignKeyConstraint(
      'membership_cancel_reasons_membership_fkey',
      ['store_id', 'membership_id'],
      'memberships',
      ['store_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('membership_cancel_reasons_time')
    .on('membership_cancel_reasons')
    .columns(['store_id', 'cancelled_at'])
    .execute();
  // Real discount codes in the shop (docs/shopify.md "Discount codes in Shopify"): the queue of
  // coupons to create there, and the codes orders used at the shop's checkout.
  await db.schema
    .createTable('shop_discount_pushes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('coupon_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('remote_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_discount_pushes_pkey', ['store_id', 'coupon_id', 'platform'])
    .addForeignKeyConstraint('shop_discount_pushes_coupon_fkey', ['store_id', 'coupon_id'], 'coupons', [
      'store_id',
      'id',
    ])
    .execute();
  // The job reads the store's due pushes, oldest due first.
  await db.schema
    .createIndex('shop_discount_pushes_due')
    .on('shop_discount_pushes')
    .columns(['store_id', 'status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('shop_order_discount_codes')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('detail', 'text')
    .addColumn('handled_at', 'text')
    .addPrimaryKeyConstraint('shop_order_discount_codes_pkey', ['store_id', 'order_id', 'code'])
    .addForeignKeyConstraint('shop_order_discount_codes_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  // Bounces and complaints the ESP feeds reported (docs/integrations.md "Bounces and complaints"):
  // one row per event and recipient, keyed by the provider's own event id, so a redelivered
  // webhook records nothing twice. Soft bounces are kept here only; hard bounces and complaints
  // also become suppressions. The address index serves erasure by address.
  await db.schema
    .createTable('bounce_events')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('outbox_message_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bounce_events_pkey', ['store_id', 'event_key'])
    .addForeignKeyConstraint('bounce_events_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema.createIndex('bounce_events_address').on('bounce_events').columns(['store_id', 'address']).execute();
  // A bounce report names the Message-ID it bounced; this finds its outbox message without a scan.
  await db.schema
    .createIndex('outbox_messages_provider_message_id')
    .on('outbox_messages')
    .columns(['store_id', 'provider_message_id'])
    .execute();

  // Outgoing webhooks (Standard Webhooks, docs/webhooks.md "Outgoing"): the endpoints a store
  // registered, the durable queue of signed events for each, and the log of every attempt.
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // whsec_<base64 of the random key>: the receiver needs it back, so it is kept readable.
    .addColumn('secret', 'text', (c) => c.notNull())
    // JSON array of event types.
    .addColumn('events', 'text', (c) => c.notNull())
    // 'enabled' | 'disabled'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'text')
    // The first failure since the last success: the endpoint is disabled after 24 hours of only failures.
    .addColumn('failing_since', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_endpoints_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('webhook_endpoints_store_fkey', ['store_id'], 'stores', ['id'])
    .execute();
  await db.schema
    .createTable('webhook_messages')
    .addColumn('store_id', 'text', (c) => c.notNull())
    // The webhook-id header: the same on every attempt, the receiver's idempotency key.
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The exact JSON sent, fixed when the event happened, so every retry signs the same bytes.
    .addColumn('body', 'text', (c) => c.notNull())
    // 'pending' | 'delivered' | 'failed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('webhook_messages_pkey', ['store_id', 'id'])
    .addForeignKeyConstraint('webhook_messages_endpoint_fkey', ['store_id', 'endpoint_id'], 'webhook_endpoints', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('webhook_messages_due')
    .on('webhook_messages')
    .columns(['store_id', 'status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_messages_endpoint')
    .on('webhook_messages')
    .columns(['store_id', 'endpoint_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    // null when no answer came (refused, timeout).
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('webhook_attempts_pkey', ['store_id', 'message_id', 'attempt'])
    .addForeignKeyConstraint('webhook_attempts_message_fkey', ['store_id', 'message_id'], 'webhook_messages', [
      'store_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('webhook_attempts_endpoint')
    .on('webhook_attempts')
    .columns(['store_id', 'endpoint_id', 'attempted_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Children before parents: the reverse of up(). Each table's indexes go with it.
  for (const table of [
    'webhook_attempts',
    'webhook_messages',
    'webhook_endpoints',
    'shop_order_discount_codes',
    'shop_discount_pushes',
    'bounce_events',
    'shopify_backfills',
    'shopify_checkouts',
    'shopify_data_requests',
    'shopify_oauth_states',
    'shopify_installations',
    'membership_cancel_reasons',
    'survey_responses',
    'customer_preferences',
    'job_leases',
    'customer_merges',
    'customer_identities',
    'flows',
    'outbox_messages',
    'suppressions',
    'segment_members',
    'segments',
    'customer_metric_runs',
    'customer_metrics',
    'subscription_changes',
    'subscriptions',
    'subscription_offers',
    'membership_status_history',
    'memberships',
    'membership_plans',
    'coupon_reservations',
    'challenges',
    'referrals',
    'referral_codes',
    'customer_tiers',
    'store_settings',
    'coupon_redemptions',
    'coupons',
    'loyalty_balances',
    'loyalty_ledger',
    'webhook_deliveries',
    'idempotency_keys',
    'customer_events',
    'order_lines',
    'orders',
    'products',
    'consent_records',
    'customers',
    'overview_snapshots',
    'staff_sessions',
    'staff_users',
    'api_keys',
    'stores',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
