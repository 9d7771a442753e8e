import type { Kysely } from 'kysely';
import type { CreatedApiKey, Store } from './store.js';
import { RegularsError } from '../errors.js';
import { newId, nowIso } from '../ids.js';
import type { Database } from '../database/database.table.js';
import type { StoreRow } from './store.table.js';
import { inTransaction } from '../database/transaction.js';
import { createApiKey } from './api-key.repository.js';
import { PreparedQuery } from '../database/prepared-query.js';

export function storeFromRow(row: StoreRow): Store {
  return { id: row.id, name: row.name, shopifySecret: row.shopify_secret, createdAt: row.created_at };
}

export function storeToRow(store: Store): StoreRow {
  return { id: store.id, name: store.name, shopify_secret: store.shopifySecret, created_at: store.createdAt };
}

export interface CreateStoreInput {
  readonly name: string;
  readonly shopifySecret?: string | null;
  /** Name of the first API key (default 'default'). */
  readonly keyName?: string;
}

/**
 * Creates a store together with its first API key, in one transaction: a store that no key can
 * reach would be unusable, and the key's plaintext is returned only here.
 */
export async function createStore(
  db: Kysely<Database>,
  input: CreateStoreInput,
): Promise<{ store: Store; apiKey: CreatedApiKey }> {
  const name = input.name.trim();
  if (!name) throw new RegularsError('INVALID_ARGUMENT', 'a store needs a non-empty name');
  if (input.shopifySecret !== undefined && input.shopifySecret !== null && !input.shopifySecret.trim()) {
    throw new RegularsError('INVALID_ARGUMENT', 'the Shopify secret is empty; leave it out to connect Shopify later');
  }
  const store: Store = { id: newId('sto'), name, shopifySecret: input.shopifySecret ?? null, createdAt: nowIso() };
  return inTransaction(db, async (trx) => {
    await trx.insertInto('stores').values(storeToRow(store)).execute();
    const apiKey = await createApiKey(trx, store.id, input.keyName ?? 'default');
    return { store, apiKey };
  });
}

export async function findStore(db: Kysely<Database>, storeId: string): Promise<Store | null> {
  const [row] = await STORE.execute(db, { storeId });
  return row ? storeFromRow(row) : null;
}

// Read by every shop-profile read (the shopper's /me on every page view): prepared once.
const STORE = new PreparedQuery<StoreRow, { storeId: string }>((db, param) =>
  db.selectFrom('stores').selectAll().where('id', '=', param('storeId')),
);

/** Like findStore, for callers that were handed an id (a CLI option, a URL) and need the store. */
export async function getStore(db: Kysely<Database>, storeId: string): Promise<Store> {
  const store = await findStore(db, storeId);
  if (!store) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
  return store;
}

/** All stores, oldest first (ids start with their creation time, which breaks ties in a millisecond). */
export async function listStores(db: Kysely<Database>): Promise<Store[]> {
  const rows = await db.selectFrom('stores').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(storeFromRow);
}

/** Sets (or with null, removes) the secret Shopify signs the store's webhooks with. */
export async function updateShopifySecret(db: Kysely<Database>, storeId: string, secret: string | null): Promise<void> {
  const result = await db
    .updateTable('stores')
    .set({ shopify_secret: secret })
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
}
