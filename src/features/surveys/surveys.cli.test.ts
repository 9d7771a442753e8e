import { describe, expect, it } from 'vitest';
import { recordSurveyAnswer } from './record-survey-answer.service.js';
import { signFeedbackToken } from '../feedback/index.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { createMembershipPlan, startCustomerMembership } from '../memberships/memberships.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

describe.each(dialects)('regulars surveys report and memberships cancel on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const cli = (args: string[]) => {
    const { args: extra, env } = dbArgs(database().target);
    return runCli([...args, ...extra], { env });
  };

  it('cancels a membership with a reason, and prints the report as a table and as stable JSON', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'CLI Surveys' });
    const secret = await unsubscribeSecret(db, store.id, '2026-01-01T00:00:00.000Z');
    for (const [who, score] of [
      ['a', '10'],
      ['b', '9'],
      ['c', '5'],
      ['d', '7'],
    ] as const) {
      const customer = await upsertCustomerByExternalId(db, store.id, { externalId: who });
      const t = signFeedbackToken(secret, {
        storeId: store.id,
        customerId: customer.id,
        flow: 'nps',
        question: 'nps',
        answer: score,
        subject: `ord_${who}`,
      });
      await recordSurveyAnswer(db, t, { now: '2026-02-10T10:00:00.000Z' });
    }
    const member = await upsertCustomerByExternalId(db, store.id, { externalId: 'm' });
    await createMembershipPlan(
      db,
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
    const membership = await startCustomerMembership(
      db,
      store.id,
      { plan: 'club', customer: member.id, startedAt: '2026-01-01T00:00:00Z' },
      '2026-01-01T00:00:00.000Z',
    );

    const badReason = await cli(['memberships', 'cancel', membership.id, '--store', store.id, '--reason', 'bored']);
    expect(badReason.status).not.toBe(0);
    expect(badReason.stderr).toContain('INVALID_ARGUMENT');
    const cancelled = await cli([
      'memberships',
      'cancel',
      membership.id,
      '--store',
      store.id,
      '--reason',
      'not_using',
      '--note',
      'Never used the perks',
    ]);
    expect(cancelled.stderr).toBe('');
    expect(cancelled.stdout).toMatch(
      new RegExp(`^cancelled membership ${membership.id} \\(reason not_using\\); it ends on 2027-01-01`),
    );
    const twice = await cli(['memberships', 'cancel', membership.id, '--store', store.id]);
    expect(twice.stdout).toContain('was already cancelled: nothing changed');

    const text = await cli(['surveys', 'report', '--store', store.id]);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    // 2 promoters, 1 passive, 1 detractor of 4: 50% - 25% = 25.
    expect(text.stdout).toContain('NPS 25 from 4 answers (2 promoters, 1 passives, 1 detractors)');
    expect(text.stdout).toContain('CSAT - satisfied from 0 answers');
    expect(text.stdout).toMatch(
      /month\s+NPS answers\s+promoters\s+passives\s+detractors\s+NPS\s+CSAT answers\s+CSAT %\n2026-02\s+4\s+2\s+1\s+1\s+25\s+0\s+-/,
    );
    expect(text.stdout).toContain('  memberships: 1 cancel: not_using 1 (100.0%)');
    expect(text.stdout).toContain('  subscriptions: no cancels');

    const json = await cli([
      'surveys',
      'report',
      '--store',
      store.id,
      '--from',
      '2026-02-01',
      '--to',
      '2026-03-01',
      '--json',
    ]);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(['storeId', 'from', 'to', 'months', 'total', 'npsBySegment', 'churn']);
    expect(report).toMatchObject({
      storeId: store.id,
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      months: [{ month: '2026-02', nps: { answers: 4, nps: 25 } }],
      total: { nps: { answers: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 } },
    });
    // The cancel was made today, outside February.
    expect(report.churn.memberships.total.cancelled.count).toBe(0);
    const all = JSON.parse((await cli(['surveys', 'report', '--store', store.id, '--json'])).stdout);
    expect(all.churn.memberships.total.cancelled.reasons).toEqual([{ reason: 'not_using', count: 1, share: 1 }]);

    const empty = JSON.parse(
      (await cli(['surveys', 'report', '--store', store.id, '--from', '2030-01-01', '--json'])).stdout,
    );
    expect(empty.total.nps).toEqual({ answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
    const badDay = await cli(['surveys', 'report', '--store', store.id, '--from', 'yesterday']);
    expect(badDay.status).not.toBe(0);
    expect(badDay.stderr).toContain('expected a day YYYY-MM-DD');
  });
});
