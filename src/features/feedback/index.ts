export { signFeedbackToken } from './feedback-token.js';
export { feedbackRoutes } from './feedback.route.js';
export type { FeedbackScope } from './feedback-token.js';
export { feedbackEvent, resolveFeedbackToken } from './record-feedback.service.js';
