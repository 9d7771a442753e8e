import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { recordFeedback, resolveFeedbackToken } from './record-feedback.service.js';
import type { FeedbackScope } from './feedback-token.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { escapeHtml, page, wantsJson } from '../../platform/http/person-pages.js';
import { answerTokenOf, MAX_ANSWER_TOKEN, refuseAnswerLink, registerOneClickPages } from './one-click-pages.route.js';

/**
 * One-click answers from messages (docs/flows.md "One-click answers"): a review's stars, "was
 * checkout easy?", why a cart was left. Registered at the root, outside /v1: the signed token is
 * the only credential, so the links work from any mail client without a login.
 *
 * - GET /feedback?t=TOKEN never records (mail security scanners and prefetchers GET every link in
 *   a message): it answers a page saying what will be recorded, with a form that POSTs the token.
 *   A few lines of inline script submit the form at once, so for a person the answer still takes
 *   one click; without scripts the page shows a button.
 * - POST /feedback (form field t) records the answer, once per answer, and answers a thank-you
 *   page (200, never a redirect). A second POST records nothing new and answers the same page.
 * - A bad token answers 404 FEEDBACK_TOKEN_INVALID, as a page for a browser (JSON when asked).
 */

const QUESTIONS: Readonly<Record<string, string>> = {
  checkout_easy: 'Was checking out easy?',
  cart_reason: 'Why did you leave your cart?',
};
const ANSWERS: Readonly<Record<string, string>> = { yes: 'Yes', no: 'No' };

/** "Your rating: 4 out of 5 stars" / "Was checking out easy? Yes": what the customer is about to say. */
export function describeAnswer(scope: Pick<FeedbackScope, 'question' | 'answer'>): string {
  if (scope.question === 'rating')
    return `Your rating: ${scope.answer} out of 5 star${scope.answer === '1' ? '' : 's'}`;
  const question = QUESTIONS[scope.question] ?? `Your answer to "${scope.question.replace(/_/g, ' ')}":`;
  const answer = ANSWERS[scope.answer] ?? scope.answer.replace(/_/g, ' ');
  return `${question} ${answer}`;
}

export const feedbackRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  const pages = registerOneClickPages(app);

  app.get<{ Querystring: { t?: string } }>(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'The one-click answer page: says what will be recorded and POSTs it (a GET never records)',
        querystring: { type: 'object', properties: { t: { type: 'string', maxLength: MAX_ANSWER_TOKEN } } },
      },
    },
    async (request, reply) => {
      try {
        const scope = await resolveFeedbackToken(db, request.query.t ?? '');
        if (wantsJson(request))
          return reply
            .code(200)
            .send({ question: scope.question, answer: scope.answer, subject: scope.subject, recorded: false });
        return pages.confirm(
          request,
          reply,
          '/feedback',
          request.query.t ?? '',
          `<p>${escapeHtml(describeAnswer(scope))}</p>`,
        );
      } catch (error) {
        return refuseAnswerLink(request, reply, error);
      }
    },
  );

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Records a one-click answer (form field t): 200 with a thank-you page, once per answer',
      },
    },
    async (request, reply) => {
      try {
        const token = answerTokenOf(request.body?.t);
        const { scope, recorded } = await recordFeedback(db, token, { now: nowIso() });
        if (wantsJson(request))
          return reply
            .code(200)
            .send({ recorded, question: scope.question, answer: scope.answer, subject: scope.subject });
        return reply
          .code(200)
          .type('text/html; charset=utf-8')
          .send(
            page(
              'Thank you!',
              `<p>We have your answer. ${escapeHtml(describeAnswer(scope))}.</p>\n<p>You can close this page.</p>`,
            ),
          );
      } catch (error) {
        return refuseAnswerLink(request, reply, error);
      }
    },
  );
};
