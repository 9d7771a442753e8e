import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { keyId, openSecret, sealedKeyId, sealSecret } from '../../platform/secret-cipher.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { shopBaseUrl, type WooCommerceApi } from './woocommerce-api.adapter.js';
import { deleteWooCommerceApi, findWooCommerceApi, writeWooCommerceApi } from './woocommerce-connection.repository.js';

/** REGULARS_SECRET_KEY and the one before a rotation: what seals and opens the stored keys. */
export interface SealingKeys {
  readonly secretKey: Buffer | null;
  readonly previousSecretKey: Buffer | null;
}

/** Binds the sealed keys to their store: copied into another store's setting, they do not open. */
const keysContext = (storeId: string) => `woocommerce-rest-keys:${storeId}`;

function requireKey(keys: SealingKeys): Buffer {
  if (!keys.secretKey)
    throw new RegularsError(
      'SECRET_KEY_REQUIRED',
      'set REGULARS_SECRET_KEY (openssl rand -hex 32) first: the REST keys are stored encrypted with it',
      { missing: ['REGULARS_SECRET_KEY'] },
    );
  return keys.secretKey;
}

export interface WooCommerceConnectionStatus {
  readonly connected: boolean;
  readonly url: string | null;
  readonly connectedAt: string | null;
}

/**
 * Stores the shop's address and REST keys (WooCommerce → Settings → Advanced → REST API, a key with
 * Read/Write permission: the coupons are written), so the backfill needs no keys on its command line
 * and the discount queue can create coupons in the shop. The keys are sealed with REGULARS_SECRET_KEY.
 */
export async function connectWooCommerce(
  db: Kysely<Database>,
  keys: SealingKeys,
  storeId: string,
  api: WooCommerceApi,
  now: string,
): Promise<WooCommerceConnectionStatus> {
  const url = shopBaseUrl(api).toString().replace(/\/+$/, '');
  const secretKey = requireKey(keys);
  await getStore(db, storeId);
  const sealedKeys = sealSecret(
    secretKey,
    JSON.stringify({ key: api.key, secret: api.secret }),
    randomBytes(12),
    keysContext(storeId),
  );
  await writeWooCommerceApi(db, storeId, { url, sealedKeys, connectedAt: now }, now);
  return { connected: true, url, connectedAt: now };
}

export async function disconnectWooCommerce(db: Kysely<Database>, storeId: string): Promise<{ disconnected: boolean }> {
  await getStore(db, storeId);
  return { disconnected: await deleteWooCommerceApi(db, storeId) };
}

export async function wooCommerceConnectionStatus(
  db: Kysely<Database>,
  storeId: string,
): Promise<WooCommerceConnectionStatus> {
  const stored = await findWooCommerceApi(db, storeId);
  return { connected: stored !== null, url: stored?.url ?? null, connectedAt: stored?.connectedAt ?? null };
}

/**
 * The stored REST access, opened; null when the store never connected. Keys sealed with
 * REGULARS_SECRET_KEY_PREVIOUS are re-sealed with the current key as they are read, so a rotation
 * completes as each store is next used. WOOCOMMERCE_KEYS_UNREADABLE when neither key opens them.
 */
export async function storedWooCommerceApi(
  db: Kysely<Database>,
  keys: SealingKeys,
  storeId: string,
  now: string,
): Promise<WooCommerceApi | null> {
  const stored = await findWooCommerceApi(db, storeId);
  if (stored === null) return null;
  const secretKey = requireKey(keys);
  const context = keysContext(storeId);
  const opened = openSecret([secretKey, keys.previousSecretKey], stored.sealedKeys, context);
  if (opened === null)
    throw new RegularsError(
      'WOOCOMMERCE_KEYS_UNREADABLE',
      `the WooCommerce REST keys of store ${storeId} were sealed with key ${sealedKeyId(stored.sealedKeys) ?? '?'}, which is neither REGULARS_SECRET_KEY (${keyId(secretKey)}) nor REGULARS_SECRET_KEY_PREVIOUS, or they were altered`,
      { storeId },
    );
  if (sealedKeyId(stored.sealedKeys) !== keyId(secretKey))
    await writeWooCommerceApi(
      db,
      storeId,
      { ...stored, sealedKeys: sealSecret(secretKey, opened, randomBytes(12), context) },
      now,
    );
  const { key, secret } = JSON.parse(opened) as { key: string; secret: string };
  return { url: stored.url, key, secret };
}

/**
 * The REST access a backfill uses: the one given on the command line (all three of --url, --key and
 * --secret), or else the stored one; WOOCOMMERCE_NOT_CONNECTED when there is neither.
 */
export async function backfillApi(
  db: Kysely<Database>,
  keys: SealingKeys,
  storeId: string,
  given: { url?: string; key?: string; secret?: string },
  now: string,
): Promise<WooCommerceApi> {
  const named = [given.url, given.key, given.secret].filter((v) => v !== undefined).length;
  if (named === 3) return { url: given.url!, key: given.key!, secret: given.secret! };
  if (named > 0)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      'give all of --url, --key and --secret, or none to use the stored ones',
      {
        field: given.url === undefined ? '--url' : given.key === undefined ? '--key' : '--secret',
      },
    );
  await getStore(db, storeId);
  const stored = await findWooCommerceApi(db, storeId);
  if (stored === null)
    throw new RegularsError(
      'WOOCOMMERCE_NOT_CONNECTED',
      `store ${storeId} has no stored WooCommerce REST keys: pass --url, --key and --secret, or run regulars woocommerce connect first`,
      { storeId },
    );
  return (await storedWooCommerceApi(db, keys, storeId, now))!;
}
