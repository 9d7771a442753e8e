import type { Kysely } from 'kysely';
import type { Order } from './order.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * What a rewards feature does when an order is written or changes (paid, refunded, cancelled):
 * earn or reverse points, reward a referral, move a tier, advance a challenge. The rewards sync
 * (sync-rewards.ts) calls every handler for every order Regulars wrote since its cursor, whichever
 * path wrote it (API, webhook, import), and may call it again for the same order version (after a
 * crash, or for orders at its overlap margin): a handler must be idempotent, keyed by what it
 * posts (a ledger source key, a unique row), never by being called once.
 * `now` is a UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ).
 */
export interface OrderRewardHandler {
  (db: Kysely<Database>, storeId: string, order: Order, now: string): Promise<void>;
  /**
   * Whether the store uses the feature at all (has a loyalty program, tiers, a referral waiting...),
   * asked once per page of orders: a store that does not is spared the handler's queries for every
   * order of the page. Without it the handler always runs. A feature configured later applies to
   * the orders the sync reads after that.
   */
  readonly usedBy?: (db: Kysely<Database>, storeId: string) => Promise<boolean>;
}

/** The handler, run only for the stores `usedBy` says use its feature. */
export function whenUsed(
  handler: (db: Kysely<Database>, storeId: string, order: Order, now: string) => Promise<void>,
  usedBy: OrderRewardHandler['usedBy'] & {},
): OrderRewardHandler {
  return Object.assign(
    (db: Kysely<Database>, storeId: string, order: Order, now: string) => handler(db, storeId, order, now),
    { usedBy },
  );
}

/**
 * Work that runs on a schedule for every store (points expiry and its warning, tier downgrades at
 * the end of a period, membership renewal reminders, releasing expired coupon reservations).
 * Idempotent like a handler: `regulars serve` runs each every `everyMs`, and a command runs it once.
 * Returns how many things it did, for the log and the command's summary.
 */
export interface ScheduledJob {
  readonly name: string;
  readonly everyMs: number;
  run(db: Kysely<Database>, storeId: string, now: string): Promise<number>;
}
