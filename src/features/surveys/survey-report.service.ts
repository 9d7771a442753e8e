import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { RegularsError } from '../../platform/errors.js';
import { membershipChurnFacts } from '../memberships/index.js';
import { listSegments } from '../segments/index.js';
import { type ChurnReasonReport, churnFacts, churnReasonReport } from '../subscriptions/index.js';
import { type SurveyQuestion, type SurveyReport, surveyReport } from './survey.js';
import {
  answerFacts,
  listSurveyAnswers,
  type Range,
  segmentMembersOf,
  type SurveyAnswer,
} from './survey.repository.js';

export interface SurveyReportResult extends SurveyReport {
  readonly storeId: string;
  /** The range asked for (UTC instants), null for open. */
  readonly from: string | null;
  readonly to: string | null;
  /** Why customers leave: subscriptions' cancels (with skips and pauses) and memberships' cancels, by month. */
  readonly churn: { readonly subscriptions: ChurnReasonReport; readonly memberships: ChurnReasonReport };
}

/** A day 'YYYY-MM-DD' as its first instant (UTC), or an instant as given; INVALID_ARGUMENT naming the field. */
export function rangeBound(value: string | undefined | null, field: 'from' | 'to'): string | null {
  if (value === undefined || value === null || value === '') return null;
  return utcInstant(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value, field);
}

function checkedRange(from: string | undefined | null, to: string | undefined | null): Range {
  const range = { from: rangeBound(from, 'from'), to: rangeBound(to, 'to') };
  if (range.from !== null && range.to !== null && range.from >= range.to)
    throw new RegularsError('INVALID_ARGUMENT', `from (${range.from}) must be before to (${range.to})`, {
      field: 'to',
    });
  return range;
}

/** NPS and CSAT by month and by segment, totals of every question, and the churn reasons, over [from, to). */
export async function surveyReportOf(
  db: Kysely<Database>,
  storeId: string,
  bounds: { readonly from?: string | null; readonly to?: string | null },
): Promise<SurveyReportResult> {
  const range = checkedRange(bounds.from, bounds.to);
  const facts = await answerFacts(db, storeId, range);
  const segments = await listSegments(db, storeId);
  const members = await segmentMembersOf(
    db,
    storeId,
    facts.filter((f) => f.question === 'nps').map((f) => f.customerId),
  );
  const report = surveyReport(
    facts,
    segments.map((s) => ({ id: s.id, name: s.name })),
    members,
  );
  return {
    storeId,
    from: range.from,
    to: range.to,
    ...report,
    churn: {
      subscriptions: churnReasonReport(await churnFacts(db, storeId, range)),
      memberships: churnReasonReport(await membershipChurnFacts(db, storeId, range)),
    },
  };
}

export interface AnswersPage {
  readonly answers: readonly SurveyAnswer[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly next: string | null;
}

/** Answers newest first, `limit` at a time; `before` is the cursor a previous page returned. */
export async function surveyAnswersOf(
  db: Kysely<Database>,
  storeId: string,
  query: {
    readonly question?: SurveyQuestion | null;
    readonly withComment?: boolean;
    readonly from?: string | null;
    readonly to?: string | null;
    readonly before?: string | null;
    readonly limit: number;
  },
): Promise<AnswersPage> {
  const range = checkedRange(query.from, query.to);
  let before: { answeredAt: string; id: string } | null = null;
  if (query.before !== undefined && query.before !== null && query.before !== '') {
    const [answeredAt, id] = query.before.split('|');
    if (id === undefined || !id.startsWith('svr_') || Number.isNaN(Date.parse(answeredAt)))
      throw new RegularsError('INVALID_ARGUMENT', 'before is not a cursor this list returned (next)', {
        field: 'before',
      });
    before = { answeredAt, id };
  }
  const rows = await listSurveyAnswers(db, storeId, {
    ...range,
    question: query.question ?? null,
    withComment: query.withComment ?? false,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { answers: page, next: rows.length > query.limit && last ? `${last.answeredAt}|${last.id}` : null };
}
