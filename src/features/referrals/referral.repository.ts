import { randomFillSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { IP_WINDOW_DAYS, parseReferralSettings, type ReferralRefusal, referralRefusal, type ReferralSettings } from './referrals.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ReferralRow } from './referral.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';

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

export async function writeReferralSettings(db: Kysely<Database>, storeId: string, value: unknown, now: string): Promise<ReferralSettings> {
  const settings = parseReferralSettings(value);
  await writeSetting(db, storeId, REFERRAL_SETTING, settings, utcInstant(now, 'now'));
  return settings;
}

export async function requireReferralSettings(db: Kysely<Database>, storeId: string): Promise<ReferralSettings> {
  const settings = await readReferralSettings(db, storeId);
  if (settings === null) throw new RegularsError('REFERRALS_NOT_CONFIGURED', `store ${storeId} has no referral settings; set them with PUT /v1/referrals/settings`, { storeId });
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

/** A code as a customer may type it: any case, surrounding spaces ignored. */
export function normalizeReferralCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The customer's referral code, made on the first call and the same ever after. Concurrent first
 * calls agree: the insert is ON CONFLICT DO NOTHING on the customer's row (and, in the unlikely
 * event of a code collision, on the code), and every call then reads the stored code.
 * An unknown customer (or another store's) is CUSTOMER_NOT_FOUND.
 */
export async function referralCodeOf(db: Kysely<Database>, storeId: string, customerId: string, now: string): Promise<string> {
  const createdAt = utcInstant(now, 'now');
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await db.selectFrom('referral_codes').select('code').where('store_id', '=', storeId).where('customer_id', '=', customerId).executeTakeFirst();
    if (existing) return existing.code;
    try {
      await db
        .insertInto('referral_codes')
        .values({ store_id: storeId, customer_id: customerId, code: randomReferralCode(), created_at: createdAt })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, { storeId, customerId });
      throw error;
    }
  }
  throw new Error(`could not store a referral code for ${customerId}`);
}

/** The customer's code if one was made, without making one. */
export async function findReferralCode(db: Kysely<Database>, storeId: string, customerId: string): Promise<string | null> {
  const row = await db.selectFrom('referral_codes').select('code').where('store_id', '=', storeId).where('customer_id', '=', customerId).executeTakeFirst();
  return row?.code ?? null;
}

export interface ReferralInput {
  readonly code: string;
  /** The referred customer as stored ('cus_...'). */
  readonly referredCustomerId: string;
  /** The email to check; the referred customer's stored email when null. */
  readonly email: string | null;
  readonly ip: string | null;
}

export type RecordReferralOutcome =
  | { readonly outcome: 'recorded' | 'already_recorded'; readonly referral: Referral }
  | { readonly outcome: 'refused'; readonly reason: ReferralRefusal | 'REFERRAL_CODE_NOT_FOUND' | 'CUSTOMER_ALREADY_REFERRED' };

/**
 * Records that the referred customer came with a code, after the fraud checks (referralRefusal):
 * a refusal is a value and records nothing. The same referral again is 'already_recorded'; a
 * customer already referred with another code is CUSTOMER_ALREADY_REFERRED.
 *
 * Recordings of one store run one at a time, so the per-IP limit and "referred once" hold under
 * concurrency: the transaction first makes a no-op UPDATE of the store's referral settings row,
 * which on SQLite takes the database's write lock as its first statement and on PostgreSQL locks
 * that row until commit; the checks then read what every earlier recording committed. Referrals are
 * recorded at sign-up, far below the rate where one lock per store would matter. The unique index
 * on (store_id, referred_customer_id) backs "referred once" for any other writer.
 */
export async function recordReferral(db: Kysely<Database>, storeId: string, input: ReferralInput, now: string): Promise<RecordReferralOutcome> {
  const at = utcInstant(now, 'now');
  if (input.ip !== null && (typeof input.ip !== 'string' || input.ip.length > 64)) throw invalidField('ip', 'ip must be an address of at most 64 characters');
  const code = normalizeReferralCode(input.code);
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('store_settings')
      .set((eb) => ({ value: eb.ref('value') }))
      .where('store_id', '=', storeId)
      .where('name', '=', REFERRAL_SETTING)
      .execute();
    // Read after the lock, so a recording sees the settings as they are when it runs.
    const settings = await requireReferralSettings(trx, storeId);

    const owner = await trx.selectFrom('referral_codes').select('customer_id').where('store_id', '=', storeId).where('code', '=', code).executeTakeFirst();
    if (!owner) return { outcome: 'refused', reason: 'REFERRAL_CODE_NOT_FOUND' };
    const [referrer, referred] = await Promise.all([
      trx.selectFrom('customers').select('email').where('store_id', '=', storeId).where('id', '=', owner.customer_id).executeTakeFirstOrThrow(),
      trx.selectFrom('customers').select('email').where('store_id', '=', storeId).where('id', '=', input.referredCustomerId).executeTakeFirst(),
    ]);
    if (!referred) {
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.referredCustomerId}`, { storeId, customerId: input.referredCustomerId });
    }
    const existing = await trx.selectFrom('referrals').selectAll().where('store_id', '=', storeId).where('referred_customer_id', '=', input.referredCustomerId).executeTakeFirst();
    if (existing) {
      return existing.referrer_customer_id === owner.customer_id
        ? { outcome: 'already_recorded', referral: referralFromRow(existing) }
        : { outcome: 'refused', reason: 'CUSTOMER_ALREADY_REFERRED' };
    }

    const windowStart = new Date(Date.parse(at) - IP_WINDOW_DAYS * 86_400_000).toISOString();
    const [fromIp, ordered] = await Promise.all([
      input.ip === null
        ? Promise.resolve({ n: 0 })
        : trx
            .selectFrom('referrals')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('store_id', '=', storeId)
            .where('ip', '=', input.ip)
            .where('created_at', '>', windowStart)
            .executeTakeFirstOrThrow(),
      trx
        .selectFrom('orders')
        .select('id')
        .where('store_id', '=', storeId)
        .where('customer_id', '=', input.referredCustomerId)
        .where('status', '!=', 'cancelled')
        .where('cancelled_at', 'is', null)
        .limit(1)
        .executeTakeFirst(),
    ]);
    const email = input.email ?? referred.email;
    const refusal = referralRefusal(
      {
        referrerCustomerId: owner.customer_id,
        referredCustomerId: input.referredCustomerId,
        referrerEmail: referrer.email,
        referredEmail: email,
        referralsFromIp: Number(fromIp.n),
        referredHasOrdered: ordered !== undefined,
      },
      settings,
    );
    if (refusal !== null) return { outcome: 'refused', reason: refusal };

    const row: ReferralRow = {
      store_id: storeId,
      id: newId('ref'),
      referrer_customer_id: owner.customer_id,
      referred_customer_id: input.referredCustomerId,
      code,
      email,
      ip: input.ip,
      status: 'pending',
      reason: null,
      order_id: null,
      referrer_points: null,
      referred_points: null,
      created_at: at,
      decided_at: null,
    };
    await trx.insertInto('referrals').values(row).execute();
    return { outcome: 'recorded', referral: referralFromRow(row) };
  });
}

/** The referral that brought this customer, if any. */
export async function referralOfReferred(db: Kysely<Database>, storeId: string, referredCustomerId: string): Promise<Referral | null> {
  const row = await db.selectFrom('referrals').selectAll().where('store_id', '=', storeId).where('referred_customer_id', '=', referredCustomerId).executeTakeFirst();
  return row ? referralFromRow(row) : null;
}

/** The referrals made with the customer's code, newest first. */
export async function referralsByReferrer(db: Kysely<Database>, storeId: string, referrerCustomerId: string, limit = 1000): Promise<Referral[]> {
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
export async function lockPendingReferral(trx: Kysely<Database>, storeId: string, referralId: string): Promise<Referral | null> {
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
    | { readonly status: 'rewarded'; readonly orderId: string; readonly referrerPoints: number; readonly referredPoints: number; readonly at: string }
    | { readonly status: 'rejected'; readonly reason: ReferralRefusal; readonly orderId: string; readonly at: string },
): Promise<void> {
  await trx
    .updateTable('referrals')
    .set(
      decision.status === 'rewarded'
        ? { status: 'rewarded', order_id: decision.orderId, referrer_points: decision.referrerPoints, referred_points: decision.referredPoints, decided_at: decision.at }
        : { status: 'rejected', reason: decision.reason, order_id: decision.orderId, decided_at: decision.at },
    )
    .where('store_id', '=', storeId)
    .where('id', '=', referralId)
    .execute();
}

/** The customer's first order that is not cancelled (earliest day, then as written, then id), or null. */
export async function firstOrderIdOf(db: Kysely<Database>, storeId: string, customerId: string): Promise<string | null> {
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
