import type { ApiKeyTable } from '../stores/api-key.table.js';
import type { ChallengeTable } from '../../features/challenges/challenge.table.js';
import type { ConsentRecordTable } from '../../features/consent/consent-record.table.js';
import type { CouponRedemptionTable } from '../../features/coupons/coupon-redemption.table.js';
import type { CouponReservationTable } from '../../features/coupons/coupon-reservation.table.js';
import type { CouponTable } from '../../features/coupons/coupon.table.js';
import type { CustomerEventTable } from '../../features/events/customer-event.table.js';
import type { CustomerTierTable } from '../../features/tiers/customer-tier.table.js';
import type { CustomerTable } from '../../features/customers/customer.table.js';
import type { CustomerMetricRunTable, CustomerMetricsTable } from '../../features/segments/customer-metrics.table.js';
import type { SegmentMemberTable, SegmentTable } from '../../features/segments/segment.table.js';
import type { IdempotencyKeyTable } from '../http/idempotency-key.table.js';
import type { LoyaltyBalanceTable } from '../../features/loyalty/loyalty-balance.table.js';
import type { LoyaltyLedgerTable } from '../../features/loyalty/loyalty-ledger.table.js';
import type { MembershipPlanTable, MembershipStatusHistoryTable, MembershipTable } from '../../features/memberships/membership.table.js';
import type { OrderLineTable } from '../../features/orders/order-line.table.js';
import type { OrderTable } from '../../features/orders/order.table.js';
import type { FlowTable } from '../../features/flows/engine/flow.table.js';
import type { OutboxMessageTable } from '../../features/delivery/outbox-message.table.js';
import type { ProductTable } from '../../features/products/product.table.js';
import type { ReferralCodeTable } from '../../features/referrals/referral-code.table.js';
import type { ReferralTable } from '../../features/referrals/referral.table.js';
import type { StoreSettingTable } from '../stores/store-setting.table.js';
import type { StoreTable } from '../stores/store.table.js';
import type { SubscriptionChangeTable, SubscriptionOfferTable, SubscriptionTable } from '../../features/subscriptions/subscription.table.js';
import type { WebhookDeliveryTable } from '../../features/shopify/webhook-delivery.table.js';
import type { SuppressionTable } from '../../features/consent/suppression.table.js';

/**
 * The tables as Kysely sees them (src/platform/database/schema.sql is the readable dump of what
 * the migrations build). Conventions: ids and external ids are text; money is an integer of minor
 * units beside a currency; instants are ISO 8601 text in UTC; JSON columns are text.
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
