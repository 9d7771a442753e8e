import { describe, expect, it } from 'vitest';
import { updateShopProfile } from '../stores/shop-profile.service.js';
import { loadConfig } from '../../platform/config.js';
import { orderBody, type TestApp, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('flows API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('lists the flows, enables one behind its gates, measures it and disables it', async () => {
    const { app, store, database } = ctx();
    const listed = await app.inject({ method: 'GET', url: '/v1/flows', headers: store.auth });
    expect(listed.statusCode).toBe(200);
    const flows = listed.json().flows as { name: string; enabled: boolean; stored: boolean }[];
    expect(flows).toHaveLength(15);
    expect(flows.every((f) => !f.enabled && !f.stored)).toBe(true);

    const refused = await app.inject({ method: 'POST', url: '/v1/flows/review-request/enable', headers: store.auth });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'SHOP_PROFILE_INCOMPLETE',
      details: { missing: ['url', 'address'] },
    });
    await updateShopProfile(
      database.db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street' },
      new Date().toISOString(),
    );
    const enabled = await app.inject({ method: 'POST', url: '/v1/flows/review-request/enable', headers: store.auth });
    expect(enabled.statusCode).toBe(200);
    // Scored with the installed SpamAssassin under the default limit; the answer carries the scores.
    expect(enabled.json()).toMatchObject({
      flow: 'review-request',
      changed: true,
      spamCheck: { scored: true, limit: 5, templates: [expect.objectContaining({ template: 'review-request' })] },
    });
    const after = (await app.inject({ method: 'GET', url: '/v1/flows', headers: store.auth })).json().flows as {
      name: string;
      enabled: boolean;
    }[];
    expect(after.find((f) => f.name === 'review-request')?.enabled).toBe(true);

    expect(
      (await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: orderBody() })).statusCode,
    ).toBe(201);
    const performance = await app.inject({
      method: 'GET',
      url: '/v1/flows/review-request/performance?windowDays=7&since=2026-01-01',
      headers: store.auth,
    });
    expect(performance.statusCode).toBe(200);
    expect(performance.json()).toMatchObject({ flow: 'review-request', windowDays: 7 });
    const bad = await app.inject({
      method: 'GET',
      url: '/v1/flows/review-request/performance?windowDays=0',
      headers: store.auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/flows/Not%20A%20Flow/enable', headers: store.auth })).statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/flows/no-such-flow/enable', headers: store.auth })).json().error
        .code,
    ).toBe('FLOW_NOT_FOUND');

    const disabled = await app.inject({ method: 'POST', url: '/v1/flows/review-request/disable', headers: store.auth });
    expect(disabled.json()).toEqual({ flow: 'review-request', changed: true });
    expect(
      (await app.inject({ method: 'GET', url: '/v1/flows', headers: { authorization: 'Bearer nope' } })).statusCode,
    ).toBe(401);
  });
});

describe.each(dialects)('the SpamAssassin gate of the flows API on %s', (dialect) => {
  // Every message scores above -1: the limit refuses even the built-in review request.
  const strict = useTestApp(dialect, { config: loadConfig({ REGULARS_SPAM_LIMIT: '-1' }) });
  const off = useTestApp(dialect, { config: loadConfig({ REGULARS_SPAMASSASSIN: 'off' }) });

  async function enable(ctx: () => TestApp) {
    const { app, store, database } = ctx();
    await updateShopProfile(
      database.db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street' },
      new Date().toISOString(),
    );
    return app.inject({ method: 'POST', url: '/v1/flows/review-request/enable', headers: store.auth });
  }

  it('refuses with 422 SPAM_SCORE_TOO_HIGH above the limit, enabling nothing', async () => {
    const refused = await enable(strict);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'SPAM_SCORE_TOO_HIGH',
      details: {
        flow: 'review-request',
        templates: [{ template: 'review-request', score: expect.any(Number), limit: -1, rules: expect.any(Array) }],
      },
    });
    const { app, store } = strict();
    const flows = (await app.inject({ method: 'GET', url: '/v1/flows', headers: store.auth })).json().flows as {
      name: string;
      stored: boolean;
    }[];
    expect(flows.find((f) => f.name === 'review-request')).toMatchObject({ enabled: false, stored: false });
  });

  it('enables with SpamAssassin off, and the answer says the email was not scored and why', async () => {
    const enabled = await enable(off);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({
      flow: 'review-request',
      changed: true,
      spamCheck: { scored: false, reason: 'REGULARS_SPAMASSASSIN is off' },
    });
  });
});
