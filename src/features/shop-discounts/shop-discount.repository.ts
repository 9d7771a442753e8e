import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { ShopDiscountPushRow, ShopOrderDiscountCodeRow } from './shop-discount.table.js';

/**
 * Queues every coupon of the store not queued for the platform yet that can still be used (not
 * expired, uses left), in one statement: concurrent runs insert each row once (the primary key,
 * ON CONFLICT DO NOTHING). Returns how many were queued.
 */
export async function enqueueUnqueuedCoupons(
  db: Kysely<Database>,
  storeId: string,
  platform: string,
  now: string,
): Promise<number> {
  const result = await db
    .insertInto('shop_discount_pushes')
    .columns([
      'store_id',
      'coupon_id',
      'platform',
      'code',
      'status',
      'attempts',
      'last_error',
      'next_attempt_at',
      'remote_id',
      'created_at',
      'updated_at',
    ])
    .expression(
      db
        .selectFrom('coupons as c')
        .select([
          'c.store_id',
          'c.id',
          sql.lit(platform).as('platform'),
          'c.code',
          sql.lit('pending').as('status'),
          sql.lit(0).as('attempts'),
          sql<string | null>`null`.as('last_error'),
          sql.val(now).as('next_attempt_at'),
          sql<string | null>`null`.as('remote_id'),
          sql.val(now).as('created_at'),
          sql.val(now).as('updated_at'),
        ])
        .where('c.store_id', '=', storeId)
        .where((eb) => eb.or([eb('c.valid_until', 'is', null), eb('c.valid_until', '>', now)]))
        .where((eb) => eb.or([eb('c.usage_limit', 'is', null), eb('c.uses', '<', eb.ref('c.usage_limit'))]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('shop_discount_pushes as p')
                .select('p.coupon_id')
                .whereRef('p.store_id', '=', 'c.store_id')
                .whereRef('p.coupon_id', '=', 'c.id')
                .where('p.platform', '=', platform),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['store_id', 'coupon_id', 'platform']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The pushes due at `now` (pending or failed with a next attempt not after now), the longest waiting first. */
export function duePushes(
  db: Kysely<Database>,
  storeId: string,
  platform: string,
  now: string,
  limit: number,
): Promise<ShopDiscountPushRow[]> {
  return db
    .selectFrom('shop_discount_pushes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('platform', '=', platform)
    .where('status', 'in', ['pending', 'failed'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('coupon_id')
    .limit(limit)
    .execute();
}

export async function markPushed(
  db: Kysely<Database>,
  row: Pick<ShopDiscountPushRow, 'store_id' | 'coupon_id' | 'platform'>,
  remoteId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('shop_discount_pushes')
    .set((eb) => ({
      status: 'pushed',
      attempts: eb('attempts', '+', 1),
      last_error: null,
      next_attempt_at: null,
      remote_id: remoteId,
      updated_at: now,
    }))
    .where('store_id', '=', row.store_id)
    .where('coupon_id', '=', row.coupon_id)
    .where('platform', '=', row.platform)
    .execute();
}

export async function markFailed(
  db: Kysely<Database>,
  row: Pick<ShopDiscountPushRow, 'store_id' | 'coupon_id' | 'platform'>,
  failure: { readonly attempts: number; readonly error: string; readonly nextAttemptAt: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('shop_discount_pushes')
    .set({
      status: 'failed',
      attempts: failure.attempts,
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
      updated_at: now,
    })
    .where('store_id', '=', row.store_id)
    .where('coupon_id', '=', row.coupon_id)
    .where('platform', '=', row.platform)
    .execute();
}

/** Failed pushes made due now (also those no automatic retry would touch). Returns how many. */
export async function makeFailedDue(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('shop_discount_pushes')
    .set({ next_attempt_at: now, updated_at: now })
    .where('store_id', '=', storeId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function pushCounts(
  db: Kysely<Database>,
  storeId: string,
): Promise<{ platform: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('shop_discount_pushes')
    .select(['platform', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('store_id', '=', storeId)
    .groupBy(['platform', 'status'])
    .orderBy('platform')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ platform: r.platform, status: r.status, count: Number(r.count) }));
}

/** The pushes not pushed yet (failed first, then pending), with their errors: what needs a look. */
export function unpushed(db: Kysely<Database>, storeId: string, limit: number): Promise<ShopDiscountPushRow[]> {
  return db
    .selectFrom('shop_discount_pushes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('status', '!=', 'pushed')
    .orderBy('status')
    .orderBy('updated_at', 'desc')
    .orderBy('coupon_id')
    .limit(limit)
    .execute();
}

/** Records the codes an order used at the shop's checkout; a code already recorded for the order is left as it is. */
export async function insertOrderCodes(
  db: Kysely<Database>,
  storeId: string,
  order: { readonly orderId: string; readonly codes: readonly string[]; readonly platform: string },
  receivedAt: string,
): Promise<void> {
  if (order.codes.length === 0) return;
  await db
    .insertInto('shop_order_discount_codes')
    .values(
      order.codes.map((code) => ({
        store_id: storeId,
        order_id: order.orderId,
        code,
        platform: order.platform,
        received_at: receivedAt,
        outcome: null,
        detail: null,
        handled_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['store_id', 'order_id', 'code']).doNothing())
    .execute();
}

/** The order's codes not handled yet. */
export function unhandledOrderCodes(
  db: Kysely<Database>,
  storeId: string,
  orderId: string,
): Promise<ShopOrderDiscountCodeRow[]> {
  return db
    .selectFrom('shop_order_discount_codes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .where('outcome', 'is', null)
    .orderBy('code')
    .execute();
}

export async function markOrderCodeHandled(
  db: Kysely<Database>,
  row: Pick<ShopOrderDiscountCodeRow, 'store_id' | 'order_id' | 'code'>,
  outcome: { readonly outcome: string; readonly detail: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('shop_order_discount_codes')
    .set({ outcome: outcome.outcome, detail: outcome.detail, handled_at: now })
    .where('store_id', '=', row.store_id)
    .where('order_id', '=', row.order_id)
    .where('code', '=', row.code)
    .execute();
}

/** Whether the store has any order code recorded: the rewards sync skips the handler for stores without. */
export async function hasOrderCodes(db: Kysely<Database>, storeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('shop_order_discount_codes')
    .select('order_id')
    .where('store_id', '=', storeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Order codes Regulars' rules refused (the shop took them): the uses a person should look at. */
export function refusedOrderCodes(
  db: Kysely<Database>,
  storeId: string,
  limit: number,
): Promise<ShopOrderDiscountCodeRow[]> {
  return db
    .selectFrom('shop_order_discount_codes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('outcome', '=', 'refused')
    .orderBy('handled_at', 'desc')
    .limit(limit)
    .execute();
}
