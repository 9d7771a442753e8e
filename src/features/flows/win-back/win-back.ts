import { type BgNbdParams, bgNbdPAlive } from '../../../analytics/models/bg-nbd.js';
import { median } from '../replenishment/replenishment-due.js';
import { type CouponGiftSettings, readCouponGift } from '../engine/flow-gift.js';
import { SettingsReader } from '../engine/flow-settings.js';

/**
 * Win-back (flow 4): a customer whose cadence clearly drops gets a single-use coupon,
 * and a second reminder of it when there is still no order. The lapse is decided on the day it
 * happens, with no state: P(alive) only falls while no purchase comes, and the days since the last
 * purchase only grow, so the first day either condition holds (the crossing day) follows from the
 * purchase history alone. A new purchase is a new history, with its own crossing day.
 */

export interface WinBackSettings {
  /** Lapsed once the BG/NBD P(alive) falls below this (needs the store's fitted model). */
  readonly pAliveBelow: number;
  /** Lapsed once the days since the last purchase exceed this many times the customer's mean gap. */
  readonly cadenceMultiple: number;
  /** For one-time buyers: lapsed after this many days; null: 2 x the store's median first-to-second gap, else 90. */
  readonly oneTimeBuyerDays: number | null;
  readonly sendHour: number;
  readonly coupon: CouponGiftSettings;
  readonly secondStep: boolean;
  readonly secondStepDays: number;
  /** Customers whose last purchase is older than this on the crossing day are a campaign's job. */
  readonly maxLapsedDays: number;
}

export const DEFAULT_WIN_BACK_COUPON: CouponGiftSettings = {
  type: 'percent',
  value: 15,
  currency: null,
  minSubtotalMinor: 0,
  validDays: 30,
  prefix: 'COMEBACK',
};
export const COUPON_DATA_KEY = 'coupon';
export const FALLBACK_ONE_TIME_BUYER_DAYS = 90;

export const DEFAULT_WIN_BACK_SETTINGS: WinBackSettings = {
  pAliveBelow: 0.3,
  cadenceMultiple: 2,
  oneTimeBuyerDays: null,
  sendHour: 10,
  coupon: DEFAULT_WIN_BACK_COUPON,
  secondStep: true,
  secondStepDays: 14,
  maxLapsedDays: 730,
};

export function parseWinBackSettings(raw: Readonly<Record<string, unknown>>, where: string): WinBackSettings {
  const r = new SettingsReader(raw, where);
  const d = DEFAULT_WIN_BACK_SETTINGS;
  const settings: WinBackSettings = {
    pAliveBelow: r.number('pAliveBelow', d.pAliveBelow, 0.01, 0.99),
    cadenceMultiple: r.number('cadenceMultiple', d.cadenceMultiple, 1, 20),
    oneTimeBuyerDays: r.nullableNumber('oneTimeBuyerDays', d.oneTimeBuyerDays, 1, 3650, { integer: true }),
    sendHour: r.number('sendHour', d.sendHour, 0, 23, { integer: true }),
    coupon: readCouponGift(r, 'coupon', d.coupon),
    secondStep: r.boolean('secondStep', d.secondStep),
    secondStepDays: r.number('secondStepDays', d.secondStepDays, 1, 365, { integer: true }),
    maxLapsedDays: r.number('maxLapsedDays', d.maxLapsedDays, 1, 36500, { integer: true }),
  };
  r.done();
  return settings;
}

/** A customer's purchases as of the planning window's end, in day numbers. */
export interface PurchaseHistory {
  readonly customerId: string;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Distinct days with a purchase (several orders on a day are one purchase). */
  readonly purchaseDays: number;
}

export type LapseCause =
  | { readonly kind: 'cadence'; readonly meanGapDays: number; readonly daysSince: number }
  | { readonly kind: 'one-time'; readonly thresholdDays: number; readonly daysSince: number }
  | { readonly kind: 'p-alive'; readonly pAlive: number; readonly threshold: number };

export interface Lapse {
  readonly customerId: string;
  /** The trigger: the purchase whose lapse this is. */
  readonly lastDay: number;
  /** The first day the cadence has clearly dropped: step 1's day. */
  readonly crossingDay: number;
  readonly cause: LapseCause;
}

/** 2 x the store's median gap between first and second purchase days, else 90 (no repeat customer yet). */
export function defaultOneTimeBuyerDays(firstToSecondGaps: readonly number[]): number {
  return firstToSecondGaps.length === 0 ? FALLBACK_ONE_TIME_BUYER_DAYS : Math.round(2 * median(firstToSecondGaps));
}

/** BG/NBD P(alive) of the history as of `day` (weeks, as the store's model is fitted: customer-metrics). */
export function pAliveOn(params: BgNbdParams, h: PurchaseHistory, day: number): number {
  const x = Float64Array.of(h.purchaseDays - 1);
  return bgNbdPAlive(params, {
    x,
    tx: Float64Array.of((h.lastDay - h.firstDay) / 7),
    T: Float64Array.of((day - h.firstDay) / 7),
  })[0];
}

/**
 * The first day after the last purchase on which P(alive) is below `threshold`, or null (a
 * one-time buyer's P(alive) is 1 under BG/NBD). P(alive) = 1 / (1 + e^d) with
 * d = ln a - ln(b + x - 1) + (r + x) ln((alpha + T) / (alpha + tx)) (Fader, Hardie & Lee 2008,
 * "Computing P(alive) using the BG/NBD model"), increasing in T: solved for T, then pinned down
 * with bgNbdPAlive itself (a short bisection) so rounding cannot move the day.
 */
export function pAliveCrossingDay(params: BgNbdParams, h: PurchaseHistory, threshold: number): number | null {
  const x = h.purchaseDays - 1;
  if (x <= 0) return null;
  const { r, alpha, a, b } = params;
  const tx = (h.lastDay - h.firstDay) / 7;
  const bound = Math.log(1 / threshold - 1);
  const weeks = (alpha + tx) * Math.exp((bound - Math.log(a) + Math.log(b + x - 1)) / (r + x)) - alpha;
  if (!Number.isFinite(weeks)) return null;
  const below = (day: number) => pAliveOn(params, h, day) < threshold;
  let lo = h.lastDay + 1;
  if (below(lo)) return lo;
  // The smallest day below the threshold lies in (lo, hi]: start from the solved day, widen if rounding fell short.
  let hi = Math.max(lo + 1, Math.floor(h.firstDay + 7 * weeks) + 1);
  for (let step = 1; !below(hi); step *= 2) {
    if (step > 1 << 20) return null;
    lo = hi;
    hi += step;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (below(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * When the customer's cadence clearly drops: the earlier of the P(alive) crossing (with a model)
 * and the day the days since the last purchase exceed `cadenceMultiple` x their mean gap (or the
 * one-time buyer's threshold). Null when the crossing comes later than `maxLapsedDays` after the
 * last purchase.
 */
export function lapseOf(
  h: PurchaseHistory,
  model: BgNbdParams | null,
  settings: Pick<WinBackSettings, 'pAliveBelow' | 'cadenceMultiple' | 'maxLapsedDays'> & {
    readonly oneTimeBuyerDays: number;
  },
): Lapse | null {
  let cause: LapseCause;
  let crossingDay: number;
  if (h.purchaseDays >= 2) {
    const meanGapDays = (h.lastDay - h.firstDay) / (h.purchaseDays - 1);
    // Days since > k x mean: the first whole day past it.
    crossingDay = h.lastDay + Math.floor(settings.cadenceMultiple * meanGapDays) + 1;
    cause = { kind: 'cadence', meanGapDays, daysSince: crossingDay - h.lastDay };
  } else {
    crossingDay = h.lastDay + Math.floor(settings.oneTimeBuyerDays) + 1;
    cause = { kind: 'one-time', thresholdDays: settings.oneTimeBuyerDays, daysSince: crossingDay - h.lastDay };
  }
  if (model !== null) {
    const day = pAliveCrossingDay(model, h, settings.pAliveBelow);
    // On the same day the cadence is the plainer sentence.
    if (day !== null && day < crossingDay) {
      crossingDay = day;
      cause = { kind: 'p-alive', pAlive: pAliveOn(model, h, day), threshold: settings.pAliveBelow };
    }
  }
  if (crossingDay - h.lastDay > settings.maxLapsedDays) return null;
  return { customerId: h.customerId, lastDay: h.lastDay, crossingDay, cause };
}

export type WinBackStep = 1 | 2;

/** The steps of this lapse that send on one of `days`: step 1 on the crossing day, step 2 `secondStepDays` later. */
export function stepsOn(
  lapse: Lapse,
  days: ReadonlySet<number>,
  settings: Pick<WinBackSettings, 'secondStep' | 'secondStepDays'>,
): { step: WinBackStep; day: number }[] {
  const steps: { step: WinBackStep; day: number }[] = [];
  if (days.has(lapse.crossingDay)) steps.push({ step: 1, day: lapse.crossingDay });
  const second = lapse.crossingDay + settings.secondStepDays;
  if (settings.secondStep && days.has(second)) steps.push({ step: 2, day: second });
  return steps;
}

/** 'lapse:2026-01-15:step-1': one per purchase that lapsed and step. */
export function winBackTriggerKey(lastDay: number, step: WinBackStep, isoDay: (day: number) => string): string {
  return `lapse:${isoDay(lastDay)}:step-${step}`;
}

function days(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** "usually orders every 21 days; 45 days since the last order on 2026-01-15". */
export function lapseReason(lapse: Lapse, step: WinBackStep, isoDay: (day: number) => string): string {
  const c = lapse.cause;
  const last = isoDay(lapse.lastDay);
  const why =
    c.kind === 'cadence'
      ? `usually orders every ${days(c.meanGapDays)} days; ${c.daysSince} days since the last order on ${last}`
      : c.kind === 'one-time'
        ? `ordered once; ${c.daysSince} days since that order on ${last} (one-time buyers lapse after ${days(c.thresholdDays)} days)`
        : `P(alive) fell to ${c.pAlive.toFixed(2)} (below ${c.threshold.toFixed(2)}); last order on ${last}`;
  return step === 1 ? why : `no order since step 1 on ${isoDay(lapse.crossingDay)}; ${why}`;
}
