import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { hashPassword, SCRYPT_PARAMETERS, type ScryptParameters } from './password-hash.adapter.js';
import {
  emailKey,
  looksLikeEmail,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type Role,
  type StaffUser,
} from './staff.js';
import {
  deleteStaffUser,
  findStaffUser,
  findStaffUserById,
  insertStaffUser,
  listStaffUserRows,
  lockOwnerIds,
  staffUserFromRow,
  updateStaffRole,
} from './staff-user.repository.js';
import { deleteSessionsOfUser } from './staff-session.repository.js';

export interface NewStaffUser {
  readonly storeId: string;
  readonly email: string;
  readonly role: Role;
  readonly password: string;
}

export function checkPassword(password: string): void {
  // Code points, not UTF-16 units: a passphrase in Hangul or kana counts its characters.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw new RegularsError(
      'PASSWORD_TOO_SHORT',
      `the password has ${length} characters; use at least ${MIN_PASSWORD_LENGTH}`,
      { minLength: MIN_PASSWORD_LENGTH },
    );
  if (length > MAX_PASSWORD_LENGTH)
    throw new RegularsError('INVALID_ARGUMENT', `the password is longer than ${MAX_PASSWORD_LENGTH} characters`);
}

/** A staff user of the store; the password is kept only as its scrypt hash. */
export async function createStaffUser(
  db: Kysely<Database>,
  input: NewStaffUser,
  now: string,
  parameters: ScryptParameters = SCRYPT_PARAMETERS,
): Promise<StaffUser> {
  const email = input.email.trim();
  if (!looksLikeEmail(email))
    throw new RegularsError('INVALID_ARGUMENT', `${JSON.stringify(input.email)} is not an email address`);
  checkPassword(input.password);
  // Hashed before the transaction: it takes tens of milliseconds, and holds no lock meanwhile.
  const passwordHash = await hashPassword(input.password, parameters);
  return inTransaction(db, async (trx) => {
    await getStore(trx, input.storeId);
    if (await findStaffUser(trx, input.storeId, emailKey(email)))
      throw new RegularsError('STAFF_EMAIL_TAKEN', `store ${input.storeId} already has a user ${email}`, {
        storeId: input.storeId,
        email,
      });
    const row = {
      store_id: input.storeId,
      id: newId('usr'),
      email,
      email_key: emailKey(email),
      role: input.role,
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
    };
    await insertStaffUser(trx, row);
    return staffUserFromRow(row);
  });
}

export async function listStaffUsers(db: Kysely<Database>, storeId: string): Promise<StaffUser[]> {
  await getStore(db, storeId);
  return (await listStaffUserRows(db, storeId)).map(staffUserFromRow);
}

/** Removes the user and ends their sessions at once: a removed person's open tab stops working. */
export async function removeStaffUser(db: Kysely<Database>, storeId: string, email: string): Promise<StaffUser> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    const row = await findStaffUser(trx, storeId, emailKey(email));
    if (!row)
      throw new RegularsError('STAFF_USER_NOT_FOUND', `store ${storeId} has no user ${email.trim()}`, {
        storeId,
        email,
      });
    await deleteSessionsOfUser(trx, storeId, row.id);
    await deleteStaffUser(trx, storeId, row.id);
    return staffUserFromRow(row);
  });
}

function userNotFound(storeId: string, userId: string): RegularsError {
  return new RegularsError('STAFF_USER_NOT_FOUND', `store ${storeId} has no user ${userId}`, { storeId, userId });
}

/** Refuses a change that takes the store's last owner away: nobody could then change settings or users. */
async function keepAnOwner(trx: Kysely<Database>, storeId: string, userId: string): Promise<void> {
  const owners = await lockOwnerIds(trx, storeId);
  if (owners.length === 1 && owners[0] === userId)
    throw new RegularsError(
      'LAST_OWNER',
      `user ${userId} is the only owner of store ${storeId}; make another user an owner first`,
      { storeId, userId },
    );
}

/**
 * Gives a user another role. Their open sessions keep going: every request reads the role afresh
 * (the session lookup joins the user), so the new role applies from the next request.
 */
export async function changeStaffRole(
  db: Kysely<Database>,
  storeId: string,
  userId: string,
  role: Role,
): Promise<StaffUser> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    const row = await findStaffUserById(trx, storeId, userId);
    if (!row) throw userNotFound(storeId, userId);
    if (row.role === 'owner' && role !== 'owner') await keepAnOwner(trx, storeId, userId);
    await updateStaffRole(trx, storeId, userId, role);
    return staffUserFromRow({ ...row, role });
  });
}

/** Removes the user (by id, as the console names them) and ends their sessions; never the last owner. */
export async function removeStaffUserById(db: Kysely<Database>, storeId: string, userId: string): Promise<StaffUser> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    const row = await findStaffUserById(trx, storeId, userId);
    if (!row) throw userNotFound(storeId, userId);
    if (row.role === 'owner') await keepAnOwner(trx, storeId, userId);
    await deleteSessionsOfUser(trx, storeId, row.id);
    await deleteStaffUser(trx, storeId, row.id);
    return staffUserFromRow(row);
  });
}
