import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dialects, sqlDialect } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  addUser,
  login,
  openLoginForm,
  sessionOf,
  setCookie,
  TEST_PASSWORD,
  TEST_POLICY,
} from './console-auth.fixtures.js';

/**
 * The console's security properties checked over real HTTP, beyond the sign-in tests
 * (console-auth.api.test.ts): CSRF tokens bound to their session and to every changing verb, login
 * CSRF with a mismatched token, fixation of the pre-session cookie, a lock that holds across server
 * processes, the cookies' exact attributes, and one store's staff kept from another's Overview.
 */
const folder = mkdtempSync(join(tmpdir(), 'regulars-console-'));
writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Regulars</title>');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let address = 0;
/** Each sign-in from its own address, so the per-address limit never decides a test. */
const from = () => ({ 'x-forwarded-for': `192.0.2.${++address % 250}` });

describe.each(dialects)('console security on %s', (dialect) => {
  const testApp = useTestApp(dialect, { trustProxy: true, console: { folder, policy: TEST_POLICY } });
  const owner = `sec-owner-${dialect}@sunnybeans.example`;
  const otherOwner = `sec-owner-${dialect}@othershop.example`;
  beforeAll(async () => {
    const { database, store, otherStore } = testApp();
    await addUser(database.db, store.id, owner, 'owner');
    await addUser(database.db, otherStore.id, otherOwner, 'owner');
  });

  it("refuses a change that carries another session's CSRF token, for every changing verb", async () => {
    const { app } = testApp();
    const mine = await login(app, { email: owner, headers: from() });
    const theirs = await login(app, { email: owner, headers: from() });
    const { csrfToken: myToken } = await sessionOf(app, mine.cookie);
    const { csrfToken: theirToken } = await sessionOf(app, theirs.cookie);
    expect(myToken).not.toBe(theirToken);

    const created = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { cookie: mine.cookie, 'x-csrf-token': myToken },
      payload: { name: 'Kept', rule: { all: [{ field: 'orders_count', op: 'gte', value: 1 }] } },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const attempts = [
      { method: 'POST' as const, url: '/v1/segments', payload: { name: 'Forged', rule: { all: [] } } },
      { method: 'PUT' as const, url: `/v1/segments/${id}`, payload: { name: 'Renamed', rule: { all: [] } } },
      { method: 'DELETE' as const, url: `/v1/segments/${id}` },
    ];
    for (const attempt of attempts) {
      for (const token of [theirToken, '', myToken.toUpperCase()]) {
        const res = await app.inject({
          ...attempt,
          headers: { cookie: mine.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        });
        expect(res.statusCode, `${attempt.method} with ${token ? 'a foreign token' : 'no token'}`).toBe(403);
        expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
      }
      // The token in the body or the query string is not the header a cross-site form cannot set.
      const inQuery = await app.inject({
        ...attempt,
        url: `${attempt.url}?csrf=${myToken}`,
        headers: { cookie: mine.cookie },
      });
      expect(inQuery.statusCode).toBe(403);
    }
    // Nothing ran: the segment is there, under its own name.
    const read = await app.inject({ method: 'GET', url: `/v1/segments/${id}`, headers: { cookie: mine.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().name).toBe('Kept');
  });

  it('refuses a login form whose token is not the one its cookie holds (login CSRF)', async () => {
    const { app } = testApp();
    const victim = await openLoginForm(app, from());
    const attacker = await openLoginForm(app, from());
    expect(victim.csrf).not.toBe(attacker.csrf);
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: victim.cookie, ...from() },
      payload: new URLSearchParams({ csrf: attacker.csrf, email: owner, password: TEST_PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['x-error-code']).toBe('CSRF_TOKEN_INVALID');
    expect(setCookie(response, 'regulars_session')).toBeUndefined();
  });

  it('never turns the pre-session cookie into the session, and ends it at sign-in', async () => {
    const { app } = testApp();
    const form = await openLoginForm(app, from());
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, ...from() },
      payload: new URLSearchParams({ csrf: form.csrf, email: owner, password: TEST_PASSWORD, next: '/' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    const session = setCookie(response, 'regulars_session')!;
    expect(session.value).not.toBe(form.csrf);
    expect(setCookie(response, 'regulars_login')!.line).toMatch(/^regulars_login=; .*Max-Age=0/);
    // The form's token presented as a session opens nothing.
    expect((await sessionOf(app, `regulars_session=${form.csrf}`)).response.statusCode).toBe(401);
    // Each sign-in is a new session, never the previous one's token.
    const again = await login(app, { email: owner, headers: from() });
    expect(again.session!.value).not.toBe(session.value);
  });

  it('keeps an account locked across server processes: the failures are counted in the database', async () => {
    const { app, database, store } = testApp();
    const email = `sec-locked-${dialect}@sunnybeans.example`;
    await addUser(database.db, store.id, email, 'viewer');
    const second = await buildApp({
      db: database.db,
      dialect: sqlDialect(dialect),
      trustProxy: true,
      console: { folder, policy: TEST_POLICY },
    });
    try {
      const codes: string[] = [];
      // Failures alternate between the two processes; neither sees more than three in memory.
      for (let i = 0; i < 5; i++) {
        const server = i % 2 === 0 ? app : second;
        const { response } = await login(server, { email, password: `wrong password ${i}`, headers: from() });
        codes.push(String(response.headers['x-error-code']));
      }
      expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
      for (const server of [app, second]) {
        const right = await login(server, { email, headers: from() });
        expect(right.response.statusCode).toBe(423);
        expect(right.session).toBeUndefined();
      }
    } finally {
      await second.close();
    }
  });

  it('sets the session cookie host-only, for the whole site, for the browser session, HttpOnly and SameSite=Lax', async () => {
    const { app } = testApp();
    for (const tls of [false, true]) {
      const headers = { ...from(), ...(tls ? { 'x-forwarded-proto': 'https' } : {}) };
      const { session, cookie } = await login(app, { email: owner, headers });
      const attributes = session!.line.split('; ').slice(1);
      expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', ...(tls ? ['Secure'] : [])].sort());
      const { csrfToken } = await sessionOf(app, cookie);
      const out = await app.inject({
        method: 'POST',
        url: '/logout',
        headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
      });
      const cleared = setCookie(out, 'regulars_session')!;
      expect(cleared.value).toBe('');
      expect(cleared.line).toMatch(/Max-Age=0/);
      expect(cleared.line).toMatch(/HttpOnly/);
      expect(/; Secure/.test(cleared.line)).toBe(tls);
    }
    const form = await openLoginForm(app, from());
    const loginCookie = setCookie(form.page, 'regulars_login')!;
    expect(loginCookie.line).toMatch(/Path=\/login/);
    expect(loginCookie.line).not.toMatch(/Domain=/i);
  });

  it("shows a store's staff their own Overview only, whatever the request names", async () => {
    const { app, store, database } = testApp();
    await importOrderFile(
      { db: database.db, readOrderExport },
      { path: fixturePath('shopify', 'orders_export.csv'), storeId: store.id, currency: 'USD' },
    );
    const mine = await login(app, { email: owner, headers: from() });
    const theirs = await login(app, { email: otherOwner, headers: from() });
    const own = await app.inject({ method: 'GET', url: '/v1/console/overview', headers: { cookie: mine.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json().report.orders).toBeGreaterThan(0);
    // The other store has no orders: its owner sees an empty Overview, not this store's snapshot,
    // also when the request names this store in every way a client could.
    for (const url of ['/v1/console/overview', `/v1/console/overview?store=${store.id}`]) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: theirs.cookie, 'x-store-id': store.id },
      });
      if (res.statusCode === 200) expect(res.json().report).toBeNull();
      else expect(res.statusCode).toBe(400);
    }
    const theirSession = (await sessionOf(app, theirs.cookie)).response.json();
    expect(theirSession.store.id).not.toBe(store.id);
  });
});
