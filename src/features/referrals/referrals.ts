import { RegularsError } from '../../platform/errors.js';

/**
 * Referrals ("Referrals"): a customer shares their code; the customer who comes with it is
 * rewarded, and so is the referrer, on the referred customer's first order. The fraud checks are
 * pure functions returning reason codes (docs/referrals.md).
 */

export interface ReferralSettings {
  /** Points for the customer whose code was used. */
  readonly referrerPoints: number;
  /** Points for the new customer who came with the code. */
  readonly referredPoints: number;
  /** Referrals recorded from one IP address in 30 days; null for no limit. */
  readonly maxReferralsPerIpPer30Days: number | null;
  /** Days after the rewarding order until the points can be spent (a return window); 0 = at once. */
  readonly pointsAvailableAfterDays: number;
}

export const DEFAULT_MAX_REFERRALS_PER_IP = 5;
export const IP_WINDOW_DAYS = 30;

/** Why a referral is refused when it is recorded, or rejected when its order comes in. */
export const REFERRAL_REFUSALS = [
  'REFERRAL_SELF',
  'REFERRAL_SAME_EMAIL',
  'REFERRAL_IP_LIMIT_REACHED',
  'REFERRAL_NOT_FIRST_ORDER',
] as const;
export type ReferralRefusal = (typeof REFERRAL_REFUSALS)[number];

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

function wholePoints(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw invalid(field, `${field} must be a whole number of points, 0 or more`);
  return value as number;
}

/** The referral settings in a JSON document, or INVALID_ARGUMENT naming the field. */
export function parseReferralSettings(value: unknown): ReferralSettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid('', 'referral settings must be a JSON object');
  const known = ['referrerPoints', 'referredPoints', 'maxReferralsPerIpPer30Days', 'pointsAvailableAfterDays'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw invalid(key, `${key} is not a referral setting; known: ${known.join(', ')}`);
  }
  const v = value as Record<string, unknown>;
  const referrerPoints = wholePoints(v.referrerPoints, 'referrerPoints');
  const referredPoints = wholePoints(v.referredPoints, 'referredPoints');
  const max = v.maxReferralsPerIpPer30Days === undefined ? DEFAULT_MAX_REFERRALS_PER_IP : v.maxReferralsPerIpPer30Days;
  if (max !== null && (!Number.isSafeInteger(max) || (max as number) < 1)) {
    throw invalid(
      'maxReferralsPerIpPer30Days',
      'maxReferralsPerIpPer30Days must be a whole number, 1 or more, or null for no limit',
    );
  }
  const days = v.pointsAvailableAfterDays ?? 0;
  if (!Number.isSafeInteger(days) || (days as number) < 0 || (days as number) > 365) {
    throw invalid('pointsAvailableAfterDays', 'pointsAvailableAfterDays must be a whole number of days from 0 to 365');
  }
  return {
    referrerPoints,
    referredPoints,
    maxReferralsPerIpPer30Days: max as number | null,
    pointsAvailableAfterDays: days as number,
  };
}

/** Domains whose mailboxes ignore dots in the local part (Gmail's documented behaviour). */
const DOTLESS_DOMAINS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * An email reduced to the mailbox it reaches, so one person's variants compare equal: trimmed and
 * lower-cased; a `+tag` is removed for every domain (most providers deliver `name+x@` to `name@`,
 * and a store cannot know which do not); for gmail.com and googlemail.com (one provider) the dots
 * of the local part are removed and the domain is gmail.com. null for a text without one `@`
 * between a local part and a domain.
 */
export function normalizeEmail(email: string): string | null {
  const text = email.trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus === 0) return null;
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless !== undefined) {
    local = local.replaceAll('.', '');
    domain = dotless;
  }
  return local === '' ? null : `${local}@${domain}`;
}

/** What recording a referral is checked against. Emails are as given; the check normalizes them. */
export interface ReferralAttempt {
  readonly referrerCustomerId: string;
  readonly referredCustomerId: string;
  readonly referrerEmail: string | null;
  readonly referredEmail: string | null;
  /** Referrals already recorded from the attempt's IP in the last 30 days (0 without an IP). */
  readonly referralsFromIp: number;
  /** Whether the referred customer already has an order that is not cancelled. */
  readonly referredHasOrdered: boolean;
}

/**
 * The first reason a referral may not be recorded, or null. In this order: the same customer
 * (REFERRAL_SELF), the same mailbox under another customer (REFERRAL_SAME_EMAIL), a customer who
 * has already ordered (REFERRAL_NOT_FIRST_ORDER: only new customers are referred), too many
 * referrals from one IP in 30 days (REFERRAL_IP_LIMIT_REACHED).
 */
export function referralRefusal(attempt: ReferralAttempt, settings: ReferralSettings): ReferralRefusal | null {
  if (attempt.referrerCustomerId === attempt.referredCustomerId) return 'REFERRAL_SELF';
  const referrer = attempt.referrerEmail === null ? null : normalizeEmail(attempt.referrerEmail);
  const referred = attempt.referredEmail === null ? null : normalizeEmail(attempt.referredEmail);
  if (referrer !== null && referrer === referred) return 'REFERRAL_SAME_EMAIL';
  if (attempt.referredHasOrdered) return 'REFERRAL_NOT_FIRST_ORDER';
  if (settings.maxReferralsPerIpPer30Days !== null && attempt.referralsFromIp >= settings.maxReferralsPerIpPer30Days)
    return 'REFERRAL_IP_LIMIT_REACHED';
  return null;
}

/** An order as the reward decision sees it. */
export interface ReferralOrder {
  readonly id: string;
  readonly status: 'pending' | 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
  readonly cancelledAt: string | null;
}

export function isCancelled(order: Pick<ReferralOrder, 'status' | 'cancelledAt'>): boolean {
  return order.status === 'cancelled' || order.cancelledAt !== null;
}

/**
 * What a pending referral does when one of the referred customer's orders is written or changes:
 * - 'reward' when the order is the customer's first order that is not cancelled (`firstOrderId`,
 *   earliest by day) and it is paid (paid or partially refunded);
 * - 'wait' when it is that first order but not paid yet, or a cancelled or fully refunded order
 *   (a cancelled first order rewards nothing; the next order that is not cancelled is then first);
 * - 'reject' (REFERRAL_NOT_FIRST_ORDER) when an earlier order that is not cancelled exists: the
 *   customer was not new.
 */
export function referralRewardDecision(
  order: ReferralOrder,
  firstOrderId: string | null,
): 'reward' | 'wait' | 'reject' {
  if (isCancelled(order)) return 'wait';
  if (firstOrderId !== null && firstOrderId !== order.id) return 'reject';
  return order.status === 'paid' || order.status === 'partially_refunded' ? 'reward' : 'wait';
}
