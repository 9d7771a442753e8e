export type { ReferralCodeTable } from './referral-code.table.js';
export type { ReferralSettings } from './referrals.js';
export type { ReferralTable } from './referral.table.js';
export { getReferralSettings, setReferralSettings } from './referrals.service.js';
export { rewardReferralForOrder } from './reward-referral-for-order.service.js';
export { referralRoutes } from './referrals.route.js';
export { registerReferralsCommand } from './referrals.command.js';
export { customerReferralCode } from './referrals.service.js';
