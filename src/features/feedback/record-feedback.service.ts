import type { Kysely } from 'kysely';
import type { CustomerEventInput } from '../events/index.js';
import { RegularsError } from '../../platform/errors.js';
import { type FeedbackScope, parseFeedbackToken, verifyFeedbackToken } from './feedback-token.js';
import { findCustomer } from '../customers/index.js';
import { recordDerivedEvent } from '../events/index.js';
import { findUnsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * One-click answers (a review's stars, "was checkout easy?", why a cart was left), carried by the
 * signed links of src/features/feedback/feedback-token.ts: resolving a token reads nothing but the store's
 * secret and the customer, and recording an answer writes one customer event, once per answer.
 */

function invalidToken(reason: string): RegularsError {
  return new RegularsError('FEEDBACK_TOKEN_INVALID', `this answer link is not valid: ${reason}`);
}

/** A rating is 1 to 5 stars. */
const RATING = /^[1-5]$/;

/** The answer a token stands for, checked: FEEDBACK_TOKEN_INVALID when malformed, not ours, or its customer is gone. */
export async function resolveFeedbackToken(db: Kysely<Database>, token: string): Promise<FeedbackScope> {
  const claimed = parseFeedbackToken(token);
  if (claimed === null) throw invalidToken('it is malformed');
  const secret = await findUnsubscribeSecret(db, claimed.storeId);
  const scope = secret === null ? null : verifyFeedbackToken(secret, token);
  if (scope === null) throw invalidToken('its signature does not match');
  // Signed by us, so only a bug could make a rating other than 1-5; refuse it rather than record nonsense.
  if (scope.question === 'rating' && !RATING.test(scope.answer))
    throw invalidToken(`a rating is 1 to 5, not ${scope.answer}`);
  if ((await findCustomer(db, scope.storeId, scope.customerId)) === null)
    throw invalidToken('the customer no longer exists');
  return scope;
}

/**
 * The event an answer becomes: a rating is a review (review_submitted, what the review-request flow
 * and segments read); any other answer is a custom 'feedback' event. The source key makes a second
 * click on the same link (or a client retrying) record nothing new, while a different answer to
 * the same question (4 stars after 5) is recorded too: both were said.
 */
export function feedbackEvent(scope: FeedbackScope, now: string): { sourceKey: string; input: CustomerEventInput } {
  const sourceKey = `feedback|${scope.customerId}|${JSON.stringify([scope.flow, scope.question, scope.subject, scope.answer])}`;
  if (scope.question === 'rating') {
    return {
      sourceKey,
      input: {
        kind: 'review_submitted',
        occurredAt: now,
        payload: { rating: Number(scope.answer), sku: scope.subject, flow: scope.flow, source: 'one-click' },
      },
    };
  }
  return {
    sourceKey,
    input: {
      kind: 'custom',
      occurredAt: now,
      payload: {
        name: 'feedback',
        question: scope.question,
        answer: scope.answer,
        subject: scope.subject,
        flow: scope.flow,
      },
    },
  };
}

export interface RecordedFeedback {
  readonly scope: FeedbackScope;
  /** False when this answer was already recorded (the event exists). */
  readonly recorded: boolean;
}

/** Verifies the token and records its answer as the customer's event, once. */
export async function recordFeedback(
  db: Kysely<Database>,
  token: string,
  context: { readonly now: string },
): Promise<RecordedFeedback> {
  const scope = await resolveFeedbackToken(db, token);
  const { sourceKey, input } = feedbackEvent(scope, context.now);
  try {
    const recorded = await recordDerivedEvent(db, scope.storeId, scope.customerId, sourceKey, input);
    return { scope, recorded };
  } catch (error) {
    // Deleted between the check and the insert.
    if (error instanceof RegularsError && error.code === 'CUSTOMER_NOT_FOUND')
      throw invalidToken('the customer no longer exists');
    throw error;
  }
}
