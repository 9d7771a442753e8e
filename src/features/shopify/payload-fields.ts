import { dayFromYmd } from '../../analytics/day.js';
import { RegularsError } from '../../platform/errors.js';
import { isCurrencyCode, minorUnitDigits } from '../../platform/currency-codes.js';

/**
 * Readers for the fields of a Shopify webhook payload (already parsed by parseJsonLossless, so an
 * id past 15 digits is a string of digits). Each takes the field's JSON Pointer (RFC 6901), e.g.
 * '/line_items/0/price', and rejects a wrong value with VALIDATION_FAILED and that path, which the
 * server answers as 400 with details.path (docs/errors.md, "Server").
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

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalid(path, `expected an object, found ${describe(value)}`);
  return value;
}

/** An object, or null when the field is null or absent. */
export function optionalObject(value: unknown, path: string): JsonObject | null {
  return value === null || value === undefined ? null : object(value, path);
}

/** An array; null or absent reads as empty (Shopify omits empty lists in some API versions). */
export function array(value: unknown, path: string): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(path, `expected an array, found ${describe(value)}`);
  return value;
}

/**
 * A Shopify id as text: a number up to 15 digits (exact as a double) or the digits the lossless
 * parser kept as a string. Never a rounded number: 8.209829119461545e17 is refused.
 */
export function id(value: unknown, path: string): string {
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw invalid(path, `expected a numeric id, found ${describe(value)}`);
}

export function optionalId(value: unknown, path: string): string | null {
  return value === null || value === undefined ? null : id(value, path);
}

/** A string, trimmed; null when null, absent or blank. */
export function optionalString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid(path, `expected a string, found ${describe(value)}`);
  const text = value.trim();
  return text === '' ? null : text;
}

export function string(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === null) throw invalid(path, 'is required');
  return text;
}

export function optionalBoolean(value: unknown, path: string): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'boolean') throw invalid(path, `expected true or false, found ${describe(value)}`);
  return value;
}

export function integer(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw invalid(path, `expected an integer of at least ${min}, found ${describe(value)}`);
  return value;
}

/** ISO 8601 with a date, a time and an offset, as Shopify writes timestamps. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A timestamp exactly as written, checked: a real date and time with its UTC offset (without one,
 * the instant would depend on the server's zone).
 */
export function timestamp(value: unknown, path: string): string {
  const text = optionalTimestamp(value, path);
  if (text === null) throw invalid(path, 'is required');
  return text;
}

export function optionalTimestamp(value: unknown, path: string): string | null {
  const text = optionalString(value, path);
  if (text === null) return null;
  const m = TIMESTAMP.exec(text);
  if (!m || Number.isNaN(dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]))) || Number.isNaN(Date.parse(text))) {
    throw invalid(
      path,
      `expected an ISO 8601 timestamp with offset such as 2024-03-01T23:30:00-05:00, found ${describe(value)}`,
    );
  }
  return text;
}

/**
 * The calendar day a checked timestamp names in its own offset: '2024-03-01T23:30:00-05:00' is
 * 2024-03-01, though it is March 2 in UTC (architecture.md, "Days").
 */
export function dayOfTimestamp(text: string): number {
  return dayFromYmd(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/** The UTC instant of a checked timestamp, in the one format the store compares as text. */
export function utcInstant(text: string): string {
  return new Date(Date.parse(text)).toISOString();
}

export function currency(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === null || !isCurrencyCode(text))
    throw invalid(path, `expected an ISO 4217 currency code in use such as USD, found ${describe(value)}`);
  return text;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** An amount's decimal text ("199.00"), checked to be a number of zero or more. */
export function decimalAmount(value: unknown, path: string): string {
  // A JSON number is read through its shortest round-trip text, which is the literal Shopify wrote.
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : null;
  if (text !== null && DECIMAL.test(text)) return text;
  if (text !== null && /^-\d+(\.\d+)?$/.test(text)) {
    // Negative zero ("-0.00") turns up in computed amounts; it is zero.
    if (!/[1-9]/.test(text)) return text.slice(1);
    throw invalid(path, `expected an amount of zero or more, found ${describe(value)}`);
  }
  throw invalid(path, `expected an amount such as "199.00", found ${describe(value)}`);
}

/**
 * An amount in integer minor units of the currency, converted from its decimal text without
 * floating point ("0.29" is 29 cents, not 28.999...). Decimals beyond the currency's minor unit must
 * be zeros ("1200.00" yen is 1200; "1200.5" yen is refused rather than rounded).
 */
export function minorUnits(value: unknown, currencyCode: string, path: string): number {
  const text = decimalAmount(value, path);
  const [whole, fraction = ''] = text.split('.');
  const digits = minorUnitDigits(currencyCode);
  if (/[1-9]/.test(fraction.slice(digits))) {
    throw invalid(path, `${text} has more decimals than ${currencyCode} has (${digits === 0 ? 'none' : digits})`);
  }
  const minor = Number(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw invalid(path, `${text} is too large to be exact`);
  return minor;
}

export function optionalMinorUnits(value: unknown, currencyCode: string, path: string): number | null {
  return value === null || value === undefined ? null : minorUnits(value, currencyCode, path);
}
