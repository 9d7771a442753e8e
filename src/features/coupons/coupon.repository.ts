import { randomFillSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Cart,
  type Coupon,
  type CouponInput,
  type CouponKind,
  type CouponRejection,
  type CustomerFacts,
  combinationRejection,
  couponInputProblem,
  couponTerms,
  couponUseRejection,
  normalizeCouponCode,
} from './coupon.js';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { CouponReservationRow } from './coupon-reservation.table.js';
import type { CouponRow } from './coupon.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';

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
    scope: row.scope_skus === null && row.scope_categories === null ? null : { skus: jsonList(row.scope_skus), categories: jsonList(row.scope_categories) },
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

async function insertCoupons(db: Kysely<Database>, storeId: string, rows: readonly CouponRow[]): Promise<Coupon[]> {
  try {
    const stored = await inTransaction(db, async (trx) => {
      const out: CouponRow[] = [];
      // 20 parameters a row: 500 rows stay far below SQLite's 32,766 bound parameters.
      for (let start = 0; start < rows.length; start += 500) {
        out.push(...(await trx.insertInto('coupons').values(rows.slice(start, start + 500)).returningAll().execute()));
      }
      return out;
    });
    return stored.map(couponFromRow);
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    if (isUniqueViolation(error)) {
      if (rows.length === 1) throw new RegularsError('COUPON_CODE_TAKEN', `store ${storeId} already has a coupon ${rows[0].code}`, { storeId, code: rows[0].code });
      throw new RegularsError('COUPON_CODE_TAKEN', `a generated code matched one store ${storeId} already has; nothing was created, run again`, { storeId });
    }
    throw error;
  }
}

/** Creates one coupon with the code given (upper-cased). A code the store already has is COUPON_CODE_TAKEN. */
export async function createCoupon(db: Kysely<Database>, storeId: string, input: CouponInput): Promise<Coupon> {
  const [coupon] = await insertCoupons(db, storeId, [couponToRow(storeId, newId('cpn'), input, nowIso())]);
  return coupon;
}

/** Crockford's base32 in upper case: no I, L, O, U, so a code read aloud or typed is not misread. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters of 5 bits: 60 bits, far beyond guessing at any rate a checkout allows. */
const RANDOM_CODE_LENGTH = 12;
export const MAX_COUPON_BATCH = 100_000;

/** 'K7QM-2XHD-9RTA', after `prefix-` when one is given. Made here because the domain takes no randomness. */
export function randomCouponCode(prefix: string | null): string {
  const bytes = randomFillSync(Buffer.alloc(RANDOM_CODE_LENGTH));
  let body = '';
  for (let i = 0; i < RANDOM_CODE_LENGTH; i++) {
    if (i > 0 && i % 4 === 0) body += '-';
    // 256 is a multiple of 32, so taking the low 5 bits of a random byte favours no character.
    body += CODE_ALPHABET[bytes[i] & 31];
  }
  return prefix ? `${normalizeCouponCode(prefix)}-${body}` : body;
}

/**
 * Creates `count` coupons with the same terms and unique random codes (input.code, if not empty, is
 * their prefix), in one transaction: all or none. Codes are distinct within the batch; a clash with a
 * stored code (chance about count x stored / 2^60) fails the batch with COUPON_CODE_TAKEN, to be run again.
 */
export async function createCouponBatch(db: Kysely<Database>, storeId: string, input: CouponInput, count: number): Promise<Coupon[]> {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUPON_BATCH) {
    throw invalidField('count', `count must be a whole number from 1 to ${MAX_COUPON_BATCH}, not ${count}`);
  }
  const prefix = input.code.trim() === '' ? null : input.code;
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCouponCode(prefix));
  const now = nowIso();
  const rows = [...codes].map((code) => couponToRow(storeId, newId('cpn'), { ...input, code }, now));
  return insertCoupons(db, storeId, rows);
}

/** The store's coupon with this code (any case), or null: another store's codes are not found. */
export async function findCouponByCode(db: Kysely<Database>, storeId: string, code: string): Promise<Coupon | null> {
  const row = await db.selectFrom('coupons').selectAll().where('store_id', '=', storeId).where('code', '=', normalizeCouponCode(code)).executeTakeFirst();
  return row ? couponFromRow(row) : null;
}

/** The store's coupons, oldest first (ids are time-ordered). */
export async function listCoupons(db: Kysely<Database>, storeId: string): Promise<Coupon[]> {
  const rows = await db.selectFrom('coupons').selectAll().where('store_id', '=', storeId).orderBy('created_at').orderBy('id').execute();
  return rows.map(couponFromRow);
}

/** How many times this customer has redeemed the coupon (redemptions released on cancel do not count). */
export async function countCustomerRedemptions(db: Kysely<Database>, storeId: string, couponId: string, customerId: string): Promise<number> {
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

/** Options of a use (reservation or redemption) that the app layer resolves before the transaction. */
export interface CouponUseOptions {
  /** The cart, when the checkout sends it: currency, minimum and scope are then checked too. */
  readonly cart?: Omit<Cart, 'customerId' | 'customerRedemptions'> | null;
  /**
   * The customer's tier and segment, for a coupon that lists tiers or segments (couponCustomerFacts);
   * without them such a coupon is refused as COUPON_NOT_ELIGIBLE.
   */
  readonly customer?: CustomerFacts | null;
}

export interface Redemption {
  readonly code: string;
  /** The order's external id: one redemption per coupon and order. */
  readonly orderId: string;
  /** The customer as the checkout knows them; counted for the per-customer limit. */
  readonly customerId: string;
  /** The cart whose reservation this redemption converts; without one (or when it has none) the coupon is redeemed directly. */
  readonly cartId?: string | null;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 255) throw invalidField(field, `${field} must be a non-empty string of up to 255 characters`);
  return value;
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
async function lockCoupon(trx: Kysely<Database>, storeId: string, by: { code: string } | { id: string }): Promise<Coupon | null> {
  let query = trx
    .updateTable('coupons')
    .set((eb) => ({ held: eb.ref('held') }))
    .where('store_id', '=', storeId);
  query = 'code' in by ? query.where('code', '=', normalizeCouponCode(by.code)) : query.where('id', '=', by.id);
  const row = await query.returningAll().executeTakeFirst();
  return row ? couponFromRow(row) : null;
}

function couponNotFound(storeId: string, code: string): RegularsError {
  return new RegularsError('COUPON_NOT_FOUND', `store ${storeId} has no coupon ${normalizeCouponCode(code)}`, { storeId, code: normalizeCouponCode(code) });
}

/**
 * Deletes the coupon's reservations that expired at or before `now` and takes them off `held`;
 * call with the coupon locked. Returns the coupon as it now stands.
 */
async function reclaimExpired(trx: Kysely<Database>, coupon: Coupon, now: string): Promise<Coupon> {
  const gone = await trx
    .deleteFrom('coupon_reservations')
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('expires_at', '<=', now)
    .returning('cart_id')
    .execute();
  if (gone.length === 0) return coupon;
  const row = await trx
    .updateTable('coupons')
    .set((eb) => ({ held: eb('held', '-', gone.length) }))
    .where('store_id', '=', coupon.storeId)
    .where('id', '=', coupon.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return couponFromRow(row);
}

/** Whether the usage limit could refuse a use that holds no reservation: only then are expired reservations worth reclaiming. */
function atLimit(coupon: Coupon): boolean {
  return coupon.usageLimit !== null && coupon.held > 0 && coupon.uses + coupon.held >= coupon.usageLimit;
}

/** The customer's redemptions of the coupon plus their unexpired reservations on other carts: what the per-customer limit counts. */
async function customerUses(trx: Kysely<Database>, coupon: Coupon, customerId: string | null, cartId: string | null, now: string): Promise<number> {
  if (coupon.perCustomerLimit === null || customerId === null) return 0;
  let held = trx
    .selectFrom('coupon_reservations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('customer_id', '=', customerId)
    .where('expires_at', '>', now);
  if (cartId !== null) held = held.where('cart_id', '!=', cartId);
  const [redeemed, reserved] = [await countCustomerRedemptions(trx, coupon.storeId, coupon.id, customerId), Number((await held.executeTakeFirstOrThrow()).n)];
  return redeemed + reserved;
}

/** The error a refused use throws: the same codes validate answers as reasons, with what the checkout needs to explain it. */
function refusal(reason: CouponRejection | 'COUPON_NOT_COMBINABLE', coupon: Coupon, customerId: string | null): RegularsError {
  const code = coupon.code;
  switch (reason) {
    case 'COUPON_LIMIT_REACHED':
      return new RegularsError(reason, `coupon ${code} has reached its usage limit of ${coupon.usageLimit}`, { code, usageLimit: coupon.usageLimit });
    case 'COUPON_CUSTOMER_LIMIT_REACHED':
      return new RegularsError(reason, `customer ${customerId} has used coupon ${code} ${coupon.perCustomerLimit} times, its limit`, {
        code,
        customerId,
        perCustomerLimit: coupon.perCustomerLimit,
      });
    case 'COUPON_EXPIRED':
      return new RegularsError(reason, `coupon ${code} expired at ${coupon.validUntil}`, { code, validUntil: coupon.validUntil });
    case 'COUPON_NOT_YET_VALID':
      return new RegularsError(reason, `coupon ${code} is valid from ${coupon.validFrom}`, { code, validFrom: coupon.validFrom });
    case 'COUPON_NOT_ELIGIBLE':
      return new RegularsError(reason, `customer ${customerId ?? '(guest)'} may not use coupon ${code}`, { code, customerId });
    case 'COUPON_NOT_COMBINABLE':
      return new RegularsError(reason, `coupon ${code} cannot be combined with the other coupons of this cart or order`, { code });
    case 'COUPON_BELOW_MINIMUM':
      return new RegularsError(reason, `the cart is below coupon ${code}'s minimum subtotal of ${coupon.minSubtotalMinor}`, { code, minSubtotalMinor: coupon.minSubtotalMinor });
    case 'COUPON_CURRENCY_MISMATCH':
      return new RegularsError(reason, `coupon ${code} is in ${coupon.currency}`, { code, currency: coupon.currency });
    case 'COUPON_NO_MATCHING_ITEMS':
      return new RegularsError(reason, `no line of the cart is in coupon ${code}'s scope`, { code, scope: coupon.scope });
  }
}

/** The combinable flags of the other coupons redeemed (not released) for this order. */
async function otherCouponsOfOrder(trx: Kysely<Database>, coupon: Coupon, orderId: string): Promise<boolean[]> {
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
async function otherCouponsOfCart(trx: Kysely<Database>, coupon: Coupon, cartId: string, now: string): Promise<boolean[]> {
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

/**
 * Redeems the coupon for an order, in one transaction that holds the coupon's row lock (lockCoupon),
 * so its limits hold under any concurrency:
 *
 * 1. A redemption of the same order is 'already_redeemed' and counts nothing (also for a used-up
 *    or since-expired code): redeem is idempotent per order. The primary key (store, coupon, order)
 *    backs it, and the insert is ON CONFLICT DO NOTHING.
 * 2. With a cartId whose reservation is unexpired, the reservation is converted: its use was set
 *    aside, so the usage limit cannot refuse it. An expired one is no reservation (it is reclaimed).
 * 3. The rules are the domain's (couponUseRejection) over counts read under the lock: uses plus
 *    unexpired reservations for the usage limit, the customer's redemptions plus their reservations
 *    on other carts for the per-customer limit; and the other coupons of the order (combination).
 * 4. The use is counted: uses + 1 (and held - 1 for a converted reservation), in the same transaction
 *    as the redemption row; a refusal throws its code and leaves no trace.
 */
export async function redeemCoupon(
  db: Kysely<Database>,
  storeId: string,
  redemption: Redemption,
  now: string,
  options: CouponUseOptions = {},
): Promise<{ outcome: 'redeemed' | 'already_redeemed'; coupon: Coupon; convertedReservation: boolean }> {
  for (const field of ['code', 'orderId', 'customerId'] as const) {
    if (typeof redemption[field] !== 'string' || redemption[field].trim() === '') throw invalidField(field, `a redemption needs ${field} as a non-empty string`);
  }
  const cartId = redemption.cartId == null ? null : requireText(redemption.cartId, 'cartId');
  const redeemedAt = utcInstant(now, 'now');
  return inTransaction(db, async (trx) => {
    let coupon = await lockCoupon(trx, storeId, { code: redemption.code });
    if (!coupon) throw couponNotFound(storeId, redemption.code);
    const done = await trx
      .selectFrom('coupon_redemptions')
      .select('order_id')
      .where('store_id', '=', storeId)
      .where('coupon_id', '=', coupon.id)
      .where('order_id', '=', redemption.orderId)
      .executeTakeFirst();
    if (done) return { outcome: 'already_redeemed', coupon, convertedReservation: false };

    let holds = false;
    if (cartId !== null) {
      const reservation = await findReservation(trx, coupon, cartId);
      if (reservation && reservation.expires_at > redeemedAt) holds = true;
      else if (reservation) coupon = await reclaimExpired(trx, coupon, redeemedAt);
    }
    if (!holds && atLimit(coupon)) coupon = await reclaimExpired(trx, coupon, redeemedAt);
    const reason =
      couponUseRejection(coupon, options.cart ? { ...options.cart, customerId: redemption.customerId } : null, redemption.customerId, redeemedAt, {
        liveHolds: coupon.held - (holds ? 1 : 0),
        cartHoldsReservation: holds,
        customerUses: await customerUses(trx, coupon, redemption.customerId, cartId, redeemedAt),
        customer: options.customer ?? null,
      }) ?? combinationRejection(coupon.combinable, await otherCouponsOfOrder(trx, coupon, redemption.orderId));
    if (reason) throw refusal(reason, coupon, redemption.customerId);

    const inserted = await trx
      .insertInto('coupon_redemptions')
      .values({
        store_id: storeId,
        coupon_id: coupon.id,
        order_id: redemption.orderId,
        customer_id: redemption.customerId,
        redeemed_at: redeemedAt,
        released_at: null,
        cart_id: holds ? cartId : null,
      })
      .onConflict((oc) => oc.columns(['store_id', 'coupon_id', 'order_id']).doNothing())
      .returning('order_id')
      .executeTakeFirst();
    // Unreachable while the lock serializes redemptions of the coupon; kept so a repeat can never count twice.
    if (!inserted) return { outcome: 'already_redeemed', coupon, convertedReservation: false };
    if (holds) await trx.deleteFrom('coupon_reservations').where('store_id', '=', storeId).where('coupon_id', '=', coupon.id).where('cart_id', '=', cartId!).execute();
    const counted = await trx
      .updateTable('coupons')
      .set((eb) => ({ uses: eb('uses', '+', 1), held: eb('held', '-', holds ? 1 : 0) }))
      .where('store_id', '=', storeId)
      .where('id', '=', coupon.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { outcome: 'redeemed', coupon: couponFromRow(counted), convertedReservation: holds };
  });
}

function findReservation(trx: Kysely<Database>, coupon: Coupon, cartId: string) {
  return trx
    .selectFrom('coupon_reservations')
    .selectAll()
    .where('store_id', '=', coupon.storeId)
    .where('coupon_id', '=', coupon.id)
    .where('cart_id', '=', cartId)
    .executeTakeFirst();
}

/** How long a reservation holds when the checkout does not say: a typical payment step. */
export const DEFAULT_RESERVATION_TTL_SECONDS = 900;
/** The longest hold: a day; a cart abandoned longer should not keep a limited code from others. */
export const MAX_RESERVATION_TTL_SECONDS = 86_400;

export interface ReservationRequest {
  readonly code: string;
  /** The checkout's cart id: one reservation of a coupon per cart. */
  readonly cartId: string;
  /** The store's external customer id; counted for the per-customer limit and the one-customer rule. */
  readonly customerId?: string | null;
  /** 1 to MAX_RESERVATION_TTL_SECONDS; DEFAULT_RESERVATION_TTL_SECONDS when left out. */
  readonly ttlSeconds?: number;
}

export interface CouponReservation {
  /** 'rsv_...' */
  readonly id: string;
  readonly code: string;
  readonly cartId: string;
  readonly customerId: string | null;
  readonly reservedAt: string;
  readonly expiresAt: string;
}

/**
 * Holds one use of the coupon for a cart until now + ttlSeconds, in one transaction under the
 * coupon's row lock (see redeemCoupon). The hold counts against the usage limit (uses + held never
 * exceeds it), so a reserved use cannot be taken by another cart; it ends by redemption of the cart
 * (converted), release, or expiry (it stops counting at expiresAt: the next use that needs the room
 * reclaims it, and reclaimExpiredReservations sweeps the rest).
 *
 * The same cart again while its reservation holds: 'renewed' with the new expiry, no second use. A
 * refusal throws the same codes redeem does (plus COUPON_NOT_COMBINABLE when the cart holds another
 * coupon and either is not combinable).
 */
export async function reserveCoupon(
  db: Kysely<Database>,
  storeId: string,
  request: ReservationRequest,
  now: string,
  options: CouponUseOptions = {},
): Promise<{ outcome: 'reserved' | 'renewed'; reservation: CouponReservation; coupon: Coupon }> {
  requireText(request.code, 'code');
  const cartId = requireText(request.cartId, 'cartId');
  const customerId = request.customerId == null ? null : requireText(request.customerId, 'customerId');
  const ttl = request.ttlSeconds ?? DEFAULT_RESERVATION_TTL_SECONDS;
  if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > MAX_RESERVATION_TTL_SECONDS) {
    throw invalidField('ttlSeconds', `ttlSeconds must be a whole number from 1 to ${MAX_RESERVATION_TTL_SECONDS}, not ${ttl}`);
  }
  const reservedAt = utcInstant(now, 'now');
  const expiresAt = new Date(Date.parse(reservedAt) + ttl * 1_000).toISOString();
  return inTransaction(db, async (trx) => {
    let coupon = await lockCoupon(trx, storeId, { code: request.code });
    if (!coupon) throw couponNotFound(storeId, request.code);
    const existing = await findReservation(trx, coupon, cartId);
    const holds = existing !== undefined && existing.expires_at > reservedAt;
    if (existing && !holds) coupon = await reclaimExpired(trx, coupon, reservedAt);
    if (!holds && atLimit(coupon)) coupon = await reclaimExpired(trx, coupon, reservedAt);
    const reason =
      couponUseRejection(coupon, options.cart ? { ...options.cart, customerId } : null, customerId, reservedAt, {
        liveHolds: coupon.held - (holds ? 1 : 0),
        cartHoldsReservation: holds,
        customerUses: await customerUses(trx, coupon, customerId, cartId, reservedAt),
        customer: options.customer ?? null,
      }) ?? combinationRejection(coupon.combinable, await otherCouponsOfCart(trx, coupon, cartId, reservedAt));
    if (reason) throw refusal(reason, coupon, customerId);

    if (holds) {
      const renewed = await trx
        .updateTable('coupon_reservations')
        .set({ expires_at: expiresAt, customer_id: customerId })
        .where('store_id', '=', storeId)
        .where('coupon_id', '=', coupon.id)
        .where('cart_id', '=', cartId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'renewed', reservation: reservationView(coupon.code, renewed), coupon };
    }
    const row = await trx
      .insertInto('coupon_reservations')
      .values({ store_id: storeId, coupon_id: coupon.id, cart_id: cartId, id: newId('rsv'), customer_id: customerId, reserved_at: reservedAt, expires_at: expiresAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    const counted = await trx
      .updateTable('coupons')
      .set((eb) => ({ held: eb('held', '+', 1) }))
      .where('store_id', '=', storeId)
      .where('id', '=', coupon.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { outcome: 'reserved', reservation: reservationView(coupon.code, row), coupon: couponFromRow(counted) };
  });
}

function reservationView(code: string, row: CouponReservationRow): CouponReservation {
  return { id: row.id, code, cartId: row.cart_id, customerId: row.customer_id, reservedAt: row.reserved_at, expiresAt: row.expires_at };
}

/**
 * Frees the cart's reservation of the coupon (failed payment, abandoned cart): 'released' gives its
 * use back at once; 'not_reserved' when the cart holds none (released before, converted, or
 * reclaimed after expiry), so a repeated release changes nothing.
 */
export async function releaseCouponReservation(
  db: Kysely<Database>,
  storeId: string,
  request: { readonly code: string; readonly cartId: string },
): Promise<{ outcome: 'released' | 'not_reserved'; coupon: Coupon }> {
  requireText(request.code, 'code');
  const cartId = requireText(request.cartId, 'cartId');
  return inTransaction(db, async (trx) => {
    const coupon = await lockCoupon(trx, storeId, { code: request.code });
    if (!coupon) throw couponNotFound(storeId, request.code);
    const gone = await trx
      .deleteFrom('coupon_reservations')
      .where('store_id', '=', storeId)
      .where('coupon_id', '=', coupon.id)
      .where('cart_id', '=', cartId)
      .returning('cart_id')
      .executeTakeFirst();
    if (!gone) return { outcome: 'not_reserved', coupon };
    const row = await trx
      .updateTable('coupons')
      .set((eb) => ({ held: eb('held', '-', 1) }))
      .where('store_id', '=', storeId)
      .where('id', '=', coupon.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { outcome: 'released', coupon: couponFromRow(row) };
  });
}

/**
 * Gives back the uses the order's redemptions took (its cancellation), each once: released_at is
 * set only where it is still null, and uses falls by one only when it was. Each coupon in its own
 * transaction under its row lock. Returns how many redemptions were released now (0 on a repeat).
 */
export async function releaseOrderRedemptions(db: Kysely<Database>, storeId: string, orderId: string, now: string): Promise<number> {
  const releasedAt = utcInstant(now, 'now');
  const redemptions = await db
    .selectFrom('coupon_redemptions')
    .select('coupon_id')
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .where('released_at', 'is', null)
    // In coupon order, so that releases inside one caller's transaction lock coupons in one order (no deadlock).
    .orderBy('coupon_id')
    .execute();
  let released = 0;
  for (const { coupon_id: couponId } of redemptions) {
    released += await inTransaction(db, async (trx) => {
      await lockCoupon(trx, storeId, { id: couponId });
      const changed = await trx
        .updateTable('coupon_redemptions')
        .set({ released_at: releasedAt })
        .where('store_id', '=', storeId)
        .where('coupon_id', '=', couponId)
        .where('order_id', '=', orderId)
        .where('released_at', 'is', null)
        .returning('order_id')
        .executeTakeFirst();
      if (!changed) return 0;
      await trx
        .updateTable('coupons')
        .set((eb) => ({ uses: eb('uses', '-', 1) }))
        .where('store_id', '=', storeId)
        .where('id', '=', couponId)
        .execute();
      return 1;
    });
  }
  return released;
}

/**
 * Deletes the store's reservations that expired at or before `now`, coupon by coupon under its row
 * lock, taking each off its coupon's `held`. Not needed for correctness (expired reservations stop
 * counting when a use needs their room); it keeps the table and `held` tidy. Returns how many.
 */
export async function reclaimExpiredReservations(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const at = utcInstant(now, 'now');
  const coupons = await db
    .selectFrom('coupon_reservations')
    .select('coupon_id')
    .distinct()
    .where('store_id', '=', storeId)
    .where('expires_at', '<=', at)
    .orderBy('coupon_id')
    .execute();
  let reclaimed = 0;
  for (const { coupon_id: couponId } of coupons) {
    reclaimed += await inTransaction(db, async (trx) => {
      const coupon = await lockCoupon(trx, storeId, { id: couponId });
      if (!coupon) return 0;
      const after = await reclaimExpired(trx, coupon, at);
      return coupon.held - after.held;
    });
  }
  return reclaimed;
}

/**
 * The coupon's reservations that count at `now` (unexpired), and whether this cart holds one:
 * what validate needs when the held count alone would refuse (atLimit). A read, no lock.
 */
export async function liveReservations(db: Kysely<Database>, coupon: Coupon, cartId: string | null, now: string): Promise<{ live: number; cartHolds: boolean }> {
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

/** Whether a validate must read the live reservations: the held count would refuse, or the cart may hold one. */
export function validateNeedsReservations(coupon: Coupon): boolean {
  return atLimit(coupon);
}

/** The customer's redemptions plus unexpired reservations on other carts (a read, for validate). */
export function countCustomerUses(db: Kysely<Database>, coupon: Coupon, customerId: string, cartId: string | null, now: string): Promise<number> {
  return customerUses(db, coupon, customerId, cartId, now);
}
