import { randomFillSync } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Coupon, type CouponInput, type CouponKind, couponInputProblem, couponWindowRejection, normalizeCouponCode } from '../../domain/coupons/coupon.js';
import { RegularsError } from '../../domain/errors.js';
import { invalidField, utcInstant } from '../field-checks.js';
import { newId, nowIso } from '../ids.js';
import type { CouponRow } from '../tables/coupon.table.js';
import type { Database } from '../tables/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../transaction.js';

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
    uses: row.uses,
    createdAt: row.created_at,
  };
}

export function couponToRow(storeId: string, id: string, input: CouponInput, now: string): CouponRow {
  const terms: CouponInput = {
    ...input,
    code: typeof input.code === 'string' ? normalizeCouponCode(input.code) : input.code,
    // Stored as UTC instants in one format, so they compare as text on both dialects.
    validFrom: input.validFrom === null ? null : utcInstant(input.validFrom, 'validFrom'),
    validUntil: input.validUntil === null ? null : utcInstant(input.validUntil, 'validUntil'),
  };
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
      // 13 parameters a row: 500 rows stay far below SQLite's 32,766 bound parameters.
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

/** How many times this customer has redeemed the coupon. */
export async function countCustomerRedemptions(db: Kysely<Database>, storeId: string, couponId: string, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('coupon_redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('coupon_id', '=', couponId)
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Redemption {
  readonly code: string;
  /** The order's external id: one redemption per coupon and order. */
  readonly orderId: string;
  /** The customer as the checkout knows them; counted for the per-customer limit. */
  readonly customerId: string;
}

/**
 * Redeems the coupon for an order, in one transaction, so that its limits hold under any concurrency:
 *
 * 1. The redemption row is inserted first (INSERT ... SELECT from the coupon by code, ON CONFLICT DO
 *    NOTHING). Its primary key (store, coupon, order) makes a repeat of the same order 'already_redeemed'
 *    with no second use; on PostgreSQL a concurrent insert of the same order waits for the first to
 *    commit or roll back. Starting with a write also makes SQLite take its write lock at once.
 * 2. `UPDATE coupons SET uses = uses + 1 WHERE ... AND (usage_limit IS NULL OR uses < usage_limit)`:
 *    the database checks and counts in one statement, so no two redemptions can both take the last
 *    use. No row changed means the limit is reached (COUPON_LIMIT_REACHED, and the insert rolls back).
 *    On PostgreSQL the update holds the coupon's row lock until commit, and a waiting update re-reads
 *    the committed `uses` before it re-checks its WHERE.
 * 3. The customer's redemptions are counted under that lock, so concurrent redemptions of one
 *    customer are counted one after another (READ COMMITTED reads the latest commit per statement).
 *
 * The FK check of step 1 takes only a KEY SHARE lock on the coupon, which does not block step 2's
 * update of a non-key column, so redemptions of different orders never deadlock.
 */
export async function redeemCoupon(
  db: Kysely<Database>,
  storeId: string,
  redemption: Redemption,
  now: string,
): Promise<{ outcome: 'redeemed' | 'already_redeemed'; coupon: Coupon }> {
  for (const field of ['code', 'orderId', 'customerId'] as const) {
    if (typeof redemption[field] !== 'string' || redemption[field].trim() === '') throw invalidField(field, `a redemption needs ${field} as a non-empty string`);
  }
  const code = normalizeCouponCode(redemption.code);
  const redeemedAt = utcInstant(now, 'now');
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('coupon_redemptions')
      .columns(['store_id', 'coupon_id', 'order_id', 'customer_id', 'redeemed_at'])
      .expression((eb) =>
        eb
          .selectFrom('coupons')
          // Casts give the parameters a type: PostgreSQL cannot infer one for a bare select-list parameter.
          .select([
            'store_id',
            'id',
            sql<string>`cast(${redemption.orderId} as text)`.as('order_id'),
            sql<string>`cast(${redemption.customerId} as text)`.as('customer_id'),
            sql<string>`cast(${redeemedAt} as text)`.as('redeemed_at'),
          ])
          .where('store_id', '=', storeId)
          .where('code', '=', code),
      )
      .onConflict((oc) => oc.columns(['store_id', 'coupon_id', 'order_id']).doNothing())
      .returning('coupon_id')
      .executeTakeFirst();

    if (!inserted) {
      const coupon = await findCouponByCode(trx, storeId, code);
      if (!coupon) throw new RegularsError('COUPON_NOT_FOUND', `store ${storeId} has no coupon ${code}`, { storeId, code });
      return { outcome: 'already_redeemed', coupon };
    }

    const counted = await trx
      .updateTable('coupons')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('store_id', '=', storeId)
      .where('id', '=', inserted.coupon_id)
      .where((eb) => eb.or([eb('usage_limit', 'is', null), eb('uses', '<', eb.ref('usage_limit'))]))
      .returningAll()
      .executeTakeFirst();
    if (!counted) {
      // A used-up code that has also expired reports the expiry: it is the more lasting reason.
      const coupon = (await findCouponByCode(trx, storeId, code))!;
      throwIfOutsideWindow(coupon, now);
      throw new RegularsError('COUPON_LIMIT_REACHED', `coupon ${code} has reached its usage limit of ${coupon.usageLimit}`, {
        code,
        usageLimit: coupon.usageLimit,
      });
    }
    const coupon = couponFromRow(counted);
    throwIfOutsideWindow(coupon, now);
    if (coupon.perCustomerLimit !== null) {
      // Includes the row inserted above.
      const used = await countCustomerRedemptions(trx, storeId, coupon.id, redemption.customerId);
      if (used > coupon.perCustomerLimit) {
        throw new RegularsError('COUPON_CUSTOMER_LIMIT_REACHED', `customer ${redemption.customerId} has used coupon ${code} ${coupon.perCustomerLimit} times, its limit`, {
          code,
          customerId: redemption.customerId,
          perCustomerLimit: coupon.perCustomerLimit,
        });
      }
    }
    return { outcome: 'redeemed', coupon };
  });
}

function throwIfOutsideWindow(coupon: Coupon, now: string): void {
  const reason = couponWindowRejection(coupon, now);
  if (reason === 'COUPON_EXPIRED') throw new RegularsError(reason, `coupon ${coupon.code} expired at ${coupon.validUntil}`, { code: coupon.code, validUntil: coupon.validUntil });
  if (reason === 'COUPON_NOT_YET_VALID') {
    throw new RegularsError(reason, `coupon ${coupon.code} is valid from ${coupon.validFrom}`, { code: coupon.code, validFrom: coupon.validFrom });
  }
}
