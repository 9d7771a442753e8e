import type { Migration } from 'kysely';
import * as m0001 from './0001-stores.migration.js';
import * as m0002 from './0002-api-keys.migration.js';
import * as m0003 from './0003-customers.migration.js';
import * as m0004 from './0004-consent-records.migration.js';
import * as m0005 from './0005-products.migration.js';
import * as m0006 from './0006-orders.migration.js';
import * as m0007 from './0007-order-lines.migration.js';
import * as m0008 from './0008-customer-events.migration.js';
import * as m0009 from './0009-idempotency-keys.migration.js';
import * as m0010 from './0010-webhook-deliveries.migration.js';
import * as m0011 from './0011-loyalty-ledger.migration.js';
import * as m0012 from './0012-coupons.migration.js';
import * as m0013 from './0013-store-settings.migration.js';
import * as m0014 from './0014-orders-by-update.migration.js';
import * as m0016 from './0016-tiers.migration.js';
import * as m0017 from './0017-referrals.migration.js';
import * as m0018 from './0018-challenges.migration.js';
import * as m0019 from './0019-coupon-rules.migration.js';
import * as m0020 from './0020-memberships.migration.js';
import * as m0021 from './0021-subscriptions.migration.js';
import * as m0022 from './0022-customer-metrics.migration.js';
import * as m0023 from './0023-segments.migration.js';
import * as m0024 from './0024-suppressions.migration.js';
import * as m0025 from './0025-outbox.migration.js';
import * as m0026 from './0026-flows.migration.js';

/**
 * Every migration, in the order they run. Listed by hand rather than found by globbing the folder,
 * so the built binary and the tests run exactly this list. Names sort in list order (a test checks),
 * and a name, once released, never changes: the database records which names have run.
 * Each migration is small and uses only Kysely's schema builder with the types text, integer and
 * bigint, so the same list builds the same schema on SQLite and PostgreSQL (src/store/schema.sql).
 */
export const MIGRATIONS: readonly (readonly [name: string, migration: Migration])[] = [
  ['0001_stores', m0001],
  ['0002_api_keys', m0002],
  ['0003_customers', m0003],
  ['0004_consent_records', m0004],
  ['0005_products', m0005],
  ['0006_orders', m0006],
  ['0007_order_lines', m0007],
  ['0008_customer_events', m0008],
  ['0009_idempotency_keys', m0009],
  ['0010_webhook_deliveries', m0010],
  ['0011_loyalty_ledger', m0011],
  ['0012_coupons', m0012],
  ['0013_store_settings', m0013],
  ['0014_orders_by_update', m0014],
  ['0016_tiers', m0016],
  ['0017_referrals', m0017],
  ['0018_challenges', m0018],
  ['0019_coupon_rules', m0019],
  ['0020_memberships', m0020],
  ['0021_subscriptions', m0021],
  ['0022_customer_metrics', m0022],
  ['0023_segments', m0023],
  ['0024_suppressions', m0024],
  ['0025_outbox', m0025],
  ['0026_flows', m0026],
];
