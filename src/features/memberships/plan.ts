/**
 * Paid membership plans: a fee per billing period and the perks a member gets while the
 * membership has benefits (membership-state.ts). Payment stays with the store's payment provider;
 * a plan only says what it costs and what it gives.
 */

/** What members get. */
export interface MembershipPerks {
  /** Free shipping on every order, with no minimum subtotal. */
  readonly freeShipping: boolean;
  /** Points earned are multiplied by this (1 = no extra points, 1.5 = 50% extra, at most 10). */
  readonly extraPointsMultiplier: number;
  /** A standing member discount in whole percent (1..100), or null for none. */
  readonly memberCouponPercent: number | null;
  /** Perks described for people (partner offers, early access), shown as they are. */
  readonly textPerks: readonly string[];
}

export interface MembershipPlanInput {
  /** The store's own name for the plan, e.g. 'club-yearly': 1-64 of a-z 0-9 - _, stored in lower case. */
  readonly code: string;
  readonly name: string;
  /** The fee for one billing period, in minor units of `currency`. */
  readonly feeMinor: number;
  /** ISO 4217, e.g. 'EUR'. */
  readonly currency: string;
  /** Length of one billing period in calendar months (1 = monthly, 12 = yearly). */
  readonly periodMonths: number;
  readonly perks: MembershipPerks;
  /** The renewal reminder is due this many days before the period ends (0 = no reminder). */
  readonly renewalReminderDays: number;
}

export interface MembershipPlan extends MembershipPlanInput {
  /** 'mpl_...' */
  readonly id: string;
  readonly createdAt: string;
}

export const NO_PERKS: MembershipPerks = {
  freeShipping: false,
  extraPointsMultiplier: 1,
  memberCouponPercent: null,
  textPerks: [],
};
export const DEFAULT_RENEWAL_REMINDER_DAYS = 7;
export const MAX_PERIOD_MONTHS = 60;
export const MAX_EXTRA_POINTS_MULTIPLIER = 10;
export const MAX_REMINDER_DAYS = 90;

const CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Codes are compared in lower case without surrounding blanks. */
export function normalizePlanCode(code: string): string {
  return code.trim().toLowerCase();
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

function perksProblem(perks: MembershipPerks): FieldProblem | null {
  if (perks === null || typeof perks !== 'object') return { field: 'perks', message: 'perks must be an object' };
  if (typeof perks.freeShipping !== 'boolean')
    return { field: 'perks.freeShipping', message: 'freeShipping must be true or false' };
  const m = perks.extraPointsMultiplier;
  if (typeof m !== 'number' || !Number.isFinite(m) || m < 1 || m > MAX_EXTRA_POINTS_MULTIPLIER) {
    return {
      field: 'perks.extraPointsMultiplier',
      message: `extraPointsMultiplier must be a number from 1 (no extra points) to ${MAX_EXTRA_POINTS_MULTIPLIER}, not ${m}`,
    };
  }
  // Two decimals at most, so the multiplier stays exact when points are computed from it.
  if (Math.round(m * 100) / 100 !== m)
    return {
      field: 'perks.extraPointsMultiplier',
      message: `extraPointsMultiplier has at most two decimals, not ${m}`,
    };
  const p = perks.memberCouponPercent;
  if (p !== null && (!Number.isInteger(p) || p < 1 || p > 100)) {
    return {
      field: 'perks.memberCouponPercent',
      message: `memberCouponPercent must be a whole percent from 1 to 100, or null, not ${p}`,
    };
  }
  if (
    !Array.isArray(perks.textPerks) ||
    perks.textPerks.some((t) => typeof t !== 'string' || t.trim() === '' || t.length > 500)
  ) {
    return {
      field: 'perks.textPerks',
      message: 'textPerks must be a list of non-empty texts of at most 500 characters',
    };
  }
  return null;
}

/** The first thing wrong with a plan's terms, by field, or null. The code must already be normalized. */
export function membershipPlanProblem(input: MembershipPlanInput): FieldProblem | null {
  if (typeof input.code !== 'string' || !CODE.test(input.code)) {
    return {
      field: 'code',
      message: `code must be 1-64 of a-z 0-9 - _ starting with a letter or digit, not ${JSON.stringify(input.code)}`,
    };
  }
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200)
    return { field: 'name', message: 'name must be non-empty text of at most 200 characters' };
  if (!Number.isSafeInteger(input.feeMinor) || input.feeMinor < 0)
    return {
      field: 'feeMinor',
      message: `feeMinor must be a whole number of minor units, 0 or more, not ${input.feeMinor}`,
    };
  if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency))
    return { field: 'currency', message: `currency must be an ISO 4217 code such as EUR, not ${input.currency}` };
  if (!Number.isInteger(input.periodMonths) || input.periodMonths < 1 || input.periodMonths > MAX_PERIOD_MONTHS) {
    return {
      field: 'periodMonths',
      message: `periodMonths must be a whole number of months from 1 to ${MAX_PERIOD_MONTHS}, not ${input.periodMonths}`,
    };
  }
  if (
    !Number.isInteger(input.renewalReminderDays) ||
    input.renewalReminderDays < 0 ||
    input.renewalReminderDays > MAX_REMINDER_DAYS
  ) {
    return {
      field: 'renewalReminderDays',
      message: `renewalReminderDays must be a whole number from 0 to ${MAX_REMINDER_DAYS}, not ${input.renewalReminderDays}`,
    };
  }
  return perksProblem(input.perks);
}

/**
 * The perks of several memberships held at once, combined in the member's favour: free shipping if
 * any gives it, the highest points multiplier, the highest member discount, every text perk once.
 */
export function combinePerks(perks: readonly MembershipPerks[]): MembershipPerks {
  return perks.reduce<MembershipPerks>(
    (sum, p) => ({
      freeShipping: sum.freeShipping || p.freeShipping,
      extraPointsMultiplier: Math.max(sum.extraPointsMultiplier, p.extraPointsMultiplier),
      memberCouponPercent:
        p.memberCouponPercent === null
          ? sum.memberCouponPercent
          : Math.max(sum.memberCouponPercent ?? 0, p.memberCouponPercent),
      textPerks: [...sum.textPerks, ...p.textPerks.filter((t) => !sum.textPerks.includes(t))],
    }),
    NO_PERKS,
  );
}
