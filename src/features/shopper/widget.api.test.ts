/**
 * What the widget loads over HTTP: GET /widget.js (a public script: its type, caches, gzip, the
 * cross-origin headers a script tag on another site needs, and its size budget) and the guest's
 * GET /v1/shopper/program (rules only, CORS-checked per store, cached), on every dialect.
 */
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWidget, WIDGET_BUDGET, writeWidget } from '../../../scripts/build-widget.mjs';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { changeProgramSettings } from './shopper-program.service.js';
import { OTHER_ORIGIN, SHOP_URL, setUpShop } from './shopper.fixtures.js';

describe('the widget script', () => {
  it(`builds under its budget of ${WIDGET_BUDGET / 1024} KB gzipped, as one script with no imports left`, async () => {
    const { code, gzip } = await buildWidget();
    expect(gzip).toBeLessThanOrEqual(WIDGET_BUDGET);
    expect(gzip).toBeGreaterThan(1000);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('regulars:token-expired');
  });
});

describe.each(dialects)('the widget over HTTP on %s', (dialect) => {
  // The program is kept 10 s per process: the clock is moved on to see a change.
  let skew = 0;
  const ctx = useTestApp(dialect, { shopperRateLimitPerMinute: 0, now: () => Date.now() + skew });
  let ready: Promise<void> | undefined;
  const setUp = () => {
    const { app, database, store } = ctx();
    ready ??= setUpShop(app, database.db, store, ['ana'], 250);
    return ready;
  };
  let script: string;
  beforeAll(async () => {
    script = (await writeWidget()).code;
  });

  it('GET /widget.js is a public script: JavaScript, ETag and 304, gzip, a year-long cache when pinned, loadable from any origin', async () => {
    const { app } = ctx();
    const plain = await app.inject({ method: 'GET', url: '/widget.js', headers: { origin: 'https://any.example' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.body).toBe(script);
    // The API's own same-origin policy would stop a script tag on the shop's page.
    expect(plain.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(plain.headers['access-control-allow-origin']).toBe('*');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
    const etag = String(plain.headers.etag);
    const version = String(plain.headers['x-widget-version']);
    expect(etag).toBe(`"${version}"`);

    const again = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const zipped = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(script);
    expect(zipped.rawPayload.length).toBeLessThanOrEqual(WIDGET_BUDGET);

    const pinned = await app.inject({ method: 'GET', url: `/widget.js?v=${version}` });
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // An old pin gets the current script with the short cache, never a year of the wrong one.
    const stale = await app.inject({ method: 'GET', url: '/widget.js?v=0000000000000000' });
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
  });

  it("GET /v1/shopper/program explains the store's program to a guest, with no customer's data", async () => {
    await setUp();
    const { app, store } = ctx();
    const answer = await app.inject({ method: 'GET', url: `/v1/shopper/program?store=${store.id}` });
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({
      store: { id: store.id, url: SHOP_URL },
      enabled: true,
      currency: 'EUR',
      earn: { rate: { points: 1, perMinor: 100 }, referral: { referrerPoints: 500, referredPoints: 250 } },
      rewards: [
        { id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 }, validDays: 30 },
        { id: 'ship', points: 50, reward: { kind: 'free_shipping' } },
        { id: 'big', points: 5000, reward: { kind: 'percent', percent: 20 } },
      ],
      tiers: {
        basis: 'lifetime_spend',
        levels: [
          { name: 'Silver', threshold: 2000, perks: { earnMultiplier: 1.25 } },
          { name: 'Gold', threshold: 10000, perks: { earnMultiplier: 2 } },
        ],
      },
      join: { url: SHOP_URL, title: null, text: null },
    });
    expect(answer.body).not.toContain('ana');
    expect(answer.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(answer.headers.etag);
    const again = await app.inject({
      method: 'GET',
      url: `/v1/shopper/program?store=${store.id}`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it("answers the shop's own origins with CORS headers and refuses any other origin, as the token routes do", async () => {
    await setUp();
    const { app, store, otherStore } = ctx();
    const url = `/v1/shopper/program?store=${store.id}`;
    for (const origin of [SHOP_URL, OTHER_ORIGIN]) {
      const allowed = await app.inject({ method: 'GET', url, headers: { origin } });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(origin);
      expect(allowed.headers.vary).toMatch(/origin/i);
    }
    const refused = await app.inject({ method: 'GET', url, headers: { origin: 'https://evil.example' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    // Another store's page may not show this one's program as its own, and the reverse.
    const otherShop = await app.inject({
      method: 'GET',
      url: `/v1/shopper/program?store=${otherStore.id}`,
      headers: { origin: 'https://evil.example' },
    });
    expect(otherShop.statusCode).toBe(403);
  });

  it('names the bad input: no store, an unknown store, unknown parameters, bad settings', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const missing = await app.inject({ method: 'GET', url: '/v1/shopper/program' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await app.inject({ method: 'GET', url: '/v1/shopper/program?store=sto_nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('STORE_NOT_FOUND');
    const extra = await app.inject({ method: 'GET', url: `/v1/shopper/program?store=${store.id}&customer=ana` });
    expect(extra.statusCode).toBe(400);
    await expect(
      changeProgramSettings(database.db, store.id, { joinUrl: 'javascript:alert(1)' }, new Date().toISOString()),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'joinUrl' } });
  });

  it("shows the store's join address and texts once set, after the 10 s the process keeps the program", async () => {
    const { app, database, otherStore } = ctx();
    const url = `/v1/shopper/program?store=${otherStore.id}`;
    const before = (await app.inject({ method: 'GET', url })).json();
    // A store without a loyalty program says so; the widget shows "no program yet".
    expect(before).toMatchObject({ enabled: false, currency: null, rewards: [], tiers: null });
    await changeProgramSettings(
      database.db,
      otherStore.id,
      { joinUrl: 'https://other.example/account/register', title: 'Club Beans', joinText: 'Join the club.' },
      new Date().toISOString(),
    );
    expect((await app.inject({ method: 'GET', url })).json().join).toEqual(before.join);
    skew += 11_000;
    expect((await app.inject({ method: 'GET', url })).json().join).toEqual({
      url: 'https://other.example/account/register',
      title: 'Club Beans',
      text: 'Join the club.',
    });
  });
});
