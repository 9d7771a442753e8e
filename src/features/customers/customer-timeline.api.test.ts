import { describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

describe.each(dialects)('customer timeline and predictions API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('pages the timeline newest first with the cursor', async () => {
    const { app, store } = ctx();
    for (let i = 1; i <= 5; i++) {
      const placed = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: store.auth,
        payload: orderBody({ externalId: `t-${i}`, orderedAt: `2024-03-0${i}T10:00:00+01:00` }),
      });
      expect(placed.statusCode).toBe(201);
    }
    const get = (query: string) =>
      app.inject({ method: 'GET', url: `/v1/customers/c-1/timeline${query}`, headers: store.auth });
    const first = await get('?limit=2');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.entries.map((e: { detail: { externalId: string } }) => e.detail.externalId)).toEqual(['t-5', 't-4']);
    expect(body.entries[0]).toMatchObject({
      at: '2024-03-05T09:00:00.000Z',
      kind: 'order',
      event: 'placed',
      source: 'order',
      detail: { currency: 'USD', totalMinor: 2598, refundedMinor: 0 },
    });
    const externalIds: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`?limit=2${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.statusCode).toBe(200);
      externalIds.push(...page.json().entries.map((e: { detail: { externalId: string } }) => e.detail.externalId));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(externalIds).toEqual(['t-5', 't-4', 't-3', 't-2', 't-1']);
  });

  it('answers 404 CUSTOMER_NOT_FOUND for an unknown customer and for another store’s', async () => {
    const { app, store, otherStore } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ externalId: 'x-1' }),
    });
    for (const [auth, id] of [
      [store.auth, 'nobody'],
      [otherStore.auth, 'c-1'],
    ] as const) {
      for (const path of ['timeline', 'predictions']) {
        const res = await app.inject({ method: 'GET', url: `/v1/customers/${id}/${path}`, headers: auth });
        expect(res.statusCode, `${path} ${id}`).toBe(404);
        expect(res.json().error.code).toBe('CUSTOMER_NOT_FOUND');
      }
    }
  });

  it('refuses a bad cursor and a page size out of range with the field named', async () => {
    const { app, store } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ externalId: 'y-1' }),
    });
    const bad = await app.inject({ method: 'GET', url: '/v1/customers/c-1/timeline?before=abc', headers: store.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(bad.json().error)).toContain('before');
    const big = await app.inject({ method: 'GET', url: '/v1/customers/c-1/timeline?limit=500', headers: store.auth });
    expect(big.statusCode).toBe(400);
    expect(JSON.stringify(big.json().error)).toContain('limit');
    const anonymous = await app.inject({ method: 'GET', url: '/v1/customers/c-1/timeline' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers predictions with a note before any metrics refresh', async () => {
    const { app, store } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ externalId: 'z-1' }),
    });
    const res = await app.inject({ method: 'GET', url: '/v1/customers/c-1/predictions', headers: store.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ externalId: 'c-1', pAlive: null, expectedOrders: [], clvMonths: 12 });
    expect(res.json().note).toContain('refresh');
  });
});
