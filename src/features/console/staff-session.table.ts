import type { Selectable } from 'kysely';

/** A signed-in browser: the cookie holds the token, this row only its SHA-256. */
export interface StaffSessionTable {
  store_id: string;
  /** 'ses_...' */
  id: string;
  user_id: string;
  /** Lowercase hex SHA-256 of the cookie's token. */
  token_hash: string;
  /** What a state-changing request made with the cookie must send as X-CSRF-Token. */
  csrf_token: string;
  created_at: string;
  /** Updated at most once a minute; idle expiry counts from it. */
  last_seen_at: string;
  /** The absolute end, however busy the session is. */
  expires_at: string;
}

export type StaffSessionRow = Selectable<StaffSessionTable>;
