import type { Insertable, Selectable } from 'kysely';

/** One posting of the points ledger (src/features/loyalty/ledger.ts); rows are never updated or deleted. */
export interface LoyaltyLedgerTable {
  store_id: string;
  /** 'pts_...' */
  id: string;
  customer_id: string;
  /** A LedgerKind: earn, redeem, expire, adjust, reverse. */
  kind: string;
  /** Signed whole points. */
  points: number;
  /** Unique per (store, customer): a repeated event posts once. */
  source_key: string;
  reason: string;
  /** ISO 8601 UTC instants (YYYY-MM-DDTHH:MM:SS.sssZ), compared as text. */
  posted_at: string;
  available_at: string;
}

export type LoyaltyLedgerRow = Selectable<LoyaltyLedgerTable>;
export type NewLoyaltyLedgerRow = Insertable<LoyaltyLedgerTable>;
