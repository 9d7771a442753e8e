import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findBuiltFolder } from '../../platform/built-folder.js';

/** Where the build puts the widget (scripts/build-widget.mjs). */
export const WIDGET_FILE_HINT = 'dist/web/widget/widget.js';

export interface WidgetScript {
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** The first 16 hex digits of the SHA-256 of the script: the ETag and the ?v= a page may pin. */
  readonly hash: string;
  readonly mtimeMs: number;
}

/** The built widget's folder, or null when it is not built. */
export function widgetFolder(): string | null {
  return findBuiltFolder(path.dirname(fileURLToPath(import.meta.url)), path.join('web', 'widget'), 'widget.js');
}

let current: WidgetScript | null = null;

/**
 * The built widget.js with its gzipped form and hash, read again only when the file changed (a
 * rebuild while the server runs); null when it is not built.
 */
export async function readWidgetScript(folder: string | null): Promise<WidgetScript | null> {
  if (folder === null) return null;
  const file = path.join(folder, 'widget.js');
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
  if (current !== null && current.mtimeMs === mtimeMs) return current;
  const body = await readFile(file);
  current = {
    body,
    gzip: gzipSync(body, { level: 9 }),
    hash: createHash('sha256').update(body).digest('hex').slice(0, 16),
    mtimeMs,
  };
  return current;
}
