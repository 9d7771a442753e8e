import { describe, expect, it } from 'vitest';
import { couponReservationSweep, releaseCouponsForOrder } from './release-coupons-for-order.service.js';
import type { CouponInput } from './coupon.js';
import type { Order } from '../orders/order.js';
import { countCustomerRedemptions, findCouponByCode } from './coupon.repository.js';
import { releaseCouponReservation, reserveCoupon } from './coupon-reservation.service.js';
import { createCoupon } from './coupons.service.js';
import { redeemCoupon } from './redeem-coupon.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { Kysely } from 'kysely';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { atMostAtOnce, couponTerms } from './coupon-terms.fixtures.js';

const T0 = '2025-06-01T12:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1_000).toISOString();

const terms = (overrides: Partial<CouponInput> = {}) =>
  couponTerms({ code: 'HOLD', kind: 'amount', value: 500, ...overrides });

/** Settles every promise; counts outcomes and error codes. */
async function tally(runs: readonly Promise<string>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(runs)) {
    const key =
      result.status === 'fulfilled'
        ? result.value
        : String((result.reason as { code?: unknown }).code ?? result.reason);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The coupon's counters and rows: what must agree after any run. */
async function state(db: Kysely<Database>, storeId: string, code: string) {
  const coupon = (await findCouponByCode(db, storeId, code))!;
  const redemptions = await db
    .selectFrom('coupon_redemptions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', coupon.id)
    .execute();
  const reservations = await db
    .selectFrom('coupon_reservations')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', coupon.id)
    .execute();
  return {
    uses: coupon.uses,
    held: coupon.held,
    redeemed: redemptions.filter((r) => r.released_at === null).length,
    reservations: reservations.length,
  };
}

function cancelledOrder(storeId: string, externalId: string, status: Order['status'] = 'cancelled'): Order {
  return {
    id: 'ord_x',
    storeId,
    externalId,
    customerId: 'cus_x',
    orderedAt: T0,
    orderDay: 20_240,
    currency: 'EUR',
    subtotalMinor: 1_000,
    discountMinor: 500,
    shippingMinor: 0,
    totalMinor: 500,
    refundedMinor: 0,
    overRefundedMinor: 0,
    status,
    cancelledAt: status === 'cancelled' ? T0 : null,
    sourceUpdatedAt: null,
    lines: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

describe.each(dialects)('coupon reservations on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('holds uses against the limit, converts on redeem, frees on release (idempotent)', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Reserve' });
    await createCoupon(db, store.id, terms({ usageLimit: 2 }));
    const reserve = (cartId: string, now = T0) =>
      reserveCoupon(db, store.id, { code: 'hold', cartId, customerId: `c-${cartId}`, ttlSeconds: 600 }, now);

    const a = await reserve('A');
    expect(a).toMatchObject({
      outcome: 'reserved',
      reservation: { code: 'HOLD', cartId: 'A', customerId: 'c-A', reservedAt: T0, expiresAt: at(600) },
      coupon: { uses: 0, held: 1 },
    });
    expect(a.reservation.id).toMatch(/^rsv_/);
    // The same cart again renews its hold: no second use.
    expect(await reserve('A', at(100))).toMatchObject({
      outcome: 'renewed',
      reservation: { expiresAt: at(700) },
      coupon: { held: 1 },
    });
    await reserve('B');
    await expect(reserve('C')).rejects.toMatchObject({
      code: 'COUPON_LIMIT_REACHED',
      details: { code: 'HOLD', usageLimit: 2 },
    });
    // A direct redemption finds no room either: the two holds count.
    await expect(
      redeemCoupon(db, store.id, { code: 'HOLD', orderId: 'o-x', customerId: 'x' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_LIMIT_REACHED' });

    const converted = await redeemCoupon(
      db,
      store.id,
      { code: 'HOLD', orderId: 'o-A', customerId: 'c-A', cartId: 'A' },
      at(10),
    );
    expect(converted).toMatchObject({ outcome: 'redeemed', convertedReservation: true, coupon: { uses: 1, held: 1 } });
    // Idempotent per order, and the converted reservation is gone.
    expect(
      await redeemCoupon(db, store.id, { code: 'HOLD', orderId: 'o-A', customerId: 'c-A', cartId: 'A' }, at(11)),
    ).toMatchObject({ outcome: 'already_redeemed', coupon: { uses: 1 } });
    expect(await releaseCouponReservation(db, store.id, { code: 'HOLD', cartId: 'A' })).toMatchObject({
      outcome: 'not_reserved',
      coupon: { uses: 1, held: 1 },
    });

    expect(await releaseCouponReservation(db, store.id, { code: 'HOLD', cartId: 'B' })).toMatchObject({
      outcome: 'released',
      coupon: { held: 0 },
    });
    expect(await releaseCouponReservation(db, store.id, { code: 'HOLD', cartId: 'B' })).toMatchObject({
      outcome: 'not_reserved',
      coupon: { held: 0 },
    });
    expect((await reserve('C')).outcome).toBe('reserved');
    expect(await state(db, store.id, 'HOLD')).toEqual({ uses: 1, held: 1, redeemed: 1, reservations: 1 });

    await expect(releaseCouponReservation(db, store.id, { code: 'NOPE', cartId: 'B' })).rejects.toMatchObject({
      code: 'COUPON_NOT_FOUND',
    });
    await expect(reserveCoupon(db, store.id, { code: 'HOLD', cartId: 'D', ttlSeconds: 0 }, T0)).rejects.toMatchObject({
      details: { field: 'ttlSeconds' },
    });
    await expect(reserveCoupon(db, store.id, { code: 'HOLD', cartId: '' }, T0)).rejects.toMatchObject({
      details: { field: 'cartId' },
    });
    expect((await reserveCoupon(db, store.id, { code: 'HOLD', cartId: 'C' }, T0)).reservation.expiresAt).toBe(at(900));
  });

  it('stops counting a reservation at its expiry instant, without any job', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'TTL' });
    await createCoupon(db, store.id, terms({ code: 'ONE', usageLimit: 1 }));
    await reserveCoupon(db, store.id, { code: 'ONE', cartId: 'A', ttlSeconds: 60 }, T0);
    await expect(
      reserveCoupon(db, store.id, { code: 'ONE', cartId: 'B', ttlSeconds: 60 }, at(59.999)),
    ).rejects.toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    // At expires_at exactly the hold has ended: B takes the use.
    expect((await reserveCoupon(db, store.id, { code: 'ONE', cartId: 'B', ttlSeconds: 60 }, at(60))).outcome).toBe(
      'reserved',
    );
    expect(await state(db, store.id, 'ONE')).toEqual({ uses: 0, held: 1, redeemed: 0, reservations: 1 });
    // A's reservation is gone: its redemption is a direct one, and the use is B's.
    await expect(
      redeemCoupon(db, store.id, { code: 'ONE', orderId: 'o-A', customerId: 'a', cartId: 'A' }, at(61)),
    ).rejects.toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    expect(
      await redeemCoupon(db, store.id, { code: 'ONE', orderId: 'o-B', customerId: 'b', cartId: 'B' }, at(119.999)),
    ).toMatchObject({ convertedReservation: true });
    expect(await state(db, store.id, 'ONE')).toEqual({ uses: 1, held: 0, redeemed: 1, reservations: 0 });
  });

  it('redeems directly when the cart’s reservation has expired and there is room', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Late' });
    await createCoupon(db, store.id, terms({ code: 'LATE', usageLimit: 1 }));
    await reserveCoupon(db, store.id, { code: 'LATE', cartId: 'A', ttlSeconds: 10 }, T0);
    expect(
      await redeemCoupon(db, store.id, { code: 'LATE', orderId: 'o-A', customerId: 'a', cartId: 'A' }, at(10)),
    ).toMatchObject({
      outcome: 'redeemed',
      convertedReservation: false,
      coupon: { uses: 1, held: 0 },
    });
    // Renewing after expiry is a new reservation, which the limit now refuses.
    await expect(reserveCoupon(db, store.id, { code: 'LATE', cartId: 'A' }, at(20))).rejects.toMatchObject({
      code: 'COUPON_LIMIT_REACHED',
    });
  });

  it('sweeps expired reservations with the scheduled job, once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sweep' });
    await createCoupon(db, store.id, terms({ code: 'SWEEP1', usageLimit: 10 }));
    await createCoupon(db, store.id, terms({ code: 'SWEEP2' }));
    for (const cart of ['a', 'b', 'c'])
      await reserveCoupon(db, store.id, { code: 'SWEEP1', cartId: cart, ttlSeconds: 60 }, T0);
    await reserveCoupon(db, store.id, { code: 'SWEEP1', cartId: 'd', ttlSeconds: 600 }, T0);
    await reserveCoupon(db, store.id, { code: 'SWEEP2', cartId: 'z', ttlSeconds: 60 }, T0);
    expect(couponReservationSweep.name).toBe('coupon-reservation-sweep');
    expect(await couponReservationSweep.run(db, store.id, at(59))).toBe(0);
    expect(await couponReservationSweep.run(db, store.id, at(60))).toBe(4);
    expect(await couponReservationSweep.run(db, store.id, at(60))).toBe(0);
    expect(await state(db, store.id, 'SWEEP1')).toEqual({ uses: 0, held: 1, redeemed: 0, reservations: 1 });
    expect(await state(db, store.id, 'SWEEP2')).toEqual({ uses: 0, held: 0, redeemed: 0, reservations: 0 });
  });

  it('counts a customer’s reservations on other carts for the per-customer limit', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Per customer' });
    const coupon = await createCoupon(db, store.id, terms({ code: 'ONEEACH', perCustomerLimit: 1 }));
    await reserveCoupon(db, store.id, { code: 'ONEEACH', cartId: 'cart-1', customerId: 'alice' }, T0);
    await expect(
      reserveCoupon(db, store.id, { code: 'ONEEACH', cartId: 'cart-2', customerId: 'alice' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_CUSTOMER_LIMIT_REACHED' });
    await expect(
      redeemCoupon(db, store.id, { code: 'ONEEACH', orderId: 'o-2', customerId: 'alice' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_CUSTOMER_LIMIT_REACHED' });
    // Her own cart's reservation converts.
    expect(
      (await redeemCoupon(db, store.id, { code: 'ONEEACH', orderId: 'o-1', customerId: 'alice', cartId: 'cart-1' }, T0))
        .outcome,
    ).toBe('redeemed');
    expect(await countCustomerRedemptions(db, store.id, coupon.id, 'alice')).toBe(1);
    expect(
      (await reserveCoupon(db, store.id, { code: 'ONEEACH', cartId: 'cart-3', customerId: 'bob' }, T0)).outcome,
    ).toBe('reserved');
  });

  it('applies the one-customer, eligibility, cart and combination rules to reserve and redeem', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Rules' });
    await createCoupon(db, store.id, terms({ code: 'MINE', customerId: 'c-1', combinable: true }));
    await createCoupon(db, store.id, terms({ code: 'GOLD', eligibleTiers: ['gold'], combinable: true }));
    await createCoupon(db, store.id, terms({ code: 'SOLO', minSubtotalMinor: 2_000 }));
    await createCoupon(
      db,
      store.id,
      terms({ code: 'MUGS', kind: 'free_product', value: 0, currency: null, scope: { skus: ['MUG'], categories: [] } }),
    );

    await expect(
      redeemCoupon(db, store.id, { code: 'MINE', orderId: 'o-1', customerId: 'c-2' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_ELIGIBLE' });
    await expect(reserveCoupon(db, store.id, { code: 'MINE', cartId: 'k' }, T0)).rejects.toMatchObject({
      code: 'COUPON_NOT_ELIGIBLE',
    });
    // Without the customer's facts, a tier-only coupon is not eligible; with them it is.
    await expect(
      redeemCoupon(db, store.id, { code: 'GOLD', orderId: 'o-1', customerId: 'c-1' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_ELIGIBLE' });
    await expect(
      redeemCoupon(db, store.id, { code: 'GOLD', orderId: 'o-1', customerId: 'c-1' }, T0, {
        customer: { tier: 'silver', segment: null },
      }),
    ).rejects.toMatchObject({
      code: 'COUPON_NOT_ELIGIBLE',
    });
    expect(
      (
        await redeemCoupon(db, store.id, { code: 'GOLD', orderId: 'o-1', customerId: 'c-1' }, T0, {
          customer: { tier: 'gold', segment: null },
        })
      ).outcome,
    ).toBe('redeemed');
    // Two combinable coupons on one order; a third that is not combinable is refused.
    expect((await redeemCoupon(db, store.id, { code: 'MINE', orderId: 'o-1', customerId: 'c-1' }, T0)).outcome).toBe(
      'redeemed',
    );
    await expect(
      redeemCoupon(db, store.id, { code: 'SOLO', orderId: 'o-1', customerId: 'c-1' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_COMBINABLE' });
    // The cart's rules when the cart is sent.
    const cart = {
      subtotalMinor: 1_999,
      currency: 'EUR',
      lines: [{ sku: 'MUG', category: null, quantity: 1, unitPriceMinor: 1_999 }],
    };
    await expect(
      redeemCoupon(db, store.id, { code: 'SOLO', orderId: 'o-2', customerId: 'c-1' }, T0, { cart }),
    ).rejects.toMatchObject({
      code: 'COUPON_BELOW_MINIMUM',
      details: { minSubtotalMinor: 2_000 },
    });
    await expect(
      reserveCoupon(db, store.id, { code: 'MUGS', cartId: 'k' }, T0, { cart: { ...cart, lines: [] } }),
    ).rejects.toMatchObject({ code: 'COUPON_NO_MATCHING_ITEMS' });
    expect((await reserveCoupon(db, store.id, { code: 'MUGS', cartId: 'k' }, T0, { cart })).outcome).toBe('reserved');
    // A cart holding a coupon that is not combinable takes no other.
    await expect(
      reserveCoupon(db, store.id, { code: 'MINE', cartId: 'k', customerId: 'c-1' }, T0),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_COMBINABLE' });
    // Once released (or expired), it may.
    await releaseCouponReservation(db, store.id, { code: 'MUGS', cartId: 'k' });
    expect((await reserveCoupon(db, store.id, { code: 'MINE', cartId: 'k', customerId: 'c-1' }, T0)).outcome).toBe(
      'reserved',
    );
  });

  it('gives back a cancelled order’s uses once, however often the handler runs', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Cancel' });
    const coupon = await createCoupon(
      db,
      store.id,
      terms({ code: 'BACK', usageLimit: 1, perCustomerLimit: 1, combinable: true }),
    );
    await createCoupon(db, store.id, terms({ code: 'BACK2', combinable: true }));
    await redeemCoupon(db, store.id, { code: 'BACK', orderId: '1001', customerId: 'c-1' }, T0);
    await redeemCoupon(db, store.id, { code: 'BACK2', orderId: '1001', customerId: 'c-1' }, T0);

    // A paid order (or another order) releases nothing.
    await releaseCouponsForOrder(db, store.id, cancelledOrder(store.id, '1001', 'paid'), T0);
    await releaseCouponsForOrder(db, store.id, cancelledOrder(store.id, '9999'), T0);
    expect((await findCouponByCode(db, store.id, 'BACK'))?.uses).toBe(1);

    await Promise.all(
      Array.from({ length: 20 }, () => releaseCouponsForOrder(db, store.id, cancelledOrder(store.id, '1001'), at(5))),
    );
    expect(await state(db, store.id, 'BACK')).toEqual({ uses: 0, held: 0, redeemed: 0, reservations: 0 });
    expect((await findCouponByCode(db, store.id, 'BACK2'))?.uses).toBe(0);
    await releaseCouponsForOrder(db, store.id, cancelledOrder(store.id, '1001'), at(6));
    expect((await findCouponByCode(db, store.id, 'BACK'))?.uses).toBe(0);
    const row = await db
      .selectFrom('coupon_redemptions')
      .selectAll()
      .where('store_id', '=', store.id)
      .where('coupon_id', '=', coupon.id)
      .executeTakeFirstOrThrow();
    expect(row.released_at).toBe(at(5));

    // The same order stays redeemed-and-released; the use and the customer's allowance are free again.
    expect(
      (await redeemCoupon(db, store.id, { code: 'BACK', orderId: '1001', customerId: 'c-1' }, at(7))).outcome,
    ).toBe('already_redeemed');
    expect(
      (await redeemCoupon(db, store.id, { code: 'BACK', orderId: '1002', customerId: 'c-1' }, at(7))).coupon.uses,
    ).toBe(1);
    // A status 'pending' with a cancellation time counts as cancelled too.
    await releaseCouponsForOrder(
      db,
      store.id,
      { ...cancelledOrder(store.id, '1002', 'pending'), cancelledAt: at(8) },
      at(8),
    );
    expect((await findCouponByCode(db, store.id, 'BACK'))?.uses).toBe(0);
  });

  it('lets exactly 1 of 200 parallel reservations and redemptions of a limit-1 code through', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Race 1' });
    await createCoupon(db, store.id, terms({ code: 'RACE1', usageLimit: 1 }));
    const limited = atMostAtOnce(30);
    const counts = await tally(
      Array.from({ length: 200 }, (_, i) =>
        limited(async () => {
          if (i % 2 === 0) return (await reserveCoupon(db, store.id, { code: 'RACE1', cartId: `k-${i}` }, T0)).outcome;
          return (await redeemCoupon(db, store.id, { code: 'RACE1', orderId: `o-${i}`, customerId: `c-${i}` }, T0))
            .outcome;
        }),
      ),
    );
    expect((counts.reserved ?? 0) + (counts.redeemed ?? 0)).toBe(1);
    expect(counts.COUPON_LIMIT_REACHED).toBe(199);
    const after = await state(db, store.id, 'RACE1');
    expect(after.uses + after.held).toBe(1);
    expect(after.redeemed + after.reservations).toBe(1);
  });

  // About 3,500 transactions at 1,500 clients, each taking the coupon's lock in turn. On Citus every
  // statement crosses from the coordinator to a worker, several times slower on this shared machine:
  // there the race is run a fifth as big (the same contention, 30 clients at once).
  const clients = dialect === 'citus' ? 300 : 1_500;
  const limit = (clients * 2) / 3;
  it(`ends with exactly ${limit} redemptions of a limit-${limit} code after ${clients} concurrent clients (30 at a time) reserve, redeem and release`, async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Race 1000' });
    await createCoupon(db, store.id, terms({ code: 'RACE1000', usageLimit: limit }));
    const code = 'RACE1000';
    const client = async (i: number): Promise<string> => {
      const cartId = `k-${i}`;
      const order = { code, orderId: `o-${i}`, customerId: `c-${i % 97}`, cartId };
      switch (i % 3) {
        case 0:
          // Redeems directly.
          return (await redeemCoupon(db, store.id, { ...order, cartId: null }, T0)).outcome;
        case 1:
          // Reserves, then pays.
          await reserveCoupon(db, store.id, { code, cartId }, T0);
          return (await redeemCoupon(db, store.id, order, T0)).outcome;
        default:
          // Reserves, fails payment and releases, then tries again and pays.
          await reserveCoupon(db, store.id, { code, cartId }, T0);
          expect((await releaseCouponReservation(db, store.id, { code, cartId })).outcome).toBe('released');
          await reserveCoupon(db, store.id, { code, cartId }, T0);
          return (await redeemCoupon(db, store.id, order, T0)).outcome;
      }
    };
    const limited = atMostAtOnce(30);
    const counts = await tally(Array.from({ length: clients }, (_, i) => limited(() => client(i))));
    expect(counts).toEqual({ redeemed: limit, COUPON_LIMIT_REACHED: clients - limit });
    expect(await state(db, store.id, code)).toEqual({ uses: limit, held: 0, redeemed: limit, reservations: 0 });
  }, 180_000);
});
