import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('ids', () => {
  it('carry their prefix, 26 base32 characters, and sort in the order they were made', () => {
    const ids = Array.from({ length: 2_000 }, () => newId('cus'));
    for (const id of ids) expect(id).toMatch(/^cus_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Thousands per millisecond: the monotonic increment, not the clock, keeps them in order.
    expect([...ids].sort()).toEqual(ids);
  });
});
