import type { Insertable, Selectable } from 'kysely';

/** One named setting of a store, as a JSON document (store-settings.repository.ts). */
export interface StoreSettingTable {
  store_id: string;
  /** 'loyalty', 'tiers', 'referrals', 'challenges', ... or a feature's state such as a cursor. */
  name: string;
  /** JSON. */
  value: string;
  updated_at: string;
}

export type StoreSettingRow = Selectable<StoreSettingTable>;
export type NewStoreSettingRow = Insertable<StoreSettingTable>;
