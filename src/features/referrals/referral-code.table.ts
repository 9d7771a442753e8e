import type { Insertable, Selectable } from 'kysely';

/** A customer's referral code: one per customer, unique in the store, stored in upper case. */
export interface ReferralCodeTable {
  store_id: string;
  customer_id: string;
  code: string;
  created_at: string;
}

export type ReferralCodeRow = Selectable<ReferralCodeTable>;
export type NewReferralCodeRow = Insertable<ReferralCodeTable>;
