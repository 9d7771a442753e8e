import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { normalizeEmail, normalizePhone } from '../customers/index.js';

/**
 * What the privacy laws ask of Regulars for one customer or one shop (Shopify's compliance
 * webhooks, docs/shopify.md "Privacy requests"): find everything, export it, erase it. Every table
 * is named here, by what it holds about a customer; privacy.store.test.ts fails when the schema has
 * a table this file does not place.
 */

/** Tables that hold a customer's rows, by the column naming the customer. */
export const CUSTOMER_KEYED_TABLES = [
  ['customers', 'id'],
  ['customer_identities', 'customer_id'],
  ['consent_records', 'customer_id'],
  ['orders', 'customer_id'],
  ['customer_events', 'customer_id'],
  ['loyalty_ledger', 'customer_id'],
  ['loyalty_balances', 'customer_id'],
  ['coupons', 'customer_id'],
  ['coupon_redemptions', 'customer_id'],
  ['coupon_reservations', 'customer_id'],
  ['customer_tiers', 'customer_id'],
  ['referral_codes', 'customer_id'],
  ['referrals', 'referrer_customer_id'],
  ['referrals', 'referred_customer_id'],
  ['challenges', 'customer_id'],
  ['memberships', 'customer_id'],
  ['subscriptions', 'customer_id'],
  ['customer_metrics', 'customer_id'],
  ['segment_members', 'customer_id'],
  ['suppressions', 'customer_id'],
  ['outbox_messages', 'customer_id'],
  ['customer_preferences', 'customer_id'],
  ['customer_merges', 'into_customer_id'],
  ['shopify_data_requests', 'customer_id'],
  ['survey_responses', 'customer_id'],
  ['shopify_checkouts', 'customer_id'],
  ['bounce_events', 'customer_id'],
] as const;

/** Tables reached through another: an order's lines, a membership's history, a subscription's changes. */
export const CHILD_TABLES = [
  ['order_lines', 'order_id', 'orders'],
  ['membership_status_history', 'membership_id', 'memberships'],
  ['subscription_changes', 'subscription_id', 'subscriptions'],
  ['membership_cancel_reasons', 'membership_id', 'memberships'],
] as const;

/**
 * Tables with nothing about any one customer: the store's own setup, aggregates and bookkeeping.
 * (idempotency_keys may hold a stored answer that names a customer: erased by content below.)
 */
export const STORE_ONLY_TABLES = [
  'stores',
  // Outgoing webhooks: the store's endpoints, and the events queued and sent to them (already
  // delivered to the store's own systems, which answer for their copy).
  'webhook_endpoints',
  'webhook_messages',
  'webhook_attempts',
  'api_keys',
  'staff_users',
  'staff_sessions',
  'overview_snapshots',
  'products',
  'idempotency_keys',
  'webhook_deliveries',
  'store_settings',
  'membership_plans',
  'subscription_offers',
  'customer_metric_runs',
  'segments',
  'flows',
  'job_leases',
  'shopify_installations',
  'shopify_oauth_states',
  'shopify_backfills',
  // Coupons' pushes to the shop and the codes orders used there: keyed by coupon and order, no customer.
  'shop_discount_pushes',
  'shop_order_discount_codes',
] as const;

const inList = (values: readonly string[]): RawBuilder<unknown> => sql`(${sql.join(values.map((v) => sql`${v}`))})`;

export interface CustomerKeys {
  readonly shopifyCustomerId: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** Shopify order ids the request lists (orders_requested, orders_to_redact). */
  readonly orderIds: readonly string[];
}

/**
 * The stored customers a request means: by Shopify's customer id (the customer's external id, or
 * an identity merged into it), by the email or phone it gives, and by the orders it lists.
 */
export async function findCustomersOf(db: Kysely<Database>, storeId: string, keys: CustomerKeys): Promise<string[]> {
  const ids = new Set<string>();
  if (keys.shopifyCustomerId) {
    for (const row of await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', storeId)
      .where('external_id', '=', keys.shopifyCustomerId)
      .execute())
      ids.add(row.id);
    for (const row of await db
      .selectFrom('customer_identities')
      .select('customer_id')
      .where('store_id', '=', storeId)
      .where('external_id', '=', keys.shopifyCustomerId)
      .execute())
      ids.add(row.customer_id);
  }
  const emailKey = keys.email ? normalizeEmail(keys.email) : null;
  if (emailKey) {
    for (const row of await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', storeId)
      .where('email_key', '=', emailKey)
      .execute())
      ids.add(row.id);
  }
  const phoneKey = keys.phone ? normalizePhone(keys.phone) : null;
  if (phoneKey) {
    for (const row of await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', storeId)
      .where('phone_key', '=', phoneKey)
      .execute())
      ids.add(row.id);
  }
  if (keys.orderIds.length > 0) {
    for (const row of await db
      .selectFrom('orders')
      .select('customer_id')
      .where('store_id', '=', storeId)
      .where('external_id', 'in', keys.orderIds)
      .execute())
      ids.add(row.customer_id);
  }
  return [...ids].sort();
}

type Row = Record<string, unknown>;

async function rowsWhere(
  db: Kysely<Database>,
  table: string,
  column: string,
  storeId: string,
  values: readonly string[],
) {
  if (values.length === 0) return [] as Row[];
  const { rows } =
    await sql<Row>`select * from ${sql.table(table)} where store_id = ${storeId} and ${sql.ref(column)} in ${inList(values)}`.execute(
      db,
    );
  return rows.map(({ store_id: _store, ...rest }) => rest);
}

/**
 * Everything stored about the customers, table by table (rows without store_id), for a
 * customers/data_request. JSON columns stay text as stored: the export is what the database holds.
 */
export async function exportCustomers(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const [table, column] of CUSTOMER_KEYED_TABLES) {
    if (table === 'shopify_data_requests') continue;
    const rows = await rowsWhere(db, table, column, storeId, customerIds);
    if (rows.length > 0) out[table] = [...(out[table] ?? []), ...rows];
  }
  for (const [table, column, parent] of CHILD_TABLES) {
    const parentIds = (out[parent] ?? []).map((row) => String(row.id));
    const rows = await rowsWhere(db, table, column, storeId, parentIds);
    if (rows.length > 0) out[table] = rows;
  }
  const addresses = await addressesOf(db, storeId, customerIds);
  const byAddress = await rowsWhere(db, 'suppressions', 'address', storeId, addresses);
  if (byAddress.length > 0) {
    const seen = new Set((out.suppressions ?? []).map((row) => JSON.stringify(row)));
    out.suppressions = [...(out.suppressions ?? []), ...byAddress.filter((row) => !seen.has(JSON.stringify(row)))];
  }
  return out;
}

/** The customers' email and phone as suppressions store them (lower-case email, phone without punctuation). */
async function addressesOf(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  extra: readonly (string | null)[] = [],
) {
  const rows =
    customerIds.length === 0
      ? []
      : await db
          .selectFrom('customers')
          .select(['email', 'phone'])
          .where('store_id', '=', storeId)
          .where('id', 'in', customerIds)
          .execute();
  const addresses = new Set<string>();
  for (const value of [...rows.flatMap((row) => [row.email, row.phone]), ...extra]) {
    if (!value) continue;
    addresses.add(value.trim().toLowerCase());
    addresses.add(value.trim().replace(/[\s().-]/g, ''));
  }
  return [...addresses];
}

/**
 * Erases the customers (customers/redact): personal data removed, and what the shop's numbers need
 * kept under an anonymous customer (orders and their lines, points, coupons, tiers, memberships,
 * subscriptions), so revenue, cohorts and redemption limits stay right. Table by table:
 * - customers: email, phone, names, birthday, time zone, locale, tags and attributes cleared; the
 *   external id becomes `redacted:<id>` (it was Shopify's customer id);
 * - customer_identities, consent_records, customer_events, customer_preferences, customer_metrics,
 *   segment_members, suppressions and bounce_events (by customer and by address), shopify_data_requests: deleted;
 * - outbox_messages: data (the message's variables: names, addresses) emptied; unsent ones skipped;
 * - referrals: the referred email and IP cleared; customer_merges: the merged external id cleared;
 * - subscriptions' cancel reason and subscription_changes' notes (free text) cleared;
 * - idempotency_keys whose stored answer names the customer: deleted.
 * Runs in the caller's transaction.
 */
export async function eraseCustomers(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  keys: CustomerKeys,
  now: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined) => {
    counts[table] = (counts[table] ?? 0) + Number(n ?? 0);
  };
  const addresses = await addressesOf(db, storeId, customerIds, [keys.email, keys.phone]);
  const emails = (
    await db
      .selectFrom('customers')
      .select('email')
      .where('store_id', '=', storeId)
      .where('id', 'in', customerIds.length > 0 ? customerIds : [''])
      .execute()
  )
    .map((row) => row.email)
    .filter((e): e is string => !!e);
  if (addresses.length > 0) {
    const r = await db
      .deleteFrom('suppressions')
      .where('store_id', '=', storeId)
      .where((eb) => eb(eb.fn('lower', ['address']), 'in', addresses))
      .executeTakeFirst();
    count('suppressions', r.numDeletedRows);
    // A bounce names the address whether or not it matched the customer's message.
    const bounces = await db
      .deleteFrom('bounce_events')
      .where('store_id', '=', storeId)
      .where('address', 'in', addresses)
      .executeTakeFirst();
    count('bounce_events', bounces.numDeletedRows);
  }
  if (keys.shopifyCustomerId) {
    const r = await db
      .deleteFrom('shopify_data_requests')
      .where('store_id', '=', storeId)
      .where('shopify_customer_id', '=', keys.shopifyCustomerId)
      .executeTakeFirst();
    count('shopify_data_requests', r.numDeletedRows);
  }
  if (customerIds.length === 0) return counts;
  const ids = customerIds;
  for (const table of [
    'customer_identities',
    'consent_records',
    'customer_events',
    'customer_preferences',
    'customer_metrics',
    'segment_members',
    'suppressions',
    'shopify_data_requests',
    'survey_responses',
    'shopify_checkouts',
    'bounce_events',
  ] as const) {
    const r = await db
      .deleteFrom(table)
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids)
      .executeTakeFirst();
    count(table, r.numDeletedRows);
  }
  count(
    'outbox_messages',
    (
      await db
        .updateTable('outbox_messages')
        .set((eb) => ({
          data: '{}',
          status: eb
            .case()
            .when('status', 'in', ['planned', 'postponed', 'held_out'])
            .then('skipped')
            .else(eb.ref('status'))
            .end(),
          reason: eb
            .case()
            .when('status', 'in', ['planned', 'postponed', 'held_out'])
            .then('customer erased (customers/redact)')
            .else(eb.ref('reason'))
            .end(),
          updated_at: now,
        }))
        .where('store_id', '=', storeId)
        .where('customer_id', 'in', ids)
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  count(
    'referrals',
    (
      await db
        .updateTable('referrals')
        .set({ email: null, ip: null })
        .where('store_id', '=', storeId)
        .where((eb) => eb.or([eb('referrer_customer_id', 'in', ids), eb('referred_customer_id', 'in', ids)]))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  count(
    'customer_merges',
    (
      await db
        .updateTable('customer_merges')
        .set({ from_external_id: 'redacted' })
        .where('store_id', '=', storeId)
        .where((eb) => eb.or([eb('into_customer_id', 'in', ids), eb('from_customer_id', 'in', ids)]))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  const subscriptionIds = (
    await db
      .selectFrom('subscriptions')
      .select('id')
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids)
      .execute()
  ).map((row) => row.id);
  if (subscriptionIds.length > 0) {
    await db
      .updateTable('subscriptions')
      .set({ cancel_reason: null })
      .where('store_id', '=', storeId)
      .where('id', 'in', subscriptionIds)
      .execute();
    count(
      'subscription_changes',
      (
        await db
          .updateTable('subscription_changes')
          .set({ note: null, reason: null })
          .where('store_id', '=', storeId)
          .where('subscription_id', 'in', subscriptionIds)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
  }
  // A checkout Shopify sent before it knew the customer carries only the email or phone.
  if (addresses.length > 0) {
    const r = await db
      .deleteFrom('shopify_checkouts')
      .where('store_id', '=', storeId)
      .where((eb) => eb.or([eb(eb.fn('lower', ['email']), 'in', addresses), eb('phone', 'in', addresses)]))
      .executeTakeFirst();
    count('shopify_checkouts', r.numDeletedRows);
  }
  // A membership's cancel reason stays for the churn report; the customer's own words go.
  const membershipIds = (
    await db
      .selectFrom('memberships')
      .select('id')
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids)
      .execute()
  ).map((row) => row.id);
  if (membershipIds.length > 0)
    count(
      'membership_cancel_reasons',
      (
        await db
          .updateTable('membership_cancel_reasons')
          .set({ note: null })
          .where('store_id', '=', storeId)
          .where('membership_id', 'in', membershipIds)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
  // A stored answer to a retried request (24 hours) may carry the customer: matched by content.
  for (const needle of [...ids, ...emails]) {
    const r = await db
      .deleteFrom('idempotency_keys')
      .where('store_id', '=', storeId)
      .where('response_body', 'like', `%${needle.replace(/[%_\\]/g, '')}%`)
      .executeTakeFirst();
    count('idempotency_keys', r.numDeletedRows);
  }
  for (const id of ids) {
    await db
      .updateTable('customers')
      .set({
        external_id: `redacted:${id}`,
        email: null,
        phone: null,
        first_name: null,
        last_name: null,
        birthday: null,
        time_zone: null,
        locale: null,
        tags: '[]',
        attributes: '{}',
        email_key: null,
        phone_key: null,
        updated_at: now,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  }
  count('customers', ids.length);
  return counts;
}

/**
 * The shop's data, deleted in an order foreign keys allow (children first), for shop/redact. The
 * store itself stays (its row, API keys, staff, settings and the installation row, marked
 * 'redacted'): the owner may still sign in and connect again.
 */
export const SHOP_ERASE_ORDER = [
  // Children first: an attempt names its message, a message its endpoint.
  'webhook_attempts',
  'webhook_messages',
  'webhook_endpoints',
  // Before coupons (a push names its coupon).
  'shop_discount_pushes',
  'shop_order_discount_codes',
  'bounce_events',
  'shopify_data_requests',
  'shopify_checkouts',
  'shopify_backfills',
  'survey_responses',
  'membership_cancel_reasons',
  'customer_preferences',
  'customer_merges',
  'outbox_messages',
  'suppressions',
  'segment_members',
  'customer_metrics',
  'customer_metric_runs',
  'subscription_changes',
  'subscriptions',
  'membership_status_history',
  'memberships',
  'coupon_reservations',
  'challenges',
  'referrals',
  'referral_codes',
  'customer_tiers',
  'coupon_redemptions',
  'loyalty_balances',
  'loyalty_ledger',
  'webhook_deliveries',
  'idempotency_keys',
  'customer_events',
  'order_lines',
  'orders',
  'consent_records',
  'customer_identities',
  'coupons',
  'customers',
  'products',
  'overview_snapshots',
] as const;

/** Tables shop/redact leaves: the store's account and configuration, not the shop's data. */
export const SHOP_KEEP_TABLES = [
  'stores',
  'api_keys',
  'staff_users',
  'staff_sessions',
  'store_settings',
  'membership_plans',
  'subscription_offers',
  'segments',
  'flows',
  'job_leases',
  'shopify_installations',
  'shopify_oauth_states',
] as const;

export async function eraseShop(db: Kysely<Database>, storeId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of SHOP_ERASE_ORDER) {
    const r = await db.deleteFrom(table).where('store_id', '=', storeId).executeTakeFirst();
    counts[table] = Number(r.numDeletedRows);
  }
  // Built-in segments keep their definitions; their member counts are of customers now gone.
  await db.updateTable('segments').set({ members: 0 }).where('store_id', '=', storeId).execute();
  return counts;
}
