import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../analytics/day.js';
import {
  child,
  currency,
  dayOfTimestamp,
  id,
  minorUnits,
  optionalTimestamp,
  timestamp,
  utcInstant,
} from './payload-fields.js';

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('minorUnits', () => {
  it('converts decimal strings exactly, in the currency’s minor unit', () => {
    expect(minorUnits('199.00', 'USD', '/p')).toBe(19_900);
    expect(minorUnits('0.29', 'EUR', '/p')).toBe(29);
    expect(minorUnits('0.1', 'EUR', '/p')).toBe(10);
    expect(minorUnits('1.005', 'KWD', '/p')).toBe(1_005);
    expect(minorUnits('12', 'GBP', '/p')).toBe(1_200);
    expect(minorUnits('1200', 'JPY', '/p')).toBe(1_200);
    expect(minorUnits('1200.00', 'JPY', '/p')).toBe(1_200);
    expect(minorUnits('98765432101.23', 'IDR', '/p')).toBe(9_876_543_210_123);
    // A JSON number is read through the literal it was written as.
    expect(minorUnits(49.0, 'USD', '/p')).toBe(4_900);
    expect(minorUnits(19.99, 'USD', '/p')).toBe(1_999);
    expect(minorUnits('-0.00', 'USD', '/p')).toBe(0);
  });

  it("reads an amount at ISO 4217's digits, where Intl's display digits differ (IDR 2, IQD 3)", () => {
    expect(minorUnits('101.23', 'IDR', '/p')).toBe(10_123);
    expect(minorUnits('1.250', 'IQD', '/p')).toBe(1_250);
  });

  it('refuses amounts it cannot convert exactly, naming the field', () => {
    expect(failure(() => minorUnits('1200.5', 'JPY', '/line_items/0/price'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/line_items/0/price' },
      message: expect.stringMatching(/more decimals than JPY has \(none\)/),
    });
    expect(failure(() => minorUnits('1.999', 'USD', '/p'))).toMatchObject({
      message: expect.stringMatching(/more decimals than USD has \(2\)/),
    });
    for (const bad of ['', 'abc', '1,000.00', '$5', '1e3', '.5', '5.', null, undefined, true, {}, Number.NaN]) {
      expect(failure(() => minorUnits(bad, 'USD', '/total_price'))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { path: '/total_price' },
      });
    }
    expect(failure(() => minorUnits('-5.00', 'USD', '/p'))).toMatchObject({
      message: expect.stringMatching(/zero or more/),
    });
    expect(failure(() => minorUnits('99999999999999999.00', 'USD', '/p'))).toMatchObject({
      message: expect.stringMatching(/too large/),
    });
  });
});

describe('currency', () => {
  it('takes ISO 4217 codes in use and refuses made-up ones, naming the field', () => {
    expect(currency('JPY', '/currency')).toBe('JPY');
    for (const code of ['BTC', 'ZZZ', 'usd', 12]) {
      expect(() => currency(code, '/currency'), String(code)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ path: '/currency' }) }),
      );
    }
  });
});

describe('ids', () => {
  it('keeps ids as text, from short numbers or the lossless parser’s strings', () => {
    expect(id(632910392, '/id')).toBe('632910392');
    expect(id('820982911946154508', '/id')).toBe('820982911946154508');
  });

  it('refuses rounded, negative, fractional or non-numeric ids', () => {
    for (const bad of [8.209829119461545e17, -1, 1.5, 'gid://shopify/Order/1', '', null, {}]) {
      expect(failure(() => id(bad, '/customer/id'))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { path: '/customer/id' },
      });
    }
  });
});

describe('timestamps', () => {
  it('keeps the text and takes the day written in its own offset', () => {
    expect(timestamp('2024-03-01T23:30:00-05:00', '/created_at')).toBe('2024-03-01T23:30:00-05:00');
    expect(dayOfTimestamp('2024-03-01T23:30:00-05:00')).toBe(dayFromYmd(2024, 3, 1));
    expect(dayOfTimestamp('2024-04-01T00:30:00+09:00')).toBe(dayFromYmd(2024, 4, 1));
    expect(utcInstant('2024-04-01T00:30:00+09:00')).toBe('2024-03-31T15:30:00.000Z');
    expect(optionalTimestamp(null, '/x')).toBeNull();
    expect(optionalTimestamp('2024-03-01T23:30:00.123Z', '/x')).toBe('2024-03-01T23:30:00.123Z');
  });

  it('refuses timestamps without an offset or with an impossible date', () => {
    for (const bad of [
      '2024-03-01 23:30:00',
      '2024-03-01T23:30:00',
      '2023-02-29T10:00:00Z',
      '2024-03-01',
      'yesterday',
      1709335800,
    ]) {
      expect(failure(() => timestamp(bad, '/updated_at'))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { path: '/updated_at' },
      });
    }
    expect(failure(() => timestamp(undefined, '/updated_at'))).toMatchObject({
      message: expect.stringMatching(/required/),
    });
  });
});

describe('child', () => {
  it('builds JSON Pointers, escaping ~ and /', () => {
    expect(child(child('', 'line_items'), 0)).toBe('/line_items/0');
    expect(child('', 'a/b~c')).toBe('/a~1b~0c');
  });
});
