import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, login, sessionOf, TEST_POLICY } from '../console/console-auth.fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

/** A signed-in console user's headers: the session cookie, and the CSRF token changes need. */
async function staffHeaders(app: FastifyInstance, email: string): Promise<Record<string, string>> {
  const { cookie } = await login(app, { email });
  const { csrfToken } = await sessionOf(app, cookie);
  return { cookie, 'x-csrf-token': csrfToken };
}

describe.each(dialects)('the Settings API on %s', (dialect) => {
  const ctx = useTestApp(dialect, { console: { folder: null, policy: TEST_POLICY } });

  it('shows and changes the shop profile, naming a bad field', async () => {
    const { app, store, otherStore } = ctx();
    const get = await app.inject({ method: 'GET', url: '/v1/settings/shop', headers: store.auth });
    expect(get.json()).toEqual({ name: 'Test Coffee', url: null, supportEmail: null, address: null, locale: null });
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/settings/shop',
      headers: store.auth,
      payload: { url: 'https://coffee.example/', locale: 'sl-SI', address: 'Trubarjeva 1, Ljubljana' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      name: 'Test Coffee',
      url: 'https://coffee.example',
      supportEmail: null,
      address: 'Trubarjeva 1, Ljubljana',
      locale: 'sl-SI',
    });
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/settings/shop',
      headers: store.auth,
      payload: { supportEmail: 'not an address' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'supportEmail' } });
    expect((await app.inject({ method: 'GET', url: '/v1/settings/shop', headers: store.auth })).json().url).toBe(
      'https://coffee.example',
    );
    // The other store's profile is its own.
    expect(
      (await app.inject({ method: 'GET', url: '/v1/settings/shop', headers: otherStore.auth })).json(),
    ).toMatchObject({ name: 'Other Shop', url: null });
  });

  it('creates an API key that works, lists only its prefix, and revokes it; another store cannot see or revoke it', async () => {
    const { app, store, otherStore } = ctx();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/settings/api-keys',
      headers: store.auth,
      payload: { name: 'warehouse' },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(apiKey).toMatch(/^rk_live_/);
    expect(apiKey.startsWith(key.prefix)).toBe(true);
    expect(key).toMatchObject({ name: 'warehouse', revokedAt: null });

    const listing = await app.inject({ method: 'GET', url: '/v1/settings/api-keys', headers: store.auth });
    expect(listing.body).not.toContain(apiKey);
    expect(listing.json().keys.map((k: { id: string }) => k.id)).toContain(key.id);
    const useIt = await app.inject({
      method: 'GET',
      url: '/v1/settings/shop',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(useIt.statusCode).toBe(200);

    const foreign = await app.inject({ method: 'GET', url: '/v1/settings/api-keys', headers: otherStore.auth });
    expect(foreign.json().keys.map((k: { id: string }) => k.id)).not.toContain(key.id);
    const foreignRevoke = await app.inject({
      method: 'DELETE',
      url: `/v1/settings/api-keys/${key.id}`,
      headers: otherStore.auth,
    });
    expect(foreignRevoke.statusCode).toBe(404);
    expect(foreignRevoke.json().error.code).toBe('API_KEY_NOT_FOUND');

    const revoked = await app.inject({ method: 'DELETE', url: `/v1/settings/api-keys/${key.id}`, headers: store.auth });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const empty = await app.inject({
      method: 'POST',
      url: '/v1/settings/api-keys',
      headers: store.auth,
      payload: { name: '  ' },
    });
    expect(empty.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'name' } });
  });

  it('sets, replaces and clears the Shopify secret without ever answering it', async () => {
    const { app, otherStore } = ctx();
    const call = (method: 'GET' | 'PUT', payload?: object) =>
      app.inject({ method, url: '/v1/settings/shopify-secret', headers: otherStore.auth, payload });
    expect((await call('GET')).json()).toEqual({ set: false });
    const set = await call('PUT', { secret: 'shpss_first' });
    expect(set.json()).toEqual({ set: true });
    expect(set.body).not.toContain('shpss_first');
    expect((await call('PUT', { secret: 'shpss_second' })).json()).toEqual({ set: true });
    expect((await call('GET')).body).not.toContain('shpss');
    expect((await call('PUT', { secret: ' ' })).json().error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await call('PUT', { secret: null })).json()).toEqual({ set: false });
  });

  it('adds users, changes a role, removes one (ending their sessions), and always keeps an owner', async () => {
    const { app, database, store, otherStore } = ctx();
    const owner = await addUser(database.db, store.id, 'owner@coffee.example', 'owner');
    const created = await app.inject({
      method: 'POST',
      url: '/v1/settings/users',
      headers: store.auth,
      payload: { email: 'new@coffee.example', role: 'viewer', password: 'twelve chars ok' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'new@coffee.example', role: 'viewer' });
    expect(created.body).not.toContain('twelve');
    const short = await app.inject({
      method: 'POST',
      url: '/v1/settings/users',
      headers: store.auth,
      payload: { email: 'short@coffee.example', role: 'viewer', password: 'elevenchars' },
    });
    expect(short.json().error.code).toBe('PASSWORD_TOO_SHORT');
    const taken = await app.inject({
      method: 'POST',
      url: '/v1/settings/users',
      headers: store.auth,
      payload: { email: 'NEW@coffee.example', role: 'owner', password: 'twelve chars ok' },
    });
    expect(taken.json().error.code).toBe('STAFF_EMAIL_TAKEN');

    // The new user signs in with the password the owner set; a role change applies to their open session.
    const { cookie } = await login(app, { email: 'new@coffee.example', password: 'twelve chars ok' });
    expect((await sessionOf(app, cookie)).response.json().user.role).toBe('viewer');
    const promoted = await app.inject({
      method: 'PATCH',
      url: `/v1/settings/users/${user.id}`,
      headers: store.auth,
      payload: { role: 'marketer' },
    });
    expect(promoted.json()).toMatchObject({ id: user.id, role: 'marketer' });
    expect((await sessionOf(app, cookie)).response.json().user.role).toBe('marketer');

    // The only owner cannot be demoted or removed.
    const demote = await app.inject({
      method: 'PATCH',
      url: `/v1/settings/users/${owner.id}`,
      headers: store.auth,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_OWNER');
    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/settings/users/${owner.id}`, headers: store.auth })).json().error
        .code,
    ).toBe('LAST_OWNER');

    // Another store neither sees nor touches this store's users.
    const foreign = await app.inject({ method: 'GET', url: '/v1/settings/users', headers: otherStore.auth });
    expect(foreign.json().users).toEqual([]);
    const foreignPatch = await app.inject({
      method: 'PATCH',
      url: `/v1/settings/users/${user.id}`,
      headers: otherStore.auth,
      payload: { role: 'owner' },
    });
    expect(foreignPatch.json().error.code).toBe('STAFF_USER_NOT_FOUND');

    const removed = await app.inject({ method: 'DELETE', url: `/v1/settings/users/${user.id}`, headers: store.auth });
    expect(removed.statusCode).toBe(200);
    expect((await sessionOf(app, cookie)).response.statusCode).toBe(401);
    const listing = await app.inject({ method: 'GET', url: '/v1/settings/users', headers: store.auth });
    expect(listing.json().users.map((u: { email: string }) => u.email)).toEqual(['owner@coffee.example']);
  });

  it('lets viewers and marketers read the settings but refuses every change with ROLE_FORBIDDEN', async () => {
    const { app, database, store, otherStore } = ctx();
    await addUser(database.db, store.id, 'viewer@coffee.example', 'viewer');
    await addUser(database.db, store.id, 'marketer@coffee.example', 'marketer');
    await addUser(database.db, otherStore.id, 'owner@other.example', 'owner');
    const changes = [
      ['PUT', '/v1/settings/delivery', { quietHours: { start: '20:00', end: '09:00' } }],
      ['PUT', '/v1/settings/shop', { url: 'https://evil.example' }],
      ['POST', '/v1/settings/api-keys', { name: 'mine' }],
      ['DELETE', '/v1/settings/api-keys/key_x', undefined],
      ['PUT', '/v1/settings/shopify-secret', { secret: 'x' }],
      ['POST', '/v1/settings/users', { email: 'x@coffee.example', role: 'owner', password: 'twelve chars ok' }],
      ['PATCH', '/v1/settings/users/usr_x', { role: 'owner' }],
      ['DELETE', '/v1/settings/users/usr_x', undefined],
    ] as const;
    const before = (await app.inject({ method: 'GET', url: '/v1/settings/delivery', headers: store.auth })).json();
    for (const email of ['viewer@coffee.example', 'marketer@coffee.example']) {
      const headers = await staffHeaders(app, email);
      for (const path of ['/v1/settings/delivery', '/v1/settings/shop', '/v1/settings/api-keys', '/v1/settings/users'])
        expect((await app.inject({ method: 'GET', url: path, headers })).statusCode, `${email} GET ${path}`).toBe(200);
      for (const [method, url, payload] of changes) {
        const refused = await app.inject({ method, url, headers, payload });
        expect(refused.statusCode, `${email} ${method} ${url}`).toBe(403);
        expect(refused.json().error.code).toBe('ROLE_FORBIDDEN');
      }
    }
    expect((await app.inject({ method: 'GET', url: '/v1/settings/delivery', headers: store.auth })).json()).toEqual(
      before,
    );

    // The other store's owner, signed in, changes only their own store.
    const foreignOwner = await staffHeaders(app, 'owner@other.example');
    const theirs = await app.inject({
      method: 'PUT',
      url: '/v1/settings/delivery',
      headers: foreignOwner,
      payload: { quietHours: { start: '23:00', end: '06:00' } },
    });
    expect(theirs.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/settings/delivery', headers: store.auth })).json()).toEqual(
      before,
    );
    const users = await app.inject({ method: 'GET', url: '/v1/settings/users', headers: foreignOwner });
    expect(users.json().users.map((u: { email: string }) => u.email)).toEqual(['owner@other.example']);
  });
});
