import { dayFromYmd } from '../domain/analytics/day.js';

/**
 * Parsers for the values of an export's cells. Each returns NaN (or null) when the text is not
 * a value of its kind, so the caller can reject the row with the right code and field.
 */

const DIGIT0 = 48;

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - DIGIT0;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The calendar day a date or timestamp names, as written: '2024-03-01', '2024-03-01 23:30:00',
 * '2024-03-01T23:30:00-05:00', '2024/03/01', '20240301', '03/01/2024' (US month first) or
 * '01.03.2024'. A timestamp's own offset is never applied: the store's day is the day it wrote
 * (architecture.md, "Days").
 */
export function parseDay(raw: string): number {
  const text = raw.trim();
  const n = text.length;
  if (n >= 10) {
    const c4 = text.charCodeAt(4);
    if ((c4 === 45 || c4 === 47) && text.charCodeAt(7) === c4) {
      if (n > 10) {
        const sep = text.charCodeAt(10);
        if (sep !== 32 && sep !== 84 && sep !== 116) return Number.NaN; // ' ', 'T', 't'
      }
      return dayFromYmd(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    }
    const c2 = text.charCodeAt(2);
    if ((c2 === 47 || c2 === 46) && text.charCodeAt(5) === c2 && (n === 10 || text.charCodeAt(10) === 32)) {
      const a = digits(text, 0, 2);
      const b = digits(text, 3, 2);
      const y = digits(text, 6, 4);
      return c2 === 47 ? dayFromYmd(y, a, b) : dayFromYmd(y, b, a);
    }
    return Number.NaN;
  }
  if (n === 8) return dayFromYmd(digits(text, 0, 4), digits(text, 4, 2), digits(text, 6, 2));
  return Number.NaN;
}

/** Caches the last date text: exports are sorted by date, so most rows repeat the previous one. */
export function createDayParser(): (raw: string) => number {
  let lastKey = '';
  let lastDay = Number.NaN;
  return (raw) => {
    // The day depends only on the date part and its separator; keying on them lets every
    // timestamp of one day hit the cache.
    const key = raw.length > 11 ? raw.slice(0, 11) : raw;
    if (key === lastKey) return lastDay;
    lastKey = key;
    lastDay = parseDay(key);
    return lastDay;
  };
}

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
