import { dayFromYmd } from '../day.js';
import { byteSlot, sameAscii, type CsvRecord } from './csv-records.js';
import { type DateOrder, parseDay } from './date-forms.js';

export { parseDay } from './date-forms.js';

/**
 * Parsers for the values of an export's cells. Each returns NaN (or null) when the text is not
 * a value of its kind, so the caller can reject the row with the right code and field.
 */

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMATTED_MONEY = /^([+-]?)[$€£¥]?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s?[$€£¥]?$/;

/** A money amount: '12.5', '-3', '$1,234.50'. NaN when it is not a number. */
export function parseAmount(raw: string): number {
  const text = raw.trim();
  if (text === '') return Number.NaN;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const m = FORMATTED_MONEY.exec(text);
  if (!m) return Number.NaN;
  const value = Number(m[2].replaceAll(',', '') + (m[4] ?? ''));
  return m[1] === '-' ? -value : value;
}

/** A quantity: a plain number, default 1 when the cell is empty. NaN when it is not a number. */
export function parseQuantity(raw: string): number {
  const text = raw.trim();
  if (text === '') return 1;
  return PLAIN_NUMBER.test(text) ? Number(text) : Number.NaN;
}

/** A yes/no cell: 1, 0, or -1 when empty; null when it is neither. */
export function parseBoolean(raw: string): 1 | 0 | -1 | null {
  switch (raw.trim().toLowerCase()) {
    case '':
      return -1;
    case 'true':
    case 'yes':
    case 'y':
    case '1':
    case 'subscribed':
    case 'opted_in':
      return 1;
    case 'false':
    case 'no':
    case 'n':
    case '0':
    case 'unsubscribed':
    case 'not_subscribed':
    case 'opted_out':
      return 0;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The same parsers reading a CsvRecord's bytes directly, for the common plain forms; anything
// else falls back to the text parsers above, so both paths accept exactly the same values.

const MINUS = 45;
const DOT = 46;

/**
 * Day of a record's field: 'YYYY-MM-DD' (+ time) from bytes, other forms via parseDay (dates with
 * the year last in `order`; DateOrderUnknown while it is null).
 */
export function fieldDay(rec: CsvRecord, i: number, order: DateOrder | null = null): number {
  if (rec.unquoted === null) {
    const b = rec.buf;
    const s = rec.starts[i];
    const n = rec.ends[i] - s;
    if (n >= 10 && b[s + 4] === MINUS && b[s + 7] === MINUS && (n === 10 || b[s + 10] === 32 || b[s + 10] === 84)) {
      const y = (b[s] - 48) * 1000 + (b[s + 1] - 48) * 100 + (b[s + 2] - 48) * 10 + (b[s + 3] - 48);
      const m = (b[s + 5] - 48) * 10 + (b[s + 6] - 48);
      const d = (b[s + 8] - 48) * 10 + (b[s + 9] - 48);
      if (y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99 && allDigits(b, s)) return dayFromYmd(y, m, d);
    }
  }
  return parseDay(rec.text(i), order);
}

/** Amount of a record's field: plain decimals from bytes, anything else via parseAmount. */
export function fieldAmount(rec: CsvRecord, i: number): number {
  if (rec.unquoted === null) {
    const v = plainDecimal(rec.buf, rec.starts[i], rec.ends[i]);
    if (!Number.isNaN(v)) return v;
  }
  return parseAmount(rec.text(i));
}

/** Quantity of a record's field (empty = 1). */
export function fieldQuantity(rec: CsvRecord, i: number): number {
  if (rec.unquoted === null) {
    if (rec.starts[i] === rec.ends[i]) return 1;
    const v = plainDecimal(rec.buf, rec.starts[i], rec.ends[i]);
    if (!Number.isNaN(v)) return v;
  }
  return parseQuantity(rec.text(i));
}

/**
 * Recently parsed numbers, by their bytes. A summary's recency and T take a few thousand distinct
 * values (whole days / 7) written with 17 digits, too many for the exact integer path of
 * plainDecimal; decoding each to a string for Number() would cost more than the rest of the row.
 */
export class NumberCache {
  static readonly MASK = 8191;
  readonly texts: (string | undefined)[] = new Array(NumberCache.MASK + 1);
  readonly values = new Float64Array(NumberCache.MASK + 1);
}

/** A plain number ('3', '30.43', '1.5e-3') of a record's field; NaN when empty or anything else. */
export function fieldNumber(rec: CsvRecord, i: number, cache?: NumberCache): number {
  if (rec.unquoted === null) {
    const b = rec.buf;
    const s = rec.starts[i];
    const e = rec.ends[i];
    const v = plainDecimal(b, s, e);
    if (!Number.isNaN(v) || cache === undefined) return Number.isNaN(v) ? parsePlainNumber(rec.text(i)) : v;
    const slot = byteSlot(b, s, e, NumberCache.MASK);
    const hit = cache.texts[slot];
    if (hit !== undefined && sameAscii(hit, b, s, e)) return cache.values[slot];
    const text = rec.text(i);
    const value = parsePlainNumber(text);
    // Only ASCII texts are cached: their bytes are their char codes, which the check above needs.
    if (text.length === e - s) {
      cache.texts[slot] = text;
      cache.values[slot] = value;
    }
    return value;
  }
  return parsePlainNumber(rec.text(i));
}

function parsePlainNumber(raw: string): number {
  const text = raw.trim();
  return PLAIN_NUMBER.test(text) ? Number(text) : Number.NaN;
}

/** Yes/no of a record's field, with the common spellings read from bytes. */
export function fieldBoolean(rec: CsvRecord, i: number): 1 | 0 | -1 | null {
  if (rec.unquoted === null) {
    if (rec.starts[i] === rec.ends[i]) return -1;
    if (rec.equalsAscii(i, 'true')) return 1;
    if (rec.equalsAscii(i, 'false')) return 0;
  }
  return parseBoolean(rec.text(i));
}

/**
 * '-12.50' style numbers (optional minus, digits, optional fraction, at most 15 significant
 * digits so the integer arithmetic stays exact); NaN for anything else. Dividing the integer
 * mantissa by a power of ten gives the same double as Number('12.50').
 */
function plainDecimal(b: Buffer, s: number, e: number): number {
  let p = s;
  let negative = false;
  if (p < e && b[p] === MINUS) {
    negative = true;
    p++;
  }
  if (p >= e || e - p > 16) return Number.NaN;
  let mantissa = 0;
  let scale = 0;
  let seenDot = false;
  let digits = 0;
  for (; p < e; p++) {
    const c = b[p];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (seenDot) scale++;
    } else if (c === DOT && !seenDot) seenDot = true;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const v = scale === 0 ? mantissa : mantissa / POW10[scale];
  return negative ? -v : v;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** The eight digit positions of 'YYYY-MM-DD' hold digits. */
function allDigits(b: Buffer, s: number): boolean {
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = b[s + k];
    if (c < 48 || c > 57) return false;
  }
  return true;
}
