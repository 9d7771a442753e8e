import type { Kysely } from 'kysely';
import { parseDay } from '../../analytics/ingest/field-parsers.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { RegularsError } from '../../platform/errors.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { externalIdsOf } from '../customers/index.js';
import {
  createEarnPointsForOrder,
  customerLedger,
  earnKey,
  earnMultiplierOf,
  readLoyaltyProgram,
  whyOrderEarnsNothing,
} from '../loyalty/index.js';
import type { Order } from '../orders/index.js';
import { currentTierOf, readTierSettings, updateTierForOrder } from '../tiers/index.js';
import { countOrdersSince, customersWithOrdersSince, ordersOfCustomersSince } from './replay-orders.query.js';

/** Why an order the program accepts posts nothing: refunded in full, or worth less than a point. */
const NO_POINTS = 'it earns no points (refunded in full, or too small for a point)';

/** Customers read and replayed at a time. */
const CUSTOMER_BATCH = 100;

export interface ReplayOptions {
  /** The first order day replayed, YYYY-MM-DD (the day as the store wrote it, like every order day). */
  readonly since: string;
  /** false: a dry run, which posts nothing and reports what a run would post. */
  readonly apply: boolean;
  /** The time the rules see (pending points, the tier's window); default the real time. */
  readonly now: string;
  /** Customers replayed at once (each in its own transaction); PostgreSQL's pool gains from a few. */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a replay posted for one customer (or, in a dry run, would post). */
export interface CustomerReplay {
  readonly customerId: string;
  readonly externalId: string;
  /** Orders of the customer that posted points now. */
  readonly orders: number;
  /** Net points posted (earned and cashback, less the reversals of refunds). */
  readonly points: number;
  readonly tierBefore: string | null;
  readonly tierAfter: string | null;
}

export interface ReplayReport {
  readonly storeId: string;
  readonly since: string;
  readonly asOf: string;
  readonly applied: boolean;
  /** Whether the store has a loyalty program and tiers: a replay applies only what it has. */
  readonly loyaltyProgram: boolean;
  readonly tiers: boolean;
  /** Orders placed on or after `since`. */
  readonly orders: number;
  /** Orders that posted points in this run. */
  readonly ordersRewarded: number;
  /** Orders whose points were posted before (by the live sync or an earlier replay): skipped. */
  readonly ordersAlreadyRewarded: number;
  /** Orders the program gives nothing, counted by why (before startsAt, another currency, unpaid...). */
  readonly ordersEarningNothing: Readonly<Record<string, number>>;
  readonly points: number;
  /** Customers whose points or tier changed, by external id. */
  readonly customers: readonly CustomerReplay[];
  /** Customers who reached each tier in this run. */
  readonly tiersReached: Readonly<Record<string, number>>;
}

interface CustomerOutcome {
  readonly replay: Omit<CustomerReplay, 'externalId'>;
  readonly rewarded: number;
  readonly alreadyRewarded: number;
  readonly nothing: readonly string[];
}

/** Thrown to roll a dry run's transaction back once its outcome is read. */
class DryRun extends Error {
  constructor(readonly outcome: CustomerOutcome) {
    super('dry run');
  }
}

/**
 * Applies the store's loyalty program and tiers, as they are now, to the orders placed since a
 * day: for a program or tiers set up after the history was imported, which the rewards sync had
 * already passed. It runs the live sync's own points handler, so every posting has the key the
 * sync would give it (`order:<id>:earn`, `...:cashback`): an order already rewarded, by the sync
 * or an earlier replay, posts nothing again, a second replay posts nothing at all, and a replay
 * racing the sync posts each order's points once (both post under the customer's lock). Each
 * customer's orders then count once towards their tier, evaluated at `now`.
 *
 * A dry run does the same work in each customer's transaction and rolls it back, so what it reports
 * is exactly what a run would post at that moment, tier thresholds on points included.
 */
export async function replayRewards(
  db: Kysely<Database>,
  storeId: string,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const sinceDay = parseDay(options.since);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || Number.isNaN(sinceDay))
    throw new RegularsError('INVALID_ARGUMENT', `--since must be a date YYYY-MM-DD, not ${options.since}`, {
      field: 'since',
    });
  await getStore(db, storeId);
  const [program, tierSettings] = await Promise.all([readLoyaltyProgram(db, storeId), readTierSettings(db, storeId)]);
  const total = await countOrdersSince(db, storeId, sinceDay);
  const report = {
    storeId,
    since: options.since,
    asOf: options.now,
    applied: options.apply,
    loyaltyProgram: program !== null,
    tiers: tierSettings !== null,
    orders: 0,
    ordersRewarded: 0,
    ordersAlreadyRewarded: 0,
    ordersEarningNothing: {} as Record<string, number>,
    points: 0,
    customers: [] as CustomerReplay[],
    tiersReached: {} as Record<string, number>,
  };
  if (program === null && tierSettings === null) return report;

  const earn = createEarnPointsForOrder({ tierMultiplierOf: earnMultiplierOf });
  const replayCustomer = async (trx: Kysely<Database>, customerId: string, orders: readonly Order[]) => {
    const before = program === null ? [] : await customerLedger(trx, storeId, customerId);
    const tierBefore = tierSettings === null ? null : ((await currentTierOf(trx, storeId, customerId))?.name ?? null);
    const earnedBefore = new Set(before.map((e) => e.sourceKey));
    if (program !== null) for (const order of orders) await earn(trx, storeId, order, options.now);
    // Once for the customer, after every order's points: the tier measures them all at `now`.
    if (tierSettings !== null) await updateTierForOrder(trx, storeId, orders[orders.length - 1], options.now);
    const after = program === null ? [] : await customerLedger(trx, storeId, customerId);
    const added = after.filter((e) => !earnedBefore.has(e.sourceKey));
    const rewardedOrders = new Set(
      orders.filter((o) => added.some((e) => e.sourceKey.startsWith(`order:${o.externalId}:`))).map((o) => o.id),
    );
    let alreadyRewarded = 0;
    const nothing: string[] = [];
    if (program !== null) {
      for (const order of orders) {
        if (rewardedOrders.has(order.id)) continue;
        if (earnedBefore.has(earnKey(order.externalId))) alreadyRewarded++;
        else nothing.push(whyOrderEarnsNothing(program, order) ?? NO_POINTS);
      }
    }
    const tierAfter = tierSettings === null ? null : ((await currentTierOf(trx, storeId, customerId))?.name ?? null);
    const outcome: CustomerOutcome = {
      replay: {
        customerId,
        orders: rewardedOrders.size,
        points: added.reduce((sum, e) => sum + e.points, 0),
        tierBefore,
        tierAfter,
      },
      rewarded: rewardedOrders.size,
      alreadyRewarded,
      nothing,
    };
    return outcome;
  };

  const runCustomer = async (customerId: string, orders: readonly Order[]): Promise<CustomerOutcome> => {
    if (options.apply) return inTransaction(db, (trx) => replayCustomer(trx, customerId, orders));
    try {
      await inTransaction(db, async (trx) => {
        throw new DryRun(await replayCustomer(trx, customerId, orders));
      });
    } catch (error) {
      if (error instanceof DryRun) return error.outcome;
      throw error;
    }
    throw new Error('a dry run always rolls back');
  };

  let after: string | null = null;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  for (;;) {
    const customerIds = await customersWithOrdersSince(db, storeId, sinceDay, after, CUSTOMER_BATCH);
    if (customerIds.length === 0) break;
    after = customerIds[customerIds.length - 1];
    const orders = await ordersOfCustomersSince(db, storeId, customerIds, sinceDay);
    const byCustomer = new Map<string, Order[]>();
    for (const order of orders) {
      const list = byCustomer.get(order.customerId);
      if (list) list.push(order);
      else byCustomer.set(order.customerId, [order]);
    }
    const queue = [...byCustomer.entries()];
    const outcomes: CustomerOutcome[] = [];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        outcomes.push(await runCustomer(next[0], next[1]));
        report.orders += next[1].length;
        options.onProgress?.(report.orders, total);
      }
    });
    await Promise.all(workers);

    const changed = outcomes.filter((o) => o.replay.points !== 0 || o.replay.tierBefore !== o.replay.tierAfter);
    const externalIds = await externalIdsOf(
      db,
      storeId,
      changed.map((o) => o.replay.customerId),
    );
    for (const outcome of outcomes) {
      report.ordersRewarded += outcome.rewarded;
      report.ordersAlreadyRewarded += outcome.alreadyRewarded;
      for (const why of outcome.nothing) report.ordersEarningNothing[why] = (report.ordersEarningNothing[why] ?? 0) + 1;
      report.points += outcome.replay.points;
      const { tierBefore, tierAfter } = outcome.replay;
      if (tierAfter !== null && tierAfter !== tierBefore)
        report.tiersReached[tierAfter] = (report.tiersReached[tierAfter] ?? 0) + 1;
    }
    for (const outcome of changed)
      report.customers.push({
        ...outcome.replay,
        externalId: externalIds.get(outcome.replay.customerId) ?? outcome.replay.customerId,
      });
  }
  report.customers.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  return report;
}
