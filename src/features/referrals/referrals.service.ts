/**
 * The referral use cases that are one repository call each, for the route and the commands:
 * GET and PUT /v1/referrals/settings (`regulars referrals show|set`) and a customer's code.
 */
import type { Kysely } from 'kysely';
import type { ReferralSettings } from './referrals.js';
import { referralCodeOf, requireReferralSettings, writeReferralSettings } from './referral.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** The store's referral settings, or REFERRALS_NOT_CONFIGURED. */
export function getReferralSettings(db: Kysely<Database>, storeId: string): Promise<ReferralSettings> {
  return requireReferralSettings(db, storeId);
}

/** Checks the settings with the pure parser (INVALID_ARGUMENT naming the field), stores and returns them. */
export function setReferralSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<ReferralSettings> {
  return writeReferralSettings(db, storeId, value, now);
}

/** The customer's ('cus_...') referral code: made on the first call, the same ever after. */
export function customerReferralCode(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<string> {
  return referralCodeOf(db, storeId, customerId, now);
}
