import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { newId } from '../../platform/ids.js';
import type { AnswerFact, SurveyQuestion } from './survey.js';
import type { SurveyResponseRow } from './survey.table.js';

/** One survey answer as the API lists it. */
export interface SurveyAnswer {
  readonly id: string;
  readonly customerId: string;
  readonly customerExternalId: string;
  readonly flow: string;
  readonly question: SurveyQuestion;
  readonly subject: string;
  readonly answer: string;
  readonly score: number;
  readonly comment: string | null;
  readonly answeredAt: string;
  readonly updatedAt: string;
}

export interface AskedSurvey {
  readonly storeId: string;
  readonly customerId: string;
  readonly flow: string;
  readonly question: SurveyQuestion;
  readonly subject: string;
}

/**
 * Records the answer to one survey asked: inserted on the first click; the same answer again
 * changes nothing; another answer replaces it (the customer changed their mind: the latest counts).
 * Concurrent first clicks meet at the unique (store, customer, flow, question, subject) index:
 * one inserts, the others find its row. Returns whether anything changed.
 */
export async function upsertSurveyAnswer(
  db: Kysely<Database>,
  asked: AskedSurvey,
  answer: { readonly answer: string; readonly score: number },
  now: string,
): Promise<'inserted' | 'unchanged' | 'changed'> {
  const inserted = await db
    .insertInto('survey_responses')
    .values({
      store_id: asked.storeId,
      id: newId('svr'),
      customer_id: asked.customerId,
      flow: asked.flow,
      question: asked.question,
      subject: asked.subject,
      answer: answer.answer,
      score: answer.score,
      comment: null,
      answered_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['store_id', 'customer_id', 'flow', 'question', 'subject']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return 'inserted';
  const updated = await db
    .updateTable('survey_responses')
    .set({ answer: answer.answer, score: answer.score, updated_at: now })
    .where('store_id', '=', asked.storeId)
    .where('customer_id', '=', asked.customerId)
    .where('flow', '=', asked.flow)
    .where('question', '=', asked.question)
    .where('subject', '=', asked.subject)
    .where('answer', '<>', answer.answer)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0 ? 'changed' : 'unchanged';
}

/** Sets the "why?" of an answer already recorded; false when there is none. */
export async function setSurveyComment(
  db: Kysely<Database>,
  asked: AskedSurvey,
  comment: string,
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('survey_responses')
    .set({ comment, updated_at: now })
    .where('store_id', '=', asked.storeId)
    .where('customer_id', '=', asked.customerId)
    .where('flow', '=', asked.flow)
    .where('question', '=', asked.question)
    .where('subject', '=', asked.subject)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The answer recorded for a survey asked, or null. */
export async function findSurveyAnswer(db: Kysely<Database>, asked: AskedSurvey): Promise<SurveyResponseRow | null> {
  const row = await db
    .selectFrom('survey_responses')
    .selectAll()
    .where('store_id', '=', asked.storeId)
    .where('customer_id', '=', asked.customerId)
    .where('flow', '=', asked.flow)
    .where('question', '=', asked.question)
    .where('subject', '=', asked.subject)
    .executeTakeFirst();
  return row ?? null;
}

export interface Range {
  readonly from: string | null;
  readonly to: string | null;
}

/** Every answer first given in [from, to), for the report. */
export async function answerFacts(db: Kysely<Database>, storeId: string, range: Range): Promise<AnswerFact[]> {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['customer_id', 'question', 'score', 'answered_at'])
    .where('store_id', '=', storeId)
    .$if(range.from !== null, (qb) => qb.where('answered_at', '>=', range.from!))
    .$if(range.to !== null, (qb) => qb.where('answered_at', '<', range.to!))
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    question: r.question as SurveyQuestion,
    score: Number(r.score),
    answeredAt: r.answered_at,
  }));
}

/** Segment id -> the given customers who are its members today. */
export async function segmentMembersOf(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('segment_members')
      .select(['segment_id', 'customer_id'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const set = out.get(r.segment_id) ?? new Set<string>();
      set.add(r.customer_id);
      out.set(r.segment_id, set);
    }
  }
  return out;
}

/**
 * Answers newest first (by first answer, then id), a page at a time: `before` is the previous
 * page's cursor (`answeredAt|id` of its last answer).
 */
export async function listSurveyAnswers(
  db: Kysely<Database>,
  storeId: string,
  filter: Range & {
    readonly question: SurveyQuestion | null;
    readonly withComment: boolean;
    readonly before: { readonly answeredAt: string; readonly id: string } | null;
    readonly limit: number;
  },
): Promise<SurveyAnswer[]> {
  const rows = await db
    .selectFrom('survey_responses as r')
    .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 'r.store_id').onRef('c.id', '=', 'r.customer_id'))
    .selectAll('r')
    .select('c.external_id as customer_external_id')
    .where('r.store_id', '=', storeId)
    .$if(filter.question !== null, (qb) => qb.where('r.question', '=', filter.question!))
    .$if(filter.withComment, (qb) => qb.where('r.comment', 'is not', null))
    .$if(filter.from !== null, (qb) => qb.where('r.answered_at', '>=', filter.from!))
    .$if(filter.to !== null, (qb) => qb.where('r.answered_at', '<', filter.to!))
    .$if(filter.before !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('r.answered_at', '<', filter.before!.answeredAt),
          eb.and([eb('r.answered_at', '=', filter.before!.answeredAt), eb('r.id', '<', filter.before!.id)]),
        ]),
      ),
    )
    .orderBy('r.answered_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerExternalId: r.customer_external_id,
    flow: r.flow,
    question: r.question as SurveyQuestion,
    subject: r.subject,
    answer: r.answer,
    score: Number(r.score),
    comment: r.comment,
    answeredAt: r.answered_at,
    updatedAt: r.updated_at,
  }));
}
