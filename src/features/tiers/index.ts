export type { CustomerTierTable } from './customer-tier.table.js';
export type { TierPerks, TierSettings } from './tiers.js';
export { readTierSettings } from './tier.repository.js';
export { currentTierOf, tierMultiplierOf } from './tier-status.service.js';
export {
  hasCustomerMetrics,
  hasOpenChallenges,
  hasPendingReferrals,
  usesLoyalty,
  usesTiers,
} from './reward-feature-usage.service.js';
export { updateTierForOrder } from './update-tier-for-order.service.js';
export { registerTiersCommand } from './tiers.command.js';
export { tierPeriodEndJob } from './tier-period-end.job.js';
export { tierRoutes } from './tiers.route.js';
export { setTierSettings } from './tiers.service.js';
export { type TierStatus, tierStatusOf } from './tier-status.service.js';
