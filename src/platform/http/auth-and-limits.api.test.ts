import { describe, expect, it } from 'vitest';
import { revokeApiKey, findStoreByApiKey } from '../stores/api-key.repository.js';
import { KEY_CACHE_TTL_MS } from './authenticate.js';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

let clock = Date.now();

describe.each(dialects)('authentication, isolation, idempotency, limits and headers on %s', (dialect) => {
  const ctx = useTestApp(dialect, { rateLimitPerMinute: 0, now: () => clock });

  it('answers 401 UNAUTHENTICATED without a key, with a malformed, unknown or revoked key', async () => {
    const { app, store, database } = ctx();
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/v1/orders', headers, payload: orderBody({ externalId: 'auth-1' }) });
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${store.apiKey.slice(0, -1)}x` },
      { authorization: 'Bearer rk_live_nope' },
    ]) {
      const response = await post(headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
    const { store: extra, apiKey } = await (async () => {
      const { createApiKey } = await import('../stores/api-key.repository.js');
      return { store, apiKey: await createApiKey(database.db, store.id, 'temporary') };
    })();
    const headers = { authorization: `Bearer ${apiKey.plaintext}` };
    expect((await post(headers)).statusCode).toBe(201);
    await revokeApiKey(database.db, extra.id, apiKey.key.id);
    clock += KEY_CACHE_TTL_MS + 1;
    expect((await post(headers)).statusCode).toBe(401);
    expect(await findStoreByApiKey(database.db, apiKey.plaintext)).toBeNull();
  });

  it('records when each key was last used, for `regulars stores keys list`', async () => {
    const { app, store, otherStore, database } = ctx();
    const { createApiKey, listApiKeys } = await import('../stores/api-key.repository.js');
    const key = await createApiKey(database.db, store.id, 'last-used');
    const lastUsed = async () =>
      (await listApiKeys(database.db, store.id)).find((k) => k.id === key.key.id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const get = () =>
      app.inject({ method: 'GET', url: '/v1/customers', headers: { authorization: `Bearer ${key.plaintext}` } });
    expect((await get()).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).toBe(new Date(clock).toISOString());
    // The other store's key, not used yet, is not touched by this one's use.
    expect((await listApiKeys(database.db, otherStore.id)).map((k) => k.lastUsedAt)).toEqual([null]);
    clock += 61_000;
    expect((await get()).statusCode).toBe(200);
    expect(await lastUsed()).toBe(new Date(clock).toISOString());
  });

  it("keeps stores apart: another store's customer answers 404", async () => {
    const { app, store, otherStore } = ctx();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ externalId: 'iso-1' }),
    });
    const customerId = created.json().customerId as string;
    const mine = await app.inject({ method: 'GET', url: `/v1/customers/${customerId}`, headers: store.auth });
    expect(mine.statusCode).toBe(200);
    const theirs = await app.inject({ method: 'GET', url: `/v1/customers/${customerId}`, headers: otherStore.auth });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    const search = await app.inject({ method: 'GET', url: '/v1/customers?query=c-1', headers: otherStore.auth });
    expect(search.json().customers).toEqual([]);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const { app, store } = ctx();
    const headers = { ...store.auth, 'idempotency-key': 'idem-1' };
    const first = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers,
      payload: orderBody({ externalId: 'idem-order' }),
    });
    expect(first.statusCode).toBe(201);
    const replay = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers,
      payload: orderBody({ externalId: 'idem-order' }),
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);

    const other = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers,
      payload: orderBody({ externalId: 'idem-order', totalMinor: 1 }),
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The same key in another store is another key.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...ctx().otherStore.auth, 'idempotency-key': 'idem-1' },
      payload: orderBody({ externalId: 'idem-order' }),
    });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers concurrent requests with one Idempotency-Key with one effect', async () => {
    const { app, store } = ctx();
    const headers = { ...store.auth, 'idempotency-key': 'idem-race' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/orders',
          headers,
          payload: orderBody({ externalId: 'idem-race-order' }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const r of responses.filter((r) => r.statusCode === 409))
      expect(r.json().error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    const created = responses.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(created).toHaveLength(1);
  });

  it('is ready (/readyz) only while the database holds exactly the migrations this build knows', async () => {
    const { app, database } = ctx();
    const { sql } = await import('kysely');
    const { MIGRATIONS } = await import('../database/migrations/index.js');
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok', migrations: MIGRATIONS.length });

    // Migrated by a newer version: this process must not take traffic.
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      database.db,
    );
    const ahead = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ahead.statusCode).toBe(503);
    expect(ahead.json().error).toMatchObject({
      code: 'MIGRATIONS_NOT_CURRENT',
      details: { pending: [], unknown: ['9999_from_the_future'] },
    });
    // Liveness does not look at the schema.
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    // Behind: a migration of this build not applied. The file's other tests share this database, so
    // the records are put back.
    const recorded = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration`.execute(database.db);
    await sql`delete from kysely_migration`.execute(database.db);
    try {
      const behind = await app.inject({ method: 'GET', url: '/readyz' });
      expect(behind.statusCode).toBe(503);
      expect(behind.json().error.details.pending).toEqual(MIGRATIONS.map(([name]) => name));
    } finally {
      for (const row of recorded.rows.filter((r) => r.name !== '9999_from_the_future'))
        await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(
          database.db,
        );
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('sends security headers and a request id on every answer, and serves /healthz and the OpenAPI document', async () => {
    const { app } = ctx();
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', database: 'ok' });
    for (const response of [health, await app.inject({ method: 'GET', url: '/v1/nothing' })]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['x-request-id']).toBeTruthy();
    }
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths as object);
    for (const path of [
      '/v1/orders',
      '/v1/orders:batch',
      '/v1/customers',
      '/v1/customers/{id}',
      '/v1/products',
      '/v1/events',
      '/webhooks/shopify/{storeId}',
      '/healthz',
    ]) {
      expect(paths).toContain(path);
    }
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown routes with NOT_FOUND in the error envelope', async () => {
    const { app } = ctx();
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /nope', details: {} } });
  });
});

describe.each(dialects)('rate limiting on %s', (dialect) => {
  const ctx = useTestApp(dialect, { rateLimitPerMinute: 3 });

  it('answers 429 RATE_LIMITED with Retry-After once a key passes its limit, per key', async () => {
    const { app, store, otherStore } = ctx();
    const get = (auth: { authorization: string }) => app.inject({ method: 'GET', url: '/v1/customers', headers: auth });
    for (let i = 0; i < 3; i++) expect((await get(store.auth)).statusCode).toBe(200);
    const limited = await get(store.auth);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(otherStore.auth)).statusCode).toBe(200);
  });
});
