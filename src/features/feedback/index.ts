export { signFeedbackToken } from './feedback-token.js';
export { feedbackRoutes } from './feedback.route.js';
