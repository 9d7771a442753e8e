import { describe, expect, it } from 'vitest';
import { recordSurveyAnswer, saveSurveyComment } from './record-survey-answer.service.js';
import { surveyAnswersOf, surveyReportOf } from './survey-report.service.js';
import { signFeedbackToken } from '../feedback/index.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { createMembershipPlan, startCustomerMembership } from '../memberships/memberships.service.js';
import { changeMembershipStatus } from '../memberships/membership-lifecycle.service.js';
import { ensureBuiltInSegments, listSegments } from '../segments/segment.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2026-03-01T10:00:00.000Z';

describe.each(dialects)('survey answers on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function setup() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Surveys' });
    const secret = await unsubscribeSecret(db, store.id, NOW);
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'alice' });
    const token = (question: string, answer: string, subject = 'ord_1', customerId = customer.id, flow = 'nps') =>
      signFeedbackToken(secret, { storeId: store.id, customerId, flow, question, answer, subject });
    return { db, store, customer, token };
  }

  it('records an answer once; concurrent clicks of one link record one row and one event; another answer replaces it', async () => {
    const { db, store, customer, token } = await setup();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => recordSurveyAnswer(db, token('nps', '9'), { now: NOW })),
    );
    expect(results.filter((r) => r.outcome === 'inserted')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(7);
    const rows = await db.selectFrom('survey_responses').selectAll().where('store_id', '=', store.id).execute();
    expect(rows.map((r) => [r.question, r.answer, Number(r.score), r.subject])).toEqual([['nps', '9', 9, 'ord_1']]);
    const events = await listCustomerEvents(db, store.id, customer.id, { limit: 50 });
    expect(events.map((e) => e.payload)).toEqual([
      { name: 'feedback', question: 'nps', answer: '9', subject: 'ord_1', flow: 'nps' },
    ]);

    const changed = await recordSurveyAnswer(db, token('nps', '6'), { now: '2026-03-02T10:00:00.000Z' });
    expect(changed.outcome).toBe('changed');
    const again = await recordSurveyAnswer(db, token('nps', '6'), { now: '2026-03-02T11:00:00.000Z' });
    expect(again.outcome).toBe('unchanged');
    const row = await db
      .selectFrom('survey_responses')
      .selectAll()
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow();
    expect([row.answer, Number(row.score), row.answered_at, row.updated_at]).toEqual([
      '6',
      6,
      NOW,
      '2026-03-02T10:00:00.000Z',
    ]);
    // Both answers said are in the customer's events, as feedback keeps them.
    expect(
      (await listCustomerEvents(db, store.id, customer.id, { limit: 50 })).map((e) => e.payload.answer).sort(),
    ).toEqual(['6', '9']);
  });

  it('keeps the "why?" (recording the answer if it was not yet); refuses empty and too long text and bad answers', async () => {
    const { db, store, token } = await setup();
    const saved = await saveSurveyComment(db, token('csat', '2', 'T-1', undefined, 'csat'), '  Took three days.\r\n', {
      now: NOW,
    });
    expect(saved.comment).toBe('Took three days.');
    const page = await surveyAnswersOf(db, store.id, { limit: 10 });
    expect(page.answers.map((a) => [a.question, a.score, a.comment, a.subject])).toEqual([
      ['csat', 2, 'Took three days.', 'T-1'],
    ]);
    await expect(saveSurveyComment(db, token('csat', '2', 'T-1'), '   ', { now: NOW })).rejects.toMatchObject({
      code: 'SURVEY_COMMENT_INVALID',
      details: { field: 'comment' },
    });
    await expect(
      saveSurveyComment(db, token('csat', '2', 'T-1'), 'x'.repeat(2001), { now: NOW }),
    ).rejects.toMatchObject({
      code: 'SURVEY_COMMENT_INVALID',
    });
    await expect(recordSurveyAnswer(db, token('nps', '11'), { now: NOW })).rejects.toMatchObject({
      code: 'SURVEY_ANSWER_INVALID',
      details: { field: 'answer' },
    });
    await expect(recordSurveyAnswer(db, token('cart_reason', 'price'), { now: NOW })).rejects.toMatchObject({
      code: 'SURVEY_ANSWER_INVALID',
      details: { field: 'question' },
    });
    await expect(recordSurveyAnswer(db, 'f1.garbage', { now: NOW })).rejects.toMatchObject({
      code: 'FEEDBACK_TOKEN_INVALID',
    });
  });

  it('reports NPS by month and segment, CSAT, and why members and subscribers cancel; pages answers newest first', async () => {
    const { db, store, customer, token } = await setup();
    const bob = await upsertCustomerByExternalId(db, store.id, { externalId: 'bob' });
    const carol = await upsertCustomerByExternalId(db, store.id, { externalId: 'carol' });
    await recordSurveyAnswer(db, token('nps', '10'), { now: '2026-01-10T10:00:00.000Z' });
    await recordSurveyAnswer(db, token('nps', '3', 'ord_2', bob.id), { now: '2026-02-10T10:00:00.000Z' });
    await recordSurveyAnswer(db, token('nps', '8', 'ord_3', carol.id), { now: '2026-02-11T10:00:00.000Z' });
    await recordSurveyAnswer(db, token('csat', '5', 'T-9', bob.id, 'csat'), { now: '2026-02-12T10:00:00.000Z' });
    await recordSurveyAnswer(db, token('rating', '4', 'BEANS', bob.id, 'review-request'), {
      now: '2026-02-12T10:00:00.000Z',
    });
    await ensureBuiltInSegments(db, store.id, NOW);
    const [first] = await listSegments(db, store.id);
    await db
      .insertInto('segment_members')
      .values([
        { store_id: store.id, segment_id: first.id, customer_id: customer.id, entered_at: NOW },
        { store_id: store.id, segment_id: first.id, customer_id: bob.id, entered_at: NOW },
      ])
      .execute();

    const plan = await createMembershipPlan(
      db,
      store.id,
      {
        code: 'club',
        name: 'Club',
        feeMinor: 4900,
        currency: 'EUR',
        periodMonths: 12,
        renewalReminderDays: 7,
        perks: { freeShipping: true, extraPointsMultiplier: 1, memberCouponPercent: null, textPerks: [] },
      },
      NOW,
    );
    for (const [who, reason] of [
      [customer.id, 'too_expensive'],
      [bob.id, 'too_expensive'],
      [carol.id, null],
    ] as const) {
      const m = await startCustomerMembership(
        db,
        store.id,
        { plan: plan.code, customer: who, startedAt: '2026-01-01T00:00:00Z' },
        NOW,
      );
      const out = await changeMembershipStatus(
        db,
        store.id,
        m.id,
        { event: 'cancelled', eventId: null, occurredAt: '2026-02-20T10:00:00Z', reason, note: null },
        NOW,
      );
      expect(out.outcome).toBe('changed');
    }
    await expect(
      changeMembershipStatus(
        db,
        store.id,
        'mbr_none',
        { event: 'renewed', eventId: null, occurredAt: NOW, reason: 'quality', note: null },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'reason' } });

    const report = await surveyReportOf(db, store.id, {});
    expect(report.months.map((m) => [m.month, m.nps.answers, m.nps.nps, m.csat.csat])).toEqual([
      ['2026-01', 1, 100, null],
      ['2026-02', 2, -50, 100],
    ]);
    expect(report.total.nps.nps).toBe(0);
    expect(report.total.rating).toMatchObject({ answers: 1, average: 4 });
    expect(report.npsBySegment[0]).toMatchObject({ segmentId: first.id, nps: { answers: 2, nps: 0 } });
    expect(report.churn.memberships.total.cancelled).toEqual({
      count: 3,
      reasons: [
        { reason: 'too_expensive', count: 2, share: 0.6667 },
        { reason: 'unspecified', count: 1, share: 0.3333 },
      ],
    });
    expect(report.churn.subscriptions.total.cancelled.count).toBe(0);

    const february = await surveyReportOf(db, store.id, { from: '2026-02-01', to: '2026-03-01' });
    expect(february.total.nps.answers).toBe(2);
    await expect(surveyReportOf(db, store.id, { from: '2026-03-01', to: '2026-02-01' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'to' },
    });

    const page1 = await surveyAnswersOf(db, store.id, { limit: 2 });
    expect(page1.answers.map((a) => a.answeredAt)).toEqual(['2026-02-12T10:00:00.000Z', '2026-02-12T10:00:00.000Z']);
    const page2 = await surveyAnswersOf(db, store.id, { limit: 2, before: page1.next });
    expect(page2.answers.map((a) => a.score)).toEqual([8, 3]);
    const page3 = await surveyAnswersOf(db, store.id, { limit: 2, before: page2.next });
    expect(page3.answers.map((a) => a.score)).toEqual([10]);
    expect(page3.next).toBeNull();
  });
});
