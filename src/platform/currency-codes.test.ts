import { describe, expect, it } from 'vitest';
import { isCurrencyCode, minorUnitDigits } from './currency-codes.js';

describe('currency codes', () => {
  it('knows the zero-, three- and four-decimal currencies of ISO 4217', () => {
    expect(['JPY', 'KRW', 'VND', 'CLP', 'ISK'].map(minorUnitDigits)).toEqual([0, 0, 0, 0, 0]);
    expect(['KWD', 'BHD', 'JOD', 'OMR', 'TND', 'IQD'].map(minorUnitDigits)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(['CLF', 'UYW'].map(minorUnitDigits)).toEqual([4, 4]);
    expect(['USD', 'EUR', 'GBP', 'CHF'].map(minorUnitDigits)).toEqual([2, 2, 2, 2]);
  });

  // CLDR (and so Intl) shows these without decimals, but they have cents in ISO 4217 and shops send
  // them: reading 101.23 IDR as 101 would put amounts off by a factor of 100.
  it("follows ISO 4217, not Intl's display digits", () => {
    expect(['IDR', 'HUF', 'COP', 'PKR'].map(minorUnitDigits)).toEqual([2, 2, 2, 2]);
  });

  it('accepts the codes in use and refuses made-up and testing ones', () => {
    expect(['EUR', 'JPY', 'KWD'].every(isCurrencyCode)).toBe(true);
    expect(['ZZZ', 'BTC', 'XXX', 'eur', '', 1].some(isCurrencyCode)).toBe(false);
  });
});
