import type { CouponInput } from './coupon.js';

/** A coupon's terms for tests: 10% off in EUR, no minimum, limits or window, unless overridden. */
export function couponTerms(overrides: Partial<CouponInput> = {}): CouponInput {
  return {
    code: 'SUMMER10',
    kind: 'percent',
    value: 10,
    minSubtotalMinor: 0,
    currency: 'EUR',
    usageLimit: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
    ...overrides,
  };
}
