import { describe, expect, it } from 'vitest';
import {
  type CartLine,
  type Coupon,
  type CouponInput,
  combinationRejection,
  combineCoupons,
  couponInputProblem,
  couponTerms,
  couponUseRejection,
  evaluateCoupon,
  heldCountMayRefuse,
  needsCustomerFacts,
  normalizeCouponCode,
  percentDiscount,
} from './coupon.js';

const NOW = '2025-06-01T12:00:00.000Z';

function coupon(overrides: Partial<Coupon> = {}): Coupon {
  return {
    id: 'cpn_1',
    storeId: 'sto_1',
    code: 'SUMMER10',
    kind: 'percent',
    value: 10,
    minSubtotalMinor: 0,
    currency: 'EUR',
    usageLimit: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
    scope: null,
    customerId: null,
    eligibleTiers: [],
    eligibleSegments: [],
    combinable: false,
    uses: 0,
    held: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const cart = { subtotalMinor: 5_000, currency: 'EUR' };

describe('evaluateCoupon', () => {
  it('takes a percentage off, rounded up in the customer’s favour', () => {
    expect(evaluateCoupon(coupon(), cart, NOW)).toEqual({ applies: true, discountMinor: 500, freeShipping: false });
    // 15% of 9.99 is 1.4985: the customer gets 1.50.
    expect(evaluateCoupon(coupon({ value: 15 }), { ...cart, subtotalMinor: 999 }, NOW)).toEqual({
      applies: true,
      discountMinor: 150,
      freeShipping: false,
    });
    expect(percentDiscount(1, 1)).toBe(1);
    expect(percentDiscount(0, 50)).toBe(0);
    expect(percentDiscount(Number.MAX_SAFE_INTEGER, 100)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('never discounts more than the subtotal', () => {
    expect(evaluateCoupon(coupon({ value: 100 }), { ...cart, subtotalMinor: 999 }, NOW)).toMatchObject({
      discountMinor: 999,
    });
    expect(
      evaluateCoupon(coupon({ kind: 'amount', value: 2_000 }), { ...cart, subtotalMinor: 1_500 }, NOW),
    ).toMatchObject({ discountMinor: 1_500 });
    expect(evaluateCoupon(coupon({ kind: 'amount', value: 2_000 }), cart, NOW)).toMatchObject({ discountMinor: 2_000 });
  });

  it('gives free shipping without touching the subtotal', () => {
    expect(
      evaluateCoupon(coupon({ kind: 'free_shipping', value: 0, currency: null }), { ...cart, currency: 'USD' }, NOW),
    ).toEqual({
      applies: true,
      discountMinor: 0,
      freeShipping: true,
    });
  });

  it('applies from validFrom (inclusive) until validUntil (exclusive)', () => {
    const window = { validFrom: '2025-06-01T12:00:00.000Z', validUntil: '2025-06-02T00:00:00.000Z' };
    expect(evaluateCoupon(coupon(window), cart, '2025-06-01T11:59:59.999Z')).toEqual({
      applies: false,
      reason: 'COUPON_NOT_YET_VALID',
    });
    expect(evaluateCoupon(coupon(window), cart, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon(window), cart, '2025-06-01T23:59:59.999Z')).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon(window), cart, '2025-06-02T00:00:00.000Z')).toEqual({
      applies: false,
      reason: 'COUPON_EXPIRED',
    });
    // An offset other than Z is the same instant.
    expect(evaluateCoupon(coupon(window), cart, '2025-06-02T01:00:00+01:00')).toEqual({
      applies: false,
      reason: 'COUPON_EXPIRED',
    });
  });

  it('refuses another currency, a used-up code, a customer over their limit, a small cart', () => {
    expect(evaluateCoupon(coupon(), { ...cart, currency: 'USD' }, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_CURRENCY_MISMATCH',
    });
    expect(evaluateCoupon(coupon({ usageLimit: 5, uses: 5 }), cart, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_LIMIT_REACHED',
    });
    expect(evaluateCoupon(coupon({ usageLimit: 5, uses: 4 }), cart, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon({ perCustomerLimit: 1 }), { ...cart, customerRedemptions: 1 }, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_CUSTOMER_LIMIT_REACHED',
    });
    expect(evaluateCoupon(coupon({ perCustomerLimit: 2 }), { ...cart, customerRedemptions: 1 }, NOW)).toMatchObject({
      applies: true,
    });
    expect(evaluateCoupon(coupon({ minSubtotalMinor: 5_001 }), cart, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_BELOW_MINIMUM',
    });
    expect(evaluateCoupon(coupon({ minSubtotalMinor: 5_000 }), cart, NOW)).toMatchObject({ applies: true });
  });
});

describe('coupon codes and terms', () => {
  const input: CouponInput = {
    code: 'WELCOME-5',
    kind: 'amount',
    value: 500,
    minSubtotalMinor: 0,
    currency: 'EUR',
    usageLimit: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
  };

  it('normalizes codes to upper case without blanks', () => {
    expect(normalizeCouponCode(' summer10 ')).toBe('SUMMER10');
  });

  it('accepts sound terms and names the field of unsound ones', () => {
    expect(couponInputProblem(input)).toBeNull();
    expect(couponInputProblem({ ...input, code: 'ab' })?.field).toBe('code');
    expect(couponInputProblem({ ...input, code: 'lower' })?.field).toBe('code');
    expect(couponInputProblem({ ...input, value: 0 })?.field).toBe('value');
    expect(couponInputProblem({ ...input, kind: 'percent', value: 101 })?.field).toBe('value');
    expect(couponInputProblem({ ...input, kind: 'free_shipping', value: 5 })?.field).toBe('value');
    expect(couponInputProblem({ ...input, currency: null })?.field).toBe('currency');
    expect(couponInputProblem({ ...input, kind: 'percent', value: 10, currency: null })).toBeNull();
    expect(couponInputProblem({ ...input, usageLimit: 0 })?.field).toBe('usageLimit');
    expect(couponInputProblem({ ...input, perCustomerLimit: 1.5 })?.field).toBe('perCustomerLimit');
    expect(
      couponInputProblem({ ...input, validFrom: '2025-02-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' })?.field,
    ).toBe('validUntil');
  });
});

describe('scoped and free-product coupons', () => {
  const lines: CartLine[] = [
    { sku: 'MUG', category: 'kitchen', quantity: 2, unitPriceMinor: 1_200 },
    { sku: 'BEANS', category: 'coffee', quantity: 1, unitPriceMinor: 1_500 },
    { sku: 'FILTER', category: 'coffee', quantity: 3, unitPriceMinor: 400, totalMinor: 1_000 },
    { sku: null, category: null, quantity: 1, unitPriceMinor: 300 },
  ];
  const scopedCart = { subtotalMinor: 5_200, currency: 'EUR', lines };

  it('takes a percentage or an amount off the matching lines only', () => {
    // coffee lines: 1,500 + 1,000 (the line total after the shop's own line discount) = 2,500; 10% = 250.
    expect(evaluateCoupon(coupon({ scope: { skus: [], categories: ['coffee'] } }), scopedCart, NOW)).toEqual({
      applies: true,
      discountMinor: 250,
      freeShipping: false,
    });
    // By SKU or by category: MUG (2,400) + coffee (2,500).
    expect(evaluateCoupon(coupon({ scope: { skus: ['MUG'], categories: ['coffee'] } }), scopedCart, NOW)).toMatchObject(
      { discountMinor: 490 },
    );
    // An amount is capped at the matching lines' total, not the subtotal.
    expect(
      evaluateCoupon(
        coupon({ kind: 'amount', value: 3_000, scope: { skus: ['MUG'], categories: [] } }),
        scopedCart,
        NOW,
      ),
    ).toMatchObject({ discountMinor: 2_400 });
    // Lines with quantity 0 do not match.
    const emptied = { ...scopedCart, lines: [{ sku: 'MUG', category: null, quantity: 0, unitPriceMinor: 1_200 }] };
    expect(evaluateCoupon(coupon({ scope: { skus: ['MUG'], categories: [] } }), emptied, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_NO_MATCHING_ITEMS',
    });
  });

  it('refuses a scoped coupon when no line matches, or when the cart sends no lines', () => {
    expect(evaluateCoupon(coupon({ scope: { skus: ['TEA'], categories: [] } }), scopedCart, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_NO_MATCHING_ITEMS',
    });
    expect(evaluateCoupon(coupon({ scope: { skus: ['MUG'], categories: [] } }), cart, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_NO_MATCHING_ITEMS',
    });
    // The minimum is checked first, on the whole subtotal.
    expect(
      evaluateCoupon(coupon({ minSubtotalMinor: 6_000, scope: { skus: ['TEA'], categories: [] } }), scopedCart, NOW),
    ).toMatchObject({ reason: 'COUPON_BELOW_MINIMUM' });
  });

  it('gives one unit of the cheapest matching line free', () => {
    const free = coupon({ kind: 'free_product', value: 0, currency: null, scope: { skus: ['BEANS'], categories: [] } });
    expect(evaluateCoupon(free, scopedCart, NOW)).toEqual({ applies: true, discountMinor: 1_500, freeShipping: false });
    const anyCoffee = coupon({
      kind: 'free_product',
      value: 0,
      currency: null,
      scope: { skus: [], categories: ['coffee'] },
    });
    expect(evaluateCoupon(anyCoffee, scopedCart, NOW)).toMatchObject({ discountMinor: 400 });
    // A unit priced above the line's discounted total gives at most the line's total.
    const cheapLine = {
      ...scopedCart,
      lines: [{ sku: 'BEANS', category: 'coffee', quantity: 1, unitPriceMinor: 1_500, totalMinor: 1_100 }],
    };
    expect(evaluateCoupon(free, cheapLine, NOW)).toMatchObject({ discountMinor: 1_100 });
    expect(evaluateCoupon(free, cart, NOW)).toEqual({ applies: false, reason: 'COUPON_NO_MATCHING_ITEMS' });
  });
});

describe('eligibility, holds and combination', () => {
  it('binds a coupon to one customer', () => {
    const bound = coupon({ customerId: 'c-7' });
    expect(evaluateCoupon(bound, { ...cart, customerId: 'c-7' }, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(bound, { ...cart, customerId: 'c-8' }, NOW)).toEqual({
      applies: false,
      reason: 'COUPON_NOT_ELIGIBLE',
    });
    expect(evaluateCoupon(bound, cart, NOW)).toEqual({ applies: false, reason: 'COUPON_NOT_ELIGIBLE' });
  });

  it('needs a listed tier and a listed segment (each list that is not empty)', () => {
    const gold = coupon({ eligibleTiers: ['gold', 'platinum'] });
    expect(needsCustomerFacts(gold)).toBe(true);
    expect(needsCustomerFacts(coupon())).toBe(false);
    const at = (tier: string | null, segment: string | null, c: Coupon = gold) =>
      evaluateCoupon(c, { ...cart, customerId: 'c' }, NOW, { customer: { tier, segment } });
    expect(at('gold', null)).toMatchObject({ applies: true });
    expect(at('silver', 'Champions')).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    expect(at(null, null)).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    // No facts at all (a guest, or facts not read) is not eligible.
    expect(evaluateCoupon(gold, cart, NOW)).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    const both = coupon({ eligibleTiers: ['gold'], eligibleSegments: ['Champions', 'Loyal'] });
    expect(at('gold', 'Loyal', both)).toMatchObject({ applies: true });
    expect(at('gold', 'At risk', both)).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    expect(at('silver', 'Loyal', both)).toMatchObject({ reason: 'COUPON_NOT_ELIGIBLE' });
    // Eligibility is checked after the window and currency, before the limits.
    expect(evaluateCoupon(coupon({ eligibleTiers: ['gold'], validUntil: NOW }), cart, NOW)).toMatchObject({
      reason: 'COUPON_EXPIRED',
    });
    expect(evaluateCoupon(coupon({ eligibleTiers: ['gold'], usageLimit: 1, uses: 1 }), cart, NOW)).toMatchObject({
      reason: 'COUPON_NOT_ELIGIBLE',
    });
  });

  it('counts reservations against the usage limit, except the cart’s own', () => {
    const held = coupon({ usageLimit: 3, uses: 1, held: 2 });
    expect(evaluateCoupon(held, cart, NOW)).toMatchObject({ reason: 'COUPON_LIMIT_REACHED' });
    // Only live holds count when the caller has read them.
    expect(evaluateCoupon(held, cart, NOW, { liveHolds: 1 })).toMatchObject({ applies: true });
    expect(evaluateCoupon(held, cart, NOW, { liveHolds: 2, cartHoldsReservation: true })).toMatchObject({
      applies: true,
    });
    // The customer's uses (redemptions plus holds on other carts) win over cart.customerRedemptions.
    expect(
      evaluateCoupon(coupon({ perCustomerLimit: 2 }), { ...cart, customerRedemptions: 0 }, NOW, { customerUses: 2 }),
    ).toMatchObject({
      reason: 'COUPON_CUSTOMER_LIMIT_REACHED',
    });
  });

  it('reads the live holds only when the held count alone could refuse', () => {
    expect(heldCountMayRefuse(coupon({ usageLimit: 3, uses: 1, held: 2 }))).toBe(true);
    expect(heldCountMayRefuse(coupon({ usageLimit: 3, uses: 1, held: 1 }))).toBe(false);
    // Used up without holds: no reservation to reclaim would make room.
    expect(heldCountMayRefuse(coupon({ usageLimit: 3, uses: 3, held: 0 }))).toBe(false);
    expect(heldCountMayRefuse(coupon({ usageLimit: null, uses: 5, held: 5 }))).toBe(false);
  });

  it('checks a use without a cart: no currency, minimum or scope', () => {
    const scoped = coupon({ minSubtotalMinor: 10_000, scope: { skus: ['X'], categories: [] } });
    expect(couponUseRejection(scoped, null, 'c', NOW)).toBeNull();
    expect(couponUseRejection(coupon({ usageLimit: 1, uses: 1 }), null, 'c', NOW)).toBe('COUPON_LIMIT_REACHED');
    expect(couponUseRejection(coupon({ perCustomerLimit: 1 }), null, 'c', NOW, { customerUses: 1 })).toBe(
      'COUPON_CUSTOMER_LIMIT_REACHED',
    );
  });

  it('combines codes only when each is combinable, in the order given, capped at the subtotal', () => {
    expect(combinationRejection(false, [])).toBeNull();
    expect(combinationRejection(true, [true, true])).toBeNull();
    expect(combinationRejection(true, [false])).toBe('COUPON_NOT_COMBINABLE');
    expect(combinationRejection(false, [true])).toBe('COUPON_NOT_COMBINABLE');

    const ok = (discountMinor: number, freeShipping = false) => ({
      applies: true as const,
      discountMinor,
      freeShipping,
    });
    const both = combineCoupons(
      [
        { code: 'A', combinable: true, evaluation: ok(3_000) },
        { code: 'SHIP', combinable: true, evaluation: ok(0, true) },
        { code: 'B', combinable: true, evaluation: ok(3_000) },
      ],
      5_000,
    );
    expect(both).toEqual({
      discountMinor: 5_000,
      freeShipping: true,
      results: [
        { code: 'A', applies: true, discountMinor: 3_000, freeShipping: false },
        { code: 'SHIP', applies: true, discountMinor: 0, freeShipping: true },
        { code: 'B', applies: true, discountMinor: 2_000, freeShipping: false },
      ],
    });
    const alone = combineCoupons(
      [
        { code: 'GONE', evaluation: { applies: false, reason: 'COUPON_NOT_FOUND' } },
        { code: 'SOLO', combinable: false, evaluation: ok(500) },
        { code: 'A', combinable: true, evaluation: ok(100) },
      ],
      5_000,
    );
    expect(alone.results.map((r) => (r.applies ? 'ok' : r.reason))).toEqual([
      'COUPON_NOT_FOUND',
      'ok',
      'COUPON_NOT_COMBINABLE',
    ]);
    expect(alone.discountMinor).toBe(500);
    const after = combineCoupons(
      [
        { code: 'A', combinable: true, evaluation: ok(100) },
        { code: 'SOLO', combinable: false, evaluation: ok(500) },
        { code: 'B', combinable: true, evaluation: ok(200) },
      ],
      5_000,
    );
    expect(after.results.map((r) => (r.applies ? 'ok' : r.reason))).toEqual(['ok', 'COUPON_NOT_COMBINABLE', 'ok']);
    expect(after.discountMinor).toBe(300);
  });
});

describe('the new terms', () => {
  const base: CouponInput = {
    code: 'NEW1',
    kind: 'percent',
    value: 10,
    minSubtotalMinor: 0,
    currency: null,
    usageLimit: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
  };

  it('defaults the optional terms', () => {
    expect(couponTerms(base)).toMatchObject({
      scope: null,
      customerId: null,
      eligibleTiers: [],
      eligibleSegments: [],
      combinable: false,
    });
  });

  it('names the field of unsound new terms', () => {
    expect(couponInputProblem({ ...base, kind: 'free_product', value: 0 })?.field).toBe('scope');
    expect(
      couponInputProblem({ ...base, kind: 'free_product', value: 5, scope: { skus: ['A'], categories: [] } })?.field,
    ).toBe('value');
    expect(
      couponInputProblem({ ...base, kind: 'free_product', value: 0, scope: { skus: ['A'], categories: [] } }),
    ).toBeNull();
    expect(couponInputProblem({ ...base, scope: { skus: [], categories: [] } })?.field).toBe('scope');
    expect(couponInputProblem({ ...base, scope: { skus: [''], categories: [] } })?.field).toBe('scope.skus');
    expect(couponInputProblem({ ...base, scope: { skus: [], categories: [7 as unknown as string] } })?.field).toBe(
      'scope.categories',
    );
    expect(couponInputProblem({ ...base, customerId: ' ' })?.field).toBe('customerId');
    expect(couponInputProblem({ ...base, eligibleTiers: [''] })?.field).toBe('eligibleTiers');
    expect(couponInputProblem({ ...base, eligibleSegments: ['Champs'] })?.field).toBe('eligibleSegments');
    expect(
      couponInputProblem({
        ...base,
        eligibleSegments: ['Champions', "Can't lose"],
        eligibleTiers: ['gold'],
        customerId: 'c-1',
        combinable: true,
      }),
    ).toBeNull();
    expect(couponInputProblem({ ...base, combinable: 'yes' as unknown as boolean })?.field).toBe('combinable');
  });
});
