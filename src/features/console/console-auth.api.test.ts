import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { dialects } from '../../../test/support/test-database.js';
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
import { LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './staff.js';

/** A built console as Vite leaves it: index.html and a content-hashed script. */
const folder = mkdtempSync(join(tmpdir(), 'regulars-console-'));
mkdirSync(join(folder, 'assets'));
writeFileSync(
  join(folder, 'index.html'),
  '<!doctype html><title>Regulars</title><script type="module" src="/assets/app-3f2a.js"></script>',
);
writeFileSync(join(folder, 'assets', 'app-3f2a.js'), 'console.log("console");');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let clock = Date.now();
/** Each test signs in from its own address, so the per-address limit of one does not reach the next. */
let address = 0;
const from = () => ({ 'x-forwarded-for': `198.51.100.${++address}` });

describe.each(dialects)('console sign-in and sessions on %s', (dialect) => {
  const testApp = useTestApp(dialect, {
    now: () => clock,
    trustProxy: true,
    console: { folder, policy: TEST_POLICY },
  });
  let ownerEmail = '';
  beforeAll(async () => {
    const { database, store, otherStore } = testApp();
    ownerEmail = `owner-${dialect}@sunnybeans.example`;
    await addUser(database.db, store.id, ownerEmail, 'owner');
    await addUser(database.db, store.id, 'viewer@sunnybeans.example', 'viewer');
    await addUser(database.db, store.id, 'marketer@sunnybeans.example', 'marketer');
    await addUser(database.db, otherStore.id, 'owner@othershop.example', 'owner');
  });

  it('serves an accessible login form bound to a pre-session cookie', async () => {
    const { app } = testApp();
    const { page, csrf } = await openLoginForm(app);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toMatch(/<label for="email">/);
    expect(page.body).toMatch(/<input id="email" name="email" type="email"/);
    expect(page.body).toMatch(/<input id="password" name="password" type="password"/);
    expect(page.body).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const cookie = setCookie(page, 'regulars_login')!;
    expect(cookie.value).toBe(csrf);
    expect(cookie.line).toMatch(/HttpOnly/);
    expect(cookie.line).toMatch(/SameSite=Lax/);
  });

  it('signs in: 303 to next, an HttpOnly SameSite=Lax cookie (not Secure over plain HTTP), and the session route', async () => {
    const { app, store } = testApp();
    const { response, session, cookie } = await login(app, {
      email: ownerEmail.toUpperCase(),
      next: '/customers?q=a',
      headers: from(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/customers?q=a');
    expect(session!.line).toMatch(/^regulars_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await sessionOf(app, cookie);
    expect(me.response.statusCode).toBe(200);
    expect(me.response.json()).toEqual({
      user: { id: expect.stringMatching(/^usr_/), email: ownerEmail, role: 'owner' },
      store: { id: store.id, name: 'Test Coffee' },
      csrfToken: expect.any(String),
    });
    // The session is server-side: the database holds the token's hash, not the token.
    const rows = await testApp().database.db.selectFrom('staff_sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(session!.value);
  });

  it('marks the cookie Secure when the request came over TLS, as the trusted proxy says', async () => {
    const { app } = testApp();
    const tls = await login(app, { email: ownerEmail, headers: { ...from(), 'x-forwarded-proto': 'https' } });
    expect(tls.session!.line).toMatch(/; Secure$/);
    // Without trustProxy the header is anyone's to send, so it is not believed.
    const untrusting = await buildApp({ db: testApp().database.db, dialect, console: { folder, policy: TEST_POLICY } });
    try {
      const plain = await login(untrusting, { email: ownerEmail, headers: { 'x-forwarded-proto': 'https' } });
      expect(plain.response.statusCode).toBe(303);
      expect(plain.session!.line).not.toMatch(/Secure/);
    } finally {
      await untrusting.close();
    }
  });

  it('goes only to a path of this site after signing in', async () => {
    const { app } = testApp();
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const { response } = await login(app, { email: ownerEmail, next, headers: from() });
      expect(response.headers.location, next).toBe('/');
    }
  });

  it('answers a wrong password and an unknown email alike (no user enumeration)', async () => {
    const { app } = testApp();
    const wrong = await login(app, { email: ownerEmail, password: 'not the password at all', headers: from() });
    const unknown = await login(app, {
      email: 'nobody@sunnybeans.example',
      password: 'not the password at all',
      headers: from(),
    });
    for (const r of [wrong, unknown]) {
      expect(r.response.statusCode).toBe(401);
      expect(r.response.headers['x-error-code']).toBe('LOGIN_FAILED');
      expect(r.session).toBeUndefined();
      expect(r.response.body).toMatch(/role="alert"[^>]*>The email or password is not right\./);
    }
    const strip = (body: string) => body.replace(/value="[^"]*"/g, '');
    expect(strip(wrong.response.body)).toBe(strip(unknown.response.body));
  });

  it('refuses a login form without its pre-session cookie (login CSRF)', async () => {
    const { app } = testApp();
    const form = await openLoginForm(app);
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...from() },
      payload: new URLSearchParams({ csrf: form.csrf, email: ownerEmail, password: TEST_PASSWORD }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['x-error-code']).toBe('CSRF_TOKEN_INVALID');
    expect(setCookie(response, 'regulars_session')).toBeUndefined();
  });

  it('locks an account after 5 failures for 15 minutes, even for the right password, then lets it in', async () => {
    const { app, database, store } = testApp();
    const email = `locked-${dialect}@sunnybeans.example`;
    await addUser(database.db, store.id, email, 'viewer');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        String(
          (await login(app, { email, password: `wrong password ${i}`, headers: from() })).response.headers[
            'x-error-code'
          ],
        ),
      );
    expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED']);
    const locked = await login(app, { email, headers: from() });
    expect(locked.response.statusCode).toBe(423);
    expect(locked.response.body).toMatch(/role="alert"[^>]*>Too many failed sign-ins/);
    expect(Number(locked.response.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.session).toBeUndefined();
    clock += LOCKOUT_MS + 1000;
    const after = await login(app, { email, headers: from() });
    expect(after.response.statusCode).toBe(303);
    const row = await database.db
      .selectFrom('staff_users')
      .select(['failed_logins', 'locked_until'])
      .where('email_key', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('locks an unknown email after as many failures, so a lock tells nothing either', async () => {
    const { app } = testApp();
    const codes: string[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        String(
          (
            await login(app, {
              email: `ghost-${dialect}@sunnybeans.example`,
              password: `wrong ${i} password`,
              headers: from(),
            })
          ).response.headers['x-error-code'],
        ),
      );
    expect(codes).toEqual([
      'LOGIN_FAILED',
      'LOGIN_FAILED',
      'LOGIN_FAILED',
      'LOGIN_FAILED',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
  });

  it('limits sign-in attempts per client address', async () => {
    const { app } = testApp();
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    let last = '';
    for (let i = 0; i < 31; i++)
      last = String(
        (await login(app, { email: `nobody${i}@sunnybeans.example`, password: 'whatever password', headers })).response
          .headers['x-error-code'],
      );
    expect(last).toBe('RATE_LIMITED');
  });

  it('prevents session fixation: a session cookie sent with the sign-in is ended, never reused', async () => {
    const { app } = testApp();
    const planted = await login(app, { email: ownerEmail, headers: from() });
    const again = await login(app, { email: ownerEmail, cookies: [planted.cookie], headers: from() });
    expect(again.response.statusCode).toBe(303);
    expect(again.session!.value).not.toBe(planted.session!.value);
    expect((await sessionOf(app, planted.cookie)).response.statusCode).toBe(401);
    expect((await sessionOf(app, again.cookie)).response.statusCode).toBe(200);
    // A token the attacker made up is never taken either.
    const madeUp = await login(app, {
      email: ownerEmail,
      cookies: ['regulars_session=attacker-chosen-value'],
      headers: from(),
    });
    expect(madeUp.session!.value).not.toBe('attacker-chosen-value');
  });

  it('authenticates /v1 by cookie and refuses a change without the session CSRF token', async () => {
    const { app, store } = testApp();
    const { cookie } = await login(app, { email: ownerEmail, headers: from() });
    const { csrfToken } = await sessionOf(app, cookie);
    const body = { name: 'Bought once', rule: { all: [{ field: 'orders_count', op: 'eq', value: 1 }] } };
    const missing = await app.inject({ method: 'POST', url: '/v1/segments', headers: { cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { cookie, 'x-csrf-token': `${csrfToken}x` },
      payload: body,
    });
    expect(wrong.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const right = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: body,
    });
    expect(right.statusCode).not.toBe(403);
    // Reads need no token; API keys work unchanged, with or without a cookie beside them.
    expect((await app.inject({ method: 'GET', url: '/v1/segments', headers: { cookie } })).statusCode).toBe(200);
    const keyed = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { ...store.auth, cookie: 'regulars_session=x' },
      payload: { ...body, name: 'By key' },
    });
    expect(keyed.statusCode).not.toBe(403);
    expect(keyed.statusCode).not.toBe(401);
    // The session route is for cookies: a key has no console session.
    expect((await app.inject({ method: 'GET', url: '/v1/console/session', headers: store.auth })).statusCode).toBe(401);
  });

  it("keeps a user to their store: another store's customer is 404", async () => {
    const { app, otherStore } = testApp();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: otherStore.auth,
      payload: { externalId: 'b-1', email: 'b1@example.com' },
    });
    expect(created.statusCode).toBe(201);
    const { cookie } = await login(app, { email: ownerEmail, headers: from() });
    const read = await app.inject({ method: 'GET', url: `/v1/customers/${created.json().id}`, headers: { cookie } });
    expect(read.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/v1/customers', headers: { cookie } });
    expect(JSON.stringify(list.json())).not.toContain(created.json().id);
    const other = await login(app, { email: 'owner@othershop.example', headers: from() });
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/customers/${created.json().id}`,
          headers: { cookie: other.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets a viewer read and change nothing; a marketer changes campaigns and segments but not settings', async () => {
    const { app } = testApp();
    const viewer = await login(app, { email: 'viewer@sunnybeans.example', headers: from() });
    const { csrfToken } = await sessionOf(app, viewer.cookie);
    const headers = { cookie: viewer.cookie, 'x-csrf-token': csrfToken };
    const changes: [string, string, object?][] = [
      ['POST', '/v1/orders', {}],
      ['POST', '/v1/customers', { externalId: 'v-1' }],
      ['POST', '/v1/segments', { name: 'x', rule: {} }],
      ['PUT', '/v1/segments/seg_x', { name: 'x', rule: {} }],
      ['DELETE', '/v1/segments/seg_x'],
      ['PUT', '/v1/settings/delivery', { timeZone: 'Europe/Ljubljana' }],
      ['POST', '/v1/flows/win-back/enable', {}],
      ['PUT', '/v1/loyalty/program', {}],
      ['POST', '/v1/coupons/redeem', {}],
    ];
    for (const [method, url, payload] of changes) {
      const response = await app.inject({ method: method as 'POST', url, headers, payload });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code, `${method} ${url}`).toBe('ROLE_FORBIDDEN');
    }
    for (const url of ['/v1/segments', '/v1/flows', '/v1/settings/delivery', '/v1/customers'])
      expect((await app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } })).statusCode, url).toBe(200);

    const marketer = await login(app, { email: 'marketer@sunnybeans.example', headers: from() });
    const m = { cookie: marketer.cookie, 'x-csrf-token': (await sessionOf(app, marketer.cookie)).csrfToken };
    const settings = await app.inject({
      method: 'PUT',
      url: '/v1/settings/delivery',
      headers: m,
      payload: { timeZone: 'UTC' },
    });
    expect(settings.json().error.code).toBe('ROLE_FORBIDDEN');
    const segment = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: m,
      payload: { name: 'Marketer made', rule: { all: [{ field: 'orders_count', op: 'eq', value: 1 }] } },
    });
    expect(segment.statusCode).toBe(201);
  });

  it('signs out: the session ends on the server and the cookie is cleared; a CSRF token is needed', async () => {
    const { app } = testApp();
    const { cookie } = await login(app, { email: ownerEmail, headers: from() });
    const forged = await app.inject({ method: 'POST', url: '/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    expect((await sessionOf(app, cookie)).response.statusCode).toBe(200);
    const { csrfToken } = await sessionOf(app, cookie);
    const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?signedOut=1');
    expect(setCookie(out, 'regulars_session')!.line).toMatch(
      /^regulars_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
    const after = await sessionOf(app, cookie);
    expect(after.response.statusCode).toBe(401);
    expect(after.response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a session idle too long, and any session past its absolute end', async () => {
    const { app } = testApp();
    const idle = await login(app, { email: ownerEmail, headers: from() });
    clock += SESSION_IDLE_MS + 1000;
    expect((await sessionOf(app, idle.cookie)).response.statusCode).toBe(401);

    const busy = await login(app, { email: ownerEmail, headers: from() });
    for (let elapsed = 0; elapsed + 3600_000 < SESSION_ABSOLUTE_MS; elapsed += 3600_000) {
      clock += 3600_000;
      expect((await sessionOf(app, busy.cookie)).response.statusCode).toBe(200);
    }
    clock += 3600_000;
    expect((await sessionOf(app, busy.cookie)).response.statusCode).toBe(401);
  });

  it('serves the console to the signed-in only: 302 to /login with next, else index.html and hashed assets', async () => {
    const { app } = testApp();
    const anonymous = await app.inject({ method: 'GET', url: '/customers/cus_1?tab=orders' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent('/customers/cus_1?tab=orders')}`);
    expect((await app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/login?next=%2F');

    const { cookie } = await login(app, { email: ownerEmail, headers: from() });
    for (const url of ['/', '/customers', '/customers/cus_1', '/settings/users', '/flows']) {
      const page = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('/assets/app-3f2a.js');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app-3f2a.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/missing.js', '/assets/..%2Findex.html', '/assets/../index.html'])
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    // Signed in already: the login page sends the user on.
    expect((await app.inject({ method: 'GET', url: '/login?next=/flows', headers: { cookie } })).headers.location).toBe(
      '/flows',
    );
  });
});

describe('the console when it is not built', () => {
  const testApp = useTestApp('sqlite', { console: { folder: null, policy: TEST_POLICY } });

  it('answers / with a 503 page that says how to build it', async () => {
    const { app, database, store } = testApp();
    await addUser(database.db, store.id, 'owner@sunnybeans.example');
    const { cookie } = await login(app, { email: 'owner@sunnybeans.example' });
    const page = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['x-error-code']).toBe('CONSOLE_NOT_BUILT');
    expect(page.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/v1/console/session', headers: { cookie } })).statusCode).toBe(200);
  });
});
