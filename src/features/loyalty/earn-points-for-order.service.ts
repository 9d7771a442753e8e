import type { Kysely } from 'kysely';
import type { Order } from '../orders/index.js';
import type { LedgerEntry } from './ledger.js';
import {
  cashbackEntry,
  cashbackKey,
  earnKey,
  isFirstOrder,
  orderEarnEntry,
  refundedMinorOf,
  reversalEntry,
} from './order-earn.js';
import type { LoyaltyProgram } from './program.js';
import { recordDerivedEvent } from '../events/index.js';
import { orderHeadersOf } from './loyalty.repository.js';
import { postDecidedPoints, postPoints } from './post-points.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { pointsEventKey, readLoyaltyProgram } from './loyalty-program.service.js';
import type { OrderRewardHandler } from '../orders/index.js';

/** The customer's tier earn multiplier (1 without a tier); the tiers feature provides it. */
export type TierMultiplierOf = (db: Kysely<Database>, storeId: string, customerId: string) => Promise<number>;

export interface EarnPointsDeps {
  readonly tierMultiplierOf?: TierMultiplierOf;
}

/** Posts an order's earn entry and, in the same transaction, its 'points_earned' event (once per key). */
async function postEarn(
  db: Kysely<Database>,
  storeId: string,
  order: Order,
  entry: LedgerEntry,
  refusal?: (ledger: readonly LedgerEntry[], trx: Kysely<Database>) => Promise<string | null>,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const outcome = refusal
      ? await postDecidedPoints(trx, storeId, order.customerId, async (ledger, locked) => {
          const reason = await refusal(ledger, locked);
          return reason === null ? entry : { decline: reason };
        })
      : await postPoints(trx, storeId, order.customerId, entry);
    // A duplicate was posted (with its event) by an earlier call: the event is keyed like the entry.
    if (outcome.outcome !== 'posted') return;
    await recordDerivedEvent(
      trx,
      storeId,
      order.customerId,
      pointsEventKey('points_earned', order.customerId, entry.sourceKey),
      {
        kind: 'points_earned',
        occurredAt: entry.postedAt,
        payload: {
          points: entry.points,
          sourceKey: entry.sourceKey,
          orderId: order.externalId,
          availableAt: entry.availableAt,
          reason: entry.reason,
        },
      },
    );
  });
}

/** Whether this order may take the first-order cashback: decided under the customer's lock. */
function cashbackRefusal(storeId: string, order: Order) {
  return async (ledger: readonly LedgerEntry[], trx: Kysely<Database>): Promise<string | null> => {
    if (ledger.some((e) => e.sourceKey.endsWith(':cashback'))) return 'the customer already had a first-order cashback';
    return isFirstOrder(order, await orderHeadersOf(trx, storeId, order.customerId))
      ? null
      : "not the customer's first order";
  };
}

async function reverse(
  db: Kysely<Database>,
  storeId: string,
  order: Order,
  baseKey: string,
  now: string,
): Promise<void> {
  await postDecidedPoints(
    db,
    storeId,
    order.customerId,
    (ledger) => reversalEntry(ledger, baseKey, order, now) ?? { decline: 'nothing to reverse' },
  );
}

/**
 * The loyalty program's OrderRewardHandler (order-rewards.ts): for an order written or changed, it
 * posts the order's points (key `order:<externalId>:earn`, pending until orderedAt plus the return
 * window), the first-order cashback (`order:<externalId>:cashback`, once per customer), and the
 * reversals a refund or a cancellation makes due (`...:reverse:<points reversed so far>`, decided
 * under the customer's lock from the ledger as it is there, so concurrent calls for one customer
 * and a refund delivered twice post each step once). Every posting is keyed, so calling it again
 * for the same order posts nothing new. A store without a program earns nothing.
 */
export function createEarnPointsForOrder(deps: EarnPointsDeps = {}): OrderRewardHandler {
  const tierMultiplierOf: TierMultiplierOf = deps.tierMultiplierOf ?? (async () => 1);
  return async (db, storeId, order, now) => {
    const program: LoyaltyProgram | null = await readLoyaltyProgram(db, storeId);
    if (program === null) return;
    // Read outside the lock: a tier is a slow-moving input, and the first posting's points stand.
    const earn = orderEarnEntry(program, order, await tierMultiplierOf(db, storeId, order.customerId));
    if (earn !== null) await postEarn(db, storeId, order, earn);
    const cashback = cashbackEntry(program, order);
    if (cashback !== null) await postEarn(db, storeId, order, cashback, cashbackRefusal(storeId, order));
    // Nothing refunded, nothing to reverse: spare the two locked reads.
    if (refundedMinorOf(order) === 0) return;
    await reverse(db, storeId, order, earnKey(order.externalId), now);
    await reverse(db, storeId, order, cashbackKey(order.externalId), now);
  };
}

/** The handler with no tier multiplier; the lead wires createEarnPointsForOrder({ tierMultiplierOf }). */
export const earnPointsForOrder: OrderRewardHandler = createEarnPointsForOrder();
