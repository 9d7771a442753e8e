import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { newId } from '../../platform/ids.js';
import type { Store } from '../../platform/stores/store.js';
import { storeFromRow } from '../../platform/stores/store.repository.js';
import {
  needsRehash,
  hashPassword,
  SCRYPT_PARAMETERS,
  type ScryptParameters,
  verifyAgainstDummy,
  verifyPassword,
} from './password-hash.adapter.js';
import {
  emailKey,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOUCH_MS,
  sessionIsLive,
  type StaffUser,
} from './staff.js';
import {
  countFailedLogin,
  findStaffUsersForLogin,
  lockStaffUser,
  resetFailedLogins,
  staffUserFromRow,
} from './staff-user.repository.js';
import {
  deleteEndedSessionsOfUser,
  deleteStaffSession,
  findSessionByTokenHash,
  insertStaffSession,
  touchStaffSession,
} from './staff-session.repository.js';
import type { StaffUserRow } from './staff-user.table.js';

/** A signed-in user as a request sees them. */
export interface StaffSession {
  readonly sessionId: string;
  readonly user: StaffUser;
  readonly store: Store;
  readonly csrfToken: string;
}

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly token: string; readonly session: StaffSession }
  | { readonly kind: 'failed' }
  | { readonly kind: 'locked'; readonly retryAfterMs: number };

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  /** The store the login page was opened for (`/login?store=ID`), or null for any store of the email. */
  readonly storeId: string | null;
}

export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
  readonly passwordParameters: ScryptParameters;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: SESSION_IDLE_MS,
  absoluteMs: SESSION_ABSOLUTE_MS,
  passwordParameters: SCRYPT_PARAMETERS,
};

/** Lowercase hex SHA-256: a fast hash suffices for 256 random bits (nothing to guess), as for API keys. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_BYTES = 32;

function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Checks an email and password and, when they match an account that is not locked, opens a new
 * session (always a new token: a session id known before sign-in is never promoted, which is what
 * prevents session fixation). An unknown email costs the same scrypt as a known one.
 *
 * The same email may be a user of several stores: the first account (oldest) whose password
 * matches is the one signed in to; `/login?store=ID` picks one store.
 */
export async function signIn(
  db: Kysely<Database>,
  input: SignInInput,
  now: number,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<SignInOutcome> {
  const candidates = await findStaffUsersForLogin(db, emailKey(input.email), input.storeId);
  if (candidates.length === 0)
    return (await verifyAgainstDummy(input.password, policy.passwordParameters), { kind: 'failed' });
  let matched: StaffUserRow | undefined;
  for (const row of candidates) {
    if (await verifyPassword(input.password, row.password_hash)) {
      matched ??= row;
    }
  }
  const lockedFor = (row: StaffUserRow) => (row.locked_until === null ? 0 : Date.parse(row.locked_until) - now);
  if (matched !== undefined) {
    if (lockedFor(matched) > 0) return { kind: 'locked', retryAfterMs: lockedFor(matched) };
    const rehash = needsRehash(matched.password_hash, policy.passwordParameters)
      ? await hashPassword(input.password, policy.passwordParameters)
      : undefined;
    await resetFailedLogins(db, matched.store_id, matched.id, rehash);
    return openSession(db, matched, now, policy);
  }
  // Wrong for every account: each one that is not locked counts a failure.
  const open = candidates.filter((row) => lockedFor(row) <= 0);
  if (open.length === 0) return { kind: 'locked', retryAfterMs: Math.min(...candidates.map(lockedFor)) };
  let locked = false;
  for (const row of open) {
    if ((await countFailedLogin(db, row.store_id, row.id)) >= MAX_FAILED_LOGINS) {
      await lockStaffUser(db, row.store_id, row.id, new Date(now + LOCKOUT_MS).toISOString());
      locked = true;
    }
  }
  return locked && open.length === candidates.length
    ? { kind: 'locked', retryAfterMs: LOCKOUT_MS }
    : { kind: 'failed' };
}

async function openSession(
  db: Kysely<Database>,
  user: StaffUserRow,
  now: number,
  policy: SessionPolicy,
): Promise<SignInOutcome> {
  const at = new Date(now).toISOString();
  await deleteEndedSessionsOfUser(db, user.store_id, user.id, at, new Date(now - policy.idleMs).toISOString());
  const token = randomToken();
  const row = {
    store_id: user.store_id,
    id: newId('ses'),
    user_id: user.id,
    token_hash: hashSessionToken(token),
    csrf_token: randomToken(),
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now + policy.absoluteMs).toISOString(),
  };
  await insertStaffSession(db, row);
  const store = await db.selectFrom('stores').selectAll().where('id', '=', user.store_id).executeTakeFirstOrThrow();
  return {
    kind: 'signed-in',
    token,
    session: { sessionId: row.id, user: staffUserFromRow(user), store: storeFromRow(store), csrfToken: row.csrf_token },
  };
}

/**
 * The live session a cookie's token opens, or null (unknown, signed out, idle too long or past its
 * absolute end; an ended one is deleted on the way). Marks the session seen, at most once a minute.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: number,
  idleMs: number = SESSION_IDLE_MS,
): Promise<StaffSession | null> {
  if (token.length === 0 || token.length > 100) return null;
  const found = await findSessionByTokenHash(db, hashSessionToken(token));
  if (!found) return null;
  const { session, user, store } = found;
  if (!sessionIsLive({ lastSeenAt: session.last_seen_at, expiresAt: session.expires_at }, now, idleMs)) {
    await deleteStaffSession(db, session.store_id, session.id);
    return null;
  }
  if (now - Date.parse(session.last_seen_at) >= SESSION_TOUCH_MS) {
    await touchStaffSession(
      db,
      session.store_id,
      session.id,
      new Date(now).toISOString(),
      new Date(now - SESSION_TOUCH_MS).toISOString(),
    );
  }
  return {
    sessionId: session.id,
    user: staffUserFromRow(user),
    store: storeFromRow(store),
    csrfToken: session.csrf_token,
  };
}

/** Ends the session the token opens, if any: its cookie stops working on every server at once. */
export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  const found = await findSessionByTokenHash(db, hashSessionToken(token));
  if (found) await deleteStaffSession(db, found.session.store_id, found.session.id);
}
