import { describe, expect, it } from 'vitest';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { getMembership } from './membership.repository.js';
import { changeMembershipStatus, startMembership } from './membership-lifecycle.service.js';
import { createMembershipPlan } from './memberships.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { changeSubscription, startSubscription } from '../subscriptions/subscription-lifecycle.service.js';
import { saveSubscriptionOffer } from '../subscriptions/subscription-offers.service.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars memberships and subscriptions on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('creates and lists plans; refuses a taken code and an unknown store', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Plans' });
    const created = json(
      await cli([
        'memberships',
        'plans',
        'create',
        '--store',
        store.id,
        '--code',
        'Club',
        '--fee',
        '4900',
        '--currency',
        'EUR',
        '--months',
        '12',
        '--free-shipping',
        '--extra-points',
        '1.5',
        '--perk',
        'Early access',
        '--json',
      ]),
    );
    expect(created).toMatchObject({
      code: 'club',
      name: 'Club',
      feeMinor: 4900,
      periodMonths: 12,
      perks: { freeShipping: true, extraPointsMultiplier: 1.5, textPerks: ['Early access'] },
    });
    const text = await cli([
      'memberships',
      'plans',
      'create',
      '--store',
      store.id,
      '--code',
      'monthly',
      '--fee',
      '490',
      '--currency',
      'EUR',
      '--months',
      '1',
    ]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^created membership plan monthly \(mpl_\w+\): 490 EUR minor units every month\n$/);
    const taken = await cli([
      'memberships',
      'plans',
      'create',
      '--store',
      store.id,
      '--code',
      'CLUB',
      '--fee',
      '1',
      '--currency',
      'EUR',
      '--months',
      '1',
    ]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('error MEMBERSHIP_PLAN_CODE_TAKEN');
    expect(
      json(await cli(['memberships', 'plans', 'list', '--store', store.id, '--json'])).map(
        (p: { code: string }) => p.code,
      ),
    ).toEqual(['club', 'monthly']);
    expect((await cli(['memberships', 'plans', 'list', '--store', store.id])).stdout).toContain(
      `club  ${created.id}  4900 EUR minor units every 12 months: free shipping, 1.5x points, Early access`,
    );
    const noStore = await cli(['memberships', 'plans', 'list', '--store', 'sto_nope']);
    expect(noStore.status).toBe(2);
    expect(noStore.stderr).toContain('error STORE_NOT_FOUND');
    expect(
      (
        await cli([
          'memberships',
          'plans',
          'create',
          '--store',
          store.id,
          '--code',
          'x',
          '--fee',
          '1',
          '--currency',
          'EUR',
          '--months',
          '1',
          '--extra-points',
          '0.5',
        ])
      ).status,
    ).not.toBe(0);
  });

  it('remind runs the job once as of a given instant: reminders once, expiries at period end', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'CLI Remind' });
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1' });
    const other = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-2' });
    const plan = await createMembershipPlan(
      db,
      store.id,
      {
        code: 'm',
        name: 'Monthly',
        feeMinor: 490,
        currency: 'EUR',
        periodMonths: 1,
        renewalReminderDays: 3,
        perks: { freeShipping: true, extraPointsMultiplier: 1, memberCouponPercent: null, textPerks: [] },
      },
      '2024-01-01T00:00:00Z',
    );
    await startMembership(
      db,
      store.id,
      { plan: plan.id, customerId: customer.id, startedAt: '2024-01-31T00:00:00Z' },
      '2024-01-31T00:00:00Z',
    );
    const leaving = await startMembership(
      db,
      store.id,
      { plan: plan.id, customerId: other.id, startedAt: '2024-01-15T00:00:00Z' },
      '2024-01-15T00:00:00Z',
    );
    await changeMembershipStatus(
      db,
      store.id,
      leaving.id,
      { event: 'cancelled', eventId: null, occurredAt: '2024-01-20T00:00:00Z' },
      '2024-01-20T00:00:00Z',
    );

    expect(
      json(await cli(['memberships', 'remind', '--store', store.id, '--as-of', '2024-02-25T23:59:59Z', '--json'])),
    ).toEqual({ asOf: '2024-02-25T23:59:59.000Z', reminded: 0, expired: 1, resumed: 0 });
    const run = await cli(['memberships', 'remind', '--store', store.id, '--as-of', '2024-02-26']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'as of 2024-02-26T23:59:59.999Z: 1 renewal reminders recorded, 0 memberships expired, 0 subscription pauses ended\n',
    );
    expect(
      json(await cli(['memberships', 'remind', '--store', store.id, '--as-of', '2024-02-27', '--json'])),
    ).toMatchObject({ reminded: 0, expired: 0 });
    expect(
      (await listCustomerEvents(db, store.id, customer.id, { limit: 20 })).filter(
        (e) => e.kind === 'membership_renewal_due',
      ),
    ).toHaveLength(1);
    expect((await getMembership(db, store.id, leaving.id)).status).toBe('expired');
    expect((await cli(['memberships', 'remind', '--store', store.id, '--as-of', 'soon'])).status).not.toBe(0);
  });

  it('prints the churn-reason report as text and JSON', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'CLI Churn' });
    const { offer } = await saveSubscriptionOffer(
      db,
      store.id,
      {
        code: 'beans',
        sku: 'B',
        name: 'Beans',
        currency: 'EUR',
        baseMonthlyMinor: 1000,
        deliveryIntervalMonths: 1,
        terms: [{ months: 1, discountPercent: 0 }],
      },
      '2024-01-01T00:00:00Z',
    );
    const reasons = ['too_expensive', 'too_expensive', 'quality', 'not_using'] as const;
    for (const [i, reason] of reasons.entries()) {
      const c = await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` });
      const sub = await startSubscription(
        db,
        store.id,
        { offer, customerId: c.id, termMonths: 1, startedOn: '2024-01-01', firstDeliveryOn: '2024-01-01' },
        '2024-01-01T00:00:00Z',
      );
      await changeSubscription(
        db,
        store.id,
        sub.id,
        { kind: 'cancel', reason, note: null },
        i < 3 ? '2024-02-10T00:00:00Z' : '2024-03-10T00:00:00Z',
      );
    }
    const report = json(await cli(['subscriptions', 'churn-reasons', '--store', store.id, '--json']));
    expect(
      report.months.map((m: { month: string; cancelled: { count: number } }) => [m.month, m.cancelled.count]),
    ).toEqual([
      ['2024-02', 3],
      ['2024-03', 1],
    ]);
    expect(report.total.cancelled.reasons[0]).toEqual({ reason: 'too_expensive', count: 2, share: 0.5 });
    const text = await cli([
      'subscriptions',
      'churn-reasons',
      '--store',
      store.id,
      '--from',
      '2024-02',
      '--to',
      '2024-02',
    ]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toBe(
      [
        '2024-02',
        '  cancelled: 3 (too_expensive 2, 66.7%; quality 1, 33.3%)',
        '  skipped: none',
        '  paused: none',
        'total',
        '  cancelled: 3 (too_expensive 2, 66.7%; quality 1, 33.3%)',
        '  skipped: none',
        '  paused: none',
        '',
      ].join('\n'),
    );
    expect((await cli(['subscriptions', 'churn-reasons', '--store', store.id, '--from', '2030-01'])).stdout).toBe(
      'no cancels, skips or pauses in this period\n',
    );
  });
});
