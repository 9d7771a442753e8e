import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { StaffSessionRow } from './staff-session.table.js';
import type { StaffUserRow } from './staff-user.table.js';

export async function insertStaffSession(db: Kysely<Database>, row: StaffSessionRow): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

export interface SessionWithOwner {
  readonly session: StaffSessionRow;
  readonly user: Pick<StaffUserRow, 'store_id' | 'id' | 'email' | 'role' | 'created_at'>;
  readonly store: { id: string; name: string; shopify_secret: string | null; created_at: string };
}

/** The session whose token hashes to tokenHash, with its user and store; one indexed read. */
export async function findSessionByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SessionWithOwner | undefined> {
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', (join) =>
      join
        .onRef('staff_users.store_id', '=', 'staff_sessions.store_id')
        .onRef('staff_users.id', '=', 'staff_sessions.user_id'),
    )
    .innerJoin('stores', 'stores.id', 'staff_sessions.store_id')
    .selectAll('staff_sessions')
    .select([
      'staff_users.email as user_email',
      'staff_users.role as user_role',
      'staff_users.created_at as user_created_at',
      'stores.name as store_name',
      'stores.shopify_secret as store_shopify_secret',
      'stores.created_at as store_created_at',
    ])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { user_email, user_role, user_created_at, store_name, store_shopify_secret, store_created_at, ...session } =
    row;
  return {
    session,
    user: {
      store_id: session.store_id,
      id: session.user_id,
      email: user_email,
      role: user_role,
      created_at: user_created_at,
    },
    store: {
      id: session.store_id,
      name: store_name,
      shopify_secret: store_shopify_secret,
      created_at: store_created_at,
    },
  };
}

/** Records a request at `at`, unless one at or after `olderThan` is recorded (servers racing write once). */
export async function touchStaffSession(
  db: Kysely<Database>,
  storeId: string,
  sessionId: string,
  at: string,
  olderThan: string,
): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: at })
    .where('store_id', '=', storeId)
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', olderThan)
    .execute();
}

export async function deleteStaffSession(db: Kysely<Database>, storeId: string, sessionId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('store_id', '=', storeId).where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, storeId: string, userId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('store_id', '=', storeId).where('user_id', '=', userId).execute();
}

/** The user's sessions that ended (absolute or idle): kept only until the next sign-in sweeps them. */
export async function deleteEndedSessionsOfUser(
  db: Kysely<Database>,
  storeId: string,
  userId: string,
  now: string,
  idleSince: string,
): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where('store_id', '=', storeId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}
