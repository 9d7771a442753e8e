import { describe, expect, it } from 'vitest';
import {
  advanceChallengesForOrder,
  challengeBonusKey,
  expireChallengesAsOf,
  expireChallengesJob,
} from './advance-challenges-for-order.service.js';
import { issueChallenges, resolveSegment, saveChallengeSettings } from './issue-challenges.service.js';
import { isoDate } from './challenge.js';
import { RegularsError } from '../../platform/errors.js';
import { listStoreChallenges } from './challenge.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { ledgerOf } from '../loyalty/loyalty.repository.js';
import { findOrder } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { customer360 } from '../customers/customer-360.query.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { A, placeOrder, seedPopulation } from './challenges.fixtures.js';

const NOW = '2026-11-29T20:00:00.000Z';

describe.each(dialects)('personal challenges on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function newStore(name: string) {
    const { store } = await createStore(database().db, { name });
    return store.id;
  }

  async function challengesOf(storeId: string, customerId: string) {
    return listStoreChallenges(database().db, storeId, { customerId, limit: 100 });
  }

  /** Runs the handler for an order as the rewards sync would. */
  async function sync(storeId: string, orderId: string, now = NOW) {
    const order = (await findOrder(database().db, storeId, orderId))!;
    await advanceChallengesForOrder(database().db, storeId, order, now);
  }

  it("issues each kind from the customer's own history, and nothing without enough history", async () => {
    const { db } = database();
    const storeId = await newStore('Habits');
    const ids = await seedPopulation(db, storeId);
    const result = await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    expect(result).toEqual({
      asOf: '2026-11-29',
      week: '2026-11-23',
      segment: 'all',
      customers: 7,
      issued: { frequency: 3, interval: 1, new_category: 3 },
      skipped: { history: 9, lapsed: 0, saturated: 0, no_category: 1, other_cycle: 4, open: 0, already_issued: 0 },
      completedAtOnce: 0,
    });

    const frequency = async (customer: string) =>
      (await challengesOf(storeId, ids[customer])).find((c) => c.kind === 'frequency');
    for (const [customer, k, target] of [
      ['k2', 2, 3],
      ['k5', 5, 6],
      ['k10', 10, 12],
    ] as const) {
      expect(await frequency(customer)).toMatchObject({
        status: 'offered',
        targetOrders: target,
        progress: 0,
        windowStartDay: A + 1,
        deadlineDay: A + 28,
        bonusPoints: 100,
        issuedWeek: '2026-11-23',
        issuedAt: NOW,
        basis: { typicalVisits: k, windowDays: 28 },
      });
    }
    const long = await challengesOf(storeId, ids.long);
    expect(long).toHaveLength(1);
    expect(long[0]).toMatchObject({
      kind: 'interval',
      targetOrders: 1,
      targetDays: 48,
      windowStartDay: A + 1,
      deadlineDay: A - 10 + 48,
      basis: { medianIntervalDays: 60 },
    });

    const category = async (customer: string) =>
      (await challengesOf(storeId, ids[customer])).find((c) => c.kind === 'new_category')?.targetCategory;
    expect(await category('k2')).toBe('mugs');
    expect(await category('k5')).toBe('tea');
    expect(await category('k10')).toBe('tea');
    for (const customer of ['n1', 'n2', 'fresh']) expect(await challengesOf(storeId, ids[customer])).toEqual([]);

    const events = await listCustomerEvents(db, storeId, ids.k2, { limit: 10 });
    expect(
      events
        .filter((e) => e.kind === 'challenge_offered')
        .map((e) => e.payload.kind)
        .sort(),
    ).toEqual(['frequency', 'new_category']);
    expect(events.find((e) => e.payload.kind === 'frequency')?.payload).toMatchObject({
      targetOrders: 3,
      windowStart: '2026-11-30',
      deadline: '2026-12-27',
      bonusPoints: 100,
    });
  });

  it('issues once per week however often and however concurrently it runs', async () => {
    const { db } = database();
    const storeId = await newStore('Twice');
    await seedPopulation(db, storeId);
    const runs = await Promise.all([1, 2, 3, 4].map(() => issueChallenges(db, storeId, { asOfDay: A, now: NOW })));
    const issuedTotal = runs.reduce((n, r) => n + r.issued.frequency + r.issued.interval + r.issued.new_category, 0);
    expect(issuedTotal).toBe(7);
    // Later in the same week, and the next week while the first ones are open: nothing new.
    const again = await issueChallenges(db, storeId, { asOfDay: A + 3, now: NOW });
    expect(again.issued).toEqual({ frequency: 0, interval: 0, new_category: 0 });
    const nextWeek = await issueChallenges(db, storeId, { asOfDay: A + 7, now: NOW });
    expect(nextWeek.issued).toEqual({ frequency: 0, interval: 0, new_category: 0 });
    expect(nextWeek.skipped.open).toBe(7);
    const all = await listStoreChallenges(db, storeId, { limit: 100 });
    expect(all).toHaveLength(7);
    const offered = await db
      .selectFrom('customer_events')
      .select('id')
      .where('store_id', '=', storeId)
      .where('kind', '=', 'challenge_offered')
      .execute();
    expect(offered).toHaveLength(7);
  });

  it("filters by the customer 360's RFM segment", async () => {
    const { db } = database();
    const storeId = await newStore('Segments');
    const ids = await seedPopulation(db, storeId);
    const segmentOf = async (customer: string) =>
      (await customer360(db, storeId, ids[customer], `${isoDate(A)}T12:00:00Z`, { rfmThresholdsMaxAgeMs: 0 }))!.rfm!
        .segment;
    const target = await segmentOf('k10');
    const result = await issueChallenges(db, storeId, {
      asOfDay: A,
      now: NOW,
      segment: target.toLowerCase().replace(/ /g, '-'),
    });
    const expected: string[] = [];
    for (const customer of Object.keys(ids)) if ((await segmentOf(customer)) === target) expected.push(ids[customer]);
    expect(result.customers).toBe(expected.length);
    expect(result.customers).toBeLessThan(7);
    const issuedTo = new Set((await listStoreChallenges(db, storeId, { limit: 100 })).map((c) => c.customerId));
    expect([...issuedTo].sort()).toEqual(
      expected.filter((id) => [ids.k2, ids.k5, ids.k10, ids.long].includes(id)).sort(),
    );
    expect(issuedTo.has(ids.k10)).toBe(true);

    expect(() => resolveSegment('Sleepy')).toThrow(RegularsError);
    expect(resolveSegment("can't lose")).toBe(resolveSegment('Cant-Lose'));
    await expect(issueChallenges(db, storeId, { asOfDay: A, now: NOW, segment: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(issueChallenges(db, 'sto_missing', { asOfDay: A, now: NOW })).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
  });

  it('follows the store settings', async () => {
    const { db } = database();
    const storeId = await newStore('Settings');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['frequency'], bonusPoints: { frequency: 250 } }, NOW);
    await expect(saveChallengeSettings(db, storeId, { windowDays: 3 }, NOW)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'windowDays' },
    });
    const result = await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    expect(result.issued).toEqual({ frequency: 3, interval: 0, new_category: 0 });
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({ kind: 'frequency', bonusPoints: 250 });
  });

  it('counts an order on the deadline day and not one the day after', async () => {
    const { db } = database();
    const storeId = await newStore('Deadline');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['interval'] }, NOW);
    await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    const [challenge] = await challengesOf(storeId, ids.long);
    const deadline = challenge.deadlineDay;

    const late = await placeOrder(db, storeId, 'long', { day: deadline + 1, time: '00:00:01' });
    await sync(storeId, late.orderId);
    expect((await challengesOf(storeId, ids.long))[0]).toMatchObject({ status: 'offered', progress: 0 });

    const onTime = await placeOrder(db, storeId, 'long', { day: deadline, time: '23:59:59' });
    await sync(storeId, onTime.orderId, '2027-01-07T10:00:00.000Z');
    const [done] = await challengesOf(storeId, ids.long);
    expect(done).toMatchObject({ status: 'completed', progress: 1, completedAt: '2027-01-07T10:00:00.000Z' });
    const ledger = await ledgerOf(db, storeId, ids.long);
    expect(ledger.map((e) => [e.kind, e.points, e.sourceKey])).toEqual([['earn', 100, challengeBonusKey(done.id)]]);
  });

  it('posts the bonus once however often and however concurrently the handler runs', async () => {
    const { db } = database();
    const storeId = await newStore('Once');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['frequency'] }, NOW);
    await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    // k2 needs 3 visit days in the window.
    const orders = [(await placeOrder(db, storeId, 'k2', { day: A + 1 })).orderId];
    await sync(storeId, orders[0]);
    await sync(storeId, orders[0]);
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({ status: 'offered', progress: 1 });
    for (const day of [A + 5, A + 9]) orders.push((await placeOrder(db, storeId, 'k2', { day })).orderId);
    // Every order's handler, ten times each, all at once.
    await Promise.all(Array.from({ length: 30 }, (_, i) => sync(storeId, orders[i % 3])));
    const [challenge] = await challengesOf(storeId, ids.k2);
    expect(challenge).toMatchObject({ status: 'completed', progress: 3 });
    const bonuses = (await ledgerOf(db, storeId, ids.k2)).filter(
      (e) => e.sourceKey === challengeBonusKey(challenge.id),
    );
    expect(bonuses.map((e) => e.points)).toEqual([100]);
    const completed = (await listCustomerEvents(db, storeId, ids.k2, { limit: 50 })).filter(
      (e) => e.kind === 'challenge_completed',
    );
    expect(completed).toHaveLength(1);
    expect(completed[0].payload).toMatchObject({ challengeId: challenge.id, kind: 'frequency', bonusPoints: 100 });
  });

  it('counts paid orders only: not pending, cancelled or fully refunded ones, and one visit per day', async () => {
    const { db } = database();
    const storeId = await newStore('Refunds');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['frequency'] }, NOW);
    await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    const run = async (order: Parameters<typeof placeOrder>[3]) =>
      sync(storeId, (await placeOrder(db, storeId, 'k2', order)).orderId);
    await run({ day: A + 2, externalId: 'r1' });
    await run({ day: A + 6 });
    await run({ day: A + 6 }); // the same day: still one visit
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({ status: 'offered', progress: 2 });
    await run({ day: A + 3, status: 'pending' });
    await run({ day: A + 4, status: 'cancelled' });
    await run({ day: A + 5, status: 'refunded', refundedMinor: 1000 });
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({ status: 'offered', progress: 2 });

    // A full refund before completion takes the visit back; a partial refund still counts.
    await run({ day: A + 2, externalId: 'r1', status: 'refunded', refundedMinor: 1000 });
    expect((await challengesOf(storeId, ids.k2))[0].progress).toBe(1);
    await run({ day: A + 8, status: 'partially_refunded', refundedMinor: 400 });
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({ status: 'offered', progress: 2 });
  });

  it('needs the new category in the order for a try-something-new challenge', async () => {
    const { db } = database();
    const storeId = await newStore('New category');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['new_category'] }, NOW);
    await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    const same = await placeOrder(db, storeId, 'k2', { day: A + 2, categories: ['coffee'] });
    await sync(storeId, same.orderId);
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({
      targetCategory: 'mugs',
      status: 'offered',
      progress: 0,
    });
    const mugs = await placeOrder(db, storeId, 'k2', { day: A + 3, categories: ['coffee', 'mugs'] });
    await sync(storeId, mugs.orderId);
    expect((await challengesOf(storeId, ids.k2))[0]).toMatchObject({
      status: 'completed',
      progress: 1,
      bonusPoints: 50,
    });
  });

  it('expires offered challenges once the deadline day has ended everywhere', async () => {
    const { db } = database();
    const storeId = await newStore('Expiry');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['interval'] }, NOW);
    await issueChallenges(db, storeId, { asOfDay: A, now: NOW });
    const [challenge] = await challengesOf(storeId, ids.long);
    const deadline = isoDate(challenge.deadlineDay);
    const dayAfter = isoDate(challenge.deadlineDay + 1);
    expect(await expireChallengesJob.run(db, storeId, `${dayAfter}T23:59:59.999Z`)).toBe(0);
    const at = `${isoDate(challenge.deadlineDay + 2)}T00:00:00.000Z`;
    expect(await expireChallengesAsOf(db, storeId, at)).toBe(1);
    expect(await expireChallengesAsOf(db, storeId, at)).toBe(0);
    expect((await challengesOf(storeId, ids.long))[0]).toMatchObject({ status: 'expired', expiredAt: at });
    // An order of the deadline day that arrives after expiry completes nothing.
    const lateSync = await placeOrder(db, storeId, 'long', { day: challenge.deadlineDay });
    await sync(storeId, lateSync.orderId);
    expect((await challengesOf(storeId, ids.long))[0].status).toBe('expired');
    expect(await ledgerOf(db, storeId, ids.long)).toEqual([]);
    expect(deadline < dayAfter).toBe(true);
    // An expired challenge is no longer open: next week's run issues a new one.
    const next = await issueChallenges(db, storeId, { asOfDay: challenge.deadlineDay + 2, now: at });
    expect(next.issued.interval).toBe(1);
  });

  it('counts orders already in the window of a back-dated run at once', async () => {
    const { db } = database();
    const storeId = await newStore('Back-dated');
    const ids = await seedPopulation(db, storeId);
    await saveChallengeSettings(db, storeId, { kinds: ['interval'] }, NOW);
    // As of 15 days ago the window is A - 14 .. A - 8 (an overdue customer's 7 days), and long's
    // last visit, A - 10, lies in it.
    const result = await issueChallenges(db, storeId, { asOfDay: A - 15, now: NOW });
    expect(result.issued.interval).toBe(1);
    expect(result.completedAtOnce).toBe(1);
    expect((await challengesOf(storeId, ids.long))[0]).toMatchObject({ status: 'completed', progress: 1 });
    expect((await ledgerOf(db, storeId, ids.long)).map((e) => e.points)).toEqual([100]);
  });
});
