import type { Insertable, Selectable } from 'kysely';

export interface ApiKeyTable {
  store_id: string;
  id: string;
  /** 'rk_live_' and the secret's first 8 characters: finds the candidate rows and labels the key. */
  prefix: string;
  /** Lowercase hex SHA-256 of the whole key; the key itself is never stored. */
  hash: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  /** When the key last opened the store, to the minute (authenticate.ts); null before its first use. */
  last_used_at: string | null;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewApiKeyRow = Insertable<ApiKeyTable>;
