import { describe, expect, it } from 'vitest';
import { fill, LOCALES, MESSAGES, pickLocale, plural } from './i18n.js';

describe("the widget's languages", () => {
  it('counts in Slovenian with its four forms, and in Korean and Japanese with one', () => {
    const sl = MESSAGES.sl.points;
    expect([1, 2, 3, 4, 5, 101, 102, 103, 111].map((n) => plural('sl', sl, n))).toEqual([
      '1 točka',
      '2 točki',
      '3 točke',
      '4 točke',
      '5 točk',
      '101 točka',
      '102 točki',
      '103 točke',
      '111 točk',
    ]);
    expect(plural('sl', MESSAGES.sl.validDays, 2)).toBe('velja 2 dneva');
    expect(plural('en', MESSAGES.en.points, 1)).toBe('1 point');
    expect(plural('en', MESSAGES.en.points, 1500)).toBe('1,500 points');
    expect(plural('ko', MESSAGES.ko.points, 1)).toBe('1포인트');
    expect(plural('ja', MESSAGES.ja.points, 1500)).toBe('1,500ポイント');
  });

  it('translates every text (no English copies) and keeps the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const texts = (locale: (typeof LOCALES)[number]) =>
      Object.entries(MESSAGES[locale]).flatMap(([key, value]) =>
        typeof value === 'string'
          ? [[key, value] as const]
          : Object.entries(value as Record<string, string>).map(([sub, text]) => [`${key}.${sub}`, text] as const),
      );
    const english = new Map(texts('en'));
    for (const locale of ['ko', 'ja', 'sl'] as const) {
      for (const [key, text] of texts(locale)) {
        const source = english.get(key) ?? english.get(`${key.split('.')[0]}.other`)!;
        expect(source, `${locale} ${key}`).toBeDefined();
        expect(text, `${locale} ${key}`).not.toBe(source);
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(source));
      }
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    }
  });

  it('picks the locale from data-locale, then <html lang>, by primary subtag, else English', () => {
    expect(pickLocale('ja', 'ko')).toBe('ja');
    expect(pickLocale(null, 'ko-KR')).toBe('ko');
    expect(pickLocale(undefined, 'sl_SI')).toBe('sl');
    expect(pickLocale('de', 'fr')).toBe('en');
    expect(pickLocale(null, '')).toBe('en');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
