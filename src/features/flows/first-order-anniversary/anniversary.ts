import { dayFromYmd, ymdFromDay } from '../../../analytics/day.js';
import { birthdayIn, candidateSendDays } from '../birthday/birthday.js';
import { type CouponGiftSettings, type FlowGift, readCouponGift } from '../engine/flow-gift.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { inWindow, sendAtOnDay } from '../engine/flow-time.js';

/**
 * First-order anniversary (micro-moment 6): N full years (N >= 1) after the customer's
 * first purchase day, a thank-you with what they have bought since and a coupon, at `sendHour` in
 * the customer's own zone. A first order on 29 February is remembered on 28 February in other years.
 */
export interface AnniversarySettings {
  readonly sendHour: number;
  readonly gift: CouponGiftSettings;
}

export const DEFAULT_ANNIVERSARY_COUPON: CouponGiftSettings = {
  type: 'percent',
  value: 10,
  currency: null,
  minSubtotalMinor: 0,
  validDays: 30,
  prefix: 'THANKYOU',
};

/** The first year the candidate list goes back to (the oldest order histories start in the 1990s). */
const FIRST_YEAR = 1970;

export function parseAnniversarySettings(raw: Readonly<Record<string, unknown>>, where: string): AnniversarySettings {
  const reader = new SettingsReader(raw, where);
  const sendHour = reader.number('sendHour', 10, 0, 23, { integer: true });
  const gift = readCouponGift(reader, 'gift', DEFAULT_ANNIVERSARY_COUPON);
  reader.done();
  return { sendHour, gift };
}

export function anniversaryGift(settings: AnniversarySettings): FlowGift {
  return { kind: 'coupon', dataKey: 'gift', coupon: settings.gift };
}

/**
 * The first-purchase days whose anniversary may be due in the window: for every candidate send
 * day, the same month and day in each earlier year (29 February too when the send day is 28
 * February of a year without one). The query keeps the customers whose first purchase is one of them.
 */
export function anniversaryFirstDays(window: { readonly from: string; readonly to: string }): number[] {
  const days = new Set<number>();
  for (const send of candidateSendDays(window)) {
    const ymd = ymdFromDay(send);
    const year = Number(ymd.slice(0, 4));
    const month = Number(ymd.slice(5, 7));
    const day = Number(ymd.slice(8, 10));
    const leapless = month === 2 && day === 28 && Number.isNaN(dayFromYmd(year, 2, 29));
    for (let y = FIRST_YEAR; y < year; y++) {
      days.add(dayFromYmd(y, month, day));
      const leapDay = dayFromYmd(y, 2, 29);
      if (leapless && !Number.isNaN(leapDay)) days.add(leapDay);
    }
  }
  return [...days].filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
}

export interface AnniversaryDue {
  readonly sendAt: string;
  /** Full years since the first purchase day (the trigger: 'year:<N>'). */
  readonly years: number;
  readonly anniversaryDay: number;
}

/** When the anniversary of a first purchase on `firstDay` goes out in the window, or null. */
export function anniversaryDue(
  firstDay: number,
  timeZone: string,
  window: { readonly from: string; readonly to: string },
  sendHour: number,
): AnniversaryDue | null {
  const first = ymdFromDay(firstDay);
  const firstYear = Number(first.slice(0, 4));
  for (const send of candidateSendDays(window)) {
    const year = Number(ymdFromDay(send).slice(0, 4));
    const years = year - firstYear;
    if (years < 1 || birthdayIn(year, Number(first.slice(5, 7)), Number(first.slice(8, 10))) !== send) continue;
    const sendAt = sendAtOnDay(send, timeZone, sendHour);
    if (inWindow(sendAt, window)) return { sendAt, years, anniversaryDay: send };
  }
  return null;
}

/** A line of a purchase, for the favourite. */
export interface PurchasedLine {
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
}

/**
 * The most bought product: by units, a product being its SKU (or its title without one), shown by
 * the title of its latest line (lines come oldest first); ties go to the product bought first.
 * Null when the orders carry no lines.
 */
export function favouriteTitle(lines: readonly PurchasedLine[]): string | null {
  const units = new Map<string, { units: number; title: string; first: number }>();
  lines.forEach((line, index) => {
    const key = line.sku ?? `title:${line.title}`;
    const seen = units.get(key);
    if (seen) {
      seen.units += line.quantity;
      seen.title = line.title;
    } else units.set(key, { units: line.quantity, title: line.title, first: index });
  });
  let best: { units: number; title: string; first: number } | null = null;
  for (const product of units.values())
    if (best === null || product.units > best.units || (product.units === best.units && product.first < best.first))
      best = product;
  return best?.title ?? null;
}

/** "first order on 2025-03-01, 1 year ago; 4 orders since, most often House blend" */
export function anniversaryReason(
  firstDay: number,
  due: AnniversaryDue,
  orders: number,
  favourite: string | null,
): string {
  const span = `${due.years} year${due.years === 1 ? '' : 's'} ago`;
  const bought = `${orders} order${orders === 1 ? '' : 's'} so far${favourite === null ? '' : `, most bought ${favourite}`}`;
  return `first order on ${ymdFromDay(firstDay)}, ${span}; ${bought}`;
}
