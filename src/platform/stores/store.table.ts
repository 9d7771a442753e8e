import type { Insertable, Selectable } from 'kysely';

/** stores: one row per shop. Its `id` is the store_id every other table carries. */
export interface StoreTable {
  id: string;
  name: string;
  /** Kept in plaintext: verifying a Shopify webhook's HMAC needs the secret itself. */
  shopify_secret: string | null;
  created_at: string;
}

export type StoreRow = Selectable<StoreTable>;
export type NewStoreRow = Insertable<StoreTable>;
