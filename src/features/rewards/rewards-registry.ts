import { advanceChallengesForOrder, expireChallengesJob } from './advance-challenges-for-order.js';
import { earnMultiplierOf } from './earn-multiplier.js';
import { flowsPlanJob } from './flows/flows-job.js';
import { createEarnPointsForOrder } from './earn-points-for-order.js';
import { loyaltyExpiryJob } from './loyalty-expiry.js';
import { membershipJob } from './membership-jobs.js';
import { type OrderRewardHandler, type ScheduledJob, whenUsed } from './order-rewards.js';
import { couponReservationSweep, releaseCouponsForOrder } from './release-coupons-for-order.js';
import { hasCustomerMetrics, hasOpenChallenges, hasPendingReferrals, usesLoyalty, usesTiers } from './reward-feature-usage.js';
import { rewardReferralForOrder } from './reward-referral-for-order.js';
import { segmentsOrderHandler, segmentsRefreshJob } from './segment-jobs.js';
import { tierPeriodEndJob } from './tier-period-end-job.js';
import { updateTierForOrder } from './update-tier-for-order.js';

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
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [loyaltyExpiryJob, tierPeriodEndJob, expireChallengesJob, membershipJob, couponReservationSweep, segmentsRefreshJob, flowsPlanJob];
