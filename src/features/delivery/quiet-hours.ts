import { isIanaTimeZone } from '../../platform/time-zone.js';

/**
 * Quiet hours in the customer's own time zone: no marketing message between `start` and `end`
 * local time (21:00-08:00 wraps over midnight). Time zones are IANA names evaluated with Intl, so
 * daylight-saving changes follow the zone's own rules (the tz database Node ships).
 */
export interface QuietHours {
  /** 'HH:MM', local time. */
  readonly start: string;
  /** 'HH:MM', local time; before start when the quiet hours span midnight. */
  readonly end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = Object.freeze({ start: '21:00', end: '08:00' });

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Minutes after midnight of an 'HH:MM', or null when it is not one. */
export function minutesOfDay(text: string): number | null {
  const match = HHMM.exec(text);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone a customer's messages are timed in: their own, else the store's, else UTC (invalid names are skipped). */
export function resolveTimeZone(customerZone: string | null | undefined, storeZone: string | null | undefined): string {
  if (customerZone && isIanaTimeZone(customerZone)) return customerZone;
  if (storeZone && isIanaTimeZone(storeZone)) return storeZone;
  return 'UTC';
}

/** The wall-clock time at an instant in a zone, as milliseconds of a UTC date with the same fields. */
function wallClock(utcMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds: Intl shows no milliseconds). */
function offsetAt(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/**
 * The instant a wall-clock time names in a zone, with the disambiguation Temporal calls
 * 'compatible' (and JavaScript's Date uses): a time that occurs twice (the autumn change) is the
 * earlier one; a time skipped by the spring change is moved later by the length of the gap, so
 * 02:30 on the night New York goes from 02:00 to 03:00 is 03:30 daylight time.
 */
export function instantOfWallClock(wallMs: number, timeZone: string): number {
  // Transitions are months apart, so the offsets a day before and after are the only candidates.
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const valid = [before, after]
    .map((offset) => wallMs - offset)
    .filter((candidate) => offsetAt(candidate, timeZone) === wallMs - candidate);
  if (valid.length > 0) return Math.min(...valid);
  return wallMs - before;
}

/**
 * When the quiet hours around `at` end, as an ISO instant, or null when `at` is outside them (or
 * there are none). Start equal to end means no quiet hours.
 */
export function quietHoursEnd(at: string, timeZone: string, quiet: QuietHours | null): string | null {
  if (quiet === null) return null;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === null || end === null || start === end) return null;
  const atMs = Date.parse(at);
  const wall = wallClock(atMs, timeZone);
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  const minute = Math.floor((wall - midnight) / MINUTE_MS);
  let endDay: number;
  if (start < end) {
    if (minute < start || minute >= end) return null;
    endDay = midnight;
  } else {
    if (minute >= start) endDay = midnight + DAY_MS;
    else if (minute < end) endDay = midnight;
    else return null;
  }
  const endMs = instantOfWallClock(endDay + end * MINUTE_MS, timeZone);
  // A gap that swallows the end time can only move it later, never back into the past.
  return new Date(Math.max(endMs, atMs)).toISOString();
}
