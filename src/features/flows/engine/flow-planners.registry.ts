import type { FlowKind } from './flow-definition.js';
import { abandonedCartFlow } from '../abandoned-cart/abandoned-cart.planner.js';
import { birthdayFlow } from '../birthday/birthday.planner.js';
import { campaignFlow } from '../campaign/campaign.planner.js';
import { challengeCompletedFlow } from '../challenge-completed/challenge-completed.planner.js';
import { challengeOfferedFlow } from '../challenge-offered/challenge-offered.planner.js';
import { firstOrderAnniversaryFlow } from '../first-order-anniversary/first-order-anniversary.planner.js';
import type { FlowPlanner } from './flow-planner.js';
import { membershipRenewalFlow } from '../membership-renewal/membership-renewal.planner.js';
import { pointsExpiringFlow } from '../points-expiring/points-expiring.planner.js';
import { postPurchaseFlow } from '../post-purchase/post-purchase.planner.js';
import { replenishmentFlow } from '../replenishment/replenishment.planner.js';
import { reviewRequestFlow } from '../review-request/review-request.planner.js';
import { tierReachedFlow } from '../tier-reached/tier-reached.planner.js';
import { upgradeOfferFlow } from '../upgrade-offer/upgrade-offer.planner.js';
import { winBackFlow } from '../win-back/win-back.planner.js';
import { npsFlow } from '../nps/nps.planner.js';
import { csatFlow } from '../csat/csat.planner.js';

/** Every kind's planner, by kind: the engine's only way to a planner (tests pass their own). */
// Planners differ in their settings type; the engine hands each the settings its own parser made.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlannerRegistry = Readonly<Record<FlowKind, FlowPlanner<any>>>;

export const FLOW_PLANNERS: PlannerRegistry = {
  'post-purchase': postPurchaseFlow,
  'review-request': reviewRequestFlow,
  replenishment: replenishmentFlow,
  'win-back': winBackFlow,
  'abandoned-cart': abandonedCartFlow,
  birthday: birthdayFlow,
  'first-order-anniversary': firstOrderAnniversaryFlow,
  'upgrade-offer': upgradeOfferFlow,
  'tier-reached': tierReachedFlow,
  'challenge-offered': challengeOfferedFlow,
  'challenge-completed': challengeCompletedFlow,
  'points-expiring': pointsExpiringFlow,
  'membership-renewal': membershipRenewalFlow,
  campaign: campaignFlow,
  nps: npsFlow,
  csat: csatFlow,
};
