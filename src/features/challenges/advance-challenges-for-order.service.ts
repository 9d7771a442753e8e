import type { Kysely } from 'kysely';
import { isMet } from './challenge.js';
import { recordDerivedEvent } from '../events/index.js';
import {
  completeChallenge,
  countVisitDays,
  expireChallenges,
  hasOpenChallengeOnDay,
  lockOpenChallengesOnDay,
  setChallengeProgress,
} from './challenge.repository.js';
import { postPoints } from '../loyalty/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';

/** The ledger source key of a challenge's bonus: posted once, whoever completes it and however often. */
export function challengeBonusKey(challengeId: string): string {
  return `challenge:${challengeId}:bonus`;
}

/**
 * Recounts the customer's offered challenges whose window holds `day` from their orders, and
 * completes those whose target is met: status completed, the bonus posted (postPoints, source key
 * challenge:<id>:bonus) and a challenge_completed event, all in one transaction. Returns the ids
 * completed by this call.
 *
 * Progress is recounted rather than incremented, so a repeated call changes nothing and a refund or
 * a cancellation before completion lowers it again. Correct under concurrency: the challenges are
 * locked first (lockOpenChallengesOnDay), so two calls for the same customer run one after the
 * other; the second no longer sees a challenge the first completed, and under READ COMMITTED its
 * count sees every order committed before it took the lock. The bonus key is the last guard.
 */
export async function advanceChallengesOnDay(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  day: number,
  now: string,
): Promise<string[]> {
  // Nearly every order belongs to a customer without an open challenge that day: a read, no lock.
  if (!(await hasOpenChallengeOnDay(db, storeId, customerId, day))) return [];
  return inTransaction(db, async (trx) => {
    const completed: string[] = [];
    for (const row of await lockOpenChallengesOnDay(trx, storeId, customerId, day)) {
      const category = row.kind === 'new_category' ? row.target_category : null;
      const visits = await countVisitDays(trx, storeId, customerId, row.window_start_day, row.deadline_day, category);
      const progress = Math.min(visits, row.target_orders);
      if (!isMet(row.target_orders, visits)) {
        if (progress !== row.progress) await setChallengeProgress(trx, storeId, row.id, progress);
        continue;
      }
      if (!(await completeChallenge(trx, storeId, row.id, progress, now))) continue;
      await postPoints(trx, storeId, customerId, {
        kind: 'earn',
        points: row.bonus_points,
        sourceKey: challengeBonusKey(row.id),
        reason: `challenge ${row.id} completed (${row.kind})`,
        postedAt: now,
        availableAt: now,
      });
      await recordDerivedEvent(trx, storeId, customerId, `challenge:${row.id}:completed`, {
        kind: 'challenge_completed',
        occurredAt: now,
        payload: {
          challengeId: row.id,
          kind: row.kind,
          targetOrders: row.target_orders,
          bonusPoints: row.bonus_points,
        },
      });
      completed.push(row.id);
    }
    return completed;
  });
}

/**
 * The OrderRewardHandler of challenges: every written or changed order (paid, refunded, cancelled)
 * recounts the customer's open challenges whose window holds the order's day. An order after a
 * deadline falls in no window and counts for nothing.
 */
export const advanceChallengesForOrder: OrderRewardHandler = async (db, storeId, order, now) => {
  await advanceChallengesOnDay(db, storeId, order.customerId, order.orderDay, now);
};

/** Day number of a UTC instant's date. */
function utcDay(instant: string): number {
  return Math.floor(Date.parse(instant) / 86_400_000);
}

/**
 * Days after a deadline before a challenge expires. A deadline is a day of the store's calendar,
 * whose zone Regulars does not know: the day has ended everywhere (UTC-12 included) once UTC's
 * date is two days past it, and an order of that day has had a day to reach the rewards sync.
 */
export const EXPIRY_GRACE_DAYS = 2;

/** Marks offered challenges expired once their deadline day has passed everywhere; returns how many. */
export function expireChallengesAsOf(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  return expireChallenges(db, storeId, utcDay(now) - EXPIRY_GRACE_DAYS, now);
}

export const expireChallengesJob: ScheduledJob = {
  name: 'challenges-expire',
  everyMs: 60 * 60_000,
  run: expireChallengesAsOf,
};
