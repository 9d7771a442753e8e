import { randomFillSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Coupon, type CouponInput, normalizeCouponCode } from './coupon.js';
import { couponToRow, couponTotals, insertCoupons, listNewestCoupons } from './coupon.repository.js';
import { invalidField } from '../../platform/database/field-checks.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { CouponRow } from './coupon.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { getStore } from '../../platform/stores/store.repository.js';

// Listing is one read; the coupons command reaches it here, with the other coupon use cases.
export { listCoupons } from './coupon.repository.js';

/** All the rows or none: a batch over 500 rows takes several statements. */
function insertAll(db: Kysely<Database>, storeId: string, rows: readonly CouponRow[]): Promise<Coupon[]> {
  return inTransaction(db, (trx) => insertCoupons(trx, storeId, rows));
}

/** Creates one coupon with the code given (upper-cased). A code the store already has is COUPON_CODE_TAKEN. */
export async function createCoupon(db: Kysely<Database>, storeId: string, input: CouponInput): Promise<Coupon> {
  const [coupon] = await insertAll(db, storeId, [couponToRow(storeId, newId('cpn'), input, nowIso())]);
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
export async function createCouponBatch(
  db: Kysely<Database>,
  storeId: string,
  input: CouponInput,
  count: number,
): Promise<Coupon[]> {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUPON_BATCH) {
    throw invalidField('count', `count must be a whole number from 1 to ${MAX_COUPON_BATCH}, not ${count}`);
  }
  const prefix = input.code.trim() === '' ? null : input.code;
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCouponCode(prefix));
  const now = nowIso();
  const rows = [...codes].map((code) => couponToRow(storeId, newId('cpn'), { ...input, code }, now));
  return insertAll(db, storeId, rows);
}

/** The coupons a console page shows: the newest `limit`, with the store's totals over all of them. */
export async function couponOverview(
  db: Kysely<Database>,
  storeId: string,
  limit: number,
): Promise<{ coupons: Coupon[]; total: number; totalUses: number }> {
  await getStore(db, storeId);
  const [coupons, totals] = await Promise.all([listNewestCoupons(db, storeId, limit), couponTotals(db, storeId)]);
  return { coupons, total: totals.coupons, totalUses: totals.uses };
}
