import type { ApiKeyTable } from './api-key.table.js';
import type { ChallengeTable } from './challenge.table.js';
import type { ConsentRecordTable } from './consent-record.table.js';
import type { CouponRedemptionTable } from './coupon-redemption.table.js';
import type { CouponReservationTable } from './coupon-reservation.table.js';
import type { CouponTable } from './coupon.table.js';
import type { CustomerEventTable } from './customer-event.table.js';
import type { CustomerTierTable } from './customer-tier.table.js';
import type { CustomerTable } from './customer.table.js';
import type { CustomerMetricRunTable, CustomerMetricsTable } from './customer-metrics.table.js';
import type { SegmentMemberTable, SegmentTable } from './segment.table.js';
import type { IdempotencyKeyTable } from './idempotency-key.table.js';
import type { LoyaltyBalanceTable } from './loyalty-balance.table.js';
import type { LoyaltyLedgerTable } from './loyalty-ledger.table.js';
import type { MembershipPlanTable, MembershipStatusHistoryTable, MembershipTable } from './membership.table.js';
import type { OrderLineTable } from './order-line.table.js';
import type { OrderTable } from './order.table.js';
import type { FlowTable } from './flow.table.js';
import type { OutboxMessageTable } from './outbox-message.table.js';
import type { ProductTable } from './product.table.js';
import type { ReferralCodeTable } from './referral-code.table.js';
import type { ReferralTable } from './referral.table.js';
import type { StoreSettingTable } from './store-setting.table.js';
import type { StoreTable } from './store.table.js';
import type { SubscriptionChangeTable, SubscriptionOfferTable, SubscriptionTable } from './subscription.table.js';
import type { WebhookDeliveryTable } from './webhook-delivery.table.js';
import type { SuppressionTable } from './suppression.table.js';

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
  // Rewards
  customer_tiers: CustomerTierTable;
  referral_codes: ReferralCodeTable;
  referrals: ReferralTable;
  challenges: ChallengeTable;
  coupon_reservations: CouponReservationTable;
  membership_plans: MembershipPlanTable;
  memberships: MembershipTable;
  membership_status_history: MembershipStatusHistoryTable;
  subscription_offers: SubscriptionOfferTable;
  subscriptions: SubscriptionTable;
  subscription_changes: SubscriptionChangeTable;
  // Segments and messages
  customer_metrics: CustomerMetricsTable;
  customer_metric_runs: CustomerMetricRunTable;
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
  suppressions: SuppressionTable;
  outbox_messages: OutboxMessageTable;
  flows: FlowTable;
}
