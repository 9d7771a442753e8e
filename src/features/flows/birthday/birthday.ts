import { dayFromYmd, ymdFromDay } from '../../../analytics/day.js';
import { type CouponGiftSettings, type FlowGift, readCouponGift } from '../engine/flow-gift.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { dayOfInstant, inWindow, sendAtOnDay } from '../engine/flow-time.js';

/**
 * Birthday (micro-moment 6): a greeting with a gift on the customer's birthday (or
 * `daysBefore` days ahead of it) at `sendHour` in the customer's own time zone. A 29 February
 * birthday is kept on 28 February in other years, the day most people born then celebrate.
 */
export type BirthdayGiftSettings =
  | { readonly type: 'points'; readonly action: string }
  | { readonly type: 'coupon'; readonly coupon: CouponGiftSettings };

export interface BirthdaySettings {
  readonly daysBefore: number;
  readonly sendHour: number;
  readonly gift: BirthdayGiftSettings;
}

export const DEFAULT_BIRTHDAY_COUPON: CouponGiftSettings = {
  type: 'percent',
  value: 10,
  currency: null,
  minSubtotalMinor: 0,
  validDays: 30,
  prefix: 'BDAY',
};
const ACTION = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function parseBirthdaySettings(raw: Readonly<Record<string, unknown>>, where: string): BirthdaySettings {
  const reader = new SettingsReader(raw, where);
  const daysBefore = reader.number('daysBefore', 0, 0, 30, { integer: true });
  const sendHour = reader.number('sendHour', 9, 0, 23, { integer: true });
  const gift = readBirthdayGift(reader, raw.gift);
  reader.done();
  return { daysBefore, sendHour, gift };
}

/** `gift`: { type: 'points', action? } (the loyalty program's action, default 'birthday') or a coupon (flow-gift.ts). */
function readBirthdayGift(reader: SettingsReader, raw: unknown): BirthdayGiftSettings {
  if (raw !== null && typeof raw === 'object' && (raw as Record<string, unknown>).type === 'points') {
    const nested = reader.object('gift')!;
    nested.oneOf('type', 'points', ['points'] as const);
    const action = nested.string('action', 'birthday', ACTION, "a loyalty action name such as 'birthday'");
    nested.done();
    return { type: 'points', action };
  }
  return { type: 'coupon', coupon: readCouponGift(reader, 'gift', DEFAULT_BIRTHDAY_COUPON) };
}

/** The gift of one birthday: points once per year (key 'birthday:<YYYY>'), or a coupon. */
export function birthdayGift(settings: BirthdaySettings, year: number): FlowGift {
  if (settings.gift.type === 'points')
    return { kind: 'points', dataKey: 'gift', action: settings.gift.action, key: `birthday:${year}` };
  return { kind: 'coupon', dataKey: 'gift', coupon: settings.gift.coupon };
}

/** 'MM-DD' of a stored birthday ('YYYY-MM-DD', or '--MM-DD' without a year); null when unreadable. */
export function birthdayMonthDay(birthday: string): { month: number; day: number; year: number | null } | null {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday.trim());
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Checked against a leap year, so 02-29 is a valid birthday.
  if (Number.isNaN(dayFromYmd(2000, month, day))) return null;
  return { month, day, year: m[1] === '-' ? null : Number(m[1]) };
}

/** The day a birthday is kept in a year: 29 February on 28 February outside leap years. */
export function birthdayIn(year: number, month: number, day: number): number {
  const exact = dayFromYmd(year, month, day);
  return Number.isNaN(exact) ? dayFromYmd(year, 2, 28) : exact;
}

/** The calendar days whose local send instant may fall in the window in some zone (UTC-12 to UTC+14). */
export function candidateSendDays(window: { readonly from: string; readonly to: string }): number[] {
  const days: number[] = [];
  for (let day = dayOfInstant(window.from) - 1; day <= dayOfInstant(window.to) + 1; day++) days.push(day);
  return days;
}

/**
 * The 'MM-DD' texts of the birthdays that may be due in the window: the query's filter, so only
 * those customers are read. '02-29' joins '02-28' in years without one.
 */
export function birthdayMonthDays(
  window: { readonly from: string; readonly to: string },
  daysBefore: number,
): string[] {
  const texts = new Set<string>();
  for (const send of candidateSendDays(window)) {
    const ymd = ymdFromDay(send + daysBefore);
    const monthDay = ymd.slice(5);
    texts.add(monthDay);
    if (monthDay === '02-28' && Number.isNaN(dayFromYmd(Number(ymd.slice(0, 4)), 2, 29))) texts.add('02-29');
  }
  return [...texts].sort();
}

export interface BirthdayDue {
  readonly sendAt: string;
  /** The year of the birthday being celebrated (the trigger: once a year). */
  readonly year: number;
  /** The day it is kept on. */
  readonly birthdayDay: number;
}

/** When this customer's birthday message goes out in the window, or null. */
export function birthdayDue(
  birthday: string,
  timeZone: string,
  window: { readonly from: string; readonly to: string },
  settings: Pick<BirthdaySettings, 'daysBefore' | 'sendHour'>,
): BirthdayDue | null {
  const parsed = birthdayMonthDay(birthday);
  if (parsed === null) return null;
  for (const send of candidateSendDays(window)) {
    const birthdayDay = send + settings.daysBefore;
    const year = Number(ymdFromDay(birthdayDay).slice(0, 4));
    if (birthdayIn(year, parsed.month, parsed.day) !== birthdayDay) continue;
    // Not yet born that year (a wrong year of birth, or a test profile): nothing to celebrate.
    if (parsed.year !== null && parsed.year >= year) continue;
    const sendAt = sendAtOnDay(send, timeZone, settings.sendHour);
    if (inWindow(sendAt, window)) return { sendAt, year, birthdayDay };
  }
  return null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "birthday on 1 March (born 29 February, kept on the 28th this year); sent at 09:00 Europe/Paris, 2 days before" */
export function birthdayReason(
  birthday: string,
  due: BirthdayDue,
  timeZone: string,
  settings: Pick<BirthdaySettings, 'daysBefore' | 'sendHour'>,
): string {
  const parsed = birthdayMonthDay(birthday)!;
  const kept = ymdFromDay(due.birthdayDay);
  const keptText = `${Number(kept.slice(8))} ${MONTHS[Number(kept.slice(5, 7)) - 1]} ${kept.slice(0, 4)}`;
  const leap =
    parsed.month === 2 && parsed.day === 29 && kept.slice(5) === '02-28'
      ? ' (born on 29 February, kept on the 28th this year)'
      : '';
  const before =
    settings.daysBefore === 0 ? '' : `, ${settings.daysBefore} day${settings.daysBefore === 1 ? '' : 's'} ahead`;
  return `birthday on ${keptText}${leap}; sent at ${String(settings.sendHour).padStart(2, '0')}:00 ${timeZone}${before}`;
}
