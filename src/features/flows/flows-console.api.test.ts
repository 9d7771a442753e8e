import { describe, expect, it } from 'vitest';
import { updateShopProfile } from '../stores/shop-profile.service.js';
import { loadConfig } from '../../platform/config.js';
import { addUser, login, sessionOf, TEST_POLICY } from '../console/console-auth.fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

/** The console's flows routes: gates, settings, preview and the dry run, with the roles that may call them. */
describe.each(dialects)('the flows console routes on %s', (dialect) => {
  const ctx = useTestApp(dialect, {
    config: loadConfig({ REGULARS_SPAMASSASSIN: 'off' }),
    console: { folder: null, policy: TEST_POLICY },
  });

  async function signedIn(role: 'owner' | 'marketer' | 'viewer') {
    const { app, database, store } = ctx();
    const email = `${role}-flows-${dialect}@beans.example`;
    await addUser(database.db, store.id, email, role);
    const { cookie } = await login(app, { email, headers: { 'x-forwarded-for': `203.0.113.${role.length}` } });
    const { csrfToken } = await sessionOf(app, cookie);
    return { cookie, 'x-csrf-token': csrfToken };
  }

  it('explains the gates: the shop profile fails with its code until it is complete, no SMTP is a warning', async () => {
    const { app, store, database } = ctx();
    const before = await app.inject({ method: 'GET', url: '/v1/flows/win-back/gates', headers: store.auth });
    expect(before.statusCode).toBe(200);
    const gates = before.json();
    expect(gates).toMatchObject({ flow: 'win-back', enabled: false, ready: false, purpose: 'marketing' });
    const byGate = Object.fromEntries(gates.gates.map((g: { gate: string }) => [g.gate, g]));
    expect(byGate.settings).toMatchObject({ status: 'pass' });
    expect(byGate.templates).toMatchObject({ status: 'pass' });
    expect(byGate['shop-profile']).toMatchObject({ status: 'fail', code: 'SHOP_PROFILE_INCOMPLETE' });
    expect(byGate['spam-score']).toMatchObject({ status: 'unchecked' });
    expect(byGate['mail-transport']).toMatchObject({ status: 'warn' });
    // The refusal says the same code.
    const refused = await app.inject({ method: 'POST', url: '/v1/flows/win-back/enable', headers: store.auth });
    expect(refused.json().error.code).toBe('SHOP_PROFILE_INCOMPLETE');

    await updateShopProfile(
      database.db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street' },
      new Date().toISOString(),
    );
    const after = (await app.inject({ method: 'GET', url: '/v1/flows/win-back/gates', headers: store.auth })).json();
    expect(after.ready).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/flows/nope/gates', headers: store.auth })).json().error.code,
    ).toBe('FLOW_NOT_FOUND');
  });

  it('changes settings after the kind checks them, naming the wrong field, and keeps the others', async () => {
    const { app, store } = ctx();
    const wrong = await app.inject({
      method: 'PUT',
      url: '/v1/flows/review-request/settings',
      headers: store.auth,
      payload: { settings: { sendHour: 30 } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'INVALID_FLOW', details: { field: 'settings.sendHour' } });
    const unknown = await app.inject({
      method: 'PUT',
      url: '/v1/flows/review-request/settings',
      headers: store.auth,
      payload: { settings: { sendhour: 10 } },
    });
    expect(unknown.json().error).toMatchObject({ code: 'INVALID_FLOW', details: { field: 'settings.sendhour' } });
    // Nothing was stored by the refusals.
    const listed = (await app.inject({ method: 'GET', url: '/v1/flows', headers: store.auth })).json().flows;
    expect(listed.find((f: { name: string }) => f.name === 'review-request')).toMatchObject({ stored: false });

    const changed = await app.inject({
      method: 'PUT',
      url: '/v1/flows/review-request/settings',
      headers: store.auth,
      payload: { settings: { delayDays: 10 } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'review-request',
      stored: true,
      enabled: false,
      source: 'console',
      settings: { delayDays: 10, sendHour: 10 },
    });
    expect(changed.json().summary).toMatch(/rating/);
    const again = await app.inject({
      method: 'PUT',
      url: '/v1/flows/review-request/settings',
      headers: store.auth,
      payload: { settings: { sendHour: 8 } },
    });
    expect(again.json().settings).toMatchObject({ delayDays: 10, sendHour: 8 });
    // Another store's flows are its own.
    const other = (await app.inject({ method: 'GET', url: '/v1/flows', headers: ctx().otherStore.auth })).json().flows;
    expect(other.find((f: { name: string }) => f.name === 'review-request')).toMatchObject({ stored: false });
  });

  it('previews the templates rendered for the sample customer with their lint findings', async () => {
    const { app, store } = ctx();
    const preview = await app.inject({ method: 'POST', url: '/v1/flows/win-back/preview', headers: store.auth });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.templates.map((t: { template: string }) => t.template)).toEqual(['win-back-1', 'win-back-2']);
    for (const t of body.templates) {
      expect(t.error).toBeNull();
      expect(t.message.subject.length).toBeGreaterThan(0);
      expect(t.message.html).toContain('<');
      expect(t.findings.filter((f: { severity: string }) => f.severity === 'blocking')).toEqual([]);
    }
  });

  it('bounds the dry run to 1..90 days with a clear error', async () => {
    const { app, store } = ctx();
    for (const days of [0, 91, 365]) {
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/flows/win-back/dry-run',
        headers: store.auth,
        payload: { days },
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'days', max: 90 } });
      expect(answer.json().error.message).toContain('from 1 to 90');
    }
    const badDay = await app.inject({
      method: 'POST',
      url: '/v1/flows/win-back/dry-run',
      headers: store.auth,
      payload: { days: 3, firstDay: '2026-13-01' },
    });
    expect(badDay.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'firstDay' } });
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/flows/win-back/dry-run',
      headers: store.auth,
      payload: { days: 2, firstDay: '2026-03-01' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ flow: 'win-back', firstDay: '2026-03-01', lastDay: '2026-03-02', days: 2 });
  });

  it('lets a viewer preview, check the gates and dry-run, but not change settings or enable', async () => {
    const { app } = ctx();
    const viewer = await signedIn('viewer');
    for (const [method, url] of [
      ['GET', '/v1/flows/win-back/gates'],
      ['POST', '/v1/flows/win-back/preview'],
      ['POST', '/v1/flows/win-back/dry-run'],
    ] as const) {
      const answer = await app.inject({
        method,
        url,
        headers: viewer,
        payload: method === 'POST' ? { days: 1 } : undefined,
      });
      expect(answer.statusCode, url).toBe(200);
    }
    for (const [method, url, payload] of [
      ['PUT', '/v1/flows/win-back/settings', { settings: { sendHour: 9 } }],
      ['POST', '/v1/flows/win-back/enable', undefined],
      ['POST', '/v1/flows/win-back/disable', undefined],
    ] as const) {
      const answer = await app.inject({ method, url, headers: viewer, payload });
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json().error.code).toBe('ROLE_FORBIDDEN');
    }
    const marketer = await signedIn('marketer');
    const changed = await app.inject({
      method: 'PUT',
      url: '/v1/flows/win-back/settings',
      headers: marketer,
      payload: { settings: { sendHour: 9 } },
    });
    expect(changed.statusCode).toBe(200);
    // Without the CSRF token a change is refused even for a marketer.
    const noToken = await app.inject({
      method: 'PUT',
      url: '/v1/flows/win-back/settings',
      headers: { cookie: marketer.cookie },
      payload: { settings: { sendHour: 9 } },
    });
    expect(noToken.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });
});
