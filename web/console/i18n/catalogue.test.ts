import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.js';
import { ja } from './messages.ja.js';
import { ko } from './messages.ko.js';
import { sl } from './messages.sl.js';

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

  it('has the same keys in every language as in English, and the same placeholders', () => {
    for (const [name, catalogue] of Object.entries({ ko, ja, sl })) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(key in en, `${name}: ${key} is not an English key`).toBe(true);
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(text as string), `${name}: ${key}`).toEqual(names(en[key as keyof typeof en]));
      }
    }
  });
});
