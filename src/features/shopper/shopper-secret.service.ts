import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { findStore } from '../../platform/stores/store.repository.js';
import { RegularsError } from '../../platform/errors.js';
import { rotateSecrets, type ShopperSecrets } from './shopper-secret.js';
import { findShopperSecrets, insertShopperSecretsIfNone, writeShopperSecrets } from './shopper-secret.repository.js';
import { signShopperToken } from './shopper-token.js';

function freshSecret(): string {
  return randomBytes(32).toString('base64url');
}

async function requireStore(db: Kysely<Database>, storeId: string): Promise<void> {
  if ((await findStore(db, storeId)) === null)
    throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
}

/** The store's shopper secrets, made on first use (`regulars shopper secret show`). */
export async function shopperSecrets(db: Kysely<Database>, storeId: string, now: string): Promise<ShopperSecrets> {
  const existing = await findShopperSecrets(db, storeId);
  if (existing !== null) return existing;
  await requireStore(db, storeId);
  await insertShopperSecretsIfNone(
    db,
    storeId,
    { current: freshSecret(), previous: null, previousValidUntil: null, rotatedAt: null },
    now,
  );
  const made = await findShopperSecrets(db, storeId);
  if (made === null) throw new Error(`the shopper secret of store ${storeId} is unreadable`);
  return made;
}

/**
 * A new current secret; the old one verifies tokens for `graceSeconds` more. In one transaction,
 * so two rotations at once do not both keep the same "previous" and lose one secret.
 */
export async function rotateShopperSecret(
  db: Kysely<Database>,
  storeId: string,
  now: string,
  graceSeconds: number,
): Promise<ShopperSecrets> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
    throw new RegularsError('INVALID_ARGUMENT', 'the grace period must be a whole number of seconds, 0 or more', {
      field: 'grace',
    });
  await requireStore(db, storeId);
  return inTransaction(db, async (trx) => {
    const before = await findShopperSecrets(trx, storeId);
    const after = rotateSecrets(before, freshSecret(), now, graceSeconds);
    await writeShopperSecrets(trx, storeId, after, now);
    return after;
  });
}

/** A token for testing (`regulars shopper token`): what the store's backend does with the same secret. */
export async function mintShopperToken(
  db: Kysely<Database>,
  input: { readonly storeId: string; readonly externalId: string; readonly ttlSeconds: number; readonly now: string },
): Promise<{ token: string; expiresAt: string }> {
  const secrets = await shopperSecrets(db, input.storeId, input.now);
  const expiresAt = Math.floor(Date.parse(input.now) / 1000) + input.ttlSeconds;
  return {
    token: signShopperToken(secrets.current, { storeId: input.storeId, externalId: input.externalId, expiresAt }),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}
