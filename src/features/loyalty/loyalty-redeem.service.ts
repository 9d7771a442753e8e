import type { Kysely } from 'kysely';
import type { Coupon, CouponInput } from '../coupons/index.js';
import { RegularsError } from '../../platform/errors.js';
import { balanceOf, type LedgerEntry } from './ledger.js';
import type { LoyaltyProgram, RedemptionOption } from './program.js';
import { createCoupon, randomCouponCode } from '../coupons/index.js';
import { postDecidedPoints } from './post-points.service.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { publicEntry } from './loyalty-actions.service.js';
import { customerByReference } from '../customers/index.js';
import { readLoyaltyProgram } from './loyalty-program.service.js';

export interface RedeemPointsInput {
  /** The customer's external id (or `cus_...`). */
  readonly customerId: string;
  readonly optionId: string;
}

export type RedeemPointsResult =
  | { readonly outcome: 'redeemed'; readonly customerId: string; readonly entry: LedgerEntry; readonly coupon: Coupon }
  | {
      readonly outcome: 'refused';
      readonly reason: 'INSUFFICIENT_POINTS';
      readonly customerId: string;
      readonly available: number;
      readonly required: number;
    };

const DAY_MS = 86_400_000;

/**
 * The coupon a redemption option gives: single use, bound to the customer who spent the points
 * (their external id, as the checkout sends it to redeem), valid from now for the option's validDays.
 */
export function rewardCoupon(
  program: LoyaltyProgram,
  option: RedemptionOption,
  code: string,
  customerExternalId: string,
  now: string,
): CouponInput {
  const base = {
    code,
    customerId: customerExternalId,
    minSubtotalMinor: option.minSubtotalMinor,
    currency: program.currency,
    usageLimit: 1,
    perCustomerLimit: 1,
    validFrom: now,
    validUntil: option.validDays === null ? null : new Date(Date.parse(now) + option.validDays * DAY_MS).toISOString(),
  };
  switch (option.reward.kind) {
    case 'amount':
      return { ...base, kind: 'amount', value: option.reward.amountMinor };
    case 'percent':
      return { ...base, kind: 'percent', value: option.reward.percent };
    case 'free_shipping':
      return { ...base, kind: 'free_shipping', value: 0 };
    case 'free_product':
      // One unit of the product free: a free-product coupon scoped to its SKU.
      return { ...base, kind: 'free_product', value: 0, scope: { skus: [option.reward.sku], categories: [] } };
  }
}

/**
 * Spends the option's points and makes its coupon in one transaction: the redeem entry is decided
 * under the customer's lock (so concurrent redemptions never overdraw), then the coupon is inserted;
 * if the coupon cannot be made, the transaction rolls back and no point is spent. Too few available
 * points (pending ones do not count) is the value { outcome: 'refused', reason: 'INSUFFICIENT_POINTS' }.
 * Redemption works while the program is paused: points earned are owed.
 */
export async function redeemPoints(
  db: Kysely<Database>,
  storeId: string,
  input: RedeemPointsInput,
  now: string,
): Promise<RedeemPointsResult> {
  const at = utcInstant(now, 'now');
  const program = await readLoyaltyProgram(db, storeId);
  if (program === null)
    throw new RegularsError('LOYALTY_PROGRAM_OFF', `store ${storeId} has no loyalty program`, { storeId });
  const option = program.redemption.find((o) => o.id === input.optionId);
  if (option === undefined) {
    throw new RegularsError(
      'LOYALTY_OPTION_NOT_FOUND',
      `the loyalty program has no redemption option ${input.optionId}`,
      {
        optionId: input.optionId,
        options: program.redemption.map((o) => o.id),
      },
    );
  }
  const customer = await customerByReference(db, storeId, input.customerId);
  // The code is drawn first so the ledger entry can name it: the entry and the coupon point at each other.
  const code = randomCouponCode('PTS');
  const terms = rewardCoupon(program, option, code, customer.externalId, at);

  return inTransaction(db, async (trx) => {
    const posted = await postDecidedPoints<{ available: number }>(trx, storeId, customer.id, (ledger) => {
      const available = balanceOf(ledger, at).available;
      if (available < option.points) return { decline: { available } };
      return {
        kind: 'redeem',
        points: -option.points,
        sourceKey: `redeem:${code}`,
        reason: `reward ${option.id}: coupon ${code}`,
        postedAt: at,
        availableAt: at,
      };
    });
    if (posted.outcome === 'declined') {
      return {
        outcome: 'refused',
        reason: 'INSUFFICIENT_POINTS',
        customerId: customer.externalId,
        available: posted.reason.available,
        required: option.points,
      };
    }
    if (posted.outcome === 'refused') {
      // A later spend already recorded leaves fewer points than the balance now shows (a back-dated entry).
      if (posted.reason === 'INSUFFICIENT_POINTS')
        return {
          outcome: 'refused',
          reason: 'INSUFFICIENT_POINTS',
          customerId: customer.externalId,
          available: 0,
          required: option.points,
        };
      throw new Error(`redemption of ${option.id} was refused: ${posted.reason}`);
    }
    const coupon = await createCoupon(trx, storeId, terms);
    return { outcome: 'redeemed', customerId: customer.externalId, entry: publicEntry(posted.entry), coupon };
  });
}
