import { describe, expect, it } from 'vitest';
import { StringIndex } from './string-index.js';

describe('StringIndex', () => {
  it('numbers strings in order of first sight and finds them again', () => {
    const index = new StringIndex();
    expect(index.intern('b')).toBe(0);
    expect(index.intern('a')).toBe(1);
    expect(index.intern('b')).toBe(0);
    expect(index.get('a')).toBe(1);
    expect(index.get('zz')).toBe(-1);
    expect(index.keys).toEqual(['b', 'a']);
  });

  it('stays exact through growth, with many similar keys and unicode', () => {
    const index = new StringIndex();
    const keys = Array.from({ length: 50_000 }, (_, i) =>
      i % 3 === 0 ? `ord_${i}` : i % 3 === 1 ? `Zoë-${i}` : String(i),
    );
    keys.forEach((k, i) => expect(index.intern(k)).toBe(i));
    keys.forEach((k, i) => {
      if (i % 997 === 0) expect(index.get(k)).toBe(i);
    });
    expect(index.size).toBe(keys.length);
    expect(index.get('')).toBe(-1);
  });
});
