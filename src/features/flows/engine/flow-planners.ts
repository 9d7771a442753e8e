import type { FlowKind } from '../../domain/flows/flow-definition.js';
import { abandonedCartFlow } from './abandoned-cart.flow.js';
import { birthdayFlow } from './birthday.flow.js';
import { campaignFlow } from './campaign.flow.js';
import { challengeCompletedFlow } from './challenge-completed.flow.js';
import { challengeOfferedFlow } from './challenge-offered.flow.js';
import { firstOrderAnniversaryFlow } from './first-order-anniversary.flow.js';
import type { FlowPlanner } from './flow-planner.js';
import { membershipRenewalFlow } from './membership-renewal.flow.js';
import { pointsExpiringFlow } from './points-expiring.flow.js';
import { postPurchaseFlow } from './post-purchase.flow.js';
import { replenishmentFlow } from './replenishment.flow.js';
import { reviewRequestFlow } from './review-request.flow.js';
import { tierReachedFlow } from './tier-reached.flow.js';
import { upgradeOfferFlow } from './upgrade-offer.flow.js';
import { winBackFlow } from './win-back.flow.js';

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
};
