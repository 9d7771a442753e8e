import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rewardReferralForOrder, rewardReferralForOrderId } from './reward-referral-for-order.service.js';
import { dayFromIso } from '../../analytics/day.js';
import type { OrderStatus } from '../orders/order.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { ledgerOf } from '../loyalty/loyalty.repository.js';
import { findOrder, upsertOrderByExternalId } from '../orders/order.repository.js';
import {
  readReferralSettings,
  referralCodeOf,
  referralOfReferred,
  referralsByReferrer,
  writeReferralSettings,
} from './referral.repository.js';
import { recordReferral } from './record-referral.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2025-05-01T12:00:00.000Z';
const SETTINGS = { referrerPoints: 500, referredPoints: 250, maxReferralsPerIpPer30Days: 3 };

async function setUp(db: Kysely<Database>, name: string, settings: unknown = SETTINGS) {
  const { store } = await createStore(db, { name });
  const storeId = store.id;
  if (settings !== null) await writeReferralSettings(db, storeId, settings, NOW);
  const customer = async (externalId: string, email: string | null = `${externalId}@example.com`) =>
    (await upsertCustomerByExternalId(db, storeId, { externalId, email })).id;
  const order = async (
    customerId: string,
    id: string,
    day: string,
    status: OrderStatus = 'paid',
    cancelledAt: string | null = null,
  ) =>
    (
      await upsertOrderByExternalId(db, storeId, {
        externalId: id,
        customerId,
        orderedAt: `${day}T10:00:00Z`,
        orderDay: dayFromIso(day),
        currency: 'EUR',
        subtotalMinor: 5_000,
        discountMinor: 0,
        shippingMinor: 0,
        totalMinor: 5_000,
        refundedMinor: status === 'refunded' ? 5_000 : 0,
        status,
        cancelledAt,
        sourceUpdatedAt: null,
        lines: [],
      })
    ).orderId;
  return { storeId, customer, order };
}

async function pointsOf(db: Kysely<Database>, storeId: string, customerId: string) {
  return (await ledgerOf(db, storeId, customerId).catch(() => [])).map((e) => [e.sourceKey, e.points]);
}

describe.each(dialects)('referrals on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('gives each customer one unguessable code, the same on every call, also concurrently', async () => {
    const { db } = database();
    const { storeId, customer } = await setUp(db, 'Codes');
    const alice = await customer('alice');
    const bob = await customer('bob');
    const codes = await Promise.all(Array.from({ length: 10 }, () => referralCodeOf(db, storeId, alice, NOW)));
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await referralCodeOf(db, storeId, alice, NOW)).toBe(codes[0]);
    expect(await referralCodeOf(db, storeId, bob, NOW)).not.toBe(codes[0]);
    const other = await createStore(db, { name: 'Other' });
    await expect(referralCodeOf(db, other.store.id, alice, NOW)).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });

  it('records a referral once, in any case of the code, and refuses a second referrer', async () => {
    const { db } = database();
    const { storeId, customer } = await setUp(db, 'Record');
    const [alice, bob, carol] = [await customer('alice'), await customer('bob'), await customer('carol')];
    const code = await referralCodeOf(db, storeId, alice, NOW);
    const recorded = await recordReferral(
      db,
      storeId,
      { code: ` ${code.toLowerCase()} `, referredCustomerId: bob, email: null, ip: '203.0.113.9' },
      NOW,
    );
    expect(recorded).toMatchObject({
      outcome: 'recorded',
      referral: {
        id: expect.stringMatching(/^ref_/),
        code,
        referrerCustomerId: alice,
        referredCustomerId: bob,
        email: 'bob@example.com',
        status: 'pending',
        reason: null,
      },
    });
    expect(
      await recordReferral(db, storeId, { code, referredCustomerId: bob, email: null, ip: null }, NOW),
    ).toMatchObject({ outcome: 'already_recorded' });
    const carolsCode = await referralCodeOf(db, storeId, carol, NOW);
    expect(
      await recordReferral(db, storeId, { code: carolsCode, referredCustomerId: bob, email: null, ip: null }, NOW),
    ).toEqual({
      outcome: 'refused',
      reason: 'CUSTOMER_ALREADY_REFERRED',
    });
    expect(
      await recordReferral(
        db,
        storeId,
        { code: 'NOPE-NOPE-NOPE', referredCustomerId: carol, email: null, ip: null },
        NOW,
      ),
    ).toEqual({
      outcome: 'refused',
      reason: 'REFERRAL_CODE_NOT_FOUND',
    });
    expect((await referralsByReferrer(db, storeId, alice)).map((r) => r.referredCustomerId)).toEqual([bob]);
    expect((await referralOfReferred(db, storeId, bob))?.referrerCustomerId).toBe(alice);
  });

  it('refuses each fraud case with its code and records nothing', async () => {
    const { db } = database();
    const { storeId, customer, order } = await setUp(db, 'Fraud');
    const alice = await customer('alice', 'Alice.Smith@gmail.com');
    const code = await referralCodeOf(db, storeId, alice, NOW);
    const attempt = (referredCustomerId: string, email: string | null = null) =>
      recordReferral(db, storeId, { code, referredCustomerId, email, ip: null }, NOW);

    expect(await attempt(alice)).toEqual({ outcome: 'refused', reason: 'REFERRAL_SELF' });
    const twin = await customer('alice-2', 'alicesmith+second@googlemail.com');
    expect(await attempt(twin)).toEqual({ outcome: 'refused', reason: 'REFERRAL_SAME_EMAIL' });
    // An email given with the referral is checked too, whatever the stored one.
    const dan = await customer('dan');
    expect(await attempt(dan, ' ALICE.SMITH+x@gmail.com')).toEqual({
      outcome: 'refused',
      reason: 'REFERRAL_SAME_EMAIL',
    });
    const regular = await customer('regular');
    await order(regular, 'r-1', '2025-01-01');
    expect(await attempt(regular)).toEqual({ outcome: 'refused', reason: 'REFERRAL_NOT_FIRST_ORDER' });
    // A cancelled order does not make a customer an existing one.
    const cancelled = await customer('cancelled');
    await order(cancelled, 'x-1', '2025-01-01', 'cancelled');
    expect((await attempt(cancelled)).outcome).toBe('recorded');
    expect(await referralsByReferrer(db, storeId, alice)).toHaveLength(1);
  });

  it('limits referrals per IP in 30 days, exactly, under concurrency', async () => {
    const { db } = database();
    const { storeId, customer } = await setUp(db, 'Per IP');
    const alice = await customer('alice');
    const code = await referralCodeOf(db, storeId, alice, NOW);
    const friends = await Promise.all(Array.from({ length: 12 }, (_, i) => customer(`friend-${i}`)));
    const outcomes = await Promise.all(
      friends
        .slice(0, 10)
        .map((id) =>
          recordReferral(db, storeId, { code, referredCustomerId: id, email: null, ip: '198.51.100.7' }, NOW),
        ),
    );
    expect(outcomes.filter((o) => o.outcome === 'recorded')).toHaveLength(3);
    expect(outcomes.filter((o) => o.outcome === 'refused' && o.reason === 'REFERRAL_IP_LIMIT_REACHED')).toHaveLength(7);
    // Another IP, or no IP, is not limited by it.
    expect(
      (
        await recordReferral(
          db,
          storeId,
          { code, referredCustomerId: friends[10], email: null, ip: '198.51.100.8' },
          NOW,
        )
      ).outcome,
    ).toBe('recorded');
    // 30 days later the first three no longer count: the window is (now - 30 days, now].
    const later = '2025-05-31T12:00:00.000Z';
    const almost = '2025-05-31T11:59:59.999Z';
    expect(
      await recordReferral(
        db,
        storeId,
        { code, referredCustomerId: friends[11], email: null, ip: '198.51.100.7' },
        almost,
      ),
    ).toMatchObject({ reason: 'REFERRAL_IP_LIMIT_REACHED' });
    expect(
      (
        await recordReferral(
          db,
          storeId,
          { code, referredCustomerId: friends[11], email: null, ip: '198.51.100.7' },
          later,
        )
      ).outcome,
    ).toBe('recorded');
  });

  it('needs the settings', async () => {
    const { db } = database();
    const { storeId, customer } = await setUp(db, 'Unconfigured', null);
    const alice = await customer('alice');
    const bob = await customer('bob');
    expect(await readReferralSettings(db, storeId)).toBeNull();
    const code = await referralCodeOf(db, storeId, alice, NOW);
    await expect(
      recordReferral(db, storeId, { code, referredCustomerId: bob, email: null, ip: null }, NOW),
    ).rejects.toMatchObject({ code: 'REFERRALS_NOT_CONFIGURED' });
  });

  it("rewards both sides once on the referred customer's first paid order, however often the handler runs", async () => {
    const { db } = database();
    const { storeId, customer, order } = await setUp(db, 'Reward', { ...SETTINGS, pointsAvailableAfterDays: 14 });
    const alice = await customer('alice');
    const bob = await customer('bob');
    const code = await referralCodeOf(db, storeId, alice, NOW);
    const { referral } = (await recordReferral(
      db,
      storeId,
      { code, referredCustomerId: bob, email: null, ip: null },
      NOW,
    )) as { referral: { id: string } };

    const first = await order(bob, 'b-1', '2025-05-02', 'pending');
    expect(await rewardReferralForOrderId(db, storeId, bob, first, '2025-05-02T10:00:00Z')).toBe('waiting');
    await order(bob, 'b-1', '2025-05-02', 'paid');
    const paid = (await findOrder(db, storeId, first))!;
    const runs = await Promise.all(
      Array.from({ length: 8 }, () => rewardReferralForOrderId(db, storeId, bob, first, '2025-05-02T11:00:00Z')),
    );
    expect(runs.filter((r) => r === 'rewarded')).toHaveLength(1);
    await rewardReferralForOrder(db, storeId, paid, '2025-05-03T00:00:00Z');

    expect(await pointsOf(db, storeId, alice)).toEqual([[`referral:${referral.id}:referrer`, 500]]);
    expect(await pointsOf(db, storeId, bob)).toEqual([[`referral:${referral.id}:referred`, 250]]);
    expect((await ledgerOf(db, storeId, alice))[0]).toMatchObject({
      kind: 'earn',
      postedAt: '2025-05-02T11:00:00.000Z',
      availableAt: '2025-05-16T11:00:00.000Z',
    });
    expect(await referralOfReferred(db, storeId, bob)).toMatchObject({
      status: 'rewarded',
      orderId: first,
      referrerPoints: 500,
      referredPoints: 250,
      decidedAt: '2025-05-02T11:00:00.000Z',
    });
    for (const [who, side] of [
      [alice, 'referrer'],
      [bob, 'referred'],
    ]) {
      const events = (await listCustomerEvents(db, storeId, who, { limit: 50 })).filter(
        (e) => e.kind === 'referral_rewarded',
      );
      expect(events.map((e) => e.payload)).toEqual([
        expect.objectContaining({ referralId: referral.id, side, orderId: first }),
      ]);
    }
    // A later order changes nothing.
    const second = await order(bob, 'b-2', '2025-06-01');
    expect(await rewardReferralForOrderId(db, storeId, bob, second, '2025-06-01T12:00:00Z')).toBe('none');
    expect(await pointsOf(db, storeId, alice)).toHaveLength(1);
  });

  it('rewards nothing for a cancelled first order, then rewards the first order that is not cancelled', async () => {
    const { db } = database();
    const { storeId, customer, order } = await setUp(db, 'Cancelled');
    const alice = await customer('alice');
    const bob = await customer('bob');
    await recordReferral(
      db,
      storeId,
      { code: await referralCodeOf(db, storeId, alice, NOW), referredCustomerId: bob, email: null, ip: null },
      NOW,
    );
    const cancelled = await order(bob, 'b-1', '2025-05-02', 'cancelled');
    expect(await rewardReferralForOrderId(db, storeId, bob, cancelled, '2025-05-02T12:00:00Z')).toBe('waiting');
    const refunded = await order(bob, 'b-2', '2025-05-03', 'paid', '2025-05-04T00:00:00Z');
    expect(await rewardReferralForOrderId(db, storeId, bob, refunded, '2025-05-04T12:00:00Z')).toBe('waiting');
    expect(await pointsOf(db, storeId, alice)).toEqual([]);
    expect((await referralOfReferred(db, storeId, bob))?.status).toBe('pending');
    const real = await order(bob, 'b-3', '2025-05-05');
    expect(await rewardReferralForOrderId(db, storeId, bob, real, '2025-05-05T12:00:00Z')).toBe('rewarded');
    expect(await pointsOf(db, storeId, bob)).toHaveLength(1);
  });

  it("rejects the referral when the order is not the customer's first", async () => {
    const { db } = database();
    const { storeId, customer, order } = await setUp(db, 'Not first');
    const alice = await customer('alice');
    const bob = await customer('bob');
    await recordReferral(
      db,
      storeId,
      { code: await referralCodeOf(db, storeId, alice, NOW), referredCustomerId: bob, email: null, ip: null },
      NOW,
    );
    // An older order of the customer arrives late (an import): the customer was not new.
    const later = await order(bob, 'b-2', '2025-05-10');
    await order(bob, 'b-1', '2024-11-01');
    expect(await rewardReferralForOrderId(db, storeId, bob, later, '2025-05-10T12:00:00Z')).toBe('rejected');
    expect(await referralOfReferred(db, storeId, bob)).toMatchObject({
      status: 'rejected',
      reason: 'REFERRAL_NOT_FIRST_ORDER',
      orderId: later,
    });
    expect(await pointsOf(db, storeId, alice)).toEqual([]);
    expect(await pointsOf(db, storeId, bob)).toEqual([]);
  });

  it('posts nothing for a side with 0 points', async () => {
    const { db } = database();
    const { storeId, customer, order } = await setUp(db, 'Zero', { referrerPoints: 300, referredPoints: 0 });
    const alice = await customer('alice');
    const bob = await customer('bob');
    await recordReferral(
      db,
      storeId,
      { code: await referralCodeOf(db, storeId, alice, NOW), referredCustomerId: bob, email: null, ip: null },
      NOW,
    );
    const first = await order(bob, 'b-1', '2025-05-02');
    expect(await rewardReferralForOrderId(db, storeId, bob, first, '2025-05-02T12:00:00Z')).toBe('rewarded');
    expect(await pointsOf(db, storeId, alice)).toHaveLength(1);
    expect(await pointsOf(db, storeId, bob)).toEqual([]);
  });
});
