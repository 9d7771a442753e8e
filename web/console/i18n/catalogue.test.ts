import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.js';
import { ja } from './messages.ja.js';
import { ko } from './messages.ko.js';
import { sl } from './messages.sl.js';
import { createI18n } from './i18n.js';

const CATALOGUES = { ko, ja, sl } as const;

/** Messages spelt as in English on purpose: the language's own word is the same. */
const SAME_WORD: Readonly<Record<string, readonly string[]>> = {
  sl: ['segments.list.name', 'segments.editor.operator'],
};

const consoleDir = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' || entry.name === 'api' ? [] : sources(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/**
 * User-visible text in JSX that does not come from the catalogue: text between tags, and the
 * attributes people read or hear (aria-label, title, alt, placeholder) given as literals.
 */
function literalStrings(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const m of code.matchAll(/>([^<>{}]*[\p{L}][^<>{}]*)</gu)) {
    const text = m[1].trim();
    // `>` of an arrow function or a comparison, not JSX text: code has ; ( ) = or quotes.
    if (text !== '' && !/[;()=?'"`]/.test(text)) found.push(text);
  }
  for (const m of code.matchAll(/\b(aria-label|title|alt|placeholder)="([^"]*)"/g)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('the message catalogue', () => {
  it('holds every string the pages and components show: no text literal in JSX', () => {
    const files = sources(consoleDir);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((file) =>
      literalStrings(readFileSync(file, 'utf8')).map((s) => `${relative(consoleDir, file)}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a literal when there is one (the check itself works)', () => {
    expect(literalStrings('<p>Hello there</p><a aria-label="Close">{x}</a>')).toEqual([
      'Hello there',
      'aria-label="Close"',
    ]);
    expect(literalStrings("<p>{t('x')}</p>")).toEqual([]);
  });

  it('has every key in every language, each counted message in every plural form the language uses', () => {
    const missing: string[] = [];
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of Object.keys(en)) {
        const base = pluralBase(key);
        if (base === null) {
          if (!(key in catalogue)) missing.push(`${language}: ${key}`);
        } else if (key.endsWith('.other')) {
          for (const form of forms) if (!(`${base}.${form}` in catalogue)) missing.push(`${language}: ${base}.${form}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no key English lacks, no plural form the language does not use, and the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const english = en as Record<string, string>;
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const forms: readonly string[] = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [key, text] of Object.entries(catalogue)) {
        const base = pluralBase(key);
        const form = base === null ? null : key.slice(base.length + 1);
        if (base === null || !(`${base}.other` in english)) {
          expect(key in english, `${language}: ${key} is not an English key`).toBe(true);
          expect(names(text as string), `${language}: ${key}`).toEqual(names(english[key]));
        } else {
          expect(forms, `${language}: ${key} is a plural form ${language} does not use`).toContain(form);
          expect(names(text as string), `${language}: ${key}`).toEqual(names(english[`${base}.other`]));
        }
        // A copy of the English text is an untranslated message, unless it holds no words (names
        // and terms that stay as they are, placeholders and arrows only) or the word is the same in
        // that language.
        const words = (t: string) =>
          t.replace(/\{\w+\}|Regulars|Shopify|Message-ID|P\(alive\)/g, '').replace(/[^\p{L}]/gu, '');
        if (text === english[key] && !SAME_WORD[language]?.includes(key))
          expect(words(text as string), `${language}: ${key} is English`).toBe('');
      }
    }
  });

  it('picks the plural form each language needs', () => {
    const counted = (language: string, n: number) =>
      createI18n(language, CATALOGUES[language as keyof typeof CATALOGUES] ?? en).plural('action.replenishment', n);
    expect([1, 2, 5].map((n) => counted('en', n))).toEqual([
      '1 customer is due for a replenishment reminder.',
      '2 customers are due for a replenishment reminder.',
      '5 customers are due for a replenishment reminder.',
    ]);
    // Slovenian: one (1, 101), two (2, 102), few (3, 4, 103), other (0, 5, 11, 100).
    expect([1, 101, 2, 102, 3, 4, 103, 5, 11, 100].map((n) => counted('sl', n).split(' ')[1])).toEqual([
      'stranka',
      'stranka',
      'stranki',
      'stranki',
      'stranke',
      'stranke',
      'stranke',
      'strank',
      'strank',
      'strank',
    ]);
    expect(counted('ko', 1)).toBe('고객 1명에게 재구매 알림을 보낼 때입니다.');
    expect(counted('ja', 3)).toBe('3人の顧客に補充のリマインダーを送る時期です。');
  });
});

/** The base of a counted message's key (`action.vip` of `action.vip.few`), or null for any other key. */
/**
 * The base of a counted message's key: English gives every counted message `.one` and `.other`, so
 * a key ending in `.other` without an English `.one` beside it (`loyalty.churn.reason.other`, the
 * reason called "other") is an ordinary key.
 */
function pluralBase(key: string): string | null {
  const m = /^(.*)\.(zero|one|two|few|many|other)$/.exec(key);
  return m && `${m[1]}.one` in en ? m[1] : null;
}
