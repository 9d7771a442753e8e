import type { Kysely } from 'kysely';
import { referralRewardDecision, type ReferralOrder } from './referrals.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { recordDerivedEvent } from '../events/index.js';
import { postPoints } from '../loyalty/index.js';
import {
  decideReferral,
  firstOrderIdOf,
  lockPendingReferral,
  readReferralSettings,
  referralOfReferred,
} from './referral.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { OrderRewardHandler } from '../orders/index.js';

export type ReferralRewardOutcome = 'rewarded' | 'rejected' | 'waiting' | 'none';

const DAY_MS = 86_400_000;

/**
 * What one of a referred customer's orders does to their pending referral (docs/referrals.md):
 * their first paid order that is not cancelled rewards both sides once; a later order while the
 * referral is still pending rejects it (REFERRAL_NOT_FIRST_ORDER: the customer was not new); an
 * unpaid, cancelled or refunded order leaves it pending.
 *
 * Exactly once under repetition and concurrency: the referral row is locked while it is pending
 * (lockPendingReferral), so a second run waits and then finds it decided; the points are posted
 * with the source keys `referral:<id>:referrer` and `referral:<id>:referred`, which post once even
 * for a writer that skips the lock. The two customers' balances are locked in id order, so two
 * referrals between the same two customers (each referred the other) cannot deadlock. The order is
 * read again under the lock: the sync may pass an older version of it.
 */
export async function rewardReferralForOrderId(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  orderId: string,
  now: string,
): Promise<ReferralRewardOutcome> {
  const at = utcInstant(now, 'now');
  const referral = await referralOfReferred(db, storeId, customerId);
  if (referral === null || referral.status !== 'pending') return 'none';
  const settings = await readReferralSettings(db, storeId);
  if (settings === null) return 'waiting';
  return inTransaction(db, async (trx) => {
    const pending = await lockPendingReferral(trx, storeId, referral.id);
    if (pending === null) return 'none';
    const order = await trx
      .selectFrom('orders')
      .select(['id', 'status', 'cancelled_at'])
      .where('store_id', '=', storeId)
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order) return 'waiting';
    const decision = referralRewardDecision(
      { id: order.id, status: order.status as ReferralOrder['status'], cancelledAt: order.cancelled_at },
      await firstOrderIdOf(trx, storeId, customerId),
    );
    if (decision === 'wait') return 'waiting';
    if (decision === 'reject') {
      await decideReferral(trx, storeId, pending.id, {
        status: 'rejected',
        reason: 'REFERRAL_NOT_FIRST_ORDER',
        orderId: order.id,
        at,
      });
      return 'rejected';
    }

    const availableAt = new Date(Date.parse(at) + settings.pointsAvailableAfterDays * DAY_MS).toISOString();
    const sides = [
      { side: 'referrer', customerId: pending.referrerCustomerId, points: settings.referrerPoints },
      { side: 'referred', customerId: pending.referredCustomerId, points: settings.referredPoints },
    ].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    for (const { side, customerId: who, points } of sides) {
      const sourceKey = `referral:${pending.id}:${side}`;
      // 0 points is a valid setting (reward one side only); the ledger takes no empty entry.
      if (points > 0) {
        await postPoints(trx, storeId, who, {
          kind: 'earn',
          points,
          sourceKey,
          reason: `referral reward (${side})`,
          postedAt: at,
          availableAt,
        });
      }
      await recordDerivedEvent(trx, storeId, who, sourceKey, {
        kind: 'referral_rewarded',
        occurredAt: at,
        payload: {
          referralId: pending.id,
          side,
          points,
          orderId: order.id,
          referrerCustomerId: pending.referrerCustomerId,
          referredCustomerId: pending.referredCustomerId,
        },
      });
    }
    await decideReferral(trx, storeId, pending.id, {
      status: 'rewarded',
      orderId: order.id,
      referrerPoints: settings.referrerPoints,
      referredPoints: settings.referredPoints,
      at,
    });
    return 'rewarded';
  });
}

/** The rewards sync's handler: every order of a referred customer may reward (or reject) their referral. */
export const rewardReferralForOrder: OrderRewardHandler = async (db, storeId, order, now) => {
  await rewardReferralForOrderId(db, storeId, order.customerId, order.id, now);
};
