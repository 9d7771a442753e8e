import { describe, expect, it } from 'vitest';
import { dayOf, gmtInstant, localWithOffset, minorUnits, signedMinorUnits } from './payload-fields.js';

describe('WooCommerce money in minor units', () => {
  it('converts 2-decimal amounts exactly, never through a float', () => {
    expect(minorUnits('29.35', 'USD', '/total')).toBe(2935);
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(minorUnits('0.29', 'EUR', '/total')).toBe(29);
    expect(minorUnits('1.1', 'USD', '/total')).toBe(110);
    expect(minorUnits('9007199254740.99', 'USD', '/total')).toBe(900719925474099);
    expect(minorUnits(12, 'USD', '/price')).toBe(1200);
  });

  it('converts 0-decimal currencies, accepting zeros the store setting adds and refusing real fractions', () => {
    expect(minorUnits('1200', 'JPY', '/total')).toBe(1200);
    expect(minorUnits('1200.00', 'JPY', '/total')).toBe(1200);
    expect(() => minorUnits('1200.5', 'JPY', '/total')).toThrow(/more decimals than JPY has \(none\)/);
  });

  it('converts 3-decimal currencies', () => {
    expect(minorUnits('12.345', 'KWD', '/total')).toBe(12345);
    expect(minorUnits('12.34', 'BHD', '/total')).toBe(12340);
    expect(() => minorUnits('12.3456', 'KWD', '/total')).toThrow(/more decimals than KWD has \(3\)/);
  });

  it('reads a refund total with its sign and refuses negative amounts elsewhere', () => {
    expect(signedMinorUnits('-10.00', 'USD', '/refunds/0/total')).toBe(-1000);
    expect(minorUnits('-0.00', 'USD', '/total')).toBe(0);
    expect(() => minorUnits('-1.00', 'USD', '/total')).toThrow(/zero or more/);
  });

  it('refuses what is not a decimal, with the field path', () => {
    for (const bad of ['1,200.00', '$5', '', 'NaN', '1e3', null, true])
      expect(() => minorUnits(bad, 'USD', '/line_items/0/total'), String(bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: { path: '/line_items/0/total' } }),
      );
  });
});

describe('WooCommerce date-times', () => {
  it('keeps the store-local time and adds the offset its GMT twin gives', () => {
    expect(localWithOffset('2017-03-22T16:28:02', '2017-03-22T19:28:02')).toBe('2017-03-22T16:28:02-03:00');
    expect(localWithOffset('2024-03-02T00:30:00', '2024-03-01T18:45:00')).toBe('2024-03-02T00:30:00+05:45');
    expect(localWithOffset('2024-03-02T00:30:00', null)).toBe('2024-03-02T00:30:00');
  });

  it('takes the day from the local date, not the GMT one', () => {
    // 23:30 in New York is already the next day in GMT; the store's day is the 1st.
    const local = '2024-03-01T23:30:00';
    expect(dayOf(local)).toBe(dayOf('2024-03-01'));
    expect(gmtInstant('2024-03-02T04:30:00')).toBe('2024-03-02T04:30:00.000Z');
  });
});
