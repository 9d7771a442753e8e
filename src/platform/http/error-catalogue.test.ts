import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.js';
import { HTTP_STATUS } from './errors.js';

describe('the error catalogue', () => {
  it('gives every code the HTTP status docs/errors.md lists for it', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
    const documented = new Map<string, number>();
    for (const match of doc.matchAll(/^\| `([A-Z_]+)` +\| +(\d{3}) +\|/gm)) documented.set(match[1], Number(match[2]));
    for (const code of ERROR_CODES) {
      expect(documented.get(code), code).toBe(HTTP_STATUS[code]);
    }
    expect([...documented.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });
});
