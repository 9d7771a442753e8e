import { describe, expect, it } from 'vitest';
import type { Coupon } from '../coupons/index.js';
import { isOwnDiscount, shopifyDiscountFor } from './shopify-discount.js';
import { decimalText as decimalOf } from '../../platform/currency-codes.js';

const NOW = '2026-03-01T10:00:00.000Z';

function coupon(terms: Partial<Coupon> = {}): Coupon {
  return {
    id: 'cpn_01',
    storeId: 'st_1',
    code: 'WELCOME',
    kind: 'percent',
    value: 10,
    minSubtotalMinor: 0,
    currency: null,
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
    createdAt: NOW,
    ...terms,
  };
}

describe('a coupon as a Shopify code discount', () => {
  it('writes minor units as the currency writes them', () => {
    expect(decimalOf(1250, 'USD')).toBe('12.50');
    expect(decimalOf(5, 'EUR')).toBe('0.05');
    expect(decimalOf(500, 'JPY')).toBe('500');
    expect(decimalOf(1234, 'KWD')).toBe('1.234');
  });

  it('makes a percentage for anyone, starting now when the coupon has no start', () => {
    const plan = shopifyDiscountFor(coupon(), NOW);
    expect(plan).toEqual({
      ok: true,
      mutation: {
        field: 'discountCodeBasicCreate',
        variables: {
          basicCodeDiscount: {
            title: 'Regulars WELCOME (cpn_01)',
            code: 'WELCOME',
            startsAt: NOW,
            endsAt: null,
            context: { all: 'ALL' },
            minimumRequirement: null,
            usageLimit: null,
            appliesOncePerCustomer: false,
            customerGets: { value: { percentage: 0.1 }, items: { all: true } },
            combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
          },
        },
      },
    });
  });

  it('binds a reward to its Shopify customer, with its amount, minimum, limits and expiry', () => {
    const plan = shopifyDiscountFor(
      coupon({
        kind: 'amount',
        value: 500,
        currency: 'EUR',
        minSubtotalMinor: 2000,
        usageLimit: 1,
        perCustomerLimit: 1,
        validFrom: '2026-03-01T09:00:00.000Z',
        validUntil: '2026-03-31T09:00:00.000Z',
        customerId: '115310627314723954',
      }),
      NOW,
    );
    expect(plan.ok && plan.mutation.variables).toMatchObject({
      basicCodeDiscount: {
        startsAt: '2026-03-01T09:00:00.000Z',
        endsAt: '2026-03-31T09:00:00.000Z',
        context: { customers: { add: ['gid://shopify/Customer/115310627314723954'] } },
        minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: '20.00' } },
        usageLimit: 1,
        appliesOncePerCustomer: true,
        customerGets: { value: { discountAmount: { amount: '5.00', appliesOnEachItem: false } } },
      },
    });
  });

  it('makes free shipping with the free-shipping mutation', () => {
    const plan = shopifyDiscountFor(coupon({ kind: 'free_shipping', value: 0, combinable: true }), NOW);
    expect(plan.ok && plan.mutation.field).toBe('discountCodeFreeShippingCreate');
    expect(plan.ok && plan.mutation.variables).toMatchObject({
      freeShippingCodeDiscount: {
        destination: { all: true },
        combinesWith: { orderDiscounts: true, productDiscounts: true },
      },
    });
  });

  it('refuses, by name, the terms Shopify would enforce looser than Regulars', () => {
    const reason = (terms: Partial<Coupon>) => {
      const plan = shopifyDiscountFor(coupon(terms), NOW);
      return plan.ok ? null : plan.reason;
    };
    expect(reason({ kind: 'free_product', scope: { skus: ['BEAN-1'], categories: [] } })).toMatch(/free-product/);
    expect(reason({ scope: { skus: ['BEAN-1'], categories: [] } })).toMatch(/SKUs or categories/);
    expect(reason({ eligibleTiers: ['Gold'] })).toMatch(/tiers or segments/);
    expect(reason({ perCustomerLimit: 3 })).toMatch(/not 3 times/);
    expect(reason({ customerId: 'email:ann@example.com' })).toMatch(/not a Shopify customer id/);
  });

  it("recognises its own discount by the coupon's id in the title", () => {
    expect(isOwnDiscount('Regulars WELCOME (cpn_01)', { id: 'cpn_01' })).toBe(true);
    expect(isOwnDiscount('Welcome offer', { id: 'cpn_01' })).toBe(false);
    expect(isOwnDiscount(null, { id: 'cpn_01' })).toBe(false);
  });
});
