export type { ChallengeTable } from './challenge.table.js';
export { advanceChallengesForOrder, expireChallengesJob } from './advance-challenges-for-order.service.js';
export { registerChallengesCommand } from './challenges.command.js';
export { challengeRoutes } from './challenges.route.js';
export { storeChallengeRoutes } from './store-challenges.route.js';
export { challengesOfCustomer, customerChallenges } from './challenges.service.js';
export type { ChallengeView } from './challenge-view.js';
