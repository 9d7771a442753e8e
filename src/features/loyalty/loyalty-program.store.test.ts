import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createEarnPointsForOrder, earnPointsForOrder } from './earn-points-for-order.service.js';
import { postLoyaltyAction } from './loyalty-actions.service.js';
import { expireLoyaltyPoints, loyaltyExpiryJob } from './loyalty-expiry.service.js';
import { loyaltyLiability } from './loyalty-liability.service.js';
import { balanceOfCustomer, customerPoints } from './loyalty-points.service.js';
import { readLoyaltyProgram, setLoyaltyProgram } from './loyalty-program.service.js';
import { redeemPoints } from './loyalty-redeem.service.js';
import { dayFromIso } from '../../analytics/day.js';
import type { Order, OrderInput } from '../orders/order.js';
import { RegularsError } from '../../platform/errors.js';
import { balanceOf } from './ledger.js';
import { findCouponByCode, listCoupons } from '../coupons/coupon.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { ledgerOf } from './loyalty.repository.js';
import { postPoints } from './post-points.service.js';
import { findOrderByExternalId, upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const PROGRAM = {
  currency: 'USD',
  startsAt: '2025-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 }, bySku: { 'BEAN-1': 2 } },
  returnWindowDays: 30,
  expiry: { months: 12, warnDays: 30 },
  pointValue: { points: 1, minor: 10 },
  actions: { signup: { points: 50 }, birthday: { points: 100 }, review: { points: 10, limit: 3 } },
  firstOrderCashback: { percent: 10 },
  redemption: [
    { id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 }, validDays: 30 },
    { id: 'free-ship', points: 40, reward: { kind: 'free_shipping' }, minSubtotalMinor: 2000 },
    { id: 'free-mug', points: 10, reward: { kind: 'free_product', sku: 'MUG' } },
  ],
};

async function storeWithProgram(db: Kysely<Database>, name: string, program: object = PROGRAM) {
  const { store } = await createStore(db, { name });
  await setLoyaltyProgram(db, store.id, program, '2025-01-01T00:00:00.000Z');
  const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1' });
  return { storeId: store.id, customerId: customer.id };
}

/** Stores the order (the handler is called for stored orders) and returns it as the sync would pass it. */
async function storedOrder(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  overrides: Partial<OrderInput> = {},
): Promise<Order> {
  const orderedAt = overrides.orderedAt ?? '2025-03-01T10:00:00-05:00';
  const input: OrderInput = {
    externalId: '1001',
    customerId,
    orderedAt,
    orderDay: dayFromIso(orderedAt.slice(0, 10)),
    currency: 'USD',
    subtotalMinor: 4500,
    discountMinor: 0,
    shippingMinor: 500,
    totalMinor: 5000,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [
      { sku: 'BEAN-1', title: 'Beans', category: 'coffee', quantity: 1, priceMinor: 1500, totalMinor: 1500 },
      { sku: 'MUG', title: 'Mug', category: 'gear', quantity: 1, priceMinor: 3000, totalMinor: 3000 },
    ],
    ...overrides,
  };
  await upsertOrderByExternalId(db, storeId, input);
  return (await findOrderByExternalId(db, storeId, input.externalId))!;
}

const keysAndPoints = async (db: Kysely<Database>, storeId: string, customerId: string) =>
  (await ledgerOf(db, storeId, customerId)).map((e) => [e.sourceKey, e.points]);

describe.each(dialects)('loyalty program on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  describe('settings', () => {
    it('is off until set, stores the start given or keeps the one stored, and refuses a bad field', async () => {
      const { db } = database();
      const { store } = await createStore(db, { name: 'Settings' });
      expect(await readLoyaltyProgram(db, store.id)).toBeNull();
      const { startsAt: _startsAt, ...withoutStart } = PROGRAM;
      const set = await setLoyaltyProgram(db, store.id, withoutStart, '2025-02-01T00:00:00.000Z');
      expect(set.startsAt).toBe('2025-02-01T00:00:00.000Z');
      const again = await setLoyaltyProgram(
        db,
        store.id,
        { ...withoutStart, returnWindowDays: 14 },
        '2025-05-01T00:00:00.000Z',
      );
      expect(again).toMatchObject({ startsAt: '2025-02-01T00:00:00.000Z', returnWindowDays: 14 });
      await expect(
        setLoyaltyProgram(db, store.id, { ...PROGRAM, returnWindowDays: 'x' }, '2025-05-01T00:00:00.000Z'),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { field: 'returnWindowDays' },
      });
      expect((await readLoyaltyProgram(db, store.id))?.returnWindowDays).toBe(14);
    });
  });

  describe('earning from orders', () => {
    it('posts the order points pending until the return window ends, its cashback, and a points_earned event, once', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Earn');
      const order = await storedOrder(db, storeId, customerId);
      const now = '2025-03-02T00:00:00.000Z';
      await Promise.all([
        earnPointsForOrder(db, storeId, order, now),
        earnPointsForOrder(db, storeId, order, now),
        earnPointsForOrder(db, storeId, order, now),
      ]);
      // (1500 x 2 + 3000) / 100 = 60; cashback 10% of 4,500 = 450 minor = 45 points.
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['order:1001:earn', 60],
        ['order:1001:cashback', 45],
      ]);
      // Return-window boundary: orderedAt 15:00Z + 30 days.
      expect(await balanceOfCustomer(db, storeId, customerId, '2025-03-31T14:59:59.999Z')).toEqual({
        available: 0,
        pending: 105,
      });
      expect(await balanceOfCustomer(db, storeId, customerId, '2025-03-31T15:00:00.000Z')).toEqual({
        available: 105,
        pending: 0,
      });
      const events = await listCustomerEvents(db, storeId, customerId, { limit: 10 });
      expect(
        events
          .filter((e) => e.kind === 'points_earned')
          .map((e) => e.payload.sourceKey)
          .sort(),
      ).toEqual(['order:1001:cashback', 'order:1001:earn']);
    });

    it('applies the tier multiplier it is given, and gives the cashback to the first order only', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Tier');
      const first = await storedOrder(db, storeId, customerId, { externalId: 'A', orderedAt: '2025-03-01T10:00:00Z' });
      const second = await storedOrder(db, storeId, customerId, { externalId: 'B', orderedAt: '2025-03-05T10:00:00Z' });
      const handler = createEarnPointsForOrder({ tierMultiplierOf: async () => 1.5 });
      // The later order arrives first: it is not the first order, so it gets no cashback.
      await handler(db, storeId, second, '2025-03-06T00:00:00.000Z');
      await handler(db, storeId, first, '2025-03-06T00:00:00.000Z');
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['order:A:earn', 90],
        ['order:A:cashback', 45],
        ['order:B:earn', 90],
      ]);
    });

    it('reverses a partial refund in proportion, each refund step once even when it arrives twice at once, then the cancellation', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Refunds', { ...PROGRAM, firstOrderCashback: null });
      const paid = await storedOrder(db, storeId, customerId);
      await earnPointsForOrder(db, storeId, paid, '2025-03-02T00:00:00.000Z');

      const partly = await storedOrder(db, storeId, customerId, { status: 'partially_refunded', refundedMinor: 500 });
      await Promise.all(
        Array.from({ length: 8 }, () => earnPointsForOrder(db, storeId, partly, '2025-03-03T00:00:00.000Z')),
      );
      // 10% of 60 = 6.
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['order:1001:earn', 60],
        ['order:1001:earn:reverse:6', -6],
      ]);
      // Inside the window the points are pending, and so is their reversal: nothing available is needed.
      expect(await balanceOfCustomer(db, storeId, customerId, '2025-03-04T00:00:00.000Z')).toEqual({
        available: 0,
        pending: 54,
      });

      const more = await storedOrder(db, storeId, customerId, { status: 'partially_refunded', refundedMinor: 2000 });
      await earnPointsForOrder(db, storeId, more, '2025-03-04T00:00:00.000Z');
      await earnPointsForOrder(db, storeId, more, '2025-03-04T00:00:00.000Z');
      const cancelled = await storedOrder(db, storeId, customerId, {
        status: 'cancelled',
        refundedMinor: 2000,
        cancelledAt: '2025-03-05T00:00:00Z',
      });
      await Promise.all([
        earnPointsForOrder(db, storeId, cancelled, '2025-03-05T00:00:00.000Z'),
        earnPointsForOrder(db, storeId, cancelled, '2025-03-05T00:00:00.000Z'),
      ]);
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['order:1001:earn', 60],
        ['order:1001:earn:reverse:6', -6],
        ['order:1001:earn:reverse:24', -18],
        ['order:1001:earn:reverse:60', -36],
      ]);
      expect(await balanceOfCustomer(db, storeId, customerId, '2025-06-01T00:00:00.000Z')).toEqual({
        available: 0,
        pending: 0,
      });
    });

    it('reverses a full refund with the cashback, and earns nothing for an order already cancelled or outside the program', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Full refund');
      const paid = await storedOrder(db, storeId, customerId);
      await earnPointsForOrder(db, storeId, paid, '2025-03-02T00:00:00.000Z');
      const refunded = await storedOrder(db, storeId, customerId, { status: 'refunded', refundedMinor: 5000 });
      await earnPointsForOrder(db, storeId, refunded, '2025-03-03T00:00:00.000Z');
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['order:1001:earn', 60],
        ['order:1001:cashback', 45],
        ['order:1001:earn:reverse:60', -60],
        ['order:1001:cashback:reverse:45', -45],
      ]);

      const other = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-2' });
      await earnPointsForOrder(
        db,
        storeId,
        await storedOrder(db, storeId, other.id, { externalId: 'X1', status: 'cancelled' }),
        '2025-03-03T00:00:00.000Z',
      );
      await earnPointsForOrder(
        db,
        storeId,
        await storedOrder(db, storeId, other.id, { externalId: 'X2', currency: 'EUR' }),
        '2025-03-03T00:00:00.000Z',
      );
      await earnPointsForOrder(
        db,
        storeId,
        await storedOrder(db, storeId, other.id, { externalId: 'X3', orderedAt: '2024-12-31T23:59:59Z' }),
        '2025-03-03T00:00:00.000Z',
      );
      await earnPointsForOrder(
        db,
        storeId,
        await storedOrder(db, storeId, other.id, { externalId: 'X4', status: 'pending' }),
        '2025-03-03T00:00:00.000Z',
      );
      expect(await keysAndPoints(db, storeId, other.id)).toEqual([]);

      const { store } = await createStore(db, { name: 'No program' });
      const stranger = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1' });
      await earnPointsForOrder(db, store.id, await storedOrder(db, store.id, stranger.id), '2025-03-03T00:00:00.000Z');
      expect(await keysAndPoints(db, store.id, stranger.id)).toEqual([]);
    });
  });

  describe('actions', () => {
    it('post once per key, within the limit, also under 50 concurrent requests', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Actions');
      const now = '2025-12-01T00:00:00.000Z';
      const signups = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postLoyaltyAction(db, storeId, { customerId: 'c-1', action: 'signup', key: `k${i % 5}` }, now),
        ),
      );
      expect(signups.filter((r) => r.outcome === 'posted')).toHaveLength(1);
      // The key that posted answers already_posted to its repeats; the other keys hit the limit.
      const postedKey = signups.find((r) => r.outcome === 'posted')!;
      expect(
        signups
          .filter((r) => r.outcome === 'already_posted')
          .every((r) => 'entry' in r && 'entry' in postedKey && r.entry.sourceKey === postedKey.entry.sourceKey),
      ).toBe(true);
      expect(signups.filter((r) => r.outcome === 'refused')).toHaveLength(40);

      const reviews = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postLoyaltyAction(db, storeId, { customerId: 'c-1', action: 'review', key: `review-${i}` }, now),
        ),
      );
      expect(reviews.filter((r) => r.outcome === 'posted')).toHaveLength(3);
      expect(reviews.filter((r) => r.outcome === 'refused')).toHaveLength(47);

      // Birthday: once a year by default, keyed by the year.
      expect(
        (
          await postLoyaltyAction(
            db,
            storeId,
            { customerId: 'c-1', action: 'birthday', occurredAt: '2025-06-01T08:00:00+02:00' },
            now,
          )
        ).outcome,
      ).toBe('posted');
      expect(
        (
          await postLoyaltyAction(
            db,
            storeId,
            { customerId: 'c-1', action: 'birthday', occurredAt: '2025-06-02T08:00:00Z' },
            now,
          )
        ).outcome,
      ).toBe('already_posted');
      await expect(
        postLoyaltyAction(
          db,
          storeId,
          { customerId: 'c-1', action: 'birthday', occurredAt: '2026-06-01T08:00:00Z' },
          now,
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { field: 'occurredAt' },
      });
      expect(
        (
          await postLoyaltyAction(
            db,
            storeId,
            { customerId: 'c-1', action: 'birthday', occurredAt: '2026-06-01T08:00:00Z' },
            '2026-06-01T08:00:00.000Z',
          )
        ).outcome,
      ).toBe('posted');

      expect(await balanceOfCustomer(db, storeId, customerId, '2027-01-01T00:00:00.000Z')).toEqual({
        available: 50 + 30 + 200,
        pending: 0,
      });
      const events = await listCustomerEvents(db, storeId, customerId, { limit: 100 });
      expect(events.filter((e) => e.kind === 'points_earned')).toHaveLength(6);

      await expect(postLoyaltyAction(db, storeId, { customerId: 'c-1', action: 'quiz' }, now)).rejects.toMatchObject({
        code: 'LOYALTY_ACTION_NOT_FOUND',
      });
      await expect(
        postLoyaltyAction(db, storeId, { customerId: 'nobody', action: 'signup' }, now),
      ).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      const { store } = await createStore(db, { name: 'No program' });
      await expect(postLoyaltyAction(db, store.id, { customerId: 'c-1', action: 'signup' }, now)).rejects.toMatchObject(
        { code: 'LOYALTY_PROGRAM_OFF' },
      );
    });
  });

  describe('expiry', () => {
    it('warns once within warnDays, expires exactly at the boundary, once, with its event', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Expiry');
      await postLoyaltyAction(
        db,
        storeId,
        { customerId: 'c-1', action: 'signup', occurredAt: '2025-01-10T00:00:00Z' },
        '2025-01-10T00:00:00.000Z',
      );
      // Expires 12 months after the last activity: 2026-01-10T00:00Z; warned from 2025-12-11T00:00Z.
      expect(await expireLoyaltyPoints(db, storeId, '2025-12-10T23:59:59.999Z')).toBe(0);
      expect(await loyaltyExpiryJob.run(db, storeId, '2025-12-11T00:00:00.000Z')).toBe(1);
      expect(await expireLoyaltyPoints(db, storeId, '2025-12-20T00:00:00.000Z')).toBe(0);
      expect(await expireLoyaltyPoints(db, storeId, '2026-01-09T23:59:59.999Z')).toBe(0);
      expect(await balanceOfCustomer(db, storeId, customerId, '2026-01-09T23:59:59.999Z')).toEqual({
        available: 50,
        pending: 0,
      });
      const [a, b] = await Promise.all([
        expireLoyaltyPoints(db, storeId, '2026-01-10T00:00:00.000Z'),
        expireLoyaltyPoints(db, storeId, '2026-01-10T00:00:00.000Z'),
      ]);
      expect(a + b).toBe(1);
      expect(await expireLoyaltyPoints(db, storeId, '2026-02-01T00:00:00.000Z')).toBe(0);
      expect(await keysAndPoints(db, storeId, customerId)).toEqual([
        ['action:signup:2025-01-10T00:00:00.000Z', 50],
        ['expire:2025-01-10T00:00:00.000Z', -50],
      ]);
      const events = await listCustomerEvents(db, storeId, customerId, { limit: 10 });
      expect(events.filter((e) => e.kind === 'points_expiring').map((e) => e.payload)).toEqual([
        { points: 50, expiresAt: '2026-01-10T00:00:00.000Z' },
      ]);
      expect(events.filter((e) => e.kind === 'points_expired').map((e) => e.payload.points)).toEqual([50]);
    });

    it("records each customer's own events when their ledger keys and dates coincide", async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Twins');
      const twin = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-2' });
      for (const id of ['c-1', 'c-2'])
        await postLoyaltyAction(
          db,
          storeId,
          { customerId: id, action: 'signup', key: 'same', occurredAt: '2025-01-10T00:00:00Z' },
          '2025-01-10T00:00:00.000Z',
        );
      expect(await expireLoyaltyPoints(db, storeId, '2025-12-20T00:00:00.000Z')).toBe(2);
      expect(await expireLoyaltyPoints(db, storeId, '2026-01-10T00:00:00.000Z')).toBe(2);
      for (const id of [customerId, twin.id]) {
        const kinds = (await listCustomerEvents(db, storeId, id, { limit: 10 })).map((e) => e.kind).sort();
        expect(kinds).toEqual(['points_earned', 'points_expired', 'points_expiring']);
      }
    });

    it('does nothing when points never expire', async () => {
      const { db } = database();
      const { storeId } = await storeWithProgram(db, 'Forever', { ...PROGRAM, expiry: { months: null } });
      await postLoyaltyAction(
        db,
        storeId,
        { customerId: 'c-1', action: 'signup', occurredAt: '2025-01-10T00:00:00Z' },
        '2025-01-10T00:00:00.000Z',
      );
      expect(await expireLoyaltyPoints(db, storeId, '2030-01-01T00:00:00.000Z')).toBe(0);
    });
  });

  describe('redemption', () => {
    it('spends points for a single-use coupon, refuses too few available points with a clear reason, and shows the balance', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Redeem');
      await postPoints(db, storeId, customerId, {
        kind: 'earn',
        points: 120,
        sourceKey: 'seed',
        reason: 'seed',
        postedAt: '2025-01-01T00:00:00.000Z',
        availableAt: '2025-01-01T00:00:00.000Z',
      });
      await postPoints(db, storeId, customerId, {
        kind: 'earn',
        points: 500,
        sourceKey: 'pending',
        reason: 'order',
        postedAt: '2025-01-02T00:00:00.000Z',
        availableAt: '2025-12-01T00:00:00.000Z',
      });
      const now = '2025-02-01T00:00:00.000Z';
      const result = await redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'five-off' }, now);
      expect(result.outcome).toBe('redeemed');
      if (result.outcome !== 'redeemed') return;
      expect(result.coupon).toMatchObject({
        kind: 'amount',
        value: 500,
        currency: 'USD',
        usageLimit: 1,
        perCustomerLimit: 1,
        validFrom: now,
        validUntil: '2025-03-03T00:00:00.000Z',
        uses: 0,
        customerId: 'c-1',
      });
      expect(result.coupon.code).toMatch(/^PTS-/);
      expect(result.entry).toMatchObject({ kind: 'redeem', points: -100, sourceKey: `redeem:${result.coupon.code}` });
      expect(await findCouponByCode(db, storeId, result.coupon.code)).not.toBeNull();

      // 20 available; the 500 pending do not count.
      expect(await redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'five-off' }, now)).toEqual({
        outcome: 'refused',
        reason: 'INSUFFICIENT_POINTS',
        customerId: 'c-1',
        available: 20,
        required: 100,
      });
      await expect(redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'nope' }, now)).rejects.toMatchObject({
        code: 'LOYALTY_OPTION_NOT_FOUND',
      });
      const mug = await redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'free-mug' }, now);
      expect(mug).toMatchObject({
        outcome: 'redeemed',
        coupon: {
          kind: 'free_product',
          value: 0,
          scope: { skus: ['MUG'], categories: [] },
          customerId: 'c-1',
          validUntil: null,
        },
      });

      const view = await customerPoints(db, storeId, 'c-1', now, { limit: 2 });
      expect(view).toMatchObject({
        externalId: 'c-1',
        available: 10,
        pending: 500,
        total: 510,
        nextExpiry: { at: '2026-02-01T00:00:00.000Z', points: 10 },
      });
      expect(view.entries.map((e) => e.sourceKey)).toEqual([
        mug.outcome === 'redeemed' ? `redeem:${mug.coupon.code}` : '',
        `redeem:${result.coupon.code}`,
      ]);
      const next = await customerPoints(db, storeId, customerId, now, { limit: 2, cursor: view.nextCursor! });
      expect(next.entries.map((e) => e.sourceKey)).toEqual(['pending', 'seed']);
      expect(next.nextCursor).toBeNull();
      await expect(customerPoints(db, storeId, 'c-1', now, { limit: 2, cursor: 'pts_nope' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('never overdraws under concurrent redemptions, and makes one coupon per redemption', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Concurrent redeem');
      await postPoints(db, storeId, customerId, {
        kind: 'earn',
        points: 1000,
        sourceKey: 'seed',
        reason: 'seed',
        postedAt: '2025-01-01T00:00:00.000Z',
        availableAt: '2025-01-01T00:00:00.000Z',
      });
      const now = '2025-02-01T00:00:00.000Z';
      const results = await Promise.all(
        Array.from({ length: 30 }, () => redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'five-off' }, now)),
      );
      expect(results.filter((r) => r.outcome === 'redeemed')).toHaveLength(10);
      expect(results.filter((r) => r.outcome === 'refused')).toHaveLength(20);
      expect(await balanceOfCustomer(db, storeId, customerId, now)).toEqual({ available: 0, pending: 0 });
      expect(await listCoupons(db, storeId)).toHaveLength(10);
    });

    it('spends no points when the coupon cannot be made', async () => {
      // Citus creates or drops a trigger of a distributed table (on each of its shards) only when told to.
      const withTriggers = (on: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<unknown>) =>
        on.transaction().execute(async (trx) => {
          if (dialect === 'citus') await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(trx);
          await work(trx);
        });
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Coupon fails');
      await postPoints(db, storeId, customerId, {
        kind: 'earn',
        points: 300,
        sourceKey: 'seed',
        reason: 'seed',
        postedAt: '2025-01-01T00:00:00.000Z',
        availableAt: '2025-01-01T00:00:00.000Z',
      });
      // A real failure of the coupon insert, made by the database itself.
      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER refuse_coupons BEFORE INSERT ON coupons BEGIN SELECT RAISE(ABORT, 'coupons refused'); END`.execute(
          db,
        );
      } else {
        await withTriggers(db, async (trx) => {
          await sql`CREATE FUNCTION refuse_coupons() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'coupons refused'; END $$ LANGUAGE plpgsql`.execute(
            trx,
          );
          await sql`CREATE TRIGGER refuse_coupons BEFORE INSERT ON coupons FOR EACH ROW EXECUTE FUNCTION refuse_coupons()`.execute(
            trx,
          );
        });
      }
      try {
        await expect(
          redeemPoints(db, storeId, { customerId: 'c-1', optionId: 'five-off' }, '2025-02-01T00:00:00.000Z'),
        ).rejects.toThrow(/coupons refused/);
        expect(await keysAndPoints(db, storeId, customerId)).toEqual([['seed', 300]]);
      } finally {
        await withTriggers(db, (trx) =>
          sql`DROP TRIGGER refuse_coupons${sql.raw(dialect === 'sqlite' ? '' : ' ON coupons')}`.execute(trx),
        );
      }
    });
  });

  describe('liability', () => {
    it('reports outstanding points and value, monthly flows and breakage from a known ledger', async () => {
      const { db } = database();
      const { storeId, customerId } = await storeWithProgram(db, 'Liability');
      const other = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-2' });
      const entry = (
        kind: 'earn' | 'redeem' | 'expire' | 'reverse' | 'adjust',
        points: number,
        key: string,
        postedAt: string,
        availableAt = postedAt,
      ) => ({ kind, points, sourceKey: key, reason: kind, postedAt, availableAt });
      for (const e of [
        entry('earn', 500, 'e1', '2025-01-05T00:00:00.000Z'),
        entry('redeem', -200, 'r1', '2025-02-05T00:00:00.000Z'),
        entry('earn', 300, 'e2', '2025-03-05T00:00:00.000Z', '2025-04-04T00:00:00.000Z'),
        entry('reverse', -100, 'e2:reverse:100', '2025-03-10T00:00:00.000Z', '2025-04-04T00:00:00.000Z'),
      ]) {
        expect((await postPoints(db, storeId, customerId, e)).outcome).toBe('posted');
      }
      for (const e of [
        entry('earn', 100, 'e1', '2025-01-20T00:00:00.000Z'),
        entry('expire', -100, 'x1', '2025-03-20T00:00:00.000Z'),
        entry('adjust', 40, 'a1', '2025-03-21T00:00:00.000Z'),
      ]) {
        expect((await postPoints(db, storeId, other.id, e)).outcome).toBe('posted');
      }
      const report = await loyaltyLiability(db, storeId, '2025-03-31T00:00:00.000Z');
      // Customer 1: 300 available, 200 pending; customer 2: 40 available. 1 point = 10 cents.
      expect(report.outstanding).toEqual({
        available: 340,
        pending: 200,
        total: 540,
        availableMinor: 3400,
        pendingMinor: 2000,
        totalMinor: 5400,
      });
      expect(report.months).toEqual([
        { month: '2025-01', earned: 600, redeemed: 0, expired: 0, reversed: 0, adjusted: 0 },
        { month: '2025-02', earned: 0, redeemed: 200, expired: 0, reversed: 0, adjusted: 0 },
        { month: '2025-03', earned: 300, redeemed: 0, expired: 100, reversed: 100, adjusted: 40 },
      ]);
      expect(report.breakageRate).toBeCloseTo(100 / 300);
      expect(report.currency).toBe('USD');
      // The outstanding sums agree with each customer's balanceOf.
      const asOf = '2025-03-31T00:00:00.000Z';
      const b1 = balanceOf(await ledgerOf(db, storeId, customerId), asOf);
      const b2 = balanceOf(await ledgerOf(db, storeId, other.id), asOf);
      expect(b1.available + b2.available).toBe(340);
      // Later, the pending points are available.
      expect((await loyaltyLiability(db, storeId, '2025-04-04T00:00:00.000Z')).outstanding).toMatchObject({
        available: 540,
        pending: 0,
      });
    });
  });

  it('is a RegularsError for an unknown customer on every read', async () => {
    const { db } = database();
    const { storeId } = await storeWithProgram(db, 'Unknown');
    await expect(customerPoints(db, storeId, 'ghost', '2025-01-01T00:00:00.000Z', { limit: 5 })).rejects.toBeInstanceOf(
      RegularsError,
    );
  });
});
