import type { ApiKeyTable } from './api-key.table.js';
import type { ConsentRecordTable } from './consent-record.table.js';
import type { CouponRedemptionTable } from './coupon-redemption.table.js';
import type { CouponTable } from './coupon.table.js';
import type { CustomerEventTable } from './customer-event.table.js';
import type { CustomerTable } from './customer.table.js';
import type { IdempotencyKeyTable } from './idempotency-key.table.js';
import type { LoyaltyBalanceTable } from './loyalty-balance.table.js';
import type { LoyaltyLedgerTable } from './loyalty-ledger.table.js';
import type { OrderLineTable } from './order-line.table.js';
import type { OrderTable } from './order.table.js';
import type { ProductTable } from './product.table.js';
import type { StoreSettingTable } from './store-setting.table.js';
import type { StoreTable } from './store.table.js';
import type { WebhookDeliveryTable } from './webhook-delivery.table.js';

/**
 * The tables as Kysely sees them (src/store/schema.sql is the readable dump of what the migrations
 * build). Conventions: ids and external ids are text; money is an integer of minor units beside a
 * currency; instants are ISO 8601 text in UTC; JSON columns are text.
 */
export interface Database {
  stores: StoreTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  consent_records: ConsentRecordTable;
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  customer_events: CustomerEventTable;
  idempotency_keys: IdempotencyKeyTable;
  webhook_deliveries: WebhookDeliveryTable;
  coupons: CouponTable;
  coupon_redemptions: CouponRedemptionTable;
  loyalty_ledger: LoyaltyLedgerTable;
  loyalty_balances: LoyaltyBalanceTable;
  store_settings: StoreSettingTable;
  // Loyalty program (earn, actions, expiry, redemption) tables go here.
  // Tiers and referrals tables go here.
  // Challenges tables go here.
  // Coupon rules and reservations tables go here.
  // Memberships and subscriptions tables go here.
}
