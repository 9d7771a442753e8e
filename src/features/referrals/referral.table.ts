import type { Insertable, Selectable } from 'kysely';

/** A recorded referral (referral.repository.ts): one per referred customer. */
export interface ReferralTable {
  store_id: string;
  /** 'ref_...' */
  id: string;
  referrer_customer_id: string;
  referred_customer_id: string;
  /** The code used, as stored (upper case). */
  code: string;
  /** The referred customer's email as given or stored, for the record. */
  email: string | null;
  ip: string | null;
  /** 'pending' | 'rewarded' | 'rejected' */
  status: string;
  /** Why it was rejected (REFERRAL_NOT_FIRST_ORDER); null otherwise. */
  reason: string | null;
  /** The order that rewarded or rejected it ('ord_...'). */
  order_id: string | null;
  referrer_points: number | null;
  referred_points: number | null;
  created_at: string;
  /** When it was rewarded or rejected. */
  decided_at: string | null;
}

export type ReferralRow = Selectable<ReferralTable>;
export type NewReferralRow = Insertable<ReferralTable>;
