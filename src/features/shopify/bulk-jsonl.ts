import { RegularsError } from '../../platform/errors.js';

/**
 * The JSONL result of a Shopify bulk query (shopify.dev, "Perform bulk operations with the
 * GraphQL Admin API", Admin API 2025-10): one JSON object per line; a nested connection's nodes
 * are lines of their own that name their parent in `__parentId`. Regulars asks for
 * `groupObjects: true`, with which every child line follows its parent, so a parent and its
 * children are read as one record without holding more than that record in memory.
 */

export type BulkObject = Readonly<Record<string, unknown>>;

/** A root object with its child lines, and the lines it spans in the file (1-based, inclusive). */
export interface BulkRecord {
  readonly object: BulkObject;
  readonly children: readonly BulkObject[];
  readonly firstLine: number;
  readonly lastLine: number;
}

export function bulkResultInvalid(line: number, message: string, details: Record<string, unknown> = {}): RegularsError {
  return new RegularsError('SHOPIFY_BULK_RESULT_INVALID', `bulk result line ${line}: ${message}`, {
    line,
    ...details,
  });
}

/** One line parsed: an object, refused with its line number when it is not one or holds a NUL (PostgreSQL cannot store it). */
export function parseBulkLine(text: string, line: number): BulkObject {
  if (text.includes('\\u0000')) throw bulkResultInvalid(line, 'a text holds a NUL character (U+0000)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw bulkResultInvalid(line, `not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bulkResultInvalid(line, 'expected a JSON object');
  return value as BulkObject;
}

/** The numeric id in a Shopify gid (gid://shopify/Customer/123 is '123'): the id webhooks use. */
export function legacyId(gid: unknown, type: string): string | null {
  if (typeof gid !== 'string') return null;
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(gid);
  return match && match[1] === type ? match[2] : null;
}

/**
 * Groups lines into records as they come: push each line, get back the record the line closed (a
 * new root closes the previous one); finish() returns the last. `firstLine` is where reading
 * started (a resume starts after its checkpoint, which always ends at a record's last line).
 */
export class BulkRecordAssembler {
  private current: {
    object: BulkObject;
    id: unknown;
    children: BulkObject[];
    firstLine: number;
    lastLine: number;
  } | null = null;

  push(object: BulkObject, line: number): BulkRecord | null {
    const parentId = object.__parentId;
    if (parentId !== undefined) {
      if (this.current === null)
        throw bulkResultInvalid(line, `a child of ${String(parentId)} comes before any parent line`);
      if (parentId !== this.current.id)
        throw bulkResultInvalid(
          line,
          `a child of ${String(parentId)} follows ${String(this.current.id)}: the result is not grouped (groupObjects: true)`,
        );
      this.current.children.push(object);
      this.current.lastLine = line;
      return null;
    }
    const closed = this.finish();
    this.current = { object, id: object.id, children: [], firstLine: line, lastLine: line };
    return closed;
  }

  finish(): BulkRecord | null {
    const done = this.current;
    this.current = null;
    return done && { object: done.object, children: done.children, firstLine: done.firstLine, lastLine: done.lastLine };
  }
}
