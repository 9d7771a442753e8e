import type { Kysely } from 'kysely';
import {
  type Coupon,
  type CouponInput,
  type CouponKind,
  couponInputProblem,
  couponTerms,
  normalizeCouponCode,
} from './coupon.js';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { CouponRedemptionRow } from './coupon-redemption.table.js';
import type { CouponReservationRow } from './coupon-reservation.table.js';
import type { CouponRow } from './coupon.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';

export function couponFromRow(row: CouponRow): Coupon {
  return {
    id: row.id,
    storeId: row.store_id,
    code: row.code,
    // Written only through couponToRow, which admits COUPON_KINDS alone.
    kind: row.kind as CouponKind,
    value: row.value,
    minSubtotalMinor: row.min_subtotal_minor,
    currency: row.currency,
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    scope:
      row.scope_skus === null && row.scope_categories === null
        ? null
        : { skus: jsonList(row.scope_skus), categories: jsonList(row.scope_categories) },
    customerId: row.customer_id,
    eligibleTiers: jsonList(row.eligible_tiers),
    eligibleSegments: jsonList(row.eligible_segments),
    combinable: Number(row.combinable) === 1,
    uses: row.uses,
    held: row.held,
    createdAt: row.created_at,
  };
}

/** A JSON list of text written by couponToRow; null reads as empty. */
function jsonList(text: string | null): string[] {
  return text === null ? [] : (JSON.parse(text) as string[]);
}

export function couponToRow(storeId: string, id: string, input: CouponInput, now: string): CouponRow {
  const terms = couponTerms({
    ...input,
    code: typeof input.code === 'string' ? normalizeCouponCode(input.code) : input.code,
    // Stored as UTC instants in one format, so they compare as text on both dialects.
    validFrom: input.validFrom === null ? null : utcInstant(input.validFrom, 'validFrom'),
    validUntil: input.validUntil === null ? null : utcInstant(input.validUntil, 'validUntil'),
  });
  const problem = couponInputProblem(terms);
  if (problem) throw invalidField(problem.field, problem.message);
  return {
    store_id: storeId,
    id,
    code: terms.code,
    kind: terms.kind,
    value: terms.value,
    min_subtotal_minor: terms.minSubtotalMinor,
    currency: terms.currency,
    usage_limit: terms.usageLimit,
    per_customer_limit: terms.perCustomerLimit,
    uses: 0,
    valid_from: terms.validFrom,
    valid_until: terms.validUntil,
    created_at: now,
    scope_skus: terms.scope === null ? null : JSON.stringify(terms.scope.skus),
    scope_categories: terms.scope === null ? null : JSON.stringify(terms.scope.categories),
    customer_id: terms.customerId,
    eligible_tiers: JSON.stringify(terms.eligibleTiers),
    eligible_segments: JSON.stringify(terms.eligibleSegments),
    combinable: terms.combinable ? 1 : 0,
    held: 0,
  };
}

/** A unique violation, as either driver reports it (SQLite's extended codes, PostgreSQL's SQLSTATE). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Inserts the coupons, 500 rows a statement, and maps the constraint violations to their errors: an
 * unknown store is STORE_NOT_FOUND, a code the store already has COUPON_CODE_TAKEN. Call it in a
 * transaction when more than 500 rows must be all or none.
 */
export async function insertCoupons(
  db: Kysely<Database>,
  storeId: string,
  rows: readonly CouponRow[],
): Promise<Coupon[]> {
  try {
    const out: CouponRow[] = [];
    // 20 parameters a row: 500 rows stay far below SQLite's 32,766 bound parameters.
    for (let start = 0; start < rows.length; start += 500) {
      out.push(
        ...(await db
          .insertInto('coupons')
          .values(rows.slice(start, start + 500))
          .returningAll()
          .execute()),
      );
    }
    return out.map(couponFromRow);
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    if (isUniqueViolation(error)) {
      if (rows.length === 1)
        throw new RegularsError('COUPON_CODE_TAKEN', `store ${storeId} already has a coupon ${rows[0].code}`, {
          storeId,
          code: rows[0].code,
        });
      throw new RegularsError(
        'COUPON_CODE_TAKEN',
        `a generated code matched one store ${storeId} already has; nothing was created, run again`,
        { storeId },
      );
    }
    throw error;
  }
}

/** The store's coupon with this code (any case), or null: another store's codes are not found. */
export async function findCouponByCode(db: Kysely<Database>, storeId: string, code: string): Promise<Coupon | null> {
  const row = await db
    .selectFrom('coupons')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('code', '=', normalizeCouponCode(code))
    .executeTakeFirst();
  return row ? couponFromRow(row) : null;
}

/** The store's coupons, oldest first (ids are time-ordered). */
export async function listCoupons(db: Kysely<Database>, storeId: string): Promise<Coupon[]> {
  const rows = await db
    .selectFrom('coupons')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(couponFromRow);
}

/** How many times this customer has redeemed the coupon (redemptions released on cancel do not count). */
export async function countCustomerRedemptions(
  db: Kysely<Database>,
  storeId: string,
  couponId: string,
  customerId: string,
): Promise<number> {
  const row = await db
    .selectFrom('coupon_redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('customer_id', '=', customerId)
    .where('released_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Takes the coupon's row lock for the rest of the transaction and reads the coupon under it. Every
 * change of a coupon's counters (uses, held) and of its reservations and redemptions runs after
 * this statement, so they run one at a time per coupon and each sees the state the previous one
 * committed:
 * - It is a write (an UPDATE that changes nothing), so on SQLite the transaction takes the database
 *   write lock at once instead of failing with SQLITE_BUSY when it writes later (BEGIN is deferred).
 * - On PostgreSQL the UPDATE locks the row until commit; a waiting transaction re-reads the row once
 *   the holder commits, and under READ COMMITTED each later statement sees everything it committed.
 * One row lock per transaction means no lock-order deadlock between uses of different coupons.
 */
export async function lockCoupon(
  trx: Kysely<Database>,
  storeId: string,
  by: { code: string } | { id: string },
): Promise<Coupon | null> {
  let query = trx
    .updateTable('coupons')
    .set((eb) => ({ held: eb.ref('held') }))
    .where('store_id', '=', storeId);
  query = 'code' in by ? query.where('code', '=', normalizeCouponCode(by.code)) : query.where('id', '=', by.id);
  const row = await query.returningAll().executeTakeFirst();
  return row ? couponFromRow(row) : null;
}

/** One more use counted (and, for a converted reservation, one hold less); returns the coupon as it now stands. */
export async function addUse(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  convertedReservation: boolean,
): Promise<Coupon> {
  const row = await trx
    .updateTable('coupons')
    .set((eb) => ({ uses: eb('uses', '+', 1), held: eb('held', '-', convertedReservation ? 1 : 0) }))
    .where('store_id', '=', storeId)
    .where('id', '=', couponId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return couponFromRow(row);
}

/** One use given back. */
export async function subtractUse(trx: Kysely<Database>, storeId: string, couponId: string): Promise<void> {
  await trx
    .updateTable('coupons')
    .set((eb) => ({ uses: eb('uses', '-', 1) }))
    .where('store_id', '=', storeId)
    .where('id', '=', couponId)
    .execute();
}

/** One more use held for a reservation; returns the coupon as it now stands. */
export async function addHeld(trx: Kysely<Database>, storeId: string, couponId: string): Promise<Coupon> {
  const row = await trx
    .updateTable('coupons')
    .set((eb) => ({ held: eb('held', '+', 1) }))
    .where('store_id', '=', storeId)
    .where('id', '=', couponId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return couponFromRow(row);
}

/** `count` held uses given back (reservations released or reclaimed); returns the coupon as it now stands. */
export async function subtractHeld(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  count: number,
): Promise<Coupon> {
  const row = await trx
    .updateTable('coupons')
    .set((eb) => ({ held: eb('held', '-', count) }))
    .where('store_id', '=', storeId)
    .where('id', '=', couponId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return couponFromRow(row);
}

/**
 * Deletes the coupon's reservations that expired at or before `now` and takes them off `held`;
 * call with the coupon locked. Returns the coupon as it now stands.
 */
export async function deleteExpiredReservations(trx: Kysely<Database>, coupon: Coupon, now: string): Promise<Coupon> {
  const gone = await trx
    .deleteFrom('coupon_reservations')
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('expires_at', '<=', now)
    .returning('cart_id')
    .execute();
  if (gone.length === 0) return coupon;
  return subtractHeld(trx, coupon.storeId, coupon.id, gone.length);
}

/** The customer's redemptions of the coupon plus their unexpired reservations on other carts: what the per-customer limit counts. */
export async function countCustomerUses(
  db: Kysely<Database>,
  coupon: Coupon,
  customerId: string,
  cartId: string | null,
  now: string,
): Promise<number> {
  let held = db
    .selectFrom('coupon_reservations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('customer_id', '=', customerId)
    .where('expires_at', '>', now);
  if (cartId !== null) held = held.where('cart_id', '!=', cartId);
  const [redeemed, reserved] = [
    await countCustomerRedemptions(db, coupon.storeId, coupon.id, customerId),
    Number((await held.executeTakeFirstOrThrow()).n),
  ];
  return redeemed + reserved;
}

/** The combinable flags of the other coupons redeemed (not released) for this order. */
export async function otherCouponsOfOrder(trx: Kysely<Database>, coupon: Coupon, orderId: string): Promise<boolean[]> {
  const rows = await trx
    .selectFrom('coupon_redemptions as r')
    .innerJoin('coupons as c', (join) => join.onRef('c.store_id', '=', 'r.store_id').onRef('c.id', '=', 'r.coupon_id'))
    .select('c.combinable')
    .where('r.store_id', '=', coupon.storeId)
    .where('r.order_id', '=', orderId)
    .where('r.coupon_id', '!=', coupon.id)
    .where('r.released_at', 'is', null)
    .execute();
  return rows.map((row) => Number(row.combinable) === 1);
}

/** The combinable flags of the other coupons reserved (unexpired) for this cart. */
export async function otherCouponsOfCart(
  trx: Kysely<Database>,
  coupon: Coupon,
  cartId: string,
  now: string,
): Promise<boolean[]> {
  const rows = await trx
    .selectFrom('coupon_reservations as r')
    .innerJoin('coupons as c', (join) => join.onRef('c.store_id', '=', 'r.store_id').onRef('c.id', '=', 'r.coupon_id'))
    .select('c.combinable')
    .where('r.store_id', '=', coupon.storeId)
    .where('r.cart_id', '=', cartId)
    .where('r.coupon_id', '!=', coupon.id)
    .where('r.expires_at', '>', now)
    .execute();
  return rows.map((row) => Number(row.combinable) === 1);
}

/** Whether the coupon was redeemed for this order already (released or not). */
export async function isRedeemedForOrder(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  orderId: string,
): Promise<boolean> {
  const done = await trx
    .selectFrom('coupon_redemptions')
    .select('order_id')
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return done !== undefined;
}

/**
 * Inserts the redemption unless the coupon was redeemed for the order already: the primary key
 * (store, coupon, order) decides, ON CONFLICT DO NOTHING. Returns whether it was inserted.
 */
export async function insertRedemption(trx: Kysely<Database>, row: CouponRedemptionRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('coupon_redemptions')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'coupon_id', 'order_id']).doNothing())
    .returning('order_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The coupons the order's redemptions still count, in coupon order (so releases lock coupons in one order: no deadlock). */
export async function unreleasedCouponsOfOrder(
  db: Kysely<Database>,
  storeId: string,
  orderId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('coupon_redemptions')
    .select('coupon_id')
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .where('released_at', 'is', null)
    .orderBy('coupon_id')
    .execute();
  return rows.map((row) => row.coupon_id);
}

/** Sets released_at on the redemption only where it is still null; returns whether it did (each is released once). */
export async function releaseRedemption(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  orderId: string,
  releasedAt: string,
): Promise<boolean> {
  const changed = await trx
    .updateTable('coupon_redemptions')
    .set({ released_at: releasedAt })
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('order_id', '=', orderId)
    .where('released_at', 'is', null)
    .returning('order_id')
    .executeTakeFirst();
  return changed !== undefined;
}

export function findReservation(
  trx: Kysely<Database>,
  coupon: Coupon,
  cartId: string,
): Promise<CouponReservationRow | undefined> {
  return trx
    .selectFrom('coupon_reservations')
    .selectAll()
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('cart_id', '=', cartId)
    .executeTakeFirst();
}

export function insertReservation(trx: Kysely<Database>, row: CouponReservationRow): Promise<CouponReservationRow> {
  return trx.insertInto('coupon_reservations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The cart's reservation with a new expiry (and the customer the checkout now names). */
export function renewReservation(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  cartId: string,
  change: { readonly expiresAt: string; readonly customerId: string | null },
): Promise<CouponReservationRow> {
  return trx
    .updateTable('coupon_reservations')
    .set({ expires_at: change.expiresAt, customer_id: change.customerId })
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('cart_id', '=', cartId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes the cart's reservation of the coupon; returns whether there was one. */
export async function deleteReservation(
  trx: Kysely<Database>,
  storeId: string,
  couponId: string,
  cartId: string,
): Promise<boolean> {
  const gone = await trx
    .deleteFrom('coupon_reservations')
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('cart_id', '=', cartId)
    .returning('cart_id')
    .executeTakeFirst();
  return gone !== undefined;
}

/** The store's coupons with a reservation that expired at or before `now`, in coupon order. */
export async function couponsWithExpiredReservations(
  db: Kysely<Database>,
  storeId: string,
  now: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('coupon_reservations')
    .select('coupon_id')
    .distinct()
    .where('store_id', '=', storeId)
    .where('expires_at', '<=', now)
    .orderBy('coupon_id')
    .execute();
  return rows.map((row) => row.coupon_id);
}

/**
 * The coupon's reservations that count at `now` (unexpired), and whether this cart holds one:
 * what validate needs when the held count alone would refuse (heldCountMayRefuse). A read, no lock.
 */
export async function liveReservations(
  db: Kysely<Database>,
  coupon: Coupon,
  cartId: string | null,
  now: string,
): Promise<{ live: number; cartHolds: boolean }> {
  const [count, own] = await Promise.all([
    db
      .selectFrom('coupon_reservations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', coupon.storeId)
      .where('coupon_id', '=', coupon.id)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow(),
    cartId === null ? undefined : findReservation(db, coupon, cartId),
  ]);
  const cartHolds = own !== undefined && own.expires_at > now;
  return { live: Number(count.n) - (cartHolds ? 1 : 0), cartHolds };
}

/** The store's newest coupons, at most `limit`: a batch of thousands of codes is not one screen. */
export async function listNewestCoupons(db: Kysely<Database>, storeId: string, limit: number): Promise<Coupon[]> {
  const rows = await db
    .selectFrom('coupons')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(couponFromRow);
}

/** How many coupons the store has and how many times they were redeemed in all. */
export async function couponTotals(db: Kysely<Database>, storeId: string): Promise<{ coupons: number; uses: number }> {
  const row = await db
    .selectFrom('coupons')
    .select((eb) => [eb.fn.countAll().as('coupons'), eb.fn.sum<number | string | null>('uses').as('uses')])
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  return { coupons: Number(row?.coupons ?? 0), uses: Number(row?.uses ?? 0) };
}
