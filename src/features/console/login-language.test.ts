import { describe, expect, it } from 'vitest';
import { PAGE_LANGUAGES, pageLanguage } from './login-language.js';
import { messagesEn } from './messages.en.js';

describe("the sign-in page's language", () => {
  it("follows the browser's Accept-Language: weights, order, region subtags, refusals", () => {
    expect(pageLanguage(undefined)).toBe('en');
    expect(pageLanguage('')).toBe('en');
    expect(pageLanguage('sl-SI,sl;q=0.9,en;q=0.8')).toBe('sl');
    expect(pageLanguage('ko-KR')).toBe('ko');
    expect(pageLanguage('de-DE,ja;q=0.7,en;q=0.5')).toBe('ja');
    expect(pageLanguage('en;q=0.5,ko;q=0.9')).toBe('ko');
    expect(pageLanguage('ja;q=0,sl')).toBe('sl');
    expect(pageLanguage('fr, de')).toBe('en');
    expect(pageLanguage('JA-jp')).toBe('ja');
    expect(pageLanguage('ko;q=abc')).toBe('en');
    expect(pageLanguage('constructor, __proto__')).toBe('en');
  });

  it('has every message in every language, translated, with the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [language, messages] of Object.entries(PAGE_LANGUAGES)) {
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(messagesEn).sort());
      for (const [key, text] of Object.entries(messages)) {
        const english = messagesEn[key as keyof typeof messagesEn];
        expect(names(text), `${language}: ${key}`).toEqual(names(english));
        if (language !== 'en' && key !== 'app.name') expect(text, `${language}: ${key}`).not.toBe(english);
      }
    }
  });
});
