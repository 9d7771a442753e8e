import type { Kysely } from 'kysely';
import { ymdFromDay } from '../../../analytics/day.js';
import { RegularsError } from '../../../platform/errors.js';
import { couponGiftDescription, type FlowGift } from './flow-gift.js';
import { dayOfInstant, plusDays, plusMs } from './flow-time.js';
import { createCoupon, randomCouponCode } from '../../coupons/index.js';
import type { Database } from '../../../platform/database/database.table.js';
import { postLoyaltyAction } from '../../loyalty/index.js';

/** What a gift puts into the message's data[gift.dataKey], or why it could not be made. */
export type GiftOutcome =
  { readonly made: true; readonly fields: Record<string, unknown> } | { readonly made: false; readonly reason: string };

/**
 * Makes a planned message's gift in the planning transaction: a single-use coupon bound to the
 * customer, valid from the send instant for the gift's days; or the points of a loyalty action
 * (once per key, within the action's limits). A gift that cannot be made (no loyalty program, the
 * action's yearly limit reached) is an outcome, not an error: the engine then leaves the message
 * out and says why, rather than send a birthday message without its promised gift.
 */
export async function makeGift(
  db: Kysely<Database>,
  storeId: string,
  gift: FlowGift,
  customerExternalId: string,
  sendAt: string,
  currency: string | null,
  now: string,
): Promise<GiftOutcome> {
  if (gift.kind === 'coupon') {
    const terms = gift.coupon;
    const validUntil = plusDays(sendAt, terms.validDays);
    const coupon = await createCoupon(db, storeId, {
      code: randomCouponCode(terms.prefix),
      kind: terms.type,
      value: terms.value,
      minSubtotalMinor: terms.minSubtotalMinor,
      currency: terms.type === 'amount' || terms.minSubtotalMinor > 0 ? (terms.currency ?? currency) : null,
      usageLimit: 1,
      perCustomerLimit: 1,
      validFrom: sendAt,
      validUntil,
      customerId: customerExternalId,
    });
    const description = couponGiftDescription(terms, currency);
    // The last (UTC) day it can be used: the day of the last millisecond before the exclusive end.
    const expiresOn = ymdFromDay(dayOfInstant(plusMs(validUntil, -1)));
    return { made: true, fields: { code: coupon.code, coupon_code: coupon.code, description, expires_on: expiresOn } };
  }
  try {
    const result = await postLoyaltyAction(
      db,
      storeId,
      { customerId: customerExternalId, action: gift.action, key: gift.key, occurredAt: sendAt },
      now,
    );
    if (result.outcome === 'refused')
      return { made: false, reason: `the loyalty action ${gift.action} is at its limit for this customer` };
    return { made: true, fields: { points: result.entry.points, description: `${result.entry.points} points` } };
  } catch (error) {
    if (
      error instanceof RegularsError &&
      (error.code === 'LOYALTY_PROGRAM_OFF' || error.code === 'LOYALTY_ACTION_NOT_FOUND')
    )
      return { made: false, reason: error.message };
    throw error;
  }
}
