import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures (the tests never read ../shared). */
export function fixturePath(...parts: string[]): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', ...parts);
}

/** A small CSV (with a header) as objects of strings. */
export function readCsvObjects(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',').map((h) => h.replace(/"/g, '').trim());
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i], v.replace(/"/g, '').trim()])));
}
