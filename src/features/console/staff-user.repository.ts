import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { isRole, type StaffUser } from './staff.js';
import type { StaffUserRow } from './staff-user.table.js';

export function staffUserFromRow(
  row: Pick<StaffUserRow, 'store_id' | 'id' | 'email' | 'role' | 'created_at'>,
): StaffUser {
  // A role the code does not know (written by hand) gets the least power, not an error at sign-in.
  return {
    id: row.id,
    storeId: row.store_id,
    email: row.email,
    role: isRole(row.role) ? row.role : 'viewer',
    createdAt: row.created_at,
  };
}

export async function insertStaffUser(db: Kysely<Database>, row: StaffUserRow): Promise<void> {
  await db.insertInto('staff_users').values(row).execute();
}

export async function findStaffUser(
  db: Kysely<Database>,
  storeId: string,
  emailKey: string,
): Promise<StaffUserRow | undefined> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('email_key', '=', emailKey)
    .executeTakeFirst();
}

/** Every account with this email, in any store (or in one, when the login names it), oldest first. */
export async function findStaffUsersForLogin(
  db: Kysely<Database>,
  emailKey: string,
  storeId: string | null,
): Promise<StaffUserRow[]> {
  let query = db.selectFrom('staff_users').selectAll().where('email_key', '=', emailKey);
  if (storeId !== null) query = query.where('store_id', '=', storeId);
  return query.orderBy('created_at').orderBy('store_id').execute();
}

export async function listStaffUserRows(db: Kysely<Database>, storeId: string): Promise<StaffUserRow[]> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function deleteStaffUser(db: Kysely<Database>, storeId: string, userId: string): Promise<void> {
  await db.deleteFrom('staff_users').where('store_id', '=', storeId).where('id', '=', userId).execute();
}

/** One more failed sign-in; the count after it (the increment is in the statement, so racing servers both count). */
export async function countFailedLogin(db: Kysely<Database>, storeId: string, userId: string): Promise<number> {
  const row = await db
    .updateTable('staff_users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('store_id', '=', storeId)
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirst();
  return Number(row?.failed_logins ?? 0);
}

export async function lockStaffUser(
  db: Kysely<Database>,
  storeId: string,
  userId: string,
  until: string,
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('store_id', '=', storeId)
    .where('id', '=', userId)
    .execute();
}

/** After a successful sign-in: the count starts again, and a stronger hash replaces a weaker one. */
export async function resetFailedLogins(
  db: Kysely<Database>,
  storeId: string,
  userId: string,
  passwordHash?: string,
): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({
      failed_logins: 0,
      locked_until: null,
      ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
    })
    .where('store_id', '=', storeId)
    .where('id', '=', userId)
    .execute();
}

export async function findStaffUserById(
  db: Kysely<Database>,
  storeId: string,
  userId: string,
): Promise<StaffUserRow | undefined> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

/**
 * The ids of the store's owners, locked on PostgreSQL until the transaction ends: two owners who
 * demote each other at once are decided one after the other, so one owner always stays. (SQLite
 * transactions hold the write lock from their start, which orders them the same way.)
 */
export async function lockOwnerIds(db: Kysely<Database>, storeId: string): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const rows = await db
    .selectFrom('staff_users')
    .select('id')
    .where('store_id', '=', storeId)
    .where('role', '=', 'owner')
    .$if(postgres, (qb) => qb.forUpdate())
    .execute();
  return rows.map((r) => r.id);
}

export async function updateStaffRole(db: Kysely<Database>, storeId: string, userId: string, role: string) {
  await db.updateTable('staff_users').set({ role }).where('store_id', '=', storeId).where('id', '=', userId).execute();
}
