import { describe, expect, it } from 'vitest';
import { updateShopProfile } from '../stores/shop-profile.service.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('flows API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('lists the flows, enables one behind its gates, measures it and disables it', async () => {
    const { app, store, database } = ctx();
    const listed = await app.inject({ method: 'GET', url: '/v1/flows', headers: store.auth });
    expect(listed.statusCode).toBe(200);
    const flows = listed.json().flows as { name: string; enabled: boolean; stored: boolean }[];
    expect(flows).toHaveLength(13);
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
    expect(enabled.json()).toMatchObject({ flow: 'review-request', changed: true });
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
