import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKey, CreatedApiKey, Store } from './store.js';
import { RegularsError } from '../errors.js';
import { newId, nowIso } from '../ids.js';
import type { ApiKeyRow } from './api-key.table.js';
import type { Database } from '../database/database.table.js';
import { isForeignKeyViolation } from '../database/transaction.js';
import { storeFromRow } from './store.repository.js';

/**
 * Keys read 'rk_live_' + 43 characters of base64url (32 random bytes, 256 bits). The prefix makes a
 * leaked key recognisable to secret scanners and to people; 'live' leaves room for test keys.
 */
export const API_KEY_PREFIX = 'rk_live_';
const SECRET_BYTES = 32;
const KEY_LENGTH = API_KEY_PREFIX.length + Math.ceil((SECRET_BYTES * 4) / 3);
/** Characters of the secret kept in the clear, to find a key's row and label it in lists. */
const LOOKUP_CHARS = 8;

function hashKey(plaintext: string): Buffer {
  // A fast hash is right here (unlike for passwords): the secret has 256 random bits, so there is
  // nothing to brute-force, and every request pays this once.
  return createHash('sha256').update(plaintext, 'utf8').digest();
}

function lookupPrefix(plaintext: string): string {
  return plaintext.slice(0, API_KEY_PREFIX.length + LOOKUP_CHARS);
}

export function apiKeyFromRow(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    storeId: row.store_id,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function apiKeyToRow(key: ApiKey, hash: string): ApiKeyRow {
  return {
    store_id: key.storeId,
    id: key.id,
    prefix: key.prefix,
    hash,
    name: key.name,
    created_at: key.createdAt,
    revoked_at: key.revokedAt,
    last_used_at: key.lastUsedAt,
  };
}

/** A new key for the store. Its plaintext is in the result and nowhere else: show it once. */
export async function createApiKey(db: Kysely<Database>, storeId: string, name = 'default'): Promise<CreatedApiKey> {
  const plaintext = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  const key: ApiKey = {
    id: newId('key'),
    storeId,
    prefix: lookupPrefix(plaintext),
    name,
    createdAt: nowIso(),
    revokedAt: null,
    lastUsedAt: null,
  };
  try {
    await db
      .insertInto('api_keys')
      .values(apiKeyToRow(key, hashKey(plaintext).toString('hex')))
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
  return { key, plaintext };
}

/**
 * The store a key opens, or null for an unknown, malformed or revoked key (an expected outcome: the
 * server answers 401). The row is found by the key's public prefix and the hashes are compared in
 * constant time, so response times tell nothing about how much of a guessed key was right.
 */
export async function findStoreByApiKey(
  db: Kysely<Database>,
  plaintext: string,
): Promise<{ store: Store; apiKey: ApiKey } | null> {
  if (plaintext.length !== KEY_LENGTH || !plaintext.startsWith(API_KEY_PREFIX)) return null;
  const candidates = await db
    .selectFrom('api_keys')
    .innerJoin('stores', 'stores.id', 'api_keys.store_id')
    .selectAll('api_keys')
    .select([
      'stores.name as store_name',
      'stores.shopify_secret as store_shopify_secret',
      'stores.created_at as store_created_at',
    ])
    .where('api_keys.prefix', '=', lookupPrefix(plaintext))
    .where('api_keys.revoked_at', 'is', null)
    .execute();
  const hash = hashKey(plaintext);
  for (const row of candidates) {
    const stored = Buffer.from(row.hash, 'hex');
    if (stored.length === hash.length && timingSafeEqual(stored, hash)) {
      const store = storeFromRow({
        id: row.store_id,
        name: row.store_name,
        shopify_secret: row.store_shopify_secret,
        created_at: row.store_created_at,
      });
      return { store, apiKey: apiKeyFromRow(row) };
    }
  }
  return null;
}

/**
 * How precisely a key's last use is kept: its time is written only when the stored one is older, so
 * a busy key costs one small write a minute, not one a request.
 */
export const KEY_USE_RESOLUTION_MS = 60_000;

/**
 * Records that the key opened its store at `now`, unless a use within KEY_USE_RESOLUTION_MS is
 * already recorded (the condition is in the statement, so servers racing write once).
 */
export async function recordApiKeyUse(db: Kysely<Database>, key: ApiKey, now: number): Promise<void> {
  if (key.lastUsedAt !== null && now - Date.parse(key.lastUsedAt) < KEY_USE_RESOLUTION_MS) return;
  const at = new Date(now).toISOString();
  const before = new Date(now - KEY_USE_RESOLUTION_MS).toISOString();
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at })
    .where('store_id', '=', key.storeId)
    .where('id', '=', key.id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
    .execute();
}

/** The store's keys, revoked ones included, oldest first; never a secret or a hash. */
export async function listApiKeys(db: Kysely<Database>, storeId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(apiKeyFromRow);
}

/**
 * The id of the store's key named by its id (key_...) or by the prefix lists show ('rk_live_' and 8
 * characters, with or without the '...' lists print after it). A prefix two keys share (48 random
 * bits make it rare) names neither: the id must be used.
 */
async function resolveKeyId(db: Kysely<Database>, storeId: string, keyIdOrPrefix: string): Promise<string> {
  const handle = keyIdOrPrefix.trim().replace(/\.{3}$/, '');
  if (!handle.startsWith(API_KEY_PREFIX)) return handle;
  const rows = await db
    .selectFrom('api_keys')
    .select('id')
    .where('store_id', '=', storeId)
    .where('prefix', '=', lookupPrefix(handle))
    .execute();
  if (rows.length > 1)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `${rows.length} API keys of store ${storeId} start with ${lookupPrefix(handle)}; name the key by its id (${rows.map((r) => r.id).join(', ')})`,
      { storeId, prefix: lookupPrefix(handle) },
    );
  return rows[0]?.id ?? handle;
}

/**
 * Revokes a key of the store, named by its id or its prefix: it stops opening the store at once.
 * Revoking a revoked key keeps its first revocation time. A key of another store is not found, like
 * a key that never existed.
 */
export async function revokeApiKey(db: Kysely<Database>, storeId: string, keyIdOrPrefix: string): Promise<ApiKey> {
  const keyId = await resolveKeyId(db, storeId, keyIdOrPrefix);
  await db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso() })
    .where('store_id', '=', storeId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (row) return apiKeyFromRow(row);
  const store = await db.selectFrom('stores').select('id').where('id', '=', storeId).executeTakeFirst();
  if (!store) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
  throw new RegularsError('API_KEY_NOT_FOUND', `store ${storeId} has no API key ${keyIdOrPrefix}`, {
    storeId,
    keyId: keyIdOrPrefix,
  });
}
