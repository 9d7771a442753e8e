import { describe, expect, it } from 'vitest';
import { couponCustomerFacts } from './coupon-customer-facts.service.js';
import { reserveCoupon, reserveCouponForCart } from './coupon-reservation.service.js';
import { redeemCouponForOrder } from './redeem-coupon.service.js';
import { recordOrder } from '../orders/record-order.service.js';
import { validateCoupon, validateCouponSet } from './validate-coupon.service.js';
import { dayFromIso } from '../../analytics/day.js';
import type { CouponInput } from './coupon.js';
import { customer360 } from '../customers/customer-360.query.js';
import { findCouponByCode, listCoupons } from './coupon.repository.js';
import { createCoupon, createCouponBatch } from './coupons.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { couponTerms } from './coupon-terms.fixtures.js';

const NOW = '2025-06-01T12:00:00.000Z';
const later = (seconds: number) => new Date(Date.parse(NOW) + seconds * 1_000).toISOString();

const terms = (overrides: Partial<CouponInput> = {}) => couponTerms({ code: 'RULE', ...overrides });

const lines = [
  { sku: 'MUG', category: 'kitchen', quantity: 2, unitPriceMinor: 1_200 },
  { sku: 'BEANS', category: 'coffee', quantity: 1, unitPriceMinor: 1_500 },
];
const cart = { subtotalMinor: 3_900, currency: 'EUR', customerId: null, lines };

describe.each(dialects)('coupon rules on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('stores and lists the new terms, with defaults for callers that leave them out', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Terms' });
    const plain = await createCoupon(db, store.id, terms({ code: 'PLAIN' }));
    expect(plain).toMatchObject({
      scope: null,
      customerId: null,
      eligibleTiers: [],
      eligibleSegments: [],
      combinable: false,
      held: 0,
    });
    const rich = await createCoupon(
      db,
      store.id,
      terms({
        code: 'FREEMUG',
        kind: 'free_product',
        value: 0,
        currency: null,
        scope: { skus: ['MUG'], categories: ['kitchen'] },
        customerId: '820982911946154508',
        eligibleTiers: ['gold'],
        eligibleSegments: ['Champions', "Can't lose"],
        combinable: true,
        usageLimit: 1,
      }),
    );
    expect(rich).toMatchObject({
      kind: 'free_product',
      scope: { skus: ['MUG'], categories: ['kitchen'] },
      customerId: '820982911946154508',
      eligibleTiers: ['gold'],
      eligibleSegments: ['Champions', "Can't lose"],
      combinable: true,
    });
    expect(await findCouponByCode(db, store.id, 'freemug')).toEqual(rich);
    expect(await listCoupons(db, store.id)).toEqual([plain, rich]);
    const batch = await createCouponBatch(
      db,
      store.id,
      terms({ code: 'PTS', kind: 'amount', value: 500, customerId: 'c-1', usageLimit: 1 }),
      3,
    );
    expect(batch.every((c) => c.customerId === 'c-1')).toBe(true);
    await expect(
      createCoupon(db, store.id, terms({ code: 'BADSEG', eligibleSegments: ['VIP'] })),
    ).rejects.toMatchObject({ details: { field: 'eligibleSegments' } });
    await expect(
      createCoupon(db, store.id, terms({ code: 'FREEX', kind: 'free_product', value: 0 })),
    ).rejects.toMatchObject({ details: { field: 'scope' } });
  });

  it('validates scoped and free-product coupons against the cart lines', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Scope' });
    await createCoupon(
      db,
      store.id,
      terms({ code: 'COFFEE20', value: 20, scope: { skus: [], categories: ['coffee'] } }),
    );
    await createCoupon(
      db,
      store.id,
      terms({
        code: 'FREEMUG',
        kind: 'free_product',
        value: 0,
        currency: null,
        scope: { skus: ['MUG'], categories: [] },
      }),
    );
    expect(await validateCoupon(db, store.id, { ...cart, code: 'coffee20' }, NOW)).toMatchObject({
      applies: true,
      discountMinor: 300,
    });
    expect(await validateCoupon(db, store.id, { ...cart, code: 'FREEMUG' }, NOW)).toMatchObject({
      applies: true,
      discountMinor: 1_200,
    });
    // The body without lines still validates: a scoped coupon then has nothing to match.
    expect(
      await validateCoupon(
        db,
        store.id,
        { subtotalMinor: 3_900, currency: 'EUR', customerId: null, code: 'FREEMUG' },
        NOW,
      ),
    ).toMatchObject({
      applies: false,
      reason: 'COUPON_NO_MATCHING_ITEMS',
    });
  });

  it('lets a reservation count until it expires, and lets its own cart through', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Validate holds' });
    await createCoupon(db, store.id, terms({ code: 'LAST', usageLimit: 1, perCustomerLimit: 1 }));
    await reserveCoupon(db, store.id, { code: 'LAST', cartId: 'k1', customerId: 'alice', ttlSeconds: 60 }, NOW);
    expect(await validateCoupon(db, store.id, { ...cart, code: 'LAST' }, later(59))).toMatchObject({
      applies: false,
      reason: 'COUPON_LIMIT_REACHED',
    });
    expect(
      await validateCoupon(db, store.id, { ...cart, code: 'LAST', cartId: 'k1', customerId: 'alice' }, later(59)),
    ).toMatchObject({ applies: true });
    // Alice on another cart: the limit refuses first.
    expect(
      await validateCoupon(db, store.id, { ...cart, code: 'LAST', cartId: 'k2', customerId: 'alice' }, later(59)),
    ).toMatchObject({ reason: 'COUPON_LIMIT_REACHED' });
    // Expired: it counts no more, though no job has removed it.
    expect(
      await validateCoupon(db, store.id, { ...cart, code: 'LAST', cartId: 'k2', customerId: 'alice' }, later(60)),
    ).toMatchObject({ applies: true });
  });

  it('resolves tier and segment only for coupons that list them, and checks eligibility', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Eligibility' });
    const day = dayFromIso('2025-05-20');
    const { customerId } = await recordOrder(db, store.id, {
      customer: { externalId: 'shopper-1' },
      order: {
        externalId: 'ord-1',
        orderedAt: '2025-05-20T10:00:00Z',
        orderDay: day,
        currency: 'EUR',
        subtotalMinor: 4_000,
        discountMinor: 0,
        shippingMinor: 0,
        totalMinor: 4_000,
        refundedMinor: 0,
        status: 'paid',
        cancelledAt: null,
        sourceUpdatedAt: null,
        lines: [],
      },
    });
    const segment = (await customer360(db, store.id, customerId, '2025-06-01T12:00:00+14:00'))!.rfm!.segment;
    const lookups: string[] = [];
    const tierOf = async (_db: unknown, _store: string, id: string) => {
      lookups.push(id);
      return id === customerId ? 'gold' : null;
    };
    const deps = { tierOf };

    await createCoupon(db, store.id, terms({ code: 'SEG', eligibleSegments: [segment] }));
    await createCoupon(
      db,
      store.id,
      terms({ code: 'OTHERSEG', eligibleSegments: [segment === 'Champions' ? 'Loyal' : 'Champions'] }),
    );
    await createCoupon(db, store.id, terms({ code: 'GOLD', eligibleTiers: ['gold'] }));
    await createCoupon(db, store.id, terms({ code: 'OPEN' }));
    const check = (code: string, customer: string | null) =>
      validateCoupon(db, store.id, { ...cart, code, customerId: customer }, NOW, deps);

    expect(await check('SEG', 'shopper-1')).toMatchObject({ applies: true });
    expect(await check('OTHERSEG', 'shopper-1')).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    expect(await check('GOLD', 'shopper-1')).toMatchObject({ applies: true });
    expect(await check('GOLD', 'stranger')).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    expect(await check('GOLD', null)).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    expect(lookups).toEqual([customerId]);
    // A coupon without eligibility rules reads nothing about the customer.
    expect(await check('OPEN', 'shopper-1')).toMatchObject({ applies: true });
    expect(
      await couponCustomerFacts(db, store.id, { eligibleTiers: [], eligibleSegments: [] }, 'shopper-1', NOW, deps),
    ).toBeNull();
    expect(lookups).toHaveLength(1);
    // Without a tier lookup nobody has a tier.
    expect(await validateCoupon(db, store.id, { ...cart, code: 'GOLD', customerId: 'shopper-1' }, NOW)).toMatchObject({
      reason: 'COUPON_NOT_ELIGIBLE',
    });

    // Reserve and redeem resolve the same facts.
    await expect(
      reserveCouponForCart(db, store.id, { code: 'GOLD', cartId: 'k', customerId: 'stranger' }, NOW, deps),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_ELIGIBLE' });
    expect(
      (
        await reserveCouponForCart(
          db,
          store.id,
          { code: 'GOLD', cartId: 'k', customerId: 'shopper-1', cart },
          NOW,
          deps,
        )
      ).outcome,
    ).toBe('reserved');
    expect(
      (
        await redeemCouponForOrder(
          db,
          store.id,
          { code: 'GOLD', orderId: 'o-1', customerId: 'shopper-1', cartId: 'k' },
          NOW,
          deps,
        )
      ).convertedReservation,
    ).toBe(true);
    await expect(
      redeemCouponForOrder(db, store.id, { code: 'OTHERSEG', orderId: 'o-2', customerId: 'shopper-1' }, NOW, deps),
    ).rejects.toMatchObject({
      code: 'COUPON_NOT_ELIGIBLE',
    });
    await expect(
      redeemCouponForOrder(db, store.id, { code: 'NOPE', orderId: 'o-2', customerId: 'shopper-1' }, NOW, deps),
    ).rejects.toMatchObject({ code: 'COUPON_NOT_FOUND' });
  });

  it('validates a set of codes with the combination rules', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sets' });
    await createCoupon(db, store.id, terms({ code: 'TEN', combinable: true }));
    await createCoupon(db, store.id, terms({ code: 'SHIP', kind: 'free_shipping', value: 0, combinable: true }));
    await createCoupon(db, store.id, terms({ code: 'FIVER', kind: 'amount', value: 500 }));
    const set = await validateCouponSet(db, store.id, { ...cart, codes: ['ten', 'SHIP', 'TEN', 'FIVER', 'NOPE'] }, NOW);
    expect(set).toMatchObject({ applies: true, discountMinor: 390, freeShipping: true });
    expect(set.coupons.map((c) => [c.code, c.applies ? c.discountMinor : c.reason])).toEqual([
      ['TEN', 390],
      ['SHIP', 0],
      ['FIVER', 'COUPON_NOT_COMBINABLE'],
      ['NOPE', 'COUPON_NOT_FOUND'],
    ]);
    expect(set.coupons[0].coupon?.code).toBe('TEN');
    expect(set.coupons[3].coupon).toBeNull();
    const alone = await validateCouponSet(db, store.id, { ...cart, codes: ['FIVER', 'TEN'] }, NOW);
    expect(alone.coupons.map((c) => (c.applies ? 'ok' : c.reason))).toEqual(['ok', 'COUPON_NOT_COMBINABLE']);
    expect(alone.discountMinor).toBe(500);
  });
});
