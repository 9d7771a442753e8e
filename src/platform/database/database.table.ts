import type { BounceEventTable } from '../../features/bounces/index.js';
import type { ApiKeyTable } from '../stores/api-key.table.js';
import type { ChallengeTable } from '../../features/challenges/index.js';
import type { ConsentRecordTable } from '../../features/consent/index.js';
import type { CouponRedemptionTable } from '../../features/coupons/index.js';
import type { CouponReservationTable } from '../../features/coupons/index.js';
import type { CouponTable } from '../../features/coupons/index.js';
import type { CustomerEventTable } from '../../features/events/index.js';
import type { CustomerTierTable } from '../../features/tiers/index.js';
import type { CustomerIdentityTable, CustomerMergeTable, CustomerTable } from '../../features/customers/index.js';
import type { CustomerMetricRunTable, CustomerMetricsTable } from '../../features/segments/index.js';
import type { SegmentMemberTable, SegmentTable } from '../../features/segments/index.js';
import type { IdempotencyKeyTable } from '../http/idempotency-key.table.js';
import type { JobLeaseTable } from '../jobs/job-lease.table.js';
import type { LoyaltyBalanceTable } from '../../features/loyalty/index.js';
import type { LoyaltyLedgerTable } from '../../features/loyalty/index.js';
import type {
  MembershipPlanTable,
  MembershipStatusHistoryTable,
  MembershipTable,
} from '../../features/memberships/index.js';
import type { OrderLineTable } from '../../features/orders/index.js';
import type { OrderTable } from '../../features/orders/index.js';
import type { FlowTable } from '../../features/flows/index.js';
import type { OutboxMessageTable } from '../../features/delivery/index.js';
import type { ProductTable } from '../../features/products/index.js';
import type { ReferralCodeTable } from '../../features/referrals/index.js';
import type { ReferralTable } from '../../features/referrals/index.js';
import type { StoreSettingTable } from '../stores/store-setting.table.js';
import type { StoreTable } from '../stores/store.table.js';
import type {
  SubscriptionChangeTable,
  SubscriptionOfferTable,
  SubscriptionTable,
} from '../../features/subscriptions/index.js';
import type {
  ShopifyBackfillTable,
  ShopifyCheckoutTable,
  ShopifyDataRequestTable,
  ShopifyInstallationTable,
  ShopifyOAuthStateTable,
  WebhookDeliveryTable,
} from '../../features/shopify/index.js';
import type { SuppressionTable } from '../../features/consent/index.js';
import type { CustomerPreferenceTable } from '../../features/consent/index.js';
import type { OverviewSnapshotTable, StaffSessionTable, StaffUserTable } from '../../features/console/index.js';
import type { MembershipCancelReasonTable } from '../../features/memberships/index.js';
import type { SurveyResponseTable } from '../../features/surveys/index.js';
import type { ShopDiscountPushTable, ShopOrderDiscountCodeTable } from '../../features/shop-discounts/index.js';
import type {
  WebhookAttemptTable,
  WebhookEndpointTable,
  WebhookMessageTable,
} from '../../features/outgoing-webhooks/index.js';

/**
 * The tables as Kysely sees them (src/platform/database/schema.sql is the readable dump of what
 * the migrations build). Conventions: ids and external ids are text; money is an integer of minor
 * units beside a currency; instants are ISO 8601 text in UTC; JSON columns are text.
 */
export interface Database {
  stores: StoreTable;
  api_keys: ApiKeyTable;
  staff_users: StaffUserTable;
  staff_sessions: StaffSessionTable;
  overview_snapshots: OverviewSnapshotTable;
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  customer_merges: CustomerMergeTable;
  consent_records: ConsentRecordTable;
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  customer_events: CustomerEventTable;
  idempotency_keys: IdempotencyKeyTable;
  webhook_deliveries: WebhookDeliveryTable;
  shopify_checkouts: ShopifyCheckoutTable;
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
  // Background work
  job_leases: JobLeaseTable;
  customer_preferences: CustomerPreferenceTable;
  shopify_backfills: ShopifyBackfillTable;
  // Shopify app install (docs/shopify.md)
  shopify_installations: ShopifyInstallationTable;
  shopify_oauth_states: ShopifyOAuthStateTable;
  shopify_data_requests: ShopifyDataRequestTable;
  // Surveys
  survey_responses: SurveyResponseTable;
  membership_cancel_reasons: MembershipCancelReasonTable;
  // Real discount codes in the shop (docs/shopify.md "Discount codes in Shopify")
  shop_discount_pushes: ShopDiscountPushTable;
  shop_order_discount_codes: ShopOrderDiscountCodeTable;
  // Bounce and complaint feeds
  bounce_events: BounceEventTable;
  // Outgoing webhooks (docs/webhooks.md "Outgoing")
  webhook_endpoints: WebhookEndpointTable;
  webhook_messages: WebhookMessageTable;
  webhook_attempts: WebhookAttemptTable;
}
