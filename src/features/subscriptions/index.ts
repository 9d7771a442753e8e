export type { ChurnReasonReport, ReasonTally } from './churn-report.js';
export type { SubscriptionChangeTable, SubscriptionOfferTable, SubscriptionTable } from './subscription.table.js';
export { churnReasonReport } from './churn-report.js';
export { churnFacts } from './subscription.repository.js';
export { churnReasonsByMonth } from './subscriptions.service.js';
export { resumeEndedPauses } from './subscription-lifecycle.service.js';
export { subscriptionRoutes } from './subscriptions.route.js';
export { subscriptionOfferListRoutes } from './subscription-offer-list.route.js';
