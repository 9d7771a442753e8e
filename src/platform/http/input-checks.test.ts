import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { checkInput, jsonMayHoldNul, MAX_JSON_DEPTH } from './input-checks.js';
import { isCurrencyCode, minorUnitDigits } from '../currency-codes.js';
import { formatMoney } from '../money-filter.js';
import { isIanaTimeZone } from '../time-zone.js';

function nested(depth: number): unknown {
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth));
}

describe('checkInput', () => {
  it('takes MAX_JSON_DEPTH levels and refuses one more, with or without the fast depth walk', () => {
    for (const mayHoldNul of [true, false]) {
      expect(() => checkInput(nested(MAX_JSON_DEPTH), 'body', { mayHoldNul })).not.toThrow();
      expect(() => checkInput(nested(MAX_JSON_DEPTH + 1), 'body', { mayHoldNul })).toThrow(
        expect.objectContaining({ code: 'BODY_TOO_DEEP', details: expect.objectContaining({ maxDepth: 64 }) }),
      );
      expect(() => checkInput(nested(100_000), 'body', { mayHoldNul })).toThrow(
        expect.objectContaining({ code: 'BODY_TOO_DEEP' }),
      );
    }
  });

  it('names the JSON pointer of a NUL in a value or a key, escaping ~ and /', () => {
    expect(() => checkInput({ a: [{ 'b/c~': 'x\u0000' }] }, 'body')).toThrow(
      expect.objectContaining({ code: 'INVALID_CHARACTER', details: { location: 'body', path: '/a/0/b~1c~0' } }),
    );
    expect(() => checkInput({ ['k\u0000']: 1 }, 'querystring')).toThrow(
      expect.objectContaining({ details: { location: 'querystring', path: '/k\u0000' } }),
    );
    expect(() => checkInput('\u0000', 'body')).toThrow(
      expect.objectContaining({ details: { location: 'body', path: '/' } }),
    );
    expect(() => checkInput({ a: 'fine', n: 1, z: null, t: true }, 'body')).not.toThrow();
  });

  it('finds the escape \\u0000 in JSON text, the only way JSON writes a NUL', () => {
    expect(jsonMayHoldNul(Buffer.from('{"a":"x\\u0000"}'))).toBe(true);
    expect(jsonMayHoldNul(Buffer.from('{"a":"x\\u0001"}'))).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('is the same for reordered keys at every level and different for other values', () => {
    const a = { b: 1, a: [{ y: 'x', x: null }, 2.5], c: { e: true, d: 'é' } };
    const b = JSON.parse('{ "c": {"d":"é","e":true}, "a":[{"x":null,"y":"x"},2.50], "b":1.0 }') as unknown;
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson(a)).toBe('{"a":[{"x":null,"y":"x"},2.5],"b":1,"c":{"d":"é","e":true}}');
    expect(canonicalJson({ ...a, b: 2 })).not.toBe(canonicalJson(a));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson(undefined)).toBe('');
  });
});

describe('currencies and time zones', () => {
  it('knows ISO 4217 codes in use and their minor units', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'CHF']) expect(isCurrencyCode(code), code).toBe(true);
    for (const code of ['BTC', 'ZZZ', 'XXX', 'eur', 'EURO', '', 7])
      expect(isCurrencyCode(code), String(code)).toBe(false);
    expect([minorUnitDigits('EUR'), minorUnitDigits('JPY'), minorUnitDigits('KWD')]).toEqual([2, 0, 3]);
    expect(formatMoney(1000, 'JPY')).toBe('¥1,000');
    expect(formatMoney(1000, 'KWD')).toMatch(/^KWD\s1\.000$/);
    expect(formatMoney(1000, 'EUR')).toBe('€10.00');
  });

  it('knows IANA zones, including aliases, but not offsets or unknown names', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Asia/Calcutta', 'Etc/GMT+5'])
      expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Phobos', '+01:00', '-05:00', 'GMT+5', '', 'Europe/Berlin ', null])
      expect(isIanaTimeZone(zone), String(zone)).toBe(false);
  });
});
