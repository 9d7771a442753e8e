import { RegularsError } from '../../platform/errors.js';

/**
 * JSON.parse that keeps long integers exact. Node 20's JSON.parse gives a reviver no access to a
 * number's source text (the `context.source` argument came in later V8 versions), so an id such as
 * 820982911946154508 would become 820982911946154500. Here an integer literal with more than 15
 * digits, outside strings, becomes a string of its digits instead; every integer of up to 15 digits
 * is exact as a double, so shorter integers stay numbers. Decimals and exponents stay numbers: they
 * are amounts or measures, never ids, and a string there would surprise their readers.
 *
 * Text without a run of 16 digits cannot hold such an integer, so it goes straight to JSON.parse.
 * Otherwise one pass over the structure finds the long integers (jumping over strings with
 * indexOf), they are quoted, and JSON.parse builds the value: native parsing does the
 * allocation-heavy work and the checks inside strings. The pass tracks where property names go, so
 * quoting never turns invalid JSON ({12345678901234567: 1}) into valid JSON.
 *
 * Malformed JSON fails with VALIDATION_FAILED naming the line and column: a strict pass, run only
 * then, finds where (JSON.parse's own messages give a position only for some errors, and after
 * quoting it would point into the rewritten text).
 */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGIT_RUN.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw located(text, error);
    }
  }
  let spans: number[];
  try {
    spans = scanJson(text, false);
  } catch (error) {
    // The strict scan reports the first error, which may sit inside a string the quick one skipped.
    throw located(text, error);
  }
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < spans.length; k += 2) {
    parts.push(text.slice(from, spans[k]), '"', text.slice(spans[k], spans[k + 1]), '"');
    from = spans[k + 1];
  }
  parts.push(text.slice(from));
  try {
    return JSON.parse(parts.length === 1 ? text : parts.join(''));
  } catch (error) {
    throw located(text, error);
  }
}

/** The error for text found malformed, placed by the strict scan. */
function located(text: string, error: unknown): RegularsError {
  scanJson(text, true);
  // Not reached for any text known to pass the strict scan and fail elsewhere; kept so that an
  // error is never lost.
  if (error instanceof RegularsError) return error;
  return new RegularsError(
    'VALIDATION_FAILED',
    `malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
  );
}

const LONG_DIGIT_RUN = /\d{16}/;
/** Integers with at most this many digits are exact as doubles (Number.MAX_SAFE_INTEGER has 16). */
const MAX_EXACT_DIGITS = 15;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function skipWhitespace(text: string, i: number): number {
  // RFC 8259 section 2: space, tab, line feed, carriage return; nothing else.
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

function malformed(text: string, offset: number, reason: string): RegularsError {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  const where =
    offset >= text.length ? `at the end (line ${line}, column ${column})` : `at line ${line}, column ${column}`;
  return new RegularsError('VALIDATION_FAILED', `malformed JSON ${where}: ${reason}`, { line, column, offset });
}

/**
 * Returns [start, end) offsets of the integer literals too long to be exact, flattened into one
 * array, and fails on text that breaks the JSON grammar (RFC 8259). Not `strict`, it checks the
 * structure and numbers but skips over string contents (JSON.parse checks those); `strict` checks
 * escapes and control characters too, to say where an error is. Iterative, so deep nesting cannot
 * overflow the stack.
 */
function scanJson(text: string, strict: boolean): number[] {
  const n = text.length;
  /** The next backslash at or after the last search; n when there is none. */
  let backslash = -1;
  const spans: number[] = [];
  /** Open containers, innermost last: true for an object, false for an array. */
  const stack: boolean[] = [];
  const fail = (offset: number, reason: string): never => {
    throw malformed(text, offset, reason);
  };

  const scanString = (start: number): number => {
    if (!strict) {
      // Jump from backslash to backslash to the closing quote; an escape is always two characters
      // as far as the string's end is concerned (\uXXXX's hex digits are ordinary characters).
      for (let j = start + 1; ;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) return fail(start, 'a string is not closed');
        if (backslash < j) {
          backslash = text.indexOf('\\', j);
          if (backslash === -1) backslash = n;
        }
        if (backslash > quote) return quote + 1;
        j = backslash + 2;
      }
    }
    for (let j = start + 1; ;) {
      if (j >= n) return fail(start, 'a string is not closed');
      const c = text.charCodeAt(j);
      if (c === QUOTE) return j + 1;
      if (c === BACKSLASH) {
        const e = text.charCodeAt(j + 1);
        if (e === 117 /* u */) {
          for (let h = j + 2; h < j + 6; h++)
            if (!isHex(text.charCodeAt(h))) fail(j, 'a \\u escape needs 4 hexadecimal digits');
          j += 6;
        } else if (
          e === QUOTE ||
          e === BACKSLASH ||
          e === 47 ||
          e === 98 ||
          e === 102 ||
          e === 110 ||
          e === 114 ||
          e === 116
        ) {
          j += 2; // \" \\ \/ \b \f \n \r \t
        } else {
          return fail(j, 'invalid escape in a string');
        }
      } else if (c < 0x20) {
        return fail(j, 'a control character (such as a line break) inside a string must be escaped');
      } else {
        j++;
      }
    }
  };

  const scanKey = (i: number): number => {
    if (text.charCodeAt(i) !== QUOTE)
      fail(i, i >= n ? 'expected a property name' : 'expected a property name in double quotes');
    i = skipWhitespace(text, scanString(i));
    if (text.charCodeAt(i) !== COLON) fail(i, "expected ':' after a property name");
    return skipWhitespace(text, i + 1);
  };

  const scanNumber = (start: number): number => {
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    const first = text.charCodeAt(i);
    if (first === DIGIT_0) {
      i++;
      if (isDigit(text.charCodeAt(i))) fail(start, 'a number cannot start with 0 followed by more digits');
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(i))) i++;
    } else {
      fail(i, 'expected a digit');
    }
    const integerEnd = i;
    let integer = true;
    if (text.charCodeAt(i) === DOT) {
      integer = false;
      i++;
      if (!isDigit(text.charCodeAt(i))) fail(i, "expected a digit after '.'");
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69 /* e E */) {
      integer = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      if (!isDigit(text.charCodeAt(i))) fail(i, 'expected a digit in the exponent');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const digits = integerEnd - start - (text.charCodeAt(start) === MINUS ? 1 : 0);
    if (integer && digits > MAX_EXACT_DIGITS) spans.push(start, integerEnd);
    return i;
  };

  let i = skipWhitespace(text, 0);
  for (;;) {
    // A value starts at i.
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE) {
      i = skipWhitespace(text, i + 1);
      if (text.charCodeAt(i) === CLOSE_BRACE) {
        i++;
      } else {
        stack.push(true);
        i = scanKey(i);
        continue;
      }
    } else if (c === OPEN_BRACKET) {
      i = skipWhitespace(text, i + 1);
      if (text.charCodeAt(i) === CLOSE_BRACKET) {
        i++;
      } else {
        stack.push(false);
        continue;
      }
    } else if (c === QUOTE) {
      i = scanString(i);
    } else if (c === MINUS || isDigit(c)) {
      i = scanNumber(i);
    } else if (text.startsWith('true', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else if (text.startsWith('null', i)) {
      i += 4;
    } else {
      fail(i, i >= n ? 'expected a value' : `unexpected character ${JSON.stringify(text[i])} where a value should be`);
    }

    // After a value: close containers until a separator asks for the next value.
    for (;;) {
      i = skipWhitespace(text, i);
      if (stack.length === 0) {
        if (i < n) fail(i, 'unexpected text after the JSON value');
        return spans;
      }
      const inObject = stack[stack.length - 1];
      const d = text.charCodeAt(i);
      if (d === COMMA) {
        i = skipWhitespace(text, i + 1);
        if (inObject) i = scanKey(i);
        break;
      }
      if (d === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
        stack.pop();
        i++;
        continue;
      }
      fail(i, inObject ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array element");
    }
  }
}
