import type { Insertable, Selectable } from 'kysely';

/**
 * A customer's points total: the sum of all their posted ledger entries, pending ones included,
 * written in the same transaction as each entry. The row is also the lock postings take.
 */
export interface LoyaltyBalanceTable {
  store_id: string;
  customer_id: string;
  points_total: number;
}

export type LoyaltyBalanceRow = Selectable<LoyaltyBalanceTable>;
export type NewLoyaltyBalanceRow = Insertable<LoyaltyBalanceTable>;
