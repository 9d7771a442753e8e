import { RegularsError } from '../../platform/errors.js';
import type { EarnRate } from './earn-rules.js';
import { isCurrencyCode } from '../../platform/currency-codes.js';

/**
 * A store's loyalty program: the rules its owner sets, stored as the store setting
 * 'loyalty' and read through parseLoyaltyProgram. A store without the setting has no program: no
 * points are earned, no action posts, nothing is redeemed (docs/loyalty.md, "Settings").
 */
export const LOYALTY_SETTING = 'loyalty';

/** Named actions with a built-in default limit; any other lower-case name is a custom action. */
export const BUILT_IN_ACTIONS = ['signup', 'newsletter', 'review', 'birthday'] as const;

export interface ActionRule {
  readonly points: number;
  /** How many times one customer may be rewarded (null: no limit). */
  readonly limit: number | null;
  /** 'ever' counts all the customer's postings; 'year' counts those of the same UTC calendar year. */
  readonly per: 'ever' | 'year';
}

export type Reward =
  | { readonly kind: 'amount'; readonly amountMinor: number }
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'free_shipping' }
  | { readonly kind: 'free_product'; readonly sku: string };

export interface RedemptionOption {
  /** How the storefront names the option in `POST /v1/loyalty/redeem`. */
  readonly id: string;
  /** Points it costs. */
  readonly points: number;
  readonly reward: Reward;
  /** The coupon applies from this cart subtotal (minor units of the program's currency); 0 for any. */
  readonly minSubtotalMinor: number;
  /** Days the coupon stays valid after the redemption; null for no end. */
  readonly validDays: number | null;
}

/** What `points` points are worth in money: `minor` minor units of the program's currency. */
export interface PointValue {
  readonly points: number;
  readonly minor: number;
}

export interface LoyaltyProgram {
  /** false pauses earning and actions; redemption and expiry of points already earned go on. */
  readonly enabled: boolean;
  /** ISO 4217: orders in another currency earn nothing; coupons and values are in this currency. */
  readonly currency: string;
  /** Orders placed before this UTC instant earn nothing (so importing history posts no points); null: all. */
  readonly startsAt: string | null;
  readonly earn: {
    readonly rate: EarnRate;
    readonly bySku: Readonly<Record<string, number>>;
    readonly byCategory: Readonly<Record<string, number>>;
  };
  /** An order's points stay pending this many days after it was placed. */
  readonly returnWindowDays: number;
  /** months null: points never expire. */
  readonly expiry: { readonly months: number | null; readonly warnDays: number };
  /** What points are worth, for the liability report and the first-order cashback; null when unknown. */
  readonly pointValue: PointValue | null;
  readonly actions: Readonly<Record<string, ActionRule>>;
  /** Percent of the first order given back as points (at pointValue); null for none. */
  readonly firstOrderCashback: { readonly percent: number } | null;
  readonly redemption: readonly RedemptionOption[];
}

export const DEFAULT_RETURN_WINDOW_DAYS = 30;
export const DEFAULT_EXPIRY = { months: 12, warnDays: 30 } as const;

const DEFAULT_LIMITS: Readonly<Record<(typeof BUILT_IN_ACTIONS)[number], Pick<ActionRule, 'limit' | 'per'>>> = {
  signup: { limit: 1, per: 'ever' },
  newsletter: { limit: 1, per: 'ever' },
  review: { limit: null, per: 'ever' },
  birthday: { limit: 1, per: 'year' },
};

const NAME = /^[a-z][a-z0-9_-]{0,63}$/;

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', `loyalty program: ${field}: ${message}`, { field });
}

type Json = Record<string, unknown>;

function object(value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(field, 'must be a JSON object');
  return value as Json;
}

/** Refuses fields the parser does not know: a typo ("retunWindowDays") must not be dropped silently. */
function onlyKnown(value: Json, known: readonly string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      throw invalid(field === '' ? key : `${field}.${key}`, `unknown field (known: ${known.join(', ')})`);
  }
}

function wholeNumber(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(
      field,
      `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function positiveNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw invalid(field, `must be a positive number, not ${JSON.stringify(value)}`);
  return value;
}

function multipliers(value: unknown, field: string): Record<string, number> {
  if (value === undefined) return {};
  const map = object(value, field);
  const out: Record<string, number> = {};
  for (const [key, m] of Object.entries(map)) out[key] = positiveNumber(m, `${field}.${key}`);
  return out;
}

function instant(value: unknown, field: string): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw invalid(
      field,
      `must be an ISO 8601 instant with offset, e.g. 2025-01-01T00:00:00Z, not ${JSON.stringify(value)}`,
    );
  }
  return new Date(Date.parse(value)).toISOString();
}

function rate(value: unknown, field: string): EarnRate {
  const r = object(value, field);
  onlyKnown(r, ['points', 'perMinor'], field);
  return {
    points: wholeNumber(r.points, `${field}.points`, 0),
    perMinor: wholeNumber(r.perMinor, `${field}.perMinor`, 1),
  };
}

function action(name: string, value: unknown, field: string): ActionRule {
  const a = object(value, field);
  onlyKnown(a, ['points', 'limit', 'per'], field);
  const defaults = (DEFAULT_LIMITS as Record<string, Pick<ActionRule, 'limit' | 'per'>>)[name] ?? {
    limit: null,
    per: 'ever',
  };
  const limit =
    a.limit === undefined ? defaults.limit : a.limit === null ? null : wholeNumber(a.limit, `${field}.limit`, 1);
  if (a.per !== undefined && a.per !== 'ever' && a.per !== 'year')
    throw invalid(`${field}.per`, `must be "ever" or "year", not ${JSON.stringify(a.per)}`);
  const per = (a.per as ActionRule['per'] | undefined) ?? defaults.per;
  return { points: wholeNumber(a.points, `${field}.points`, 1), limit, per };
}

function reward(value: unknown, field: string): Reward {
  const r = object(value, field);
  switch (r.kind) {
    case 'amount':
      onlyKnown(r, ['kind', 'amountMinor'], field);
      return { kind: 'amount', amountMinor: wholeNumber(r.amountMinor, `${field}.amountMinor`, 1) };
    case 'percent':
      onlyKnown(r, ['kind', 'percent'], field);
      return { kind: 'percent', percent: wholeNumber(r.percent, `${field}.percent`, 1, 100) };
    case 'free_shipping':
      onlyKnown(r, ['kind'], field);
      return { kind: 'free_shipping' };
    case 'free_product':
      onlyKnown(r, ['kind', 'sku'], field);
      if (typeof r.sku !== 'string' || r.sku.trim() === '')
        throw invalid(`${field}.sku`, 'a free product reward names the product by its SKU');
      return { kind: 'free_product', sku: r.sku };
    default:
      throw invalid(
        `${field}.kind`,
        `must be one of amount, percent, free_shipping, free_product, not ${JSON.stringify(r.kind)}`,
      );
  }
}

function redemptionOption(value: unknown, field: string): RedemptionOption {
  const o = object(value, field);
  onlyKnown(o, ['id', 'points', 'reward', 'minSubtotalMinor', 'validDays'], field);
  if (typeof o.id !== 'string' || !NAME.test(o.id))
    throw invalid(`${field}.id`, `must be 1-64 of a-z 0-9 _ - starting with a letter, not ${JSON.stringify(o.id)}`);
  return {
    id: o.id,
    points: wholeNumber(o.points, `${field}.points`, 1),
    reward: reward(o.reward, `${field}.reward`),
    minSubtotalMinor:
      o.minSubtotalMinor === undefined ? 0 : wholeNumber(o.minSubtotalMinor, `${field}.minSubtotalMinor`, 0),
    validDays:
      o.validDays === undefined || o.validDays === null
        ? null
        : wholeNumber(o.validDays, `${field}.validDays`, 1, 36_500),
  };
}

/**
 * The value of a point when the program does not say: the best rate among its amount-off rewards
 * (what a customer gets at most for a point), or null when it has none. The liability report values
 * points at this rate, so it never understates what the store owes.
 */
export function impliedPointValue(options: readonly RedemptionOption[]): PointValue | null {
  let best: PointValue | null = null;
  for (const o of options) {
    if (o.reward.kind !== 'amount') continue;
    const candidate = { points: o.points, minor: o.reward.amountMinor };
    if (best === null || candidate.minor * best.points > best.minor * candidate.points) best = candidate;
  }
  return best;
}

/**
 * The program a stored or submitted document describes, with defaults filled in; a bad field is
 * INVALID_ARGUMENT whose details.field is its path (`earn.rate.perMinor`, `redemption[1].reward.kind`).
 */
export function parseLoyaltyProgram(raw: unknown): LoyaltyProgram {
  const p = object(raw, 'program');
  onlyKnown(
    p,
    [
      'enabled',
      'currency',
      'startsAt',
      'earn',
      'returnWindowDays',
      'expiry',
      'pointValue',
      'actions',
      'firstOrderCashback',
      'redemption',
    ],
    '',
  );
  if (p.enabled !== undefined && typeof p.enabled !== 'boolean') throw invalid('enabled', 'must be true or false');
  if (!isCurrencyCode(p.currency))
    throw invalid('currency', `must be an ISO 4217 code such as EUR, not ${JSON.stringify(p.currency)}`);

  const earn = object(p.earn, 'earn');
  onlyKnown(earn, ['rate', 'bySku', 'byCategory'], 'earn');

  let expiry: LoyaltyProgram['expiry'] = DEFAULT_EXPIRY;
  if (p.expiry !== undefined) {
    const e = object(p.expiry, 'expiry');
    onlyKnown(e, ['months', 'warnDays'], 'expiry');
    expiry = {
      months:
        e.months === undefined
          ? DEFAULT_EXPIRY.months
          : e.months === null
            ? null
            : wholeNumber(e.months, 'expiry.months', 1, 1200),
      warnDays:
        e.warnDays === undefined ? DEFAULT_EXPIRY.warnDays : wholeNumber(e.warnDays, 'expiry.warnDays', 0, 3650),
    };
  }

  const actions: Record<string, ActionRule> = {};
  if (p.actions !== undefined) {
    for (const [name, value] of Object.entries(object(p.actions, 'actions'))) {
      if (!NAME.test(name))
        throw invalid(`actions.${name}`, 'an action name is 1-64 of a-z 0-9 _ - starting with a letter');
      // Referrals have their own rules (both sides, fraud checks): docs/referrals.md.
      if (name === 'referral')
        throw invalid('actions.referral', 'referral rewards are set in the referral program, not as an action');
      actions[name] = action(name, value, `actions.${name}`);
    }
  }

  const redemption: RedemptionOption[] = [];
  if (p.redemption !== undefined) {
    if (!Array.isArray(p.redemption)) throw invalid('redemption', 'must be a list of redemption options');
    p.redemption.forEach((o, i) => {
      const option = redemptionOption(o, `redemption[${i}]`);
      if (redemption.some((r) => r.id === option.id))
        throw invalid(`redemption[${i}].id`, `the id ${option.id} is used twice`);
      redemption.push(option);
    });
  }

  let pointValue: PointValue | null = impliedPointValue(redemption);
  if (p.pointValue !== undefined && p.pointValue !== null) {
    const v = object(p.pointValue, 'pointValue');
    onlyKnown(v, ['points', 'minor'], 'pointValue');
    pointValue = {
      points: wholeNumber(v.points, 'pointValue.points', 1),
      minor: wholeNumber(v.minor, 'pointValue.minor', 0),
    };
  }

  let firstOrderCashback: LoyaltyProgram['firstOrderCashback'] = null;
  if (p.firstOrderCashback !== undefined && p.firstOrderCashback !== null) {
    const c = object(p.firstOrderCashback, 'firstOrderCashback');
    onlyKnown(c, ['percent'], 'firstOrderCashback');
    const percent = positiveNumber(c.percent, 'firstOrderCashback.percent');
    if (percent > 100) throw invalid('firstOrderCashback.percent', `must be at most 100, not ${percent}`);
    if (pointValue === null || pointValue.minor === 0) {
      throw invalid(
        'firstOrderCashback',
        'cashback is paid in points, so the program needs pointValue (or an amount-off redemption option) to convert money to points',
      );
    }
    firstOrderCashback = { percent };
  }

  return {
    enabled: p.enabled ?? true,
    currency: p.currency,
    startsAt: p.startsAt === undefined || p.startsAt === null ? null : instant(p.startsAt, 'startsAt'),
    earn: {
      rate: rate(earn.rate, 'earn.rate'),
      bySku: multipliers(earn.bySku, 'earn.bySku'),
      byCategory: multipliers(earn.byCategory, 'earn.byCategory'),
    },
    returnWindowDays:
      p.returnWindowDays === undefined
        ? DEFAULT_RETURN_WINDOW_DAYS
        : wholeNumber(p.returnWindowDays, 'returnWindowDays', 0, 3650),
    expiry,
    pointValue,
    actions,
    firstOrderCashback,
    redemption,
  };
}

/**
 * Points for `minor` minor units of money at the program's point value, rounded down (a cashback
 * never gives more than its percent); 0 without a point value.
 */
export function pointsForMoney(minor: number, value: PointValue | null): number {
  if (value === null || value.minor === 0 || minor <= 0) return 0;
  return Math.floor((minor * value.points) / value.minor + 1e-9);
}

/** Money for `points` points at the program's point value, rounded up (a liability is never understated); null without a value. */
export function moneyForPoints(points: number, value: PointValue | null): number | null {
  if (value === null) return null;
  return Math.ceil((points * value.minor) / value.points - 1e-9);
}
