import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { activeMembershipPerksOf } from './membership-perks.service.js';
import { membershipJob, runMembershipJob } from './membership.job.js';
import type { MembershipEvent } from './membership-state.js';
import type { MembershipPlanInput } from './plan.js';
import { createRng, randomInt } from '../../platform/random.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import {
  getMembership,
  listCustomerMemberships,
  listMembershipPlans,
  membershipHistory,
} from './membership.repository.js';
import { changeMembershipStatus, startMembership } from './membership-lifecycle.service.js';
import { createMembershipPlan } from './memberships.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2024-01-31T09:00:00.000Z';

const yearly: MembershipPlanInput = {
  code: 'Club-Yearly',
  name: 'Coffee Club',
  feeMinor: 4900,
  currency: 'EUR',
  periodMonths: 12,
  renewalReminderDays: 7,
  perks: { freeShipping: true, extraPointsMultiplier: 1.5, memberCouponPercent: 10, textPerks: ['Early access'] },
};
const monthly: MembershipPlanInput = {
  ...yearly,
  code: 'club-monthly',
  feeMinor: 490,
  periodMonths: 1,
  renewalReminderDays: 3,
  perks: { ...yearly.perks, freeShipping: false, extraPointsMultiplier: 2 },
};

async function setup(db: Kysely<Database>, name: string, customers = 1) {
  const { store } = await createStore(db, { name });
  const customerIds: string[] = [];
  for (let i = 0; i < customers; i++)
    customerIds.push((await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` })).id);
  const plan = await createMembershipPlan(db, store.id, yearly, NOW);
  const monthlyPlan = await createMembershipPlan(db, store.id, monthly, NOW);
  return { storeId: store.id, customerIds, plan, monthlyPlan };
}

const event = (e: MembershipEvent, eventId: string | null, occurredAt = NOW) => ({ event: e, eventId, occurredAt });

describe.each(dialects)('memberships on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates and lists plans; a taken code and bad terms are refused by field', async () => {
    const { db } = database();
    const { storeId, plan } = await setup(db, 'Plans');
    expect(plan).toMatchObject({ code: 'club-yearly', feeMinor: 4900, periodMonths: 12, perks: yearly.perks });
    expect(plan.id).toMatch(/^mpl_/);
    await expect(createMembershipPlan(db, storeId, { ...yearly, code: 'CLUB-yearly' }, NOW)).rejects.toMatchObject({
      code: 'MEMBERSHIP_PLAN_CODE_TAKEN',
    });
    await expect(
      createMembershipPlan(db, storeId, { ...yearly, code: 'x', periodMonths: 0 }, NOW),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'periodMonths' } });
    await expect(createMembershipPlan(db, 'sto_nope', yearly, NOW)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    expect((await listMembershipPlans(db, storeId)).map((p) => p.code)).toEqual(['club-yearly', 'club-monthly']);
  });

  it('starts one current membership per customer and plan; another may start once it has expired', async () => {
    const { db } = database();
    const { storeId, customerIds, plan } = await setup(db, 'Start');
    const first = await startMembership(
      db,
      storeId,
      { plan: 'club-yearly', customerId: customerIds[0], startedAt: NOW },
      NOW,
    );
    expect(first).toMatchObject({
      status: 'active',
      periodIndex: 0,
      currentPeriodStart: NOW,
      currentPeriodEnd: '2025-01-31T09:00:00.000Z',
      planId: plan.id,
    });
    await expect(
      startMembership(db, storeId, { plan: plan.id, customerId: customerIds[0], startedAt: NOW }, NOW),
    ).rejects.toMatchObject({
      code: 'MEMBERSHIP_ALREADY_CURRENT',
      details: { membershipId: first.id },
    });
    await changeMembershipStatus(db, storeId, first.id, event('expired', 'evt-exp'), NOW);
    const second = await startMembership(
      db,
      storeId,
      { plan: plan.id, customerId: customerIds[0], startedAt: '2024-02-01T00:00:00Z' },
      NOW,
    );
    expect(second.status).toBe('active');
    expect((await listCustomerMemberships(db, storeId, customerIds[0])).map((m) => m.id)).toEqual([
      second.id,
      first.id,
    ]);
    await expect(
      startMembership(db, storeId, { plan: 'nope', customerId: customerIds[0], startedAt: NOW }, NOW),
    ).rejects.toMatchObject({ code: 'MEMBERSHIP_PLAN_NOT_FOUND' });
    await expect(
      startMembership(db, storeId, { plan: plan.id, customerId: 'cus_nope', startedAt: NOW }, NOW),
    ).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
    const other = await setup(db, 'Other store');
    await expect(
      startMembership(db, other.storeId, { plan: plan.id, customerId: other.customerIds[0], startedAt: NOW }, NOW),
    ).rejects.toMatchObject({ code: 'MEMBERSHIP_PLAN_NOT_FOUND' });
    await expect(getMembership(db, other.storeId, first.id)).rejects.toMatchObject({ code: 'MEMBERSHIP_NOT_FOUND' });
  });

  it('applies provider events by the state machine, records history and events, answers repeats once', async () => {
    const { db } = database();
    const { storeId, customerIds, monthlyPlan } = await setup(db, 'Events');
    const m = await startMembership(
      db,
      storeId,
      { plan: monthlyPlan.id, customerId: customerIds[0], startedAt: NOW },
      NOW,
    );
    expect(m.currentPeriodEnd).toBe('2024-02-29T09:00:00.000Z');

    const failed = await changeMembershipStatus(
      db,
      storeId,
      m.id,
      event('payment_failed', 'pf-1', '2024-02-29T09:05:00Z'),
      NOW,
    );
    expect(failed).toMatchObject({ outcome: 'changed', membership: { status: 'past_due' } });
    expect(await changeMembershipStatus(db, storeId, m.id, event('payment_failed', 'pf-1'), NOW)).toMatchObject({
      outcome: 'duplicate',
      membership: { status: 'past_due' },
    });
    expect(await changeMembershipStatus(db, storeId, m.id, event('renewed', 'pf-1'), NOW)).toMatchObject({
      outcome: 'refused',
      code: 'MEMBERSHIP_EVENT_ID_REUSED',
    });
    expect(await changeMembershipStatus(db, storeId, m.id, event('payment_failed', 'pf-2'), NOW)).toMatchObject({
      outcome: 'unchanged',
      membership: { status: 'past_due' },
    });
    const paid = await changeMembershipStatus(
      db,
      storeId,
      m.id,
      event('renewed', 'paid-1', '2024-03-02T00:00:00Z'),
      NOW,
    );
    // Renewed from the anchor: Feb 29 -> Mar 31, not Mar 29.
    expect(paid).toMatchObject({
      outcome: 'changed',
      membership: { status: 'active', periodIndex: 1, currentPeriodEnd: '2024-03-31T09:00:00.000Z' },
    });
    const cancelled = await changeMembershipStatus(
      db,
      storeId,
      m.id,
      event('cancelled', 'c-1', '2024-03-10T00:00:00Z'),
      NOW,
    );
    expect(cancelled).toMatchObject({
      outcome: 'changed',
      membership: { status: 'cancelled', cancelledAt: '2024-03-10T00:00:00.000Z' },
    });
    expect(await changeMembershipStatus(db, storeId, m.id, event('payment_failed', 'pf-3'), NOW)).toMatchObject({
      outcome: 'refused',
      code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED',
      membership: { status: 'cancelled' },
    });
    await expect(changeMembershipStatus(db, storeId, 'mbr_nope', event('renewed', null), NOW)).rejects.toMatchObject({
      code: 'MEMBERSHIP_NOT_FOUND',
    });

    const history = await membershipHistory(db, storeId, m.id);
    expect(history.map((h) => [h.seq, h.event, h.fromStatus, h.toStatus])).toEqual([
      [1, 'started', null, 'active'],
      [2, 'payment_failed', 'active', 'past_due'],
      [3, 'payment_failed', 'past_due', 'past_due'],
      [4, 'renewed', 'past_due', 'active'],
      [5, 'cancelled', 'active', 'cancelled'],
    ]);
    const events = await listCustomerEvents(db, storeId, customerIds[0], { limit: 50 });
    const changes = events
      .filter((e) => e.kind === 'membership_changed')
      .map((e) => `${e.payload.from}->${e.payload.to}`);
    expect(changes.sort()).toEqual(
      ['active->cancelled', 'active->past_due', 'null->active', 'past_due->active'].sort(),
    );
  });

  it('gives perks while active or cancelled within the paid period, combined across plans', async () => {
    const { db } = database();
    const { storeId, customerIds, plan, monthlyPlan } = await setup(db, 'Perks');
    expect(await activeMembershipPerksOf(db, storeId, customerIds[0], NOW)).toEqual({
      freeShipping: false,
      extraPointsMultiplier: 1,
      memberCouponPercent: null,
      textPerks: [],
      membershipIds: [],
    });
    const y = await startMembership(db, storeId, { plan: plan.id, customerId: customerIds[0], startedAt: NOW }, NOW);
    const mo = await startMembership(
      db,
      storeId,
      { plan: monthlyPlan.id, customerId: customerIds[0], startedAt: NOW },
      NOW,
    );
    expect(await activeMembershipPerksOf(db, storeId, customerIds[0], NOW)).toMatchObject({
      freeShipping: true,
      extraPointsMultiplier: 2,
      memberCouponPercent: 10,
      membershipIds: [y.id, mo.id].sort(),
    });
    await changeMembershipStatus(db, storeId, mo.id, event('cancelled', null), NOW);
    await changeMembershipStatus(db, storeId, y.id, event('payment_failed', null), NOW);
    expect(await activeMembershipPerksOf(db, storeId, customerIds[0], '2024-02-29T08:59:59.999Z')).toMatchObject({
      freeShipping: false,
      extraPointsMultiplier: 2,
      membershipIds: [mo.id],
    });
    expect(await activeMembershipPerksOf(db, storeId, customerIds[0], '2024-02-29T09:00:00.000Z')).toMatchObject({
      extraPointsMultiplier: 1,
      membershipIds: [],
    });
  });

  it('reminds once per period, from exactly N days before the renewal', async () => {
    const { db } = database();
    const { storeId, customerIds, plan } = await setup(db, 'Remind');
    const m = await startMembership(db, storeId, { plan: plan.id, customerId: customerIds[0], startedAt: NOW }, NOW);
    const reminders = async () =>
      (await listCustomerEvents(db, storeId, customerIds[0], { limit: 100 })).filter(
        (e) => e.kind === 'membership_renewal_due',
      );
    expect(await runMembershipJob(db, storeId, '2025-01-24T08:59:59.999Z')).toEqual({
      expired: 0,
      reminded: 0,
      resumed: 0,
    });
    expect(await runMembershipJob(db, storeId, '2025-01-24T09:00:00.000Z')).toEqual({
      expired: 0,
      reminded: 1,
      resumed: 0,
    });
    expect(await membershipJob.run(db, storeId, '2025-01-25T00:00:00.000Z')).toBe(0);
    expect(await membershipJob.run(db, storeId, '2025-01-31T08:59:59.000Z')).toBe(0);
    const [reminder] = await reminders();
    expect(reminder).toMatchObject({
      occurredAt: '2025-01-24T09:00:00.000Z',
      payload: { membershipId: m.id, renewsAt: '2025-01-31T09:00:00.000Z', planCode: 'club-yearly', periodIndex: 0 },
    });
    // The next period gets its own reminder.
    await changeMembershipStatus(db, storeId, m.id, event('renewed', 'r-1', '2025-01-31T09:00:00Z'), NOW);
    expect(await membershipJob.run(db, storeId, '2026-01-24T09:00:00.000Z')).toBe(1);
    expect(await membershipJob.run(db, storeId, '2026-01-24T09:00:00.000Z')).toBe(0);
    expect((await reminders()).map((r) => r.payload.periodIndex)).toEqual([1, 0]);
  });

  it('expires a cancelled membership at the end of its paid period, not before', async () => {
    const { db } = database();
    const { storeId, customerIds, monthlyPlan } = await setup(db, 'Expire');
    const m = await startMembership(
      db,
      storeId,
      { plan: monthlyPlan.id, customerId: customerIds[0], startedAt: NOW },
      NOW,
    );
    await changeMembershipStatus(db, storeId, m.id, event('cancelled', 'c', '2024-02-10T00:00:00Z'), NOW);
    expect(await runMembershipJob(db, storeId, '2024-02-29T08:59:59.999Z')).toMatchObject({ expired: 0 });
    expect(await runMembershipJob(db, storeId, '2024-02-29T09:00:00.000Z')).toMatchObject({ expired: 1 });
    expect(await runMembershipJob(db, storeId, '2024-03-01T00:00:00.000Z')).toMatchObject({ expired: 0 });
    expect(await getMembership(db, storeId, m.id)).toMatchObject({
      status: 'expired',
      endedAt: '2024-02-29T09:00:00.000Z',
    });
    const history = await membershipHistory(db, storeId, m.id);
    expect(history.at(-1)).toMatchObject({ event: 'period_ended', fromStatus: 'cancelled', toStatus: 'expired' });
  });

  it('applies concurrent renewals one after another: every renewal counts once, the history is a chain', async () => {
    const { db } = database();
    const { storeId, customerIds, monthlyPlan } = await setup(db, 'Concurrent renewals');
    const m = await startMembership(
      db,
      storeId,
      { plan: monthlyPlan.id, customerId: customerIds[0], startedAt: NOW },
      NOW,
    );
    // 40 distinct renewals, each sent three times at once (webhook retries).
    const sends = Array.from({ length: 40 }, (_, i) => i).flatMap((i) =>
      [0, 1, 2].map(() => changeMembershipStatus(db, storeId, m.id, event('renewed', `r-${i}`), NOW)),
    );
    const results = await Promise.all(sends);
    expect(results.filter((r) => r.outcome === 'changed')).toHaveLength(40);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(80);
    const after = await getMembership(db, storeId, m.id);
    expect(after.periodIndex).toBe(40);
    // Jan 31 + 41 months, from the anchor: 2027-06-30.
    expect(after.currentPeriodEnd).toBe('2027-06-30T09:00:00.000Z');
    const history = await membershipHistory(db, storeId, m.id);
    expect(history.map((h) => h.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(new Set(history.map((h) => h.periodEnd)).size).toBe(41);
  });

  it('keeps a consistent chain under a random mix of concurrent provider events', async () => {
    const { db } = database();
    const { storeId, customerIds, monthlyPlan } = await setup(db, 'Concurrent mix', 4);
    const rng = createRng(dialect === 'sqlite' ? 5 : 6);
    const kinds: MembershipEvent[] = ['renewed', 'payment_failed', 'cancelled', 'expired', 'renewed', 'payment_failed'];
    const memberships = await Promise.all(
      customerIds.map((c) =>
        startMembership(db, storeId, { plan: monthlyPlan.id, customerId: c, startedAt: NOW }, NOW),
      ),
    );
    const sends = Array.from({ length: 160 }, (_, i) => {
      const m = memberships[randomInt(rng, memberships.length)];
      return changeMembershipStatus(db, storeId, m.id, event(kinds[randomInt(rng, kinds.length)], `e-${i}`), NOW);
    });
    await Promise.all(sends);
    for (const m of memberships) {
      const history = await membershipHistory(db, storeId, m.id);
      for (let i = 1; i < history.length; i++) {
        expect(history[i].seq).toBe(i + 1);
        expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
      }
      const stored = await getMembership(db, storeId, m.id);
      expect(stored.status).toBe(history.at(-1)!.toStatus);
      // Every recorded renewal paid for exactly one period (refused ones recorded nothing).
      expect(stored.periodIndex).toBe(history.filter((h) => h.event === 'renewed').length);
    }
  });

  it('lets exactly one of many concurrent starts of the same plan succeed', async () => {
    const { db } = database();
    const { storeId, customerIds, plan } = await setup(db, 'Concurrent starts');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        startMembership(db, storeId, { plan: plan.id, customerId: customerIds[0], startedAt: NOW }, NOW),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'MEMBERSHIP_ALREADY_CURRENT' });
  });
});
