import { describe, expect, it } from 'vitest';
import { type Coupon, type CouponInput, couponInputProblem, evaluateCoupon, normalizeCouponCode, percentDiscount } from './coupon.js';

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
    uses: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const cart = { subtotalMinor: 5_000, currency: 'EUR' };

describe('evaluateCoupon', () => {
  it('takes a percentage off, rounded up in the customer’s favour', () => {
    expect(evaluateCoupon(coupon(), cart, NOW)).toEqual({ applies: true, discountMinor: 500, freeShipping: false });
    // 15% of 9.99 is 1.4985: the customer gets 1.50.
    expect(evaluateCoupon(coupon({ value: 15 }), { ...cart, subtotalMinor: 999 }, NOW)).toEqual({ applies: true, discountMinor: 150, freeShipping: false });
    expect(percentDiscount(1, 1)).toBe(1);
    expect(percentDiscount(0, 50)).toBe(0);
    expect(percentDiscount(Number.MAX_SAFE_INTEGER, 100)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('never discounts more than the subtotal', () => {
    expect(evaluateCoupon(coupon({ value: 100 }), { ...cart, subtotalMinor: 999 }, NOW)).toMatchObject({ discountMinor: 999 });
    expect(evaluateCoupon(coupon({ kind: 'amount', value: 2_000 }), { ...cart, subtotalMinor: 1_500 }, NOW)).toMatchObject({ discountMinor: 1_500 });
    expect(evaluateCoupon(coupon({ kind: 'amount', value: 2_000 }), cart, NOW)).toMatchObject({ discountMinor: 2_000 });
  });

  it('gives free shipping without touching the subtotal', () => {
    expect(evaluateCoupon(coupon({ kind: 'free_shipping', value: 0, currency: null }), { ...cart, currency: 'USD' }, NOW)).toEqual({
      applies: true,
      discountMinor: 0,
      freeShipping: true,
    });
  });

  it('applies from validFrom (inclusive) until validUntil (exclusive)', () => {
    const window = { validFrom: '2025-06-01T12:00:00.000Z', validUntil: '2025-06-02T00:00:00.000Z' };
    expect(evaluateCoupon(coupon(window), cart, '2025-06-01T11:59:59.999Z')).toEqual({ applies: false, reason: 'COUPON_NOT_YET_VALID' });
    expect(evaluateCoupon(coupon(window), cart, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon(window), cart, '2025-06-01T23:59:59.999Z')).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon(window), cart, '2025-06-02T00:00:00.000Z')).toEqual({ applies: false, reason: 'COUPON_EXPIRED' });
    // An offset other than Z is the same instant.
    expect(evaluateCoupon(coupon(window), cart, '2025-06-02T01:00:00+01:00')).toEqual({ applies: false, reason: 'COUPON_EXPIRED' });
  });

  it('refuses another currency, a used-up code, a customer over their limit, a small cart', () => {
    expect(evaluateCoupon(coupon(), { ...cart, currency: 'USD' }, NOW)).toEqual({ applies: false, reason: 'COUPON_CURRENCY_MISMATCH' });
    expect(evaluateCoupon(coupon({ usageLimit: 5, uses: 5 }), cart, NOW)).toEqual({ applies: false, reason: 'COUPON_LIMIT_REACHED' });
    expect(evaluateCoupon(coupon({ usageLimit: 5, uses: 4 }), cart, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon({ perCustomerLimit: 1 }), { ...cart, customerRedemptions: 1 }, NOW)).toEqual({ applies: false, reason: 'COUPON_CUSTOMER_LIMIT_REACHED' });
    expect(evaluateCoupon(coupon({ perCustomerLimit: 2 }), { ...cart, customerRedemptions: 1 }, NOW)).toMatchObject({ applies: true });
    expect(evaluateCoupon(coupon({ minSubtotalMinor: 5_001 }), cart, NOW)).toEqual({ applies: false, reason: 'COUPON_BELOW_MINIMUM' });
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
    expect(couponInputProblem({ ...input, validFrom: '2025-02-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' })?.field).toBe('validUntil');
  });
});
