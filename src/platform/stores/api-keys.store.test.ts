import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_PREFIX,
  createApiKey,
  findStoreByApiKey,
  KEY_USE_RESOLUTION_MS,
  listApiKeys,
  recordApiKeyUse,
  revokeApiKey,
} from './api-key.repository.js';
import { createStore, findStore, getStore, listStores } from './store.repository.js';
import { acrossStores } from '../database/citus.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const TABLES = [
  'stores',
  'api_keys',
  'customers',
  'consent_records',
  'products',
  'orders',
  'order_lines',
  'customer_events',
  'idempotency_keys',
  'webhook_deliveries',
  'kysely_migration',
  'kysely_migration_lock',
];

describe.each(dialects)('stores and API keys on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates a store with a key shown once, recognisable by its prefix, that opens the store', async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: ' Corner Coffee ', shopifySecret: 'shpss_abc' });
    expect(store).toMatchObject({ name: 'Corner Coffee', shopifySecret: 'shpss_abc' });
    expect(store.id).toMatch(/^sto_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(apiKey.plaintext).toMatch(/^rk_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.key).toMatchObject({
      storeId: store.id,
      name: 'default',
      revokedAt: null,
      prefix: apiKey.plaintext.slice(0, 16),
    });
    expect(apiKey.key.id).toMatch(/^key_/);

    const found = await findStoreByApiKey(db, apiKey.plaintext);
    expect(found?.store).toEqual(store);
    expect(found?.apiKey).toEqual(apiKey.key);
    expect(await findStore(db, store.id)).toEqual(store);
  });

  it('opens nothing with a wrong, altered, truncated or foreign-format key', async () => {
    const { db } = database();
    const { apiKey } = await createStore(db, { name: 'Tea Room' });
    const key = apiKey.plaintext;
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    for (const guess of [
      key.slice(0, -1) + last,
      key.slice(0, -1),
      `${key}x`,
      key.replace(API_KEY_PREFIX, 'rk_test_'),
      '',
      'Bearer ' + key,
    ]) {
      expect(await findStoreByApiKey(db, guess), guess).toBeNull();
    }
  });

  it('stores no plaintext key anywhere: every column of every table is scanned', async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: 'Scan Me' });
    const second = await createApiKey(db, store.id, 'ci');
    const secrets = [apiKey.plaintext, second.plaintext].flatMap((k) => [k, k.slice(16)]);
    let cells = 0;
    for (const table of TABLES) {
      // Every row of every store: on Citus a deliberate scan of every shard.
      const { rows } = await acrossStores(db, (trx) =>
        sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx),
      );
      for (const row of rows) {
        for (const value of Object.values(row)) {
          cells++;
          for (const secret of secrets) expect(String(value)).not.toContain(secret);
        }
      }
    }
    expect(cells).toBeGreaterThan(10);
    // What is stored instead: the SHA-256 of the key, in hex.
    const { hash } = await db
      .selectFrom('api_keys')
      .select('hash')
      .where('id', '=', second.key.id)
      .executeTakeFirstOrThrow();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists keys without secrets, and a revoked key stops opening the store at once', async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: 'Revoker' });
    const spare = await createApiKey(db, store.id, 'spare');
    const listed = await listApiKeys(db, store.id);
    expect(listed.map((k) => k.name)).toEqual(['default', 'spare']);
    expect(JSON.stringify(listed)).not.toContain(apiKey.plaintext.slice(16));
    expect(Object.keys(listed[0]).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'storeId',
    ]);

    const revoked = await revokeApiKey(db, store.id, apiKey.key.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await findStoreByApiKey(db, apiKey.plaintext)).toBeNull();
    expect((await findStoreByApiKey(db, spare.plaintext))?.store.id).toBe(store.id);
    // Revoking again keeps the first revocation time.
    expect((await revokeApiKey(db, store.id, apiKey.key.id)).revokedAt).toBe(revoked.revokedAt);
    expect((await listApiKeys(db, store.id)).find((k) => k.id === apiKey.key.id)?.revokedAt).toBe(revoked.revokedAt);
  });

  it("cannot revoke another store's key, an unknown key, or a key of an unknown store", async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    await expect(revokeApiKey(db, a.store.id, b.apiKey.key.id)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
    expect(await findStoreByApiKey(db, b.apiKey.plaintext)).not.toBeNull();
    await expect(revokeApiKey(db, a.store.id, 'key_nope')).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
    await expect(revokeApiKey(db, 'sto_nope', a.apiKey.key.id)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    await expect(createApiKey(db, 'sto_nope')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    await expect(getStore(db, 'sto_nope')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it("revokes a key named by its listed prefix, never another store's key of the same prefix", async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    await expect(revokeApiKey(db, a.store.id, b.apiKey.key.prefix)).rejects.toMatchObject({
      code: 'API_KEY_NOT_FOUND',
    });
    const revoked = await revokeApiKey(db, a.store.id, `${a.apiKey.key.prefix}...`);
    expect(revoked.id).toBe(a.apiKey.key.id);
    expect(await findStoreByApiKey(db, a.apiKey.plaintext)).toBeNull();
    expect(await findStoreByApiKey(db, b.apiKey.plaintext)).not.toBeNull();
    // Two keys of one store that share a prefix: the prefix names neither.
    const twin = await createApiKey(db, a.store.id, 'twin');
    await db.updateTable('api_keys').set({ prefix: twin.key.prefix }).where('id', '=', a.apiKey.key.id).execute();
    await expect(revokeApiKey(db, a.store.id, twin.key.prefix)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await findStoreByApiKey(db, twin.plaintext)).not.toBeNull();
  });

  it("records a key's last use to the minute, and only that key's", async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: 'Used' });
    const other = await createApiKey(db, store.id, 'other');
    const t0 = Date.parse('2026-05-01T10:00:00.000Z');
    const lastUsed = async (id: string) => (await listApiKeys(db, store.id)).find((k) => k.id === id)?.lastUsedAt;
    expect(await lastUsed(apiKey.key.id)).toBeNull();
    await recordApiKeyUse(db, apiKey.key, t0);
    expect(await lastUsed(apiKey.key.id)).toBe('2026-05-01T10:00:00.000Z');
    expect(await lastUsed(other.key.id)).toBeNull();
    // Within the minute nothing is written, even by a caller that read the key before the first use.
    await recordApiKeyUse(db, apiKey.key, t0 + KEY_USE_RESOLUTION_MS - 1);
    expect(await lastUsed(apiKey.key.id)).toBe('2026-05-01T10:00:00.000Z');
    const found = (await findStoreByApiKey(db, apiKey.plaintext))!.apiKey;
    expect(found.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');
    await recordApiKeyUse(db, found, t0 + KEY_USE_RESOLUTION_MS + 1);
    expect(await lastUsed(apiKey.key.id)).toBe('2026-05-01T10:01:00.001Z');
  });

  it('lists stores oldest first and refuses an empty name', async () => {
    const { db } = database();
    const first = await createStore(db, { name: 'First' });
    const second = await createStore(db, { name: 'Second' });
    const ids = (await listStores(db)).map((s) => s.id);
    expect(ids.indexOf(first.store.id)).toBeLessThan(ids.indexOf(second.store.id));
    await expect(createStore(db, { name: '  ' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
