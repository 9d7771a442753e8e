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

/**
 * Wraps runs so that at most `atOnce` are in flight; the others wait their turn. The race tests
 * start 1,500 clients: with all of them started at once, the last ones wait in the connection
 * pool's queue for as long as 1,500 transactions on one coupon's lock take, and on a slower
 * database (Citus on a loaded machine, where each statement crosses to a worker) they give up
 * after the pool's 10 s connection timeout, which is not what those tests are about. More than the
 * pool's 10 connections at once keeps them all contending for the lock.
 */
export function atMostAtOnce(atOnce: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    // A finished run hands its slot straight to the next in line, so `active` never overshoots.
    if (active < atOnce) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
