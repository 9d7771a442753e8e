import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RegularsError } from '../errors.js';
import type { Database } from '../database/database.table.js';
import { isForeignKeyViolation } from '../database/transaction.js';

/**
 * The store's secret for signing unsubscribe links (mail/unsubscribe-token.ts), kept in
 * store_settings under this name as { "secret": base64url of 32 random bytes }. Never shown by the
 * API. Deleting the setting rotates it: every link already sent stops working.
 */
export const UNSUBSCRIBE_SECRET_SETTING = 'messaging.unsubscribe_secret';

/** The secret held in the setting's stored value, or null when the value holds none. */
export function parseUnsubscribeSecret(value: string): Buffer | null {
  const parsed = JSON.parse(value) as { secret?: unknown };
  if (typeof parsed.secret !== 'string') return null;
  const secret = Buffer.from(parsed.secret, 'base64url');
  return secret.length >= 32 ? secret : null;
}

/** The store's secret, or null when it never signed a link (verification then refuses every token). */
export async function findUnsubscribeSecret(db: Kysely<Database>, storeId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('store_settings')
    .select('value')
    .where('store_id', '=', storeId)
    .where('name', '=', UNSUBSCRIBE_SECRET_SETTING)
    .executeTakeFirst();
  return row === undefined ? null : parseUnsubscribeSecret(row.value);
}

/**
 * The store's secret, made from 32 bytes of crypto randomness on first use. Two first uses at once
 * both try to insert; ON CONFLICT DO NOTHING keeps the first, and both then read that one, so no
 * link is ever signed with a secret that was thrown away.
 */
export async function unsubscribeSecret(db: Kysely<Database>, storeId: string, now: string): Promise<Buffer> {
  const existing = await findUnsubscribeSecret(db, storeId);
  if (existing !== null) return existing;
  try {
    await db
      .insertInto('store_settings')
      .values({
        store_id: storeId,
        name: UNSUBSCRIBE_SECRET_SETTING,
        value: JSON.stringify({ secret: randomBytes(32).toString('base64url') }),
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['store_id', 'name']).doNothing())
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
  const secret = await findUnsubscribeSecret(db, storeId);
  if (secret === null) throw new Error(`the unsubscribe secret of store ${storeId} is unreadable`);
  return secret;
}
