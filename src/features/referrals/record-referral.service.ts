import type { Kysely } from 'kysely';
import { IP_WINDOW_DAYS, type ReferralRefusal, referralRefusal } from './referrals.js';
import {
  countReferralsFromIp,
  hasOrdered,
  insertReferral,
  lockReferralSettings,
  type Referral,
  referralCodeOwner,
  referralFromRow,
  referralOfReferred,
  referralPartyEmails,
  requireReferralSettings,
} from './referral.repository.js';
import type { ReferralRow } from './referral.table.js';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

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
  | {
      readonly outcome: 'refused';
      readonly reason: ReferralRefusal | 'REFERRAL_CODE_NOT_FOUND' | 'CUSTOMER_ALREADY_REFERRED';
    };

/** A code as a customer may type it: any case, surrounding spaces ignored. */
function normalizeReferralCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Records that the referred customer came with a code, after the fraud checks (referralRefusal):
 * a refusal is a value and records nothing. The same referral again is 'already_recorded'; a
 * customer already referred with another code is CUSTOMER_ALREADY_REFERRED.
 *
 * Recordings of one store run one at a time (lockReferralSettings), so the per-IP limit and
 * "referred once" hold under concurrency: the checks read what every earlier recording committed.
 * Referrals are recorded at sign-up, far below the rate where one lock per store would matter. The
 * unique index on (store_id, referred_customer_id) backs "referred once" for any other writer.
 */
export async function recordReferral(
  db: Kysely<Database>,
  storeId: string,
  input: ReferralInput,
  now: string,
): Promise<RecordReferralOutcome> {
  const at = utcInstant(now, 'now');
  if (input.ip !== null && (typeof input.ip !== 'string' || input.ip.length > 64))
    throw invalidField('ip', 'ip must be an address of at most 64 characters');
  const code = normalizeReferralCode(input.code);
  return inTransaction(db, async (trx) => {
    await lockReferralSettings(trx, storeId);
    // Read after the lock, so a recording sees the settings as they are when it runs.
    const settings = await requireReferralSettings(trx, storeId);

    const referrerCustomerId = await referralCodeOwner(trx, storeId, code);
    if (referrerCustomerId === null) return { outcome: 'refused', reason: 'REFERRAL_CODE_NOT_FOUND' };
    const { referrer, referred } = await referralPartyEmails(
      trx,
      storeId,
      referrerCustomerId,
      input.referredCustomerId,
    );
    if (!referred) {
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.referredCustomerId}`, {
        storeId,
        customerId: input.referredCustomerId,
      });
    }
    const existing = await referralOfReferred(trx, storeId, input.referredCustomerId);
    if (existing) {
      return existing.referrerCustomerId === referrerCustomerId
        ? { outcome: 'already_recorded', referral: existing }
        : { outcome: 'refused', reason: 'CUSTOMER_ALREADY_REFERRED' };
    }

    const windowStart = new Date(Date.parse(at) - IP_WINDOW_DAYS * 86_400_000).toISOString();
    const [referralsFromIp, ordered] = await Promise.all([
      input.ip === null ? Promise.resolve(0) : countReferralsFromIp(trx, storeId, input.ip, windowStart),
      hasOrdered(trx, storeId, input.referredCustomerId),
    ]);
    const email = input.email ?? referred.email;
    const refusal = referralRefusal(
      {
        referrerCustomerId,
        referredCustomerId: input.referredCustomerId,
        referrerEmail: referrer.email,
        referredEmail: email,
        referralsFromIp,
        referredHasOrdered: ordered,
      },
      settings,
    );
    if (refusal !== null) return { outcome: 'refused', reason: refusal };

    const row: ReferralRow = {
      store_id: storeId,
      id: newId('ref'),
      referrer_customer_id: referrerCustomerId,
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
    await insertReferral(trx, row);
    return { outcome: 'recorded', referral: referralFromRow(row) };
  });
}
