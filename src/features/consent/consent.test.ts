import { describe, expect, it } from 'vitest';
import { isAlreadyInEffect } from './consent.js';

describe('isAlreadyInEffect', () => {
  it('holds only when the record in effect has the same status', () => {
    expect(isAlreadyInEffect({ status: 'granted' }, 'granted')).toBe(true);
    expect(isAlreadyInEffect({ status: 'granted' }, 'revoked')).toBe(false);
    expect(isAlreadyInEffect({ status: 'pending' }, 'granted')).toBe(false);
    expect(isAlreadyInEffect(null, 'granted')).toBe(false);
  });
});
