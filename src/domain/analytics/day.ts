/**
 * Calendar days as integers (days since 1970-01-01), the unit every analytics function uses.
 * Pure arithmetic on the proleptic Gregorian calendar, so no time zone can shift a day.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date; month is 1-12. Returns NaN for an impossible date. */
export function dayFromYmd(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return Number.NaN;
  return Math.floor(ms / MS_PER_DAY);
}

/** 'YYYY-MM-DD' of a day number. */
export function ymdFromDay(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses 'YYYY-MM-DD' strictly; NaN when it is not a real date. */
export function dayFromIso(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Calendar month index (year * 12 + month0) of a day number, for cohorts. */
export function monthIndexOfDay(dayNumber: number): number {
  const d = new Date(dayNumber * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** 'YYYY-MM' label of a month index. */
export function monthLabel(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
