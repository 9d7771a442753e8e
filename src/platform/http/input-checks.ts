import { RegularsError } from '../errors.js';

/**
 * Containers nested deeper than this are refused. The deepest body Regulars reads (a segment rule
 * of nested all/any groups, free-form attributes) needs a dozen levels; JSON.stringify, Ajv and
 * every other recursive reader overflow the stack somewhere past a few thousand.
 */
export const MAX_JSON_DEPTH = 64;

/** Where a value came from, as the error's details.location says it (Fastify's validationContext). */
export type InputLocation = 'body' | 'querystring' | 'params' | 'headers';

/** RFC 6901: `~` and `/` inside a key are escaped. */
function pointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function nulError(location: InputLocation, path: readonly (string | number)[]): RegularsError {
  const where = pointer(path) || '/';
  return new RegularsError(
    'INVALID_CHARACTER',
    `${location}${where === '/' ? '' : where} holds a NUL character (U+0000), which no text field may contain`,
    { location, path: where },
  );
}

/**
 * Refuses a NUL character in any string or property name, and containers nested deeper than
 * MAX_JSON_DEPTH, naming the first offender's JSON pointer. NUL is refused rather than stripped:
 * PostgreSQL text cannot store it while SQLite can, so stripping would make the two databases keep
 * different data silently, and a NUL in an id or a name is a client's bug worth reporting.
 * Recursion is bounded by MAX_JSON_DEPTH, so a hostile body cannot overflow the stack here either.
 */
export function checkInput(value: unknown, location: InputLocation, options: { mayHoldNul?: boolean } = {}): void {
  // Most bodies are shallow and, as their text shows, hold no NUL: a walk that only measures depth
  // costs a fraction of the full one, which runs only to find and name an offender.
  if (
    options.mayHoldNul === false &&
    (typeof value !== 'object' || value === null || !deeperThan(value, MAX_JSON_DEPTH))
  )
    return;
  const path: (string | number)[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (typeof node === 'string') {
      if (node.includes('\u0000')) throw nulError(location, path);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (depth > MAX_JSON_DEPTH) {
      throw new RegularsError(
        'BODY_TOO_DEEP',
        `${location} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (at ${pointer(path)})`,
        { location, path: pointer(path), maxDepth: MAX_JSON_DEPTH },
      );
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], depth + 1);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      path.push(key);
      if (key.includes('\u0000')) throw nulError(location, path);
      visit((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(value, 1);
}

/** Whether containers nest more than `levels` deep below node (node itself being the first). */
function deeperThan(node: object, levels: number): boolean {
  if (levels === 0) return true;
  const values: unknown[] = Array.isArray(node) ? node : Object.values(node);
  for (let i = 0; i < values.length; i++) {
    const child = values[i];
    // Only containers are visited: most values are text and numbers, and a call costs more than this test.
    if (typeof child === 'object' && child !== null && deeperThan(child, levels - 1)) return true;
  }
  return false;
}

/**
 * Whether a JSON text may hold a NUL character: JSON can only write one as the escape \u0000 (a
 * raw control character inside a string is invalid), so text without that sequence holds none.
 */
export function jsonMayHoldNul(raw: Buffer): boolean {
  return raw.includes('\\u0000');
}
