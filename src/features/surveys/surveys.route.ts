import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { escapeHtml, page, wantsJson } from '../../platform/http/person-pages.js';
import { nowIso } from '../../platform/ids.js';
import {
  answerTokenOf,
  formField,
  MAX_ANSWER_TOKEN,
  refuseAnswerLink,
  registerOneClickPages,
} from '../feedback/index.js';
import {
  MAX_COMMENT,
  recordSurveyAnswer,
  resolveSurveyToken,
  saveSurveyComment,
  type SurveyScope,
} from './record-survey-answer.service.js';
import { describeSurveyAnswer, SURVEY_DEFINITIONS, SURVEY_QUESTIONS, type SurveyQuestion } from './survey.js';
import { surveyAnswersOf, surveyReportOf } from './survey-report.service.js';

/**
 * The hosted survey page (docs/surveys.md), registered at the root like /feedback: the signed
 * link is the only credential.
 *
 * - GET /survey?t=TOKEN never records (mail scanners GET every link): it says what will be
 *   recorded and POSTs it (a nonce-allowed line of script; without scripts, a button).
 * - POST /survey (form field t) records the answer once (the same click again records nothing; a
 *   different answer replaces it) and answers the thank-you page with the optional "why?" box.
 * - POST /survey/comment (fields t, comment) keeps the "why?" with the answer. No script needed.
 * - A bad link: 404 FEEDBACK_TOKEN_INVALID; a signed link whose answer is not a survey's:
 *   400 SURVEY_ANSWER_INVALID; an empty or too long comment: 400 SURVEY_COMMENT_INVALID.
 */

/** "How likely are you to recommend us to a friend? Your answer: 9 out of 10". */
function said(scope: SurveyScope): string {
  return `<p>${escapeHtml(SURVEY_DEFINITIONS[scope.question].text)}</p>
<p><strong>Your answer: ${escapeHtml(describeSurveyAnswer(scope.question, scope.answer))}</strong></p>`;
}

/** The thank-you page with the optional "why?" box (a plain form: works without scripts). */
function thankYou(scope: SurveyScope, token: string, comment: string | null): string {
  return page(
    'Thank you!',
    `${said(scope)}
<form method="post" action="/survey/comment">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<label for="comment">Would you tell us why? (optional)</label>
<textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT}" style="width:100%;box-sizing:border-box;font:inherit">${escapeHtml(comment ?? '')}</textarea>
<p><button type="submit">Send</button></p>
</form>
<p>Or simply close this page: your answer is saved.</p>`,
  );
}

export const surveyPageRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  const pages = registerOneClickPages(app);

  app.get<{ Querystring: { t?: string } }>(
    '/survey',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The one-click survey page: says what will be recorded and POSTs it (a GET never records)',
        querystring: { type: 'object', properties: { t: { type: 'string', maxLength: MAX_ANSWER_TOKEN } } },
      },
    },
    async (request, reply) => {
      try {
        const token = request.query.t ?? '';
        const scope = await resolveSurveyToken(db, token);
        if (wantsJson(request))
          return reply.send({
            question: scope.question,
            answer: scope.answer,
            subject: scope.subject,
            recorded: false,
          });
        return pages.confirm(request, reply, '/survey', token, said(scope));
      } catch (error) {
        return refuseAnswerLink(request, reply, error);
      }
    },
  );

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/survey',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Records a one-click survey answer (form field t), once; answers the thank-you page with a "why?" box',
      },
    },
    async (request, reply) => {
      try {
        const token = answerTokenOf(request.body?.t);
        const { scope, outcome, comment } = await recordSurveyAnswer(db, token, { now: nowIso() });
        if (wantsJson(request))
          return reply.send({
            recorded: outcome !== 'unchanged',
            outcome,
            question: scope.question,
            answer: scope.answer,
            subject: scope.subject,
            comment,
          });
        return reply.type('text/html; charset=utf-8').send(thankYou(scope, token, comment));
      } catch (error) {
        return refuseAnswerLink(request, reply, error);
      }
    },
  );

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/survey/comment',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Keeps the customer\'s "why?" (form fields t and comment) with their answer',
      },
    },
    async (request, reply) => {
      try {
        const token = answerTokenOf(request.body?.t);
        const saved = await saveSurveyComment(db, token, formField(request.body?.comment), { now: nowIso() });
        if (wantsJson(request))
          return reply.send({ question: saved.scope.question, answer: saved.scope.answer, comment: saved.comment });
        return reply
          .type('text/html; charset=utf-8')
          .send(
            page(
              'Thank you!',
              `${said(saved.scope)}\n<p>We have your words, and a person on our team will read them.</p>\n<p>You can close this page.</p>`,
            ),
          );
      } catch (error) {
        return refuseAnswerLink(request, reply, error);
      }
    },
  );
};

const range = {
  from: {
    type: 'string',
    maxLength: 40,
    description: 'From this day (YYYY-MM-DD, UTC) or instant, inclusive: by when an answer was first given',
  },
  to: { type: 'string', maxLength: 40, description: 'Up to this day or instant, exclusive' },
} as const;

/** GET /v1/surveys/report and GET /v1/surveys/answers (the store's API key or a staff session). */
export const surveyRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/surveys/report',
    {
      schema: {
        tags: ['surveys'],
        summary:
          'NPS and CSAT by month and NPS by segment, star ratings and "was checkout easy?", and churn reasons of subscriptions and memberships',
        security: bearerAuth,
        querystring: { type: 'object', additionalProperties: false, properties: range },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => surveyReportOf(db, request.store.id, request.query),
  );

  app.get<{
    Querystring: {
      from?: string;
      to?: string;
      question?: SurveyQuestion;
      withComment?: boolean;
      before?: string;
      limit?: number;
    };
  }>(
    '/surveys/answers',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Survey answers with their "why?", newest first, a page at a time',
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...range,
            question: { type: 'string', enum: [...SURVEY_QUESTIONS], description: 'Only answers to this question' },
            withComment: { type: 'boolean', description: 'Only answers with a "why?"' },
            before: { type: 'string', maxLength: 100, description: 'The `next` cursor of the previous page' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) =>
      surveyAnswersOf(db, request.store.id, {
        from: request.query.from,
        to: request.query.to,
        question: request.query.question ?? null,
        withComment: request.query.withComment ?? false,
        before: request.query.before ?? null,
        limit: request.query.limit ?? 50,
      }),
  );
};
