export { signFeedbackToken } from './feedback-token.js';
export { feedbackRoutes } from './feedback.route.js';
export type { FeedbackScope } from './feedback-token.js';
export { feedbackEvent, resolveFeedbackToken } from './record-feedback.service.js';
export {
  answerTokenOf,
  formField,
  MAX_ANSWER_TOKEN,
  refuseAnswerLink,
  registerOneClickPages,
} from './one-click-pages.route.js';
