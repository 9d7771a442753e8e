import { advanceChallengesForOrder, expireChallengesJob } from '../challenges/index.js';
import { earnMultiplierOf } from '../loyalty/index.js';
import { flowsPlanJob } from '../flows/index.js';
import { createEarnPointsForOrder } from '../loyalty/index.js';
import { loyaltyExpiryJob } from '../loyalty/index.js';
import { membershipJob } from '../memberships/index.js';
import { type OrderRewardHandler, type ScheduledJob, whenUsed } from '../orders/index.js';
import { couponReservationSweep, releaseCouponsForOrder } from '../coupons/index.js';
import { hasCustomerMetrics, hasOpenChallenges, hasPendingReferrals, usesLoyalty, usesTiers } from '../tiers/index.js';
import { rewardReferralForOrder } from '../referrals/index.js';
import { segmentsOrderHandler, segmentsRefreshJob } from '../segments/index.js';
import { tierPeriodEndJob } from '../tiers/index.js';
import { redeemShopOrderCodes, shopDiscountPushJob } from '../shop-discounts/index.js';
import { shopifyDiscountTarget } from '../shopify/index.js';
import { wooCommerceDiscountTarget } from '../woocommerce/index.js';
import { updateTierForOrder } from '../tiers/index.js';

/**
 * Every rewards feature's reaction to orders, in the order the sync runs them for each order:
 * points first (a tier may count them), then what builds on them.
 */
export const ORDER_REWARD_HANDLERS: readonly OrderRewardHandler[] = [
  // Before the tier: a tier on points counts this order's points (so the order that lifts a
  // customer to a tier earns at the multiplier they had when they placed it).
  whenUsed(createEarnPointsForOrder({ tierMultiplierOf: earnMultiplierOf }), usesLoyalty),
  whenUsed(updateTierForOrder, usesTiers),
  whenUsed(rewardReferralForOrder, hasPendingReferrals),
  whenUsed(advanceChallengesForOrder, hasOpenChallenges),
  // Codes used at the shop's checkout count as redemptions; before the release below, so an order
  // cancelled after it was counted gives its use back in the same pass.
  redeemShopOrderCodes,
  // Reads nothing for an order that is not cancelled.
  releaseCouponsForOrder,
  // Last: the customer's metrics and segments see the points and tier the handlers above wrote.
  whenUsed(segmentsOrderHandler, hasCustomerMetrics),
];

/**
 * Every rewards feature's periodic work, run for each store by `regulars serve` and `regulars
 * rewards run`; last, the flows, which react to what the jobs before them recorded (a tier
 * reached, points about to expire, a renewal due).
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  loyaltyExpiryJob,
  tierPeriodEndJob,
  expireChallengesJob,
  membershipJob,
  couponReservationSweep,
  // Coupons made by the jobs above and by the API become discount codes in the store's shop.
  shopDiscountPushJob([shopifyDiscountTarget(), wooCommerceDiscountTarget()]),
  segmentsRefreshJob,
  flowsPlanJob,
];
