import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../platform/stores/api-key.repository.js';
import type { ApiKey, CreatedApiKey } from '../../platform/stores/store.js';
import { getStore } from '../../platform/stores/store.repository.js';

/** The longest key label: it is shown in lists, not a place for notes. */
export const MAX_KEY_NAME = 100;

/** An API key as every list shows it: its prefix, never its secret (which only its creation answers). */
export function apiKeyListing(key: ApiKey) {
  return {
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

export async function listStoreApiKeys(db: Kysely<Database>, storeId: string): Promise<ApiKey[]> {
  await getStore(db, storeId);
  return listApiKeys(db, storeId);
}

/** Another key for the store, labelled `name`; its plaintext is in the answer and nowhere else. */
export async function createStoreApiKey(db: Kysely<Database>, storeId: string, name: string): Promise<CreatedApiKey> {
  const label = name.trim();
  if (label === '' || label.length > MAX_KEY_NAME)
    throw new RegularsError('INVALID_ARGUMENT', `an API key's name is 1 to ${MAX_KEY_NAME} characters`, {
      field: 'name',
    });
  await getStore(db, storeId);
  return createApiKey(db, storeId, label);
}

/** Revokes the store's key (by id or prefix); a key of another store is API_KEY_NOT_FOUND. */
export function revokeStoreApiKey(db: Kysely<Database>, storeId: string, keyIdOrPrefix: string): Promise<ApiKey> {
  return revokeApiKey(db, storeId, keyIdOrPrefix);
}
