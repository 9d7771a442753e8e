export type {
  MembershipCancelReasonTable,
  MembershipPlanTable,
  MembershipStatusHistoryTable,
  MembershipTable,
} from './membership.table.js';
export { activeMembershipPerksOf } from './membership-perks.service.js';
export { registerMembershipsCommand } from './memberships.command.js';
export { membershipRoutes } from './memberships.route.js';
export { membershipJob } from './membership.job.js';
export { customerMemberships, membershipsOfCustomer } from './memberships.service.js';
export { membershipChurnFacts } from './membership.repository.js';
