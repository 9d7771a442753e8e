import { describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../feedback/index.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { createMembershipPlan, startCustomerMembership } from '../memberships/memberships.service.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(dialects)('surveys over HTTP on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  let seq = 0;

  async function linkFor(question: string, answer: string, subject = 'ord_1', storeId = ctx().store.id) {
    const { database } = ctx();
    const customer = await upsertCustomerByExternalId(database.db, storeId, { externalId: `s-${++seq}` });
    const secret = await unsubscribeSecret(database.db, storeId, '2026-01-01T00:00:00.000Z');
    const sign = (a = answer, q = question) =>
      signFeedbackToken(secret, { storeId, customerId: customer.id, flow: 'nps', question: q, answer: a, subject });
    return { customer, sign };
  }

  it('the page: a GET records nothing; the POST records once and offers the why? box; the comment is kept', async () => {
    const { app, store } = ctx();
    const { customer, sign } = await linkFor('nps', '9');
    const t = sign();
    const shown = await app.inject({ method: 'GET', url: `/survey?t=${t}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('How likely are you to recommend us to a friend?');
    expect(shown.body).toContain('Your answer: 9 out of 10');
    expect(shown.body).toContain('<form id="answer" method="post" action="/survey">');
    expect(shown.headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    expect(shown.headers['cache-control']).toBe('no-store');
    const none = await app.inject({ method: 'GET', url: '/v1/surveys/answers', headers: store.auth });
    expect(none.json().answers).toEqual([]);

    const posted = await app.inject({
      method: 'POST',
      url: '/survey',
      headers: FORM,
      payload: `t=${encodeURIComponent(t)}`,
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.headers.location).toBeUndefined();
    expect(posted.body).toContain('Thank you!');
    expect(posted.body).toContain('<form method="post" action="/survey/comment">');
    expect(posted.body).toContain('<label for="comment">Would you tell us why? (optional)</label>');
    expect(posted.headers['content-security-policy']).not.toContain('script-src');
    const again = await app.inject({
      method: 'POST',
      url: '/survey',
      headers: { ...FORM, accept: 'application/json' },
      payload: `t=${encodeURIComponent(t)}`,
    });
    expect(again.json()).toMatchObject({ recorded: false, outcome: 'unchanged', answer: '9', comment: null });

    const commented = await app.inject({
      method: 'POST',
      url: '/survey/comment',
      headers: FORM,
      payload: `t=${encodeURIComponent(t)}&comment=${encodeURIComponent('Fast <b>delivery</b>')}`,
    });
    expect(commented.statusCode).toBe(200);
    expect(commented.body).toContain('We have your words');
    // The thank-you page shows the comment back, escaped, for editing.
    const back = await app.inject({
      method: 'POST',
      url: '/survey',
      headers: FORM,
      payload: `t=${encodeURIComponent(t)}`,
    });
    expect(back.body).toContain('Fast &#60;b&#62;delivery&#60;/b&#62;</textarea>');

    const listed = await app.inject({
      method: 'GET',
      url: '/v1/surveys/answers?withComment=true',
      headers: store.auth,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().answers).toEqual([
      expect.objectContaining({
        customerId: customer.id,
        question: 'nps',
        score: 9,
        comment: 'Fast <b>delivery</b>',
      }),
    ]);
  });

  it('bad links are 404 FEEDBACK_TOKEN_INVALID; a bad score is 400 SURVEY_ANSWER_INVALID naming the field; an empty why? 400', async () => {
    const { app } = ctx();
    const { sign } = await linkFor('nps', '11');
    for (const t of ['garbage', '', `${sign('9')}x`]) {
      const page = await app.inject({ method: 'GET', url: `/survey?t=${encodeURIComponent(t)}` });
      expect(page.statusCode).toBe(404);
      expect(page.headers['x-error-code']).toBe('FEEDBACK_TOKEN_INVALID');
      expect(page.body).toContain('This link did not work');
      const posted = await app.inject({
        method: 'POST',
        url: '/survey',
        headers: { ...FORM, accept: 'application/json' },
        payload: `t=${encodeURIComponent(t)}`,
      });
      expect(posted.statusCode).toBe(404);
      expect(posted.json().error.code).toBe('FEEDBACK_TOKEN_INVALID');
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/survey',
      headers: { ...FORM, accept: 'application/json' },
      payload: `t=${encodeURIComponent(sign())}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'SURVEY_ANSWER_INVALID',
      details: { field: 'answer', where: 'token' },
    });
    const badPage = await app.inject({ method: 'GET', url: `/survey?t=${encodeURIComponent(sign())}` });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.headers['x-error-code']).toBe('SURVEY_ANSWER_INVALID');

    const empty = await app.inject({
      method: 'POST',
      url: '/survey/comment',
      headers: { ...FORM, accept: 'application/json' },
      payload: `t=${encodeURIComponent(sign('9'))}&comment=`,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'SURVEY_COMMENT_INVALID', details: { field: 'comment' } });
  });

  it('the report and answers need the store key, see only the store, and check their query', async () => {
    const { app, store, otherStore } = ctx();
    const { sign } = await linkFor('csat', '4', 'T-1', otherStore.id);
    await app.inject({ method: 'POST', url: '/survey', headers: FORM, payload: `t=${encodeURIComponent(sign())}` });
    expect((await app.inject({ method: 'GET', url: '/v1/surveys/report' })).statusCode).toBe(401);
    const mine = await app.inject({ method: 'GET', url: '/v1/surveys/report?from=2020-01-01', headers: store.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total.csat.answers).toBe(0);
    const theirs = await app.inject({ method: 'GET', url: '/v1/surveys/report', headers: otherStore.auth });
    expect(theirs.json().total.csat).toEqual({ answers: 1, satisfied: 1, csat: 100, average: 4 });
    expect(theirs.json().churn.memberships.total.cancelled.count).toBe(0);

    const badFrom = await app.inject({ method: 'GET', url: '/v1/surveys/report?from=yesterday', headers: store.auth });
    expect(badFrom.statusCode).toBe(400);
    expect(badFrom.json().error.details.field).toBe('from');
    const badQuestion = await app.inject({
      method: 'GET',
      url: '/v1/surveys/answers?question=mood',
      headers: store.auth,
    });
    expect(badQuestion.statusCode).toBe(400);
    const badCursor = await app.inject({ method: 'GET', url: '/v1/surveys/answers?before=nope', headers: store.auth });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details.field).toBe('before');
  });

  it('a membership cancelled over the API keeps its reason for the report; a reason with another status is 400', async () => {
    const { app, store, database } = ctx();
    const customer = await upsertCustomerByExternalId(database.db, store.id, { externalId: 'member' });
    await createMembershipPlan(
      database.db,
      store.id,
      {
        code: 'club',
        name: 'Club',
        feeMinor: 4900,
        currency: 'EUR',
        periodMonths: 12,
        renewalReminderDays: 0,
        perks: { freeShipping: false, extraPointsMultiplier: 1, memberCouponPercent: null, textPerks: [] },
      },
      '2026-01-01T00:00:00.000Z',
    );
    const m = await startCustomerMembership(
      database.db,
      store.id,
      { plan: 'club', customer: customer.id, startedAt: '2026-01-01T00:00:00Z' },
      '2026-01-01T00:00:00.000Z',
    );
    const wrong = await app.inject({
      method: 'POST',
      url: `/v1/memberships/${m.id}/status`,
      headers: store.auth,
      payload: { status: 'renewed', reason: 'quality' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('reason');
    const unknown = await app.inject({
      method: 'POST',
      url: `/v1/memberships/${m.id}/status`,
      headers: store.auth,
      payload: { status: 'cancelled', reason: 'bored' },
    });
    expect(unknown.statusCode).toBe(400);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/v1/memberships/${m.id}/status`,
      headers: store.auth,
      payload: {
        status: 'cancelled',
        reason: 'quality',
        note: 'The box arrived damaged',
        occurredAt: '2026-02-03T10:00:00Z',
      },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().outcome).toBe('changed');
    const report = await app.inject({ method: 'GET', url: '/v1/surveys/report', headers: store.auth });
    expect(report.json().churn.memberships).toEqual({
      months: [
        {
          month: '2026-02',
          cancelled: { count: 1, reasons: [{ reason: 'quality', count: 1, share: 1 }] },
          skipped: { count: 0, reasons: [] },
          paused: { count: 0, reasons: [] },
        },
      ],
      total: {
        cancelled: { count: 1, reasons: [{ reason: 'quality', count: 1, share: 1 }] },
        skipped: { count: 0, reasons: [] },
        paused: { count: 0, reasons: [] },
      },
    });
  });
});
