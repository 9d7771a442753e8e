import { RegularsError } from '../errors.js';

/**
 * Pagination cursors: the last id of a page, base64url-encoded so clients treat it as opaque.
 * Ids are time-ordered, so "after this id" stays stable while rows are added.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** The id a cursor names; VALIDATION_FAILED (path /cursor) for anything this module did not make. */
export function decodeCursor(cursor: string, prefix: string): string {
  const id = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  // Re-encoding must give the cursor back: base64url decoding skips characters it does not know.
  if (!new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(id) || encodeCursor(id) !== cursor) {
    throw new RegularsError('VALIDATION_FAILED', 'the cursor is not one this list returned; start again without it', {
      path: '/cursor',
    });
  }
  return id;
}
