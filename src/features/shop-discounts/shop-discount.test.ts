import { describe, expect, it } from 'vitest';
import { describeFailure, nextAttemptAt } from './shop-discount.js';

describe('the discount push queue rules', () => {
  const now = '2026-03-01T10:00:00.000Z';

  it('retries a transient failure after 1, 2, 4 ... minutes, capped at 6 hours', () => {
    expect(nextAttemptAt(now, 1, 'SHOPIFY_ADMIN_API_FAILED')).toBe('2026-03-01T10:01:00.000Z');
    expect(nextAttemptAt(now, 2, 'SHOP_DISCOUNT_REFUSED')).toBe('2026-03-01T10:02:00.000Z');
    expect(nextAttemptAt(now, 4, 'SHOPIFY_ADMIN_API_FAILED')).toBe('2026-03-01T10:08:00.000Z');
    expect(nextAttemptAt(now, 30, 'SHOPIFY_ADMIN_API_FAILED')).toBe('2026-03-01T16:00:00.000Z');
  });

  it('does not retry what no retry can fix', () => {
    expect(nextAttemptAt(now, 1, 'SHOP_DISCOUNT_UNSUPPORTED')).toBeNull();
    expect(nextAttemptAt(now, 1, 'SHOP_DISCOUNT_CODE_TAKEN')).toBeNull();
  });

  it('keeps the code in front of the message, and a bounded length', () => {
    expect(describeFailure('SHOP_DISCOUNT_REFUSED', 'Code must be unique')).toBe(
      'SHOP_DISCOUNT_REFUSED: Code must be unique',
    );
    expect(describeFailure('X', 'y'.repeat(5000))).toHaveLength(1000);
  });
});
