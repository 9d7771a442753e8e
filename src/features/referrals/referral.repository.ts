import { randomFillSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { parseReferralSettings, type ReferralRefusal, type ReferralSettings } from './referrals.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ReferralRow } from './referral.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

/** The store_settings name of the referral settings. */
export const REFERRAL_SETTING = 'referrals';

export const REFERRAL_STATUSES = ['pending', 'rewarded', 'rejected'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Referral {
  /** 'ref_...' */
  readonly id: string;
  readonly code: string;
  readonly referrerCustomerId: string;
  readonly referredCustomerId: string;
  readonly email: string | null;
  readonly ip: string | null;
  readonly status: ReferralStatus;
  readonly reason: ReferralRefusal | null;
  /** The order that rewarded or rejected it ('ord_...'). */
  readonly orderId: string | null;
  readonly referrerPoints: number | null;
  readonly referredPoints: number | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

export function referralFromRow(row: ReferralRow): Referral {
  return {
    id: row.id,
    code: row.code,
    referrerCustomerId: row.referrer_customer_id,
    referredCustomerId: row.referred_customer_id,
    email: row.email,
    ip: row.ip,
    // Written only by this repository, which writes REFERRAL_STATUSES and ReferralRefusal alone.
    status: row.status as ReferralStatus,
    reason: row.reason as ReferralRefusal | null,
    orderId: row.order_id,
    referrerPoints: row.referrer_points,
    referredPoints: row.referred_points,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

/** The store's referral settings, or null when it has none. */
export async function readReferralSettings(db: Kysely<Database>, storeId: string): Promise<ReferralSettings | null> {
  const value = await readSetting(db, storeId, REFERRAL_SETTING);
  return value === null ? null : parseReferralSettings(value);
}

export async function writeReferralSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<ReferralSettings> {
  const settings = parseReferralSettings(value);
  await writeSetting(db, storeId, REFERRAL_SETTING, settings, utcInstant(now, 'now'));
  return settings;
}

export async function requireReferralSettings(db: Kysely<Database>, storeId: string): Promise<ReferralSettings> {
  const settings = await readReferralSettings(db, storeId);
  if (settings === null)
    throw new RegularsError(
      'REFERRALS_NOT_CONFIGURED',
      `store ${storeId} has no referral settings; set them with PUT /v1/referrals/settings`,
      { storeId },
    );
  return settings;
}

/** Crockford's base32 in upper case: no I, L, O, U, so a code reads aloud and types without confusion. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARACTERS = 12;

/**
 * 'K7QM-2XHD-9RTA': 12 characters of 5 random bits each (60 bits from the operating system's
 * source), so nobody finds another customer's code by trying codes. Made here: the domain takes no
 * randomness.
 */
export function randomReferralCode(): string {
  const bytes = randomFillSync(Buffer.alloc(CODE_CHARACTERS));
  let code = '';
  // 256 is a multiple of 32, so the low 5 bits of a random byte favour no character.
  for (let i = 0; i < CODE_CHARACTERS; i++) code += (i > 0 && i % 4 === 0 ? '-' : '') + CODE_ALPHABET[bytes[i] & 31];
  return code;
}

/**
 * The customer's referral code, made on the first call and the same ever after. Concurrent first
 * calls agree: the insert is ON CONFLICT DO NOTHING on the customer's row (and, in the unlikely
 * event of a code collision, on the code), and every call then reads the stored code.
 * An unknown customer (or another store's) is CUSTOMER_NOT_FOUND.
 */
export async function referralCodeOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<string> {
  const createdAt = utcInstant(now, 'now');
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing] = await CODE_OF.execute(db, { storeId, customerId });
    if (existing) return existing.code;
    try {
      await db
        .insertInto('referral_codes')
        .values({ store_id: storeId, customer_id: customerId, code: randomReferralCode(), created_at: createdAt })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
          storeId,
          customerId,
        });
      throw error;
    }
  }
  throw new Error(`could not store a referral code for ${customerId}`);
}

// Read on every shopper's /me: prepared once.
const CODE_OF = new PreparedQuery<{ code: string }, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('referral_codes')
    .select('code')
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId')),
);

/** The customer's code if one was made, without making one. */
export async function findReferralCode(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('referral_codes')
    .select('code')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.code ?? null;
}

/**
 * Makes the store's recordings of referrals run one at a time, for the rest of the caller's
 * transaction: a no-op UPDATE of the store's referral settings row, which on SQLite takes the
 * database's write lock as its first statement and on PostgreSQL locks that row until commit.
 */
export async function lockReferralSettings(trx: Kysely<Database>, storeId: string): Promise<void> {
  await trx
    .updateTable('store_settings')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('store_id', '=', storeId)
    .where('name', '=', REFERRAL_SETTING)
    .execute();
}

/** The customer whose referral code this is (as stored, upper case), or null. */
export async function referralCodeOwner(db: Kysely<Database>, storeId: string, code: string): Promise<string | null> {
  const owner = await db
    .selectFrom('referral_codes')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('code', '=', code)
    .executeTakeFirst();
  return owner?.customer_id ?? null;
}

/** The stored emails of both sides of a referral; the referred customer is undefined when the store has no such customer. */
export async function referralPartyEmails(
  db: Kysely<Database>,
  storeId: string,
  referrerCustomerId: string,
  referredCustomerId: string,
): Promise<{ referrer: { email: string | null }; referred: { email: string | null } | undefined }> {
  const [referrer, referred] = await Promise.all([
    db
      .selectFrom('customers')
      .select('email')
      .where('store_id', '=', storeId)
      .where('id', '=', referrerCustomerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('customers')
      .select('email')
      .where('store_id', '=', storeId)
      .where('id', '=', referredCustomerId)
      .executeTakeFirst(),
  ]);
  return { referrer, referred };
}

/** How many referrals the store recorded from this IP address after `since`. */
export async function countReferralsFromIp(
  db: Kysely<Database>,
  storeId: string,
  ip: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('referrals')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('store_id', '=', storeId)
    .where('ip', '=', ip)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the customer has an order that is not cancelled. */
export async function hasOrdered(db: Kysely<Database>, storeId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'cancelled')
    .where('cancelled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReferral(trx: Kysely<Database>, row: ReferralRow): Promise<void> {
  await trx.insertInto('referrals').values(row).execute();
}

/** The referral that brought this customer, if any. */
export async function referralOfReferred(
  db: Kysely<Database>,
  storeId: string,
  referredCustomerId: string,
): Promise<Referral | null> {
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('referred_customer_id', '=', referredCustomerId)
    .executeTakeFirst();
  return row ? referralFromRow(row) : null;
}

/** The referrals made with the customer's code, newest first. */
export async function referralsByReferrer(
  db: Kysely<Database>,
  storeId: string,
  referrerCustomerId: string,
  limit = 1000,
): Promise<Referral[]> {
  const rows = await db
    .selectFrom('referrals')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('referrer_customer_id', '=', referrerCustomerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(referralFromRow);
}

/**
 * Takes a pending referral's row as a lock, inside the caller's transaction: a no-op UPDATE that
 * matches only while the referral is pending (on SQLite the write lock, on PostgreSQL the row lock,
 * and a second transaction waiting on it re-reads the row after the first commits and then matches
 * nothing). Returns the referral, or null when it is not pending (any more).
 */
export async function lockPendingReferral(
  trx: Kysely<Database>,
  storeId: string,
  referralId: string,
): Promise<Referral | null> {
  const row = await trx
    .updateTable('referrals')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('store_id', '=', storeId)
    .where('id', '=', referralId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row ? referralFromRow(row) : null;
}

/** Marks a locked pending referral rewarded or rejected. */
export async function decideReferral(
  trx: Kysely<Database>,
  storeId: string,
  referralId: string,
  decision:
    | {
        readonly status: 'rewarded';
        readonly orderId: string;
        readonly referrerPoints: number;
        readonly referredPoints: number;
        readonly at: string;
      }
    | { readonly status: 'rejected'; readonly reason: ReferralRefusal; readonly orderId: string; readonly at: string },
): Promise<void> {
  await trx
    .updateTable('referrals')
    .set(
      decision.status === 'rewarded'
        ? {
            status: 'rewarded',
            order_id: decision.orderId,
            referrer_points: decision.referrerPoints,
            referred_points: decision.referredPoints,
            decided_at: decision.at,
          }
        : { status: 'rejected', reason: decision.reason, order_id: decision.orderId, decided_at: decision.at },
    )
    .where('store_id', '=', storeId)
    .where('id', '=', referralId)
    .execute();
}

/** The customer's first order that is not cancelled (earliest day, then as written, then id), or null. */
export async function firstOrderIdOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'cancelled')
    .where('cancelled_at', 'is', null)
    .orderBy('order_day')
    .orderBy('ordered_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
