/**
 * Calendar days as integers (days since 1970-01-01), the unit every analytics function uses.
 * Pure arithmetic on the proleptic Gregorian calendar, so no time zone can shift a day.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Day number of a calendar date (month 1-12); NaN for an impossible date such as 2023-02-29.
 * Howard Hinnant's days_from_civil: integer arithmetic only, several times faster than Date.UTC,
 * which matters when ten million rows each carry a date.
 */
export function dayFromYmd(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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

/**
 * Calendar month (year * 12 + month0, as `monthIndexOfDay`) of every day from `firstDay` to
 * `lastDay`, as a lookup table: hot loops then read an Int32Array instead of building a Date per
 * order. One Date per month is built, not one per day.
 */
export function monthOfDayTable(firstDay: number, lastDay: number): Int32Array {
  const table = new Int32Array(Math.max(0, lastDay - firstDay + 1));
  const lastMonth = monthIndexOfDay(lastDay);
  for (let m = monthIndexOfDay(firstDay); m <= lastMonth; m++) {
    const from = Math.max(firstDay, monthStartDay(m));
    const to = Math.min(lastDay, monthStartDay(m + 1) - 1);
    table.fill(m, from - firstDay, to - firstDay + 1);
  }
  return table;
}

/** Day number of the first day of a month index. */
export function monthStartDay(monthIndex: number): number {
  const year = Math.floor(monthIndex / 12);
  return dayFromYmd(year, monthIndex - year * 12 + 1, 1);
}
