/**
 * Survey answers from one-click links (docs/surveys.md): the link's token is a feedback token
 * (src/features/feedback), so the signing, the secret and the "bad link" answer are feedback's;
 * this adds the survey's own record (one row per survey asked, with the "why?") beside the
 * customer event feedback writes.
 */
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { emitWebhookEvent } from '../outgoing-webhooks/index.js';
import { type FeedbackScope, feedbackEvent, resolveFeedbackToken } from '../feedback/index.js';
import { recordDerivedEvent } from '../events/index.js';
import { isSurveyQuestion, type SurveyQuestion, SURVEY_QUESTIONS, surveyScore } from './survey.js';
import { type AskedSurvey, findSurveyAnswer, setSurveyComment, upsertSurveyAnswer } from './survey.repository.js';

/** The longest "why?" kept. */
export const MAX_COMMENT = 2000;

export interface SurveyScope extends FeedbackScope {
  readonly question: SurveyQuestion;
  readonly score: number;
}

/**
 * The answer a survey link stands for: FEEDBACK_TOKEN_INVALID (404) for a link that is not ours,
 * SURVEY_ANSWER_INVALID (400, details.field) for a signed link whose question or answer is not a
 * survey's (a store's own template linking an NPS of 11).
 */
export async function resolveSurveyToken(db: Kysely<Database>, token: string): Promise<SurveyScope> {
  const scope = await resolveFeedbackToken(db, token);
  if (!isSurveyQuestion(scope.question))
    throw new RegularsError(
      'SURVEY_ANSWER_INVALID',
      `this link asks "${scope.question}", which is not a survey question (${SURVEY_QUESTIONS.join(', ')})`,
      { field: 'question', where: 'token' },
    );
  const score = surveyScore(scope.question, scope.answer);
  if (score === null)
    throw new RegularsError('SURVEY_ANSWER_INVALID', `"${scope.answer}" is not an answer to ${scope.question}`, {
      field: 'answer',
      where: 'token',
      question: scope.question,
    });
  return { ...scope, question: scope.question, score };
}

function askedOf(scope: SurveyScope): AskedSurvey {
  return {
    storeId: scope.storeId,
    customerId: scope.customerId,
    flow: scope.flow,
    question: scope.question,
    subject: scope.subject,
  };
}

export interface RecordedSurveyAnswer {
  readonly scope: SurveyScope;
  /** 'inserted' (first answer), 'changed' (another answer replaced it), 'unchanged' (the same click again). */
  readonly outcome: 'inserted' | 'changed' | 'unchanged';
  readonly comment: string | null;
}

async function record(
  trx: Kysely<Database>,
  scope: SurveyScope,
  now: string,
): Promise<RecordedSurveyAnswer['outcome']> {
  const outcome = await upsertSurveyAnswer(trx, askedOf(scope), { answer: scope.answer, score: scope.score }, now);
  if (outcome !== 'unchanged') {
    // The customer event feedback records (a rating as review_submitted, which the review-request
    // flow reads back), keyed so it is written once per answer said.
    const { sourceKey, input } = feedbackEvent(scope, now);
    await recordDerivedEvent(trx, scope.storeId, scope.customerId, sourceKey, input);
    await emitWebhookEvent(trx, scope.storeId, {
      type: 'survey.answered',
      at: now,
      data: {
        customerId: scope.customerId,
        flow: scope.flow,
        question: scope.question,
        subject: scope.subject,
        answer: scope.answer,
        score: scope.score,
        outcome,
      },
    });
  }
  return outcome;
}

/** Verifies the link and records its answer, once: both in one transaction. */
export async function recordSurveyAnswer(
  db: Kysely<Database>,
  token: string,
  context: { readonly now: string },
): Promise<RecordedSurveyAnswer> {
  const scope = await resolveSurveyToken(db, token);
  return inTransaction(db, async (trx) => {
    const outcome = await record(trx, scope, context.now);
    const row = await findSurveyAnswer(trx, askedOf(scope));
    return { scope, outcome, comment: row?.comment ?? null };
  });
}

/**
 * Keeps the customer's "why?" with their answer (recording the answer first if the link's answer
 * was never posted). Text is trimmed; empty or longer than MAX_COMMENT is SURVEY_COMMENT_INVALID.
 * Writing again replaces it.
 */
export async function saveSurveyComment(
  db: Kysely<Database>,
  token: string,
  comment: unknown,
  context: { readonly now: string },
): Promise<{ readonly scope: SurveyScope; readonly comment: string }> {
  const scope = await resolveSurveyToken(db, token);
  const text = typeof comment === 'string' ? comment.replace(/\r\n/g, '\n').trim() : '';
  if (text === '')
    throw new RegularsError('SURVEY_COMMENT_INVALID', 'write a few words, or close the page: nothing else is needed', {
      field: 'comment',
      where: 'body',
    });
  if (text.length > MAX_COMMENT)
    throw new RegularsError('SURVEY_COMMENT_INVALID', `the comment is longer than ${MAX_COMMENT} characters`, {
      field: 'comment',
      where: 'body',
      maxLength: MAX_COMMENT,
    });
  await inTransaction(db, async (trx) => {
    await record(trx, scope, context.now);
    await setSurveyComment(trx, askedOf(scope), text, context.now);
  });
  return { scope, comment: text };
}
