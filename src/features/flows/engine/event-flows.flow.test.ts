import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { advanceChallengesForOrder } from '../../challenges/advance-challenges-for-order.service.js';
import { challengeCompletedFlow } from '../challenge-completed/challenge-completed.planner.js';
import { challengeOfferedFlow } from '../challenge-offered/challenge-offered.planner.js';
import type { FlowCandidate, FlowPlanner } from './flow-planner.js';
import { membershipRenewalFlow } from '../membership-renewal/membership-renewal.planner.js';
import { pointsExpiringFlow } from '../points-expiring/points-expiring.planner.js';
import { tierReachedFlow } from '../tier-reached/tier-reached.planner.js';
import { issueChallenges } from '../../challenges/issue-challenges.service.js';
import { expireLoyaltyPoints } from '../../loyalty/loyalty-expiry.service.js';
import { setLoyaltyProgram } from '../../loyalty/loyalty-program.service.js';
import { remindRenewals } from '../../memberships/membership.job.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { evaluateCustomerTier } from '../../tiers/update-tier-for-order.service.js';
import { isoDate } from '../../challenges/challenge.js';
import { RegularsError } from '../../../platform/errors.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { recordCustomerEvent } from '../../events/customer-event.repository.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { postPoints } from '../../loyalty/index.js';
import { changeMembershipStatus, startMembership } from '../../memberships/membership-lifecycle.service.js';
import { createMembershipPlan } from '../../memberships/memberships.service.js';
import { listStoreChallenges } from '../../challenges/challenge.repository.js';
import { findOrder } from '../../orders/order.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { writeTierSettings } from '../../tiers/tier.repository.js';
import type { Database } from '../../../platform/database/database.table.js';
import { dayWindow, flowContext, testOrder } from './flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';
import { A, placeOrder, seedPopulation } from '../../challenges/challenges.fixtures.js';

/** The common variables the engine and the worker add (shop, customer, links), from a sample. */
function commonData(template: string): Record<string, unknown> {
  const sample = JSON.parse(readFileSync(join(builtInTemplatesDir(), template, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const { shop, customer, unsubscribe_url, preferences_url } = sample;
  return { shop, customer, unsubscribe_url, preferences_url };
}

/** Renders every candidate's data with its template, strictly: a missing variable fails the test. */
async function renderAll(candidates: readonly FlowCandidate[]) {
  return Promise.all(
    candidates.map(async (c) =>
      renderMessage(
        await loadTemplate(builtInTemplatesDir(), c.template),
        { ...commonData(c.template), ...c.data },
        { strict: true },
      ),
    ),
  );
}

async function plan<S>(
  planner: FlowPlanner<S>,
  db: Kysely<Database>,
  storeId: string,
  day: string,
  raw: Record<string, unknown> = {},
  timeZone = 'UTC',
) {
  return planner.plan(
    flowContext(db, storeId, planner.kind, dayWindow(day), { timeZone }),
    planner.parseSettings(raw, `flows/${planner.kind}.json`),
  );
}

let sequence = 0;
async function order(
  db: Kysely<Database>,
  storeId: string,
  customer: string,
  orderedAt: string,
  totalMinor: number,
  extra: { currency?: string; discountMinor?: number } = {},
) {
  return recordOrder(
    db,
    storeId,
    testOrder({
      id: `eo-${++sequence}`,
      customer,
      email: `${customer}@example.com`,
      at: orderedAt,
      ...extra,
      lines: [{ sku: 'BEANS-1KG', title: 'Beans', category: 'coffee', priceMinor: totalMinor }],
    }),
  );
}

describe('event flow settings', () => {
  it('defaults to no delay and checks every setting', () => {
    expect(tierReachedFlow.parseSettings({}, 'f.json')).toEqual({ delayMinutes: 0, accountPath: '/account' });
    expect(challengeOfferedFlow.parseSettings({ delayMinutes: 90 }, 'f.json')).toEqual({
      delayMinutes: 90,
      challengePath: '/account/challenges',
    });
    expect(pointsExpiringFlow.parseSettings({}, 'f.json')).toEqual({ delayMinutes: 0 });
    expect(membershipRenewalFlow.parseSettings({ managePath: '/club' }, 'f.json')).toEqual({
      delayMinutes: 0,
      managePath: '/club',
    });
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as RegularsError).details?.field;
      }
      return null;
    };
    expect(field(() => tierReachedFlow.parseSettings({ delayMinutes: -1 }, 'f.json'))).toBe('settings.delayMinutes');
    expect(field(() => tierReachedFlow.parseSettings({ delayMinutes: 1.5 }, 'f.json'))).toBe('settings.delayMinutes');
    expect(field(() => challengeCompletedFlow.parseSettings({ accountPath: 'account' }, 'f.json'))).toBe(
      'settings.accountPath',
    );
    expect(field(() => pointsExpiringFlow.parseSettings({ delay: 5 }, 'f.json'))).toBe('settings.delay');
  });

  it('has the kinds, templates, priorities and purposes of docs/flows.md', () => {
    const facts = [
      tierReachedFlow,
      challengeOfferedFlow,
      challengeCompletedFlow,
      pointsExpiringFlow,
      membershipRenewalFlow,
    ].map((f) => [f.kind, f.templates, f.priority, f.purpose]);
    expect(facts).toEqual([
      ['tier-reached', ['tier-reached'], 60, 'marketing'],
      ['challenge-offered', ['challenge-offered'], 45, 'marketing'],
      ['challenge-completed', ['challenge-completed'], 60, 'marketing'],
      ['points-expiring', ['points-expiring'], 55, 'marketing'],
      ['membership-renewal', ['membership-renewal'], 75, 'transactional'],
    ]);
  });
});

describe.each(dialects)('rewards flows on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function newStore(name: string) {
    const { store } = await createStore(database().db, { name });
    return store.id;
  }

  it('tier reached: an upgrade the tier code records is planned with the perks; a downgrade is not', async () => {
    const { db } = database();
    const storeId = await newStore('Tiers');
    await writeTierSettings(
      db,
      storeId,
      {
        basis: 'lifetime_spend',
        currency: 'EUR',
        levels: [
          { name: 'Silver', threshold: 5_000 },
          {
            name: 'Gold',
            threshold: 10_000,
            perks: { earnMultiplier: 1.5, freeShipping: true, partnerPerks: ['Early access to new roasts'] },
          },
        ],
      },
      '2026-01-01T00:00:00Z',
    );
    const ada = await order(db, storeId, 'ada', '2026-02-27T09:00:00Z', 12_000);
    const bo = await order(db, storeId, 'bo', '2026-02-27T09:00:00Z', 2_000);
    await evaluateCustomerTier(db, storeId, ada.customerId, '2026-03-01T10:00:00.000Z');
    await evaluateCustomerTier(db, storeId, bo.customerId, '2026-03-01T10:00:00.000Z');
    // A downgrade (as the period end would record it) sends nothing.
    await recordCustomerEvent(db, storeId, bo.customerId, {
      kind: 'tier_changed',
      occurredAt: '2026-03-01T11:00:00Z',
      payload: { from: 'Silver', to: null, direction: 'down' },
    });

    const candidates = await plan(tierReachedFlow, db, storeId, '2026-03-01');
    expect(candidates).toHaveLength(1);
    const [c] = candidates;
    expect(c).toMatchObject({
      customerId: ada.customerId,
      externalId: 'ada',
      sendAt: '2026-03-01T10:00:00.000Z',
      reason: 'reached tier Gold on 2026-03-01',
      template: 'tier-reached',
    });
    expect(c.triggerKey).toMatch(/^event:evt_/);
    expect(c.data).toEqual({
      tier: {
        name: 'Gold',
        valid_until: '1 March 2027',
        perks: ['1.5 times the points on every order', 'Free shipping on every order', 'Early access to new roasts'],
      },
      account_url: 'https://shop.example/account',
    });
    const [rendered] = await renderAll(candidates);
    expect(rendered.subject).toBe('Welcome to Gold, Alice');

    // The day before and the day after plan nothing; a delay moves the message into the next day.
    expect(await plan(tierReachedFlow, db, storeId, '2026-02-28')).toEqual([]);
    expect(await plan(tierReachedFlow, db, storeId, '2026-03-02')).toEqual([]);
    const delayed = await plan(tierReachedFlow, db, storeId, '2026-03-02', { delayMinutes: 16 * 60 });
    expect(delayed.map((d) => [d.externalId, d.sendAt, d.triggerKey])).toEqual([
      ['ada', '2026-03-02T02:00:00.000Z', c.triggerKey],
    ]);
  });

  it('challenge offered and completed: from issueChallenges and the orders that meet a challenge', async () => {
    const { db } = database();
    const storeId = await newStore('Challenges');
    const ids = await seedPopulation(db, storeId);
    const issuedAt = '2026-11-29T20:00:00.000Z';
    await issueChallenges(db, storeId, { asOfDay: A, now: issuedAt });
    const challenges = await listStoreChallenges(db, storeId, { limit: 100 });
    expect(challenges.length).toBe(7);

    const offered = await plan(challengeOfferedFlow, db, storeId, isoDate(A));
    expect(offered).toHaveLength(7);
    const k2 = challenges.find((ch) => ch.customerId === ids.k2 && ch.kind === 'frequency')!;
    const k2Offer = offered.find(
      (o) =>
        o.customerId === ids.k2 && (o.data.challenge as { description: string }).description.startsWith('order on'),
    )!;
    expect(k2Offer).toMatchObject({
      externalId: 'k2',
      sendAt: issuedAt,
      reason: `offered challenge "order on 3 different days" by ${isoDate(k2.deadlineDay)} for ${k2.bonusPoints} points`,
    });
    expect(k2Offer.data).toEqual({
      challenge: {
        description: 'order on 3 different days',
        ends_on: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${isoDate(k2.deadlineDay)}T00:00:00Z`),
        ),
        reward_points: k2.bonusPoints,
        url: 'https://shop.example/account/challenges',
      },
    });
    expect(new Set(offered.map((o) => o.triggerKey)).size).toBe(7);
    await renderAll(offered);

    // k2 meets the frequency challenge on its third visit day.
    let lastOrder = '';
    for (const day of [A + 1, A + 2, A + 3]) lastOrder = (await placeOrder(db, storeId, 'k2', { day })).orderId;
    const completedAt = `${isoDate(A + 3)}T15:00:00.000Z`;
    await advanceChallengesForOrder(db, storeId, (await findOrder(db, storeId, lastOrder))!, completedAt);

    const completed = await plan(challengeCompletedFlow, db, storeId, isoDate(A + 3));
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      externalId: 'k2',
      sendAt: completedAt,
      reason: `completed challenge "order on 3 different days" on ${isoDate(A + 3)} (+${k2.bonusPoints} points)`,
    });
    // The store has no loyalty program: the ledger holds the bonus alone.
    expect(completed[0].data).toEqual({
      challenge: { description: 'order on 3 different days', reward_points: k2.bonusPoints },
      points: { balance: k2.bonusPoints },
      account_url: 'https://shop.example/account',
    });
    const [rendered] = await renderAll(completed);
    expect(rendered.text).toContain(`which now holds ${k2.bonusPoints} points`);

    // An offer delayed past the completion is not sent: the others still are.
    const late = await plan(challengeOfferedFlow, db, storeId, isoDate(A + 4), { delayMinutes: 4 * 24 * 60 });
    expect(late).toHaveLength(6);
    expect(late.some((o) => o.triggerKey === k2Offer.triggerKey)).toBe(false);
  });

  it('points expiring: the expiry job warns, the flow says how many, when and their worth; activity since cancels it', async () => {
    const { db } = database();
    const storeId = await newStore('Points');
    await setLoyaltyProgram(
      db,
      storeId,
      {
        currency: 'GBP',
        startsAt: '2020-01-01T00:00:00Z',
        earn: { rate: { points: 1, perMinor: 100 } },
        returnWindowDays: 0,
        expiry: { months: 12, warnDays: 30 },
        pointValue: { points: 100, minor: 50 },
      },
      '2025-01-01T00:00:00Z',
    );
    const ids: Record<string, string> = {};
    for (const name of ['ada', 'bo']) {
      ids[name] = (
        await upsertCustomerByExternalId(db, storeId, { externalId: name, email: `${name}@example.com` })
      ).id;
      await postPoints(db, storeId, ids[name], {
        kind: 'earn',
        points: 1_200,
        sourceKey: 'import',
        reason: 'import',
        postedAt: '2025-04-01T10:00:00.000Z',
        availableAt: '2025-04-01T10:00:00.000Z',
      });
    }
    // Pending points count in the balance, not among those expiring.
    await postPoints(db, storeId, ids.ada, {
      kind: 'earn',
      points: 40,
      sourceKey: 'late',
      reason: 'order',
      postedAt: '2025-04-01T10:00:00.000Z',
      availableAt: '2026-04-10T00:00:00.000Z',
    });
    expect(await expireLoyaltyPoints(db, storeId, '2026-03-05T09:00:00.000Z')).toBe(2);
    // Bo earns again after the warning: his points now expire a year later.
    await postPoints(db, storeId, ids.bo, {
      kind: 'earn',
      points: 10,
      sourceKey: 'o-2',
      reason: 'order',
      postedAt: '2026-03-05T12:00:00.000Z',
      availableAt: '2026-03-05T12:00:00.000Z',
    });

    const atOnce = await plan(pointsExpiringFlow, db, storeId, '2026-03-05');
    expect(atOnce.map((c) => c.externalId).sort()).toEqual(['ada', 'bo']);
    const adaMessage = atOnce.find((c) => c.externalId === 'ada')!;
    expect(adaMessage).toMatchObject({
      sendAt: '2026-03-05T09:00:00.000Z',
      reason: '1,200 points expire on 2026-04-01',
    });
    expect(adaMessage.data).toEqual({
      points: { expiring: 1_200, balance: 1_240, expires_on: '1 April 2026', value_minor: 600, currency: 'GBP' },
    });
    const rendered = await renderAll(atOnce);
    expect(rendered[0].text).toContain('worth £6.00 off');

    // Sent ten hours later, Bo's warning is moot.
    const later = await plan(pointsExpiringFlow, db, storeId, '2026-03-05', { delayMinutes: 600 });
    expect(later.map((c) => [c.externalId, c.sendAt])).toEqual([['ada', '2026-03-05T19:00:00.000Z']]);
  });

  it('membership renewal: transactional, the price and the discounts of the past year; a cancellation by the send instant stops it', async () => {
    const { db } = database();
    const storeId = await newStore('Club');
    await createMembershipPlan(
      db,
      storeId,
      {
        code: 'club',
        name: 'Coffee Club',
        feeMinor: 4_900,
        currency: 'GBP',
        periodMonths: 12,
        perks: { freeShipping: true, extraPointsMultiplier: 1, memberCouponPercent: 10, textPerks: [] },
        renewalReminderDays: 7,
      },
      '2025-01-01T00:00:00Z',
    );
    const m1 = await upsertCustomerByExternalId(db, storeId, { externalId: 'm1', email: 'm1@example.com' });
    const m2 = await upsertCustomerByExternalId(db, storeId, { externalId: 'm2', email: 'm2@example.com' });
    await startMembership(
      db,
      storeId,
      { plan: 'club', customerId: m1.id, startedAt: '2025-05-01T00:00:00Z' },
      '2025-05-01T00:00:00Z',
    );
    const leaving = await startMembership(
      db,
      storeId,
      { plan: 'club', customerId: m2.id, startedAt: '2025-05-01T00:00:00Z' },
      '2025-05-01T00:00:00Z',
    );
    // m1's discounts as a member: 500 + 750 GBP; not the EUR one, nor the one before joining, nor one after the send.
    await order(db, storeId, 'm1', '2025-04-01T10:00:00Z', 1_000, { currency: 'GBP', discountMinor: 999 });
    await order(db, storeId, 'm1', '2025-09-01T10:00:00Z', 2_000, { currency: 'GBP', discountMinor: 500 });
    await order(db, storeId, 'm1', '2026-02-01T10:00:00+01:00', 2_000, { currency: 'GBP', discountMinor: 750 });
    await order(db, storeId, 'm1', '2026-02-02T10:00:00Z', 2_000, { currency: 'EUR', discountMinor: 300 });
    await order(db, storeId, 'm1', '2026-04-24T12:00:00Z', 2_000, { currency: 'GBP', discountMinor: 111 });

    expect(await remindRenewals(db, storeId, '2026-04-24T01:00:00.000Z')).toBe(2);
    await changeMembershipStatus(
      db,
      storeId,
      leaving.id,
      { event: 'cancelled', eventId: null, occurredAt: '2026-04-24T06:00:00Z' },
      '2026-04-24T06:00:00Z',
    );

    // Both reminders are due at the same instant; the order between them is the event ids'.
    const atOnce = (await plan(membershipRenewalFlow, db, storeId, '2026-04-24')).sort((x, y) =>
      x.externalId.localeCompare(y.externalId),
    );
    expect(atOnce.map((c) => [c.externalId, c.sendAt])).toEqual([
      ['m1', '2026-04-24T00:00:00.000Z'],
      ['m2', '2026-04-24T00:00:00.000Z'],
    ]);
    expect(atOnce[0]).toMatchObject({ reason: 'Coffee Club renews on 2026-05-01 for £49.00' });
    expect(atOnce[0].data).toEqual({
      membership: {
        plan: 'Coffee Club',
        renews_on: '1 May 2026',
        price_minor: 4_900,
        saved_minor: 1_250,
        currency: 'GBP',
        manage_url: 'https://shop.example/account/membership',
      },
    });
    const [rendered] = await renderAll(atOnce);
    expect(rendered.text).toContain('saved you £12.50');

    // Sent at 08:00, after m2 cancelled at 06:00: only m1.
    const later = await plan(membershipRenewalFlow, db, storeId, '2026-04-24', { delayMinutes: 480 });
    expect(later.map((c) => c.externalId)).toEqual(['m1']);
    expect(later[0].data.membership).toMatchObject({ saved_minor: 1_250 });
  });
});
