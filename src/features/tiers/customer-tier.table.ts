import type { Insertable, Selectable } from 'kysely';

/** A customer's loyalty tier (tier.repository.ts); tier NULL is "no tier". The row is the evaluation's lock. */
export interface CustomerTierTable {
  store_id: string;
  customer_id: string;
  /** The level's name in the store's tier settings. */
  tier: string | null;
  /** UTC instants (YYYY-MM-DDTHH:MM:SS.sssZ). */
  since: string | null;
  period_end: string | null;
  updated_at: string;
}

export type CustomerTierRow = Selectable<CustomerTierTable>;
export type NewCustomerTierRow = Insertable<CustomerTierTable>;
