import { describe, expect, it } from 'vitest';
import { ACCOUNT_LOCALES, ACCOUNT_TEXTS, accountLocale } from './account-texts.js';

describe('the account page language', () => {
  it('takes ?lang= first, then Accept-Language by quality, then English', () => {
    expect(accountLocale('sl', 'ja')).toBe('sl');
    expect(accountLocale('SL-si', undefined)).toBe('sl');
    expect(accountLocale('de', 'de-DE, ko;q=0.8, ja;q=0.9')).toBe('ja');
    expect(accountLocale(undefined, 'fr, ko-KR;q=0.5')).toBe('ko');
    expect(accountLocale(undefined, 'ja;q=0, sl;q=0.1')).toBe('sl');
    expect(accountLocale(undefined, 'fr-FR')).toBe('en');
    expect(accountLocale(undefined, undefined)).toBe('en');
  });

  it('counts points in Slovenian with its four forms', () => {
    const sl = ACCOUNT_TEXTS.sl;
    expect(sl.pointsLine(1, 0)).toBe('Na voljo: <strong>1 točka</strong>.');
    expect(sl.pointsLine(2, 0)).toBe('Na voljo: <strong>2 točki</strong>.');
    expect(sl.pointsLine(3, 0)).toBe('Na voljo: <strong>3 točke</strong>.');
    expect(sl.pointsLine(5, 0)).toBe('Na voljo: <strong>5 točk</strong>.');
    expect(sl.pointsLine(101, 0)).toBe('Na voljo: <strong>101 točka</strong>.');
    expect(sl.refused(1, 104)).toBe('Imate 1 točko; ta nagrada zahteva 104 točke.');
  });

  it('has every churn reason and every done message in every language', () => {
    for (const locale of ACCOUNT_LOCALES) {
      expect(Object.keys(ACCOUNT_TEXTS[locale].reasons)).toEqual(Object.keys(ACCOUNT_TEXTS.en.reasons));
      expect(Object.keys(ACCOUNT_TEXTS[locale].done)).toEqual(['skip', 'pause', 'resume', 'cancel']);
    }
  });
});
