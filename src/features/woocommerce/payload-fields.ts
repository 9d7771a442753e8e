import { dayFromYmd } from '../../analytics/day.js';
import { RegularsError } from '../../platform/errors.js';
import { isCurrencyCode, minorUnitDigits } from '../../platform/currency-codes.js';

/**
 * Readers for the fields of a WooCommerce REST v3 resource (an order or a customer, as webhooks and
 * the REST API send them). Each takes the field's JSON Pointer (RFC 6901), e.g.
 * '/line_items/0/total', and refuses a wrong value with VALIDATION_FAILED and that path, which the
 * server answers as 400 with details.path and the backfill reports with the order's id.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function invalid(path: string, message: string): RegularsError {
  return new RegularsError('VALIDATION_FAILED', `${path || 'the payload'}: ${message}`, { path });
}

/** The pointer to a member or element (RFC 6901 escapes '~' and '/'). */
export function child(path: string, key: string | number): string {
  return `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(path, `expected an object, found ${describe(value)}`);
  return value as JsonObject;
}

export function optionalObject(value: unknown, path: string): JsonObject | null {
  return value === null || value === undefined ? null : object(value, path);
}

/** An array; null or absent reads as empty. */
export function array(value: unknown, path: string): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(path, `expected an array, found ${describe(value)}`);
  return value;
}

/** A WooCommerce id (a WordPress post or user id) as text; 0 is allowed (a guest's customer_id). */
export function id(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  throw invalid(path, `expected a numeric id, found ${describe(value)}`);
}

/** A string, trimmed; null when null, absent or blank (WooCommerce writes "" for an empty field). */
export function optionalString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid(path, `expected a string, found ${describe(value)}`);
  const text = value.trim();
  return text === '' ? null : text;
}

export function integer(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw invalid(path, `expected an integer of at least ${min}, found ${describe(value)}`);
  return value;
}

export function currency(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === null || !isCurrencyCode(text))
    throw invalid(path, `expected an ISO 4217 currency code in use such as USD, found ${describe(value)}`);
  return text;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A signed amount in integer minor units of the currency, from WooCommerce's decimal text ("29.35",
 * a refund's "-10.00") without floating point: the digits are shifted, never multiplied, so "0.29"
 * is 29 cents exactly. The store's decimal setting may write more decimals than the currency has
 * ("1200.00" yen); they must be zeros ("1200.5" yen is refused rather than rounded). A JSON number
 * is read through its shortest round-trip text, which is the literal that was sent.
 */
export function signedMinorUnits(value: unknown, currencyCode: string, path: string): number {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : null;
  const m = text === null ? null : DECIMAL.exec(text);
  if (text === null || m === null) throw invalid(path, `expected an amount such as "29.35", found ${describe(value)}`);
  const [, sign, whole, fraction = ''] = m;
  const digits = minorUnitDigits(currencyCode);
  if (/[1-9]/.test(fraction.slice(digits)))
    throw invalid(path, `${text} has more decimals than ${currencyCode} has (${digits === 0 ? 'none' : digits})`);
  const minor = Number(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw invalid(path, `${text} is too large to be exact`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** An amount of zero or more in minor units ("-0.00", which computed totals can hold, is zero). */
export function minorUnits(value: unknown, currencyCode: string, path: string): number {
  const minor = signedMinorUnits(value, currencyCode, path);
  if (minor < 0) throw invalid(path, `expected an amount of zero or more, found ${describe(value)}`);
  return minor;
}

export function optionalMinorUnits(value: unknown, currencyCode: string, path: string): number | null {
  return value === null || value === undefined || value === '' ? null : minorUnits(value, currencyCode, path);
}

/** WooCommerce's date-time: ISO 8601 without an offset ("2017-03-22T16:28:02"), local or GMT by field. */
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Milliseconds since the epoch of a naive date-time read as UTC; NaN when it is not a real one. */
function naiveMs(text: string): number {
  const m = NAIVE.exec(text);
  if (!m) return Number.NaN;
  const day = dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (Number.isNaN(day) || h > 23 || min > 59 || s > 59) return Number.NaN;
  return ((day * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

export function optionalNaiveDateTime(value: unknown, path: string): string | null {
  const text = optionalString(value, path);
  if (text === null) return null;
  if (Number.isNaN(naiveMs(text)))
    throw invalid(path, `expected a date-time such as 2017-03-22T16:28:02, found ${describe(value)}`);
  return text;
}

/** The UTC instant of a GMT field ("2017-03-22T19:28:08" -> "2017-03-22T19:28:08.000Z"). */
export function gmtInstant(gmt: string): string {
  return new Date(naiveMs(gmt)).toISOString();
}

/**
 * The store-local time with its offset, from a pair of fields WooCommerce writes twice (local and
 * GMT): 2017-03-22T16:28:02 local and 19:28:02 GMT is 2017-03-22T16:28:02-03:00. The local text is
 * kept as written, so the day is the store's calendar date (architecture.md, "Days"). Without the
 * GMT twin the local time stays naive, as the conventions allow.
 */
export function localWithOffset(local: string, gmt: string | null): string {
  if (gmt === null) return local;
  const minutes = Math.round((naiveMs(local) - naiveMs(gmt)) / 60_000);
  // Real offsets lie within -12:00 and +14:00; anything else is two unrelated times.
  if (minutes < -12 * 60 || minutes > 14 * 60) return local;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** The calendar day of a date-time's own date part. */
export function dayOf(text: string): number {
  return dayFromYmd(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}
