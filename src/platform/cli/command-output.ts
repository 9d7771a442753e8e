import { readFileSync } from 'node:fs';
import { RegularsError } from '../errors.js';

/** What `--json` prints: the value, indented, on one write. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A settings file the store owner wrote: FILE_NOT_FOUND when it cannot be read, INVALID_ARGUMENT when it is not JSON. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${path}`, { path });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RegularsError('INVALID_ARGUMENT', `${path} is not JSON: ${(error as Error).message}`, { path });
  }
}
