import type { Selectable } from 'kysely';

/** A person who signs in to the console of one store (docs/console.md). */
export interface StaffUserTable {
  store_id: string;
  /** 'usr_...' */
  id: string;
  /** As it was entered; sign-in compares email_key. */
  email: string;
  /** The email trimmed and lower-cased: unique per store. */
  email_key: string;
  /** 'owner' | 'marketer' | 'viewer' */
  role: string;
  /** 'scrypt$N$r$p$salt$hash' (password-hash.adapter.ts): the parameters travel with the hash. */
  password_hash: string;
  /** Failed sign-ins since the last success; reaching the limit locks the account. */
  failed_logins: number;
  /** While in the future, sign-in is refused even with the right password. */
  locked_until: string | null;
  created_at: string;
}

export type StaffUserRow = Selectable<StaffUserTable>;
