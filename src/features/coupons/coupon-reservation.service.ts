import type { Kysely } from 'kysely';
import { type Coupon, combinationRejection, couponUseRejection, heldCountMayRefuse } from './coupon.js';
import { couponNotFound, couponRefusal } from './coupon-errors.js';
import {
  addHeld,
  couponsWithExpiredReservations,
  deleteExpiredReservations,
  deleteReservation,
  findReservation,
  insertReservation,
  lockCoupon,
  otherCouponsOfCart,
  renewReservation,
  subtractHeld,
} from './coupon.repository.js';
import type { CouponReservationRow } from './coupon-reservation.table.js';
import {
  type CheckoutCart,
  type CouponUseOptions,
  couponUseOptions,
  customerUsesOf,
  requireText,
} from './coupon-use.service.js';
import type { CouponCustomerFactsDeps } from './coupon-customer-facts.service.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

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

function reservationView(code: string, row: CouponReservationRow): CouponReservation {
  return {
    id: row.id,
    code,
    cartId: row.cart_id,
    customerId: row.customer_id,
    reservedAt: row.reserved_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Holds one use of the coupon for a cart until now + ttlSeconds, in one transaction under the
 * coupon's row lock (lockCoupon; see redeemCoupon). The hold counts against the usage limit (uses +
 * held never exceeds it), so a reserved use cannot be taken by another cart; it ends by redemption
 * of the cart (converted), release, or expiry (it stops counting at expiresAt: the next use that
 * needs the room reclaims it, and reclaimExpiredReservations sweeps the rest).
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
    throw invalidField(
      'ttlSeconds',
      `ttlSeconds must be a whole number from 1 to ${MAX_RESERVATION_TTL_SECONDS}, not ${ttl}`,
    );
  }
  const reservedAt = utcInstant(now, 'now');
  const expiresAt = new Date(Date.parse(reservedAt) + ttl * 1_000).toISOString();
  return inTransaction(db, async (trx) => {
    let coupon = await lockCoupon(trx, storeId, { code: request.code });
    if (!coupon) throw couponNotFound(storeId, request.code);
    const existing = await findReservation(trx, coupon, cartId);
    const holds = existing !== undefined && existing.expires_at > reservedAt;
    if (existing && !holds) coupon = await deleteExpiredReservations(trx, coupon, reservedAt);
    if (!holds && heldCountMayRefuse(coupon)) coupon = await deleteExpiredReservations(trx, coupon, reservedAt);
    const reason =
      couponUseRejection(coupon, options.cart ? { ...options.cart, customerId } : null, customerId, reservedAt, {
        liveHolds: coupon.held - (holds ? 1 : 0),
        cartHoldsReservation: holds,
        customerUses: await customerUsesOf(trx, coupon, customerId, cartId, reservedAt),
        customer: options.customer ?? null,
      }) ?? combinationRejection(coupon.combinable, await otherCouponsOfCart(trx, coupon, cartId, reservedAt));
    if (reason) throw couponRefusal(reason, coupon, customerId);

    if (holds) {
      const renewed = await renewReservation(trx, storeId, coupon.id, cartId, { expiresAt, customerId });
      return { outcome: 'renewed', reservation: reservationView(coupon.code, renewed), coupon };
    }
    const row = await insertReservation(trx, {
      store_id: storeId,
      coupon_id: coupon.id,
      cart_id: cartId,
      id: newId('rsv'),
      customer_id: customerId,
      reserved_at: reservedAt,
      expires_at: expiresAt,
    });
    return {
      outcome: 'reserved',
      reservation: reservationView(coupon.code, row),
      coupon: await addHeld(trx, storeId, coupon.id),
    };
  });
}

/** Reserves a use of a code for a cart (reserveCoupon), with the customer's eligibility facts resolved first. */
export async function reserveCouponForCart(
  db: Kysely<Database>,
  storeId: string,
  request: ReservationRequest & { readonly cart?: CheckoutCart | null },
  now: string,
  deps: CouponCustomerFactsDeps = {},
) {
  const options = await couponUseOptions(
    db,
    storeId,
    request.code,
    request.customerId ?? null,
    request.cart ?? null,
    now,
    deps,
  );
  return reserveCoupon(db, storeId, request, now, options);
}

/**
 * Frees the cart's reservation of the coupon (failed payment, abandoned cart): 'released' gives its
 * use back at once; 'not_reserved' when the cart holds none (released before, converted, or
 * reclaimed after expiry), so a repeated release changes nothing. Under the coupon's row lock.
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
    if (!(await deleteReservation(trx, storeId, coupon.id, cartId))) return { outcome: 'not_reserved', coupon };
    return { outcome: 'released', coupon: await subtractHeld(trx, storeId, coupon.id, 1) };
  });
}

/**
 * Deletes the store's reservations that expired at or before `now`, coupon by coupon under its row
 * lock, taking each off its coupon's `held`. Not needed for correctness (expired reservations stop
 * counting when a use needs their room); it keeps the table and `held` tidy. Returns how many.
 */
export async function reclaimExpiredReservations(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const at = utcInstant(now, 'now');
  let reclaimed = 0;
  for (const couponId of await couponsWithExpiredReservations(db, storeId, at)) {
    reclaimed += await inTransaction(db, async (trx) => {
      const coupon = await lockCoupon(trx, storeId, { id: couponId });
      if (!coupon) return 0;
      const after = await deleteExpiredReservations(trx, coupon, at);
      return coupon.held - after.held;
    });
  }
  return reclaimed;
}
