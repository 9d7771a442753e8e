import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from './lossless-json.js';

describe('parseJsonLossless', () => {
  it('keeps integers longer than 15 digits exact, as strings', () => {
    const value = parseJsonLossless(
      '{"id": 820982911946154508, "customer": {"id": 115310627314723954}, "ids": [9007199254740993, 1]}',
    );
    expect(value).toEqual({
      id: '820982911946154508',
      customer: { id: '115310627314723954' },
      ids: ['9007199254740993', 1],
    });
    // What JSON.parse would have made of it.
    expect(JSON.parse('820982911946154508')).toBe(820982911946154500);
  });

  it('leaves integers of 15 digits or fewer as numbers', () => {
    expect(parseJsonLossless('[123456789012345, 632910392, 0, -7, 1234567890123456]')).toEqual([
      123456789012345,
      632910392,
      0,
      -7,
      '1234567890123456',
    ]);
  });

  it('keeps the sign of a long negative integer', () => {
    expect(parseJsonLossless('{"a": -820982911946154508, "b": -123456789012345}')).toEqual({
      a: '-820982911946154508',
      b: -123456789012345,
    });
  });

  it('leaves decimals and exponents as numbers, however many digits they have', () => {
    expect(
      parseJsonLossless(
        '[12345678901234567.5, 12345678901234567e2, 1.2345678901234567, 1E400, -0.5e-3, 820982911946154508]',
      ),
    ).toEqual([12345678901234567.5, 12345678901234567e2, 1.2345678901234567, Infinity, -0.5e-3, '820982911946154508']);
  });

  it('leaves digits inside strings alone, escaped quotes included', () => {
    const text =
      '{"note": "order 820982911946154508 \\"x 12345678901234567\\" \\\\", "gid": "gid://shopify/Order/820982911946154508", "n": 820982911946154508}';
    expect(parseJsonLossless(text)).toEqual({
      note: 'order 820982911946154508 "x 12345678901234567" \\',
      gid: 'gid://shopify/Order/820982911946154508',
      n: '820982911946154508',
    });
    expect(parseJsonLossless('{"12345678901234567": 12345678901234567}')).toEqual({
      '12345678901234567': '12345678901234567',
    });
    expect(parseJsonLossless('"\\u00e9 12345678901234567"')).toBe('é 12345678901234567');
  });

  it('parses like JSON.parse when there is nothing to protect', () => {
    const text = '{"a": [1, 2.5, true, false, null, "x", {"b": {}}, []], "c": "\\n"}';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
    expect(parseJsonLossless(' 42 ')).toBe(42);
    expect(parseJsonLossless('{"a": 1, "a": 2}')).toEqual({ a: 2 });
  });

  it('handles long integers at every position: top level, first and last element, before a closing bracket', () => {
    expect(parseJsonLossless('12345678901234567')).toBe('12345678901234567');
    expect(parseJsonLossless('[12345678901234567]')).toEqual(['12345678901234567']);
    expect(parseJsonLossless('{"a":[[12345678901234567],{"b":12345678901234567}]}')).toEqual({
      a: [['12345678901234567'], { b: '12345678901234567' }],
    });
  });

  it('survives deep nesting without recursion', () => {
    const depth = 100_000;
    const value = parseJsonLossless(`${'['.repeat(depth)}12345678901234567${']'.repeat(depth)}`);
    let inner: unknown = value;
    for (let d = 0; d < depth; d++) inner = (inner as unknown[])[0];
    expect(inner).toBe('12345678901234567');
  });

  it.each([
    ['{"a": 1', /at the end \(line 1, column 8\).*'\}'/],
    ['{"a":}', /line 1, column 6.*value/],
    ['[1,2,,3]', /line 1, column 6/],
    ['{"a" 1}', /line 1, column 6.*':'/],
    ['', /at the end.*expected a value/],
    ['tru', /line 1, column 1/],
    ['{"a": "x\ny"}', /line 1, column 9.*control character/],
    ['[1] x', /line 1, column 5.*after the JSON value/],
    ['{"a": 01}', /leading|cannot start with 0/],
    ['{"a": "\\x"}', /invalid escape/],
    ['{"a": "\\u12g4"}', /4 hexadecimal digits/],
    ['{\n  "a": 1,\n  b: 2\n}', /line 3, column 3.*property name/],
    ['{"a": 1.}', /after '\.'/],
    ['{"a": 1e}', /exponent/],
    ['{"a": "open', /not closed/],
  ])('rejects malformed JSON %j with VALIDATION_FAILED saying where', (text, message) => {
    // The same text with a long integer appended takes the scanning path instead of JSON.parse.
    for (const variant of text === '' ? [text] : [text, `${text} 12345678901234567`]) {
      let caught: unknown;
      try {
        parseJsonLossless(variant);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'VALIDATION_FAILED' });
      if (variant === text) expect((caught as Error).message).toMatch(message);
    }
  });

  it('never makes invalid JSON valid by quoting: a long integer as a property name stays an error', () => {
    expect(() => parseJsonLossless('{12345678901234567: 1}')).toThrow(/property name/);
    expect(() => parseJsonLossless('{"a": 1, 12345678901234567: 2}')).toThrow(/property name/);
    expect(() => parseJsonLossless('[0012345678901234567]')).toThrow(/cannot start with 0/);
  });

  it('places errors inside strings even when long integers make it scan quickly', () => {
    expect(() => parseJsonLossless('{"n": 12345678901234567, "s": "a\tb", "m": [}')).toThrow(
      /line 1, column 33: a control character/,
    );
    expect(() => parseJsonLossless('{"n": 12345678901234567, "s": "a\\qb"}')).toThrow(
      /line 1, column 33: invalid escape/,
    );
    expect(() => parseJsonLossless('{"n": 12345678901234567, "s": "a\\"}')).toThrow(
      /line 1, column 31: a string is not closed/,
    );
    expect(parseJsonLossless('{"s": "\\\\", "n": 12345678901234567, "t": "\\\\\\"x"}')).toEqual({
      s: '\\',
      n: '12345678901234567',
      t: '\\"x',
    });
  });

  it('reports the line and column in the details', () => {
    try {
      parseJsonLossless('{\n "id": 820982911946154508,\n "x": ]\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { line: 3, column: 7 } });
    }
  });
});
