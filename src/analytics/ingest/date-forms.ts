import { dayFromYmd } from '../day.js';
import { RegularsError } from '../../platform/errors.js';

/**
 * The date forms of order exports, and the order of day and month in dates that end with the year.
 * '05/02/2024' is the 5th of February in Europe and the 2nd of May in the US: nothing in one value
 * says which, so the order is decided from the whole column (DateOrderEvidence) or given with
 * --date-format, never guessed.
 */

/** How a date with the year last is read: day first (DD/MM/YYYY) or month first (MM/DD/YYYY); 'year-first' accepts only YYYY-MM-DD dates. */
export type DateOrder = 'day-first' | 'month-first' | 'year-first';

/** The values of --date-format. The separator of the day-first and month-first forms does not matter. */
export const DATE_FORMATS = [
  'auto',
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'MM.DD.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The order a --date-format names; null for 'auto' (decided from the file). */
export function dateOrderOfFormat(format: string | undefined): DateOrder | null {
  if (format === undefined || format === 'auto') return null;
  if (format === 'YYYY-MM-DD') return 'year-first';
  if (format.startsWith('DD')) return 'day-first';
  if (format.startsWith('MM')) return 'month-first';
  throw new RegularsError(
    'INVALID_ARGUMENT',
    `--date-format must be one of ${DATE_FORMATS.join(', ')}, got "${format}"`,
    {
      option: '--date-format',
      value: format,
    },
  );
}

/**
 * Thrown when a date with the year last is read before its file's order of day and month is
 * known: the reader then decides it from the whole column and reads the file again.
 */
export class DateOrderUnknown extends Error {
  constructor(readonly text: string) {
    super(`the order of day and month of "${text}" is not known yet`);
  }
}

/** The numbers of a date cell: year, the two other parts as written, and where the date ends. */
export interface DateParts {
  /** 'year-first': YYYY-M-D (or /, .); 'year-last': A/B/YYYY (or ., -); 'compact': YYYYMMDD. */
  readonly kind: 'year-first' | 'year-last' | 'compact';
  readonly year: number;
  /** Month for year-first dates; the first part (day or month) of year-last ones. */
  readonly first: number;
  readonly second: number;
  /** Index just past the date: a time may follow from here. */
  readonly end: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Splits a cell into date parts: 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.MM.DD', 'D/M/YYYY', 'MM.DD.YYYY',
 * 'DD-MM-YYYY' (one or two digits for day and month), or 'YYYYMMDD'; then optionally a space or 'T'
 * and a time, which does not change the day and is not read here ('6/25/2025 11:34',
 * '25.06.2025 23:05:59', '6/25/2025 11:34 PM', '2025-06-25T11:34:00-05:00'). Null otherwise.
 */
export function splitDate(text: string, from = 0): DateParts | null {
  const n = text.length;
  const runs = [0, 0, 0];
  const lengths = [0, 0, 0];
  let p = from;
  let separator = -1;
  for (let k = 0; k < 3; k++) {
    const start = p;
    let v = 0;
    while (p < n && isDigit(text.charCodeAt(p)) && p - start < 8) {
      v = v * 10 + text.charCodeAt(p) - 48;
      p++;
    }
    runs[k] = v;
    lengths[k] = p - start;
    if (lengths[k] === 0) return null;
    if (k === 0 && lengths[0] === 8) return compact(text, from, p, v);
    if (k < 2) {
      const c = p < n ? text.charCodeAt(p) : -1;
      if (c !== 45 && c !== 47 && c !== 46) return null; // '-', '/', '.'
      if (k === 0) separator = c;
      else if (c !== separator) return null;
      p++;
    }
  }
  if (p < n) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 84 && c !== 116) return null; // ' ', 'T', 't'
  }
  if (lengths[0] === 4 && lengths[1] <= 2 && lengths[2] <= 2)
    return { kind: 'year-first', year: runs[0], first: runs[1], second: runs[2], end: p };
  if (lengths[2] === 4 && lengths[0] <= 2 && lengths[1] <= 2)
    return { kind: 'year-last', year: runs[2], first: runs[0], second: runs[1], end: p };
  return null;
}

function compact(text: string, from: number, p: number, v: number): DateParts | null {
  if (p < text.length) return null;
  return { kind: 'compact', year: Math.floor(v / 10000), first: Math.floor(v / 100) % 100, second: v % 100, end: p };
}

/**
 * The calendar day a date or timestamp names, as written (a timestamp's own offset is never
 * applied: the store's day is the day it wrote, architecture.md "Days"). NaN when the text is not
 * a date of a supported form or not a real day. A date with the year last is read in `order`;
 * with no order yet, it throws DateOrderUnknown (the reader decides the order, then reads again).
 */
export function parseDay(raw: string, order: DateOrder | null = null): number {
  const text = raw.trim();
  const parts = splitDate(text);
  if (parts === null) return Number.NaN;
  if (parts.kind !== 'year-last') return dayFromYmd(parts.year, parts.first, parts.second);
  if (order === null) throw new DateOrderUnknown(text);
  if (order === 'year-first') return Number.NaN;
  return order === 'day-first'
    ? dayFromYmd(parts.year, parts.second, parts.first)
    : dayFromYmd(parts.year, parts.first, parts.second);
}

interface Example {
  readonly line: number;
  readonly column: string;
  readonly text: string;
}

function quote(e: Example): string {
  return `line ${e.line}, ${e.column}: "${e.text}"`;
}

/**
 * What the dates of a file say about their order, value by value. A first part above 12 can only
 * be a day, a second part above 12 only a day too: one column with both is inconsistent; one with
 * neither (every part 12 or less) cannot be read without being told.
 */
export class DateOrderEvidence {
  dayFirst: Example | null = null;
  monthFirst: Example | null = null;
  example: Example | null = null;
  yearLast = 0;

  add(raw: string, line: number, column: string): void {
    const text = raw.trim();
    const parts = splitDate(text);
    if (parts === null || parts.kind !== 'year-last') return;
    this.yearLast++;
    if (this.example === null) this.example = { line, column, text };
    if (parts.first > 12 && parts.second <= 12) this.dayFirst ??= { line, column, text };
    else if (parts.second > 12 && parts.first <= 12) this.monthFirst ??= { line, column, text };
  }

  /** The order of the file's dates; an error with a code when the column cannot tell it or contradicts itself. */
  decide(path: string): DateOrder {
    if (this.dayFirst !== null && this.monthFirst !== null) {
      throw new RegularsError(
        'MIXED_DATE_ORDERS',
        `${path} writes dates both day first (${quote(this.dayFirst)}) and month first (${quote(this.monthFirst)}); ` +
          'correct the file, or choose one with --date-format DD/MM/YYYY or MM/DD/YYYY (the other dates are then rejected)',
        { dayFirst: this.dayFirst, monthFirst: this.monthFirst },
      );
    }
    if (this.dayFirst !== null) return 'day-first';
    if (this.monthFirst !== null) return 'month-first';
    const e = this.example ?? { line: 0, column: '', text: '' };
    throw new RegularsError(
      'AMBIGUOUS_DATES',
      `${path}: the dates of ${e.column} could be day/month or month/day (e.g. ${quote(e)}: no day above 12 ` +
        `in ${this.yearLast.toLocaleString('en-US')} dates); say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
      { column: e.column, line: e.line, example: e.text, dates: this.yearLast },
    );
  }
}
