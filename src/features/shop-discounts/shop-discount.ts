/**
 * The rules of the queue that creates Regulars' coupons as discount codes in the store's shop, in
 * pure code: when a failed push is tried again, and which failures no retry can fix.
 */
import type { Coupon } from '../coupons/index.js';

export const SHOP_DISCOUNT_STATUSES = ['pending', 'pushed', 'failed'] as const;
export type ShopDiscountStatus = (typeof SHOP_DISCOUNT_STATUSES)[number];

/** The first retry waits a minute; each next one twice as long, up to six hours. */
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3600_000;

/**
 * Failures a retry cannot fix: the coupon's terms have no equivalent in the shop, or the code is
 * another discount's there. They stay 'failed' with no next attempt until someone acts
 * (`regulars shop-discounts retry`), and are listed by the status.
 */
export const PERMANENT_FAILURES: readonly string[] = ['SHOP_DISCOUNT_UNSUPPORTED', 'SHOP_DISCOUNT_CODE_TAKEN'];

/**
 * When the push that failed for the `attempts`-th time is tried again (exponential backoff, so a
 * shop that is down for hours is not hammered, and one back within a minute is soon served); null
 * for a failure no retry can fix.
 */
export function nextAttemptAt(now: string, attempts: number, errorCode: string): string | null {
  if (PERMANENT_FAILURES.includes(errorCode)) return null;
  const waitMs = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return new Date(Date.parse(now) + waitMs).toISOString();
}

/** How the last error is kept: its code first, so the status can be grepped and the console can group. */
export function describeFailure(code: string, message: string): string {
  return `${code}: ${message}`.slice(0, 1000);
}

/**
 * The terms no shop's own discount codes hold as Regulars counts them, whichever the shop: such a
 * coupon is refused (SHOP_DISCOUNT_UNSUPPORTED) rather than pushed looser, since a code the shop
 * accepts must never be one Regulars would refuse. Null when none applies.
 */
export function termShopsCannotHold(coupon: Coupon, shop: string): string | null {
  if (coupon.kind === 'free_product')
    return `a free-product coupon has no ${shop} code-discount equivalent Regulars makes (it would need a discount on the shop's product ids)`;
  if (coupon.scope !== null)
    return `a coupon limited to SKUs or categories would need ${shop}'s product or collection ids; Regulars pushes whole-order discounts only`;
  if (coupon.eligibleTiers.length > 0 || coupon.eligibleSegments.length > 0)
    return `a coupon limited to tiers or segments cannot be checked by ${shop}'s checkout (bind it to a customer instead)`;
  if ((coupon.kind === 'amount' || coupon.minSubtotalMinor > 0) && coupon.currency === null)
    return 'the coupon has an amount but no currency';
  return null;
}
