import { dayFromIso } from '../../analytics/day.js';
import { RegularsError } from '../../platform/errors.js';
import { isCurrencyCode } from '../../platform/currency-codes.js';

/**
 * Loyalty tiers ("Tiers"): levels reached by a measure of the customer (spend or points,
 * over a rolling 12 months or a lifetime), each with perks. Upgrades apply at once; a customer keeps
 * a tier until the end of its period, when the measure at that instant decides. The period is
 * 12 months from reaching the tier (the anniversary), renewed for another 12 months when the customer
 * still qualifies. Pure: instants and measures arrive as arguments (docs/tiers.md).
 */

export const TIER_BASES = [
  'rolling_12_month_spend',
  'rolling_12_month_points',
  'lifetime_spend',
  'lifetime_points',
] as const;
export type TierBasis = (typeof TIER_BASES)[number];

/** Months a tier lasts before its period end re-checks it. */
export const TIER_PERIOD_MONTHS = 12;

export interface TierPerks {
  /** Multiplies the points an order earns (1 = no extra). */
  readonly earnMultiplier: number;
  readonly freeShipping: boolean;
  /** A whole percent off that members of the tier get on coupons made for them; null for none. */
  readonly memberCouponPercent: number | null;
  /** Perks from partners, described as text for the storefront to show. */
  readonly partnerPerks: readonly string[];
}

export interface TierLevel {
  readonly name: string;
  /** Minor units of the settings' currency for a spend basis, points for a points basis. */
  readonly threshold: number;
  readonly perks: TierPerks;
}

export interface TierSettings {
  readonly basis: TierBasis;
  /** The currency spend is counted in (orders in other currencies are left out); null for points. */
  readonly currency: string | null;
  /** Ordered by threshold, lowest first. */
  readonly levels: readonly TierLevel[];
}

/** A customer's tier as stored: no tier is { tier: null, since: null, periodEnd: null }. */
export interface TierState {
  readonly tier: string | null;
  /** When the customer reached (or was moved to) this tier: a UTC instant. */
  readonly since: string | null;
  /** When the tier is checked again (downgrade or renewal); null without a tier. */
  readonly periodEnd: string | null;
}

export const NO_TIER: TierState = { tier: null, since: null, periodEnd: null };

export interface TierChange {
  readonly from: string | null;
  readonly to: string | null;
  readonly direction: 'up' | 'down';
  /** The instant the change takes effect: now for an upgrade, the period end for a downgrade. */
  readonly at: string;
}

export interface TierEvaluation {
  readonly state: TierState;
  /** null when the tier stays (a renewal at period end changes only the state's dates). */
  readonly change: TierChange | null;
}

const MAX_LEVELS = 20;
const MAX_PERK_TEXT = 500;

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function rejectUnknown(value: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    // A typo ("treshold") must not be dropped silently.
    if (!known.includes(key))
      throw invalid(`${prefix}${key}`, `${prefix}${key} is not a tier setting; known: ${known.join(', ')}`);
  }
}

function parsePerks(value: unknown, at: string): TierPerks {
  if (value === undefined)
    return { earnMultiplier: 1, freeShipping: false, memberCouponPercent: null, partnerPerks: [] };
  if (!isObject(value)) throw invalid(at, `${at} must be an object`);
  rejectUnknown(value, ['earnMultiplier', 'freeShipping', 'memberCouponPercent', 'partnerPerks'], `${at}.`);
  const { earnMultiplier = 1, freeShipping = false, memberCouponPercent = null, partnerPerks = [] } = value;
  if (
    typeof earnMultiplier !== 'number' ||
    !Number.isFinite(earnMultiplier) ||
    earnMultiplier < 1 ||
    earnMultiplier > 100
  ) {
    throw invalid(
      `${at}.earnMultiplier`,
      `${at}.earnMultiplier must be a number from 1 to 100 (1.5 = half as many points again)`,
    );
  }
  if (typeof freeShipping !== 'boolean')
    throw invalid(`${at}.freeShipping`, `${at}.freeShipping must be true or false`);
  if (
    memberCouponPercent !== null &&
    (!Number.isInteger(memberCouponPercent) ||
      (memberCouponPercent as number) < 1 ||
      (memberCouponPercent as number) > 100)
  ) {
    throw invalid(
      `${at}.memberCouponPercent`,
      `${at}.memberCouponPercent must be a whole percent from 1 to 100, or null`,
    );
  }
  if (!Array.isArray(partnerPerks)) throw invalid(`${at}.partnerPerks`, `${at}.partnerPerks must be a list of texts`);
  partnerPerks.forEach((perk: unknown, i) => {
    if (typeof perk !== 'string' || perk.trim() === '' || perk.length > MAX_PERK_TEXT) {
      throw invalid(
        `${at}.partnerPerks[${i}]`,
        `${at}.partnerPerks[${i}] must be a non-empty text of at most ${MAX_PERK_TEXT} characters`,
      );
    }
  });
  return {
    earnMultiplier,
    freeShipping,
    memberCouponPercent: memberCouponPercent as number | null,
    partnerPerks: partnerPerks as string[],
  };
}

/**
 * The tier settings in a JSON document (PUT /v1/tiers, `regulars tiers set`, or as stored), or
 * INVALID_ARGUMENT naming the field (`levels[1].threshold`). Unknown fields are refused.
 */
export function parseTierSettings(value: unknown): TierSettings {
  if (!isObject(value)) throw invalid('', 'tier settings must be a JSON object with basis and levels');
  rejectUnknown(value, ['basis', 'currency', 'levels'], '');
  const { basis, currency = null, levels } = value;
  if (typeof basis !== 'string' || !(TIER_BASES as readonly string[]).includes(basis)) {
    throw invalid('basis', `basis must be one of ${TIER_BASES.join(', ')}`);
  }
  const bySpend = basis.endsWith('_spend');
  if (bySpend && !isCurrencyCode(currency)) {
    throw invalid(
      'currency',
      'a spend basis needs currency, an ISO 4217 code such as EUR: spend is counted in minor units of that currency',
    );
  }
  if (!bySpend && currency !== null)
    throw invalid('currency', 'currency applies only to a spend basis; leave it out for points');
  if (!Array.isArray(levels) || levels.length === 0 || levels.length > MAX_LEVELS) {
    throw invalid('levels', `levels must be a list of 1 to ${MAX_LEVELS} tiers, lowest threshold first`);
  }
  const names = new Set<string>();
  const parsed = levels.map((level: unknown, i): TierLevel => {
    const at = `levels[${i}]`;
    if (!isObject(level)) throw invalid(at, `${at} must be an object with name, threshold and perks`);
    rejectUnknown(level, ['name', 'threshold', 'perks'], `${at}.`);
    const { name, threshold, perks } = level;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 64 || name !== name.trim()) {
      throw invalid(`${at}.name`, `${at}.name must be 1 to 64 characters without surrounding spaces`);
    }
    if (names.has(name)) throw invalid(`${at}.name`, `${at}.name ${name} is used twice`);
    names.add(name);
    if (!Number.isSafeInteger(threshold) || (threshold as number) < 0) {
      throw invalid(
        `${at}.threshold`,
        `${at}.threshold must be a whole number, 0 or more (${bySpend ? 'minor units' : 'points'})`,
      );
    }
    return { name, threshold: threshold as number, perks: parsePerks(perks, `${at}.perks`) };
  });
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i].threshold <= parsed[i - 1].threshold) {
      throw invalid(
        `levels[${i}].threshold`,
        `levels[${i}].threshold must be above levels[${i - 1}].threshold (${parsed[i - 1].threshold}): list levels lowest first`,
      );
    }
  }
  return { basis: basis as TierBasis, currency: bySpend ? (currency as string) : null, levels: parsed };
}

export function isSpendBasis(basis: TierBasis): boolean {
  return basis === 'rolling_12_month_spend' || basis === 'lifetime_spend';
}

/** The index of the highest level the measure reaches, or -1 for none. */
export function qualifyingLevel(settings: TierSettings, measure: number): number {
  let found = -1;
  settings.levels.forEach((level, i) => {
    if (measure >= level.threshold) found = i;
  });
  return found;
}

/** The index of a tier by name, or -1 (no tier, or a name the settings no longer have). */
export function levelIndex(settings: TierSettings, tier: string | null): number {
  return tier === null ? -1 : settings.levels.findIndex((level) => level.name === tier);
}

/** The level above the one the measure reaches, and how much of the measure is missing for it. */
export function nextLevel(settings: TierSettings, measure: number): { level: TierLevel; missing: number } | null {
  const next = settings.levels[qualifyingLevel(settings, measure) + 1];
  return next === undefined ? null : { level: next, missing: next.threshold - measure };
}

/**
 * The same instant `months` calendar months later (or earlier), in UTC: the day of the month is
 * kept, or the month's last day when it has fewer (2024-02-29 + 12 months is 2025-02-28).
 */
export function addUtcMonths(instant: string, months: number): string {
  const date = new Date(Date.parse(instant));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  return new Date(shifted).toISOString();
}

/**
 * The calendar day (days since 1970-01-01) of an instant at UTC+14, the latest date anywhere.
 * Orders carry the store's own calendar day and stores keep no time zone yet, so a window measured
 * in days ends at the latest date any store can have written: an order placed "today" in any zone
 * is inside it.
 */
export function latestDayAt(instant: string): number {
  return dayFromIso(new Date(Date.parse(instant) + 14 * 3_600_000).toISOString().slice(0, 10));
}

/**
 * What the measure counts as of `at`. Rolling bases count the 12 months before `at`: ledger
 * entries posted after `at` minus 12 months and at or before `at`; orders whose day is after the
 * day of that start and at or before the day of `at` (both days by latestDayAt). Lifetime bases
 * have no start.
 */
export interface MeasureWindow {
  /** Exclusive lower bound for instants, null for lifetime. */
  readonly fromInstant: string | null;
  readonly toInstant: string;
  /** Exclusive lower bound for order days, null for lifetime. */
  readonly fromDay: number | null;
  readonly toDay: number;
}

export function measureWindow(basis: TierBasis, at: string): MeasureWindow {
  const rolling = basis === 'rolling_12_month_spend' || basis === 'rolling_12_month_points';
  const start = rolling ? addUtcMonths(at, -TIER_PERIOD_MONTHS) : null;
  return {
    fromInstant: start,
    toInstant: at,
    fromDay: start === null ? null : latestDayAt(start),
    toDay: latestDayAt(at),
  };
}

function tierAt(settings: TierSettings, index: number): string | null {
  return index < 0 ? null : settings.levels[index].name;
}

/**
 * The customer's tier after `now`, given their stored state and their measure:
 * - when `now` is at or after the state's period end, the period is settled: `measure` must be the
 *   measure at the period end (a late run passes now = periodEnd). A customer who still reaches
 *   their tier keeps it for another period (renewal, no change); one who reaches a higher level
 *   moves up; one who reaches less moves down to the level reached (or to no tier), from the period
 *   end. One millisecond before the period end nothing is settled.
 * - otherwise, a measure that reaches a higher level upgrades at once, with a new 12-month period
 *   from `now`; a lower measure changes nothing until the period end.
 * Apply it repeatedly while the returned state's period end is still at or before now (a job that
 * did not run for a year).
 */
export function evaluateTier(settings: TierSettings, state: TierState, measure: number, now: string): TierEvaluation {
  const current = levelIndex(settings, state.tier);
  const reached = qualifyingLevel(settings, measure);
  if (state.periodEnd !== null && now >= state.periodEnd) {
    const end = state.periodEnd;
    if (reached === current && current >= 0) {
      return { state: { ...state, periodEnd: addUtcMonths(end, TIER_PERIOD_MONTHS) }, change: null };
    }
    const to = tierAt(settings, reached);
    const settled: TierState =
      to === null ? NO_TIER : { tier: to, since: end, periodEnd: addUtcMonths(end, TIER_PERIOD_MONTHS) };
    if (to === state.tier) return { state: settled, change: null };
    return { state: settled, change: { from: state.tier, to, direction: reached > current ? 'up' : 'down', at: end } };
  }
  if (reached > current) {
    const to = tierAt(settings, reached) as string;
    return {
      state: { tier: to, since: now, periodEnd: addUtcMonths(now, TIER_PERIOD_MONTHS) },
      change: { from: state.tier, to, direction: 'up', at: now },
    };
  }
  return { state, change: null };
}
