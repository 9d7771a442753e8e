import type { Kysely } from 'kysely';
import type { Order } from '../orders/index.js';
import { ordersWithLines } from '../orders/index.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { OrderRewardHandler } from '../orders/index.js';

/** The store setting that holds how far the sync has read. */
export const REWARDS_CURSOR_SETTING = 'rewards.cursor';

/**
 * How long after an order was written the sync reads it. Orders are read by the time Regulars
 * wrote them (`updated_at`, taken before the write's transaction commits): a transaction still
 * open when the sync reads could commit a row older than the cursor, which the sync would never
 * see again. Reading only rows older than the lag leaves every write that many seconds to commit;
 * Regulars' own writes commit within milliseconds (an import commits chunk by chunk).
 */
export const DEFAULT_SYNC_LAG_MS = 5_000;
const PAGE_SIZE = 500;

/** Where the sync stopped: the last order it finished, in (updated_at, id) order. */
export interface RewardsCursor {
  readonly updatedAt: string;
  readonly orderId: string;
}

export interface RewardsSyncFailure {
  readonly orderId: string;
  readonly externalId: string;
  readonly error: Error;
}

export interface RewardsSyncResult {
  /** Orders every handler finished. */
  readonly orders: number;
  /** The order that failed, if one did: the sync stopped before it and retries it on its next run. */
  readonly failure: RewardsSyncFailure | null;
  readonly cursor: RewardsCursor | null;
}

export interface RewardsSyncOptions {
  readonly lagMs?: number;
  /**
   * Read orders written up to this instant instead of `now` minus the lag: a replay of the rules at
   * an earlier `now` (regulars rewards run --as-of) still reads every order written so far.
   */
  readonly readUntil?: string;
  /** Called after each page with the orders done so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * How many customers' orders are handled at once (default 1). On PostgreSQL each handler waits
   * on round trips, so several customers in parallel on the pool multiply the throughput; one
   * customer's orders always run one after another, in the order they were written.
   */
  readonly concurrency?: number;
  /** Stops the sync after the page in progress (the process is stopping, or lost its lease): the cursor says where to go on. */
  readonly signal?: AbortSignal;
}

/** Customers the sync handles at once on each database: PostgreSQL's pool has 10 connections, SQLite one. */
export const SYNC_CONCURRENCY: Readonly<Record<'sqlite' | 'postgres', number>> = { sqlite: 1, postgres: 6 };

function parseCursor(value: unknown): RewardsCursor | null {
  if (value === null || typeof value !== 'object') return null;
  const { updatedAt, orderId } = value as Record<string, unknown>;
  return typeof updatedAt === 'string' && typeof orderId === 'string' ? { updatedAt, orderId } : null;
}

async function readOrderPage(
  db: Kysely<Database>,
  storeId: string,
  after: RewardsCursor | null,
  until: string,
): Promise<Order[]> {
  let query = db.selectFrom('orders').selectAll().where('store_id', '=', storeId).where('updated_at', '<=', until);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('updated_at', '>', after.updatedAt),
        eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '>', after.orderId)]),
      ]),
    );
  }
  const rows = await query.orderBy('updated_at').orderBy('id').limit(PAGE_SIZE).execute();
  return ordersWithLines(db, storeId, rows);
}

/**
 * Runs every rewards handler (earn points, reward a referral, move a tier, advance challenges,
 * release a cancelled order's coupon) for each order the store wrote since the last run, in the
 * order they were written, whichever path wrote them (API, webhook, import). Ingestion stays as fast
 * as it was: rewards follow a few seconds later, off the request path.
 *
 * At-least-once: the cursor is saved after each page, so a crash repeats at most a page, and the
 * handlers are idempotent by what they post. A handler that throws stops the sync at that order
 * (the cursor stays before it, nothing after it is skipped) and the failure is returned, to be
 * logged and retried on the next run: an order is never passed over silently.
 */
export async function syncRewards(
  db: Kysely<Database>,
  storeId: string,
  handlers: readonly OrderRewardHandler[],
  now: string,
  options: RewardsSyncOptions = {},
): Promise<RewardsSyncResult> {
  const until = options.readUntil ?? new Date(Date.parse(now) - (options.lagMs ?? DEFAULT_SYNC_LAG_MS)).toISOString();
  let cursor = parseCursor(await readSetting(db, storeId, REWARDS_CURSOR_SETTING));
  let done = 0;
  for (;;) {
    const page = await readOrderPage(db, storeId, cursor, until);
    if (page.length === 0) return { orders: done, failure: null, cursor };
    const start = cursor;
    const { finished, failure } = await handlePage(db, storeId, handlers, page, now, options.concurrency ?? 1);
    if (finished > 0) cursor = { updatedAt: page[finished - 1].updatedAt, orderId: page[finished - 1].id };
    done += finished;
    if (cursor !== start) await writeSetting(db, storeId, REWARDS_CURSOR_SETTING, cursor, now);
    options.onProgress?.(done);
    if (failure || options.signal?.aborted) return { orders: done, failure, cursor };
  }
}

/**
 * Runs the handlers for a page of orders, `concurrency` customers at a time, each customer's
 * orders in page order. Returns how many orders, from the page's start, all finished (the cursor
 * may pass them) and the first failure in page order. A customer whose order failed stops there;
 * other customers go on, and whatever ran after the failure runs again next time (idempotently).
 */
async function handlePage(
  db: Kysely<Database>,
  storeId: string,
  handlers: readonly OrderRewardHandler[],
  page: readonly Order[],
  now: string,
  concurrency: number,
): Promise<{ finished: number; failure: RewardsSyncFailure | null }> {
  const lanes = new Map<string, number[]>();
  page.forEach((order, index) => {
    const lane = lanes.get(order.customerId);
    if (lane) lane.push(index);
    else lanes.set(order.customerId, [index]);
  });
  // Once a page: handlers of features the store does not use are left out for all its orders.
  const used = await Promise.all(handlers.map((handler) => (handler.usedBy ? handler.usedBy(db, storeId) : true)));
  const active = handlers.filter((_, i) => used[i]);
  let firstFailed = page.length;
  let failure: RewardsSyncFailure | null = null;
  const queue = [...lanes.values()];
  const runLane = async (lane: number[]) => {
    for (const index of lane) {
      const order = page[index];
      try {
        for (const handler of active) await handler(db, storeId, order, now);
      } catch (error) {
        if (index < firstFailed) {
          firstFailed = index;
          failure = { orderId: order.id, externalId: order.externalId, error: error as Error };
        }
        return;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
    for (let lane = queue.shift(); lane !== undefined; lane = queue.shift()) await runLane(lane);
  });
  await Promise.all(workers);
  return { finished: firstFailed, failure };
}

/**
 * Whether the sync has handled this order as last written (its points, tier, challenges): false
 * while it is newer than the cursor, which lasts the sync's lag and a run (seconds), so a page
 * shown right after checkout can say "on its way" instead of "no points".
 */
export async function rewardsHandled(
  db: Kysely<Database>,
  storeId: string,
  order: { readonly updatedAt: string; readonly id: string },
): Promise<boolean> {
  const cursor = parseCursor(await readSetting(db, storeId, REWARDS_CURSOR_SETTING));
  if (cursor === null) return false;
  return order.updatedAt < cursor.updatedAt || (order.updatedAt === cursor.updatedAt && order.id <= cursor.orderId);
}
