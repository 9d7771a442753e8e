import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBuiltFolder } from '../../platform/built-folder.js';

/**
 * The built browser app: `dist/web/console/` (index.html and assets/), which Vite writes at
 * `npm run build`. Null when it is not built (a source checkout before its first build).
 */
export function consoleFolder(): string | null {
  return findBuiltFolder(path.dirname(fileURLToPath(import.meta.url)), path.join('web', 'console'), 'index.html');
}

/** Where the folder would be when built, for the page that says it is not. */
export const CONSOLE_FOLDER_HINT = 'dist/web/console/';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A file of the folder's assets/ by its name there, or null: unknown, not a file, or a name that
 * would leave the folder (`..`, a separator, a NUL). Only flat names: Vite writes assets/ flat.
 */
export async function readConsoleAsset(folder: string, name: string): Promise<{ body: Buffer; type: string } | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) return null;
  const type = TYPES[path.extname(name).toLowerCase()];
  if (type === undefined) return null;
  try {
    return { body: await readFile(path.join(folder, 'assets', name)), type };
  } catch {
    return null;
  }
}

export async function readConsoleIndex(folder: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(folder, 'index.html'));
  } catch {
    return null;
  }
}
