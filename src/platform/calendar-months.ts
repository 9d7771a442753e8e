/**
 * Calendar-month arithmetic for billing periods and delivery schedules, in UTC (stores keep no time
 * zone yet). A month later is the same day of the month, clamped to the month's last day when the
 * month is shorter: Jan 31 + 1 month = Feb 29 in a leap year, Feb 28 otherwise.
 *
 * Schedules always count from their anchor (anchor + k months), never from the previous date, so a
 * clamp does not stick: a plan started Jan 31 renews Feb 29, Mar 31, Apr 30, May 31 (chained addition
 * would drift to the 29th for ever).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, monthIndex: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function shift(
  year: number,
  monthIndex: number,
  day: number,
  months: number,
): { year: number; monthIndex: number; day: number } {
  const total = year * 12 + monthIndex + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  return { year: y, monthIndex: m, day: Math.min(day, daysInMonth(y, m)) };
}

function checkMonths(months: number): void {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be a whole number, not ${months}`);
}

/** A UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ) plus whole calendar months, same time of day, day clamped. */
export function addMonthsToInstant(instant: string, months: number): string {
  checkMonths(months);
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${instant}`);
  const { year, monthIndex, day } = shift(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), months);
  const shifted = new Date(at.getTime());
  // setUTCFullYear with all three parts at once, so a day that does not exist in an intermediate month cannot roll over.
  shifted.setUTCFullYear(year, monthIndex, day);
  return shifted.toISOString();
}

/** A calendar date (YYYY-MM-DD) plus whole calendar months, day clamped to the month's end. */
export function addMonthsToDate(date: string, months: number): string {
  checkMonths(months);
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const { year, monthIndex, day } = shift(Number(match[1]), Number(match[2]) - 1, Number(match[3]), months);
  return `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A UTC instant minus whole days of 24 hours (UTC has no daylight saving, so a day is 86,400 s). */
export function subtractDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) - days * 86_400_000).toISOString();
}

/** Whether text is a real calendar date YYYY-MM-DD (not Feb 30). */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE.exec(text);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month - 1);
}

/** The UTC calendar date of an instant. */
export function utcDateOf(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}
