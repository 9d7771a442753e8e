import { describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

describe.each(dialects)('customers, products and events API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('creates and updates a customer by external id, appending consent to its history', async () => {
    const { app, store } = ctx();
    const body = {
      externalId: '820982911946154508',
      email: 'bob@example.com',
      firstName: 'Bob',
      tags: ['vip'],
      consent: [
        {
          channel: 'email',
          status: 'granted',
          source: 'signup_form',
          recordedAt: '2024-01-01T10:00:00Z',
          ip: '203.0.113.9',
        },
      ],
    };
    const created = await app.inject({ method: 'POST', url: '/v1/customers', headers: store.auth, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ externalId: '820982911946154508', email: 'bob@example.com', tags: ['vip'] });
    expect(created.json().consent).toMatchObject([
      { channel: 'email', purpose: 'marketing', status: 'granted', ip: '203.0.113.9' },
    ]);

    const revoked = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: store.auth,
      payload: {
        externalId: '820982911946154508',
        consent: [{ channel: 'email', status: 'revoked', recordedAt: '2024-02-01T10:00:00Z' }],
      },
    });
    expect(revoked.statusCode).toBe(200);
    // Fields left out keep their stored values.
    expect(revoked.json()).toMatchObject({ id: created.json().id, firstName: 'Bob', email: 'bob@example.com' });
    expect(revoked.json().consent).toMatchObject([{ channel: 'email', status: 'revoked' }]);

    const view = await app.inject({ method: 'GET', url: `/v1/customers/${created.json().id}`, headers: store.auth });
    expect(view.statusCode).toBe(200);
    expect(JSON.stringify(view.json())).toContain('revoked');
  });

  it('shows the customer 360 with order count, total spent, first and last order', async () => {
    const { app, store } = ctx();
    const customer = { externalId: 'c360', email: 'carol@example.com' };
    await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({
        externalId: 'o360-1',
        customer,
        orderedAt: '2024-01-05T10:00:00Z',
        totalMinor: 1000,
        lines: [],
      }),
    });
    const second = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({
        externalId: 'o360-2',
        customer,
        orderedAt: '2024-02-05T10:00:00Z',
        totalMinor: 3000,
        lines: [],
      }),
    });
    const response = await app.inject({
      method: 'GET',
      url: `/v1/customers/${second.json().customerId}`,
      headers: store.auth,
    });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.profile ?? view.customer ?? view).toMatchObject({ externalId: 'c360', email: 'carol@example.com' });
    expect(view.orders).toMatchObject({ count: 2, totalSpentMinor: 4000 });
    expect(JSON.stringify(view.orders)).toContain('2024-01-05');
    expect(JSON.stringify(view.orders)).toContain('2024-02-05');
    expect(view.rfm).toBeTruthy();
    // The parts docs/api.md lists join the view: no refresh has run, no points, no messages yet.
    expect(view).toMatchObject({ predictions: null, points: { available: 0, pending: 0 }, recentMessages: [] });
  });

  it('merges one customer into another over HTTP, with a dry run first and the audit after', async () => {
    const { app, store } = ctx();
    const order = (externalId: string, customer: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: store.auth,
        payload: orderBody({ externalId, customer, orderedAt: '2024-01-05T10:00:00Z', totalMinor: 1000, lines: [] }),
      });
    const kept = (await order('m-1', { externalId: 'web-1', email: 'dee@example.com' })).json().customerId;
    const gone = (await order('m-2', { externalId: 'pos-9', phone: '+44 7700 900123' })).json().customerId;
    const merge = (dryRun: boolean) =>
      app.inject({
        method: 'POST',
        url: `/v1/customers/${kept}/merge`,
        headers: store.auth,
        payload: { from: 'pos-9', dryRun },
      });
    const dry = await merge(true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, id: null, moved: { orders: 1 } });
    const done = await merge(false);
    expect(done.json()).toMatchObject({
      dryRun: false,
      intoCustomerId: kept,
      fromCustomerId: gone,
      moved: { orders: 1 },
    });
    expect(done.json().actor).toMatch(/^api:key_/);
    const view = (await app.inject({ method: 'GET', url: `/v1/customers/${kept}`, headers: store.auth })).json();
    expect(view.orders).toMatchObject({ count: 2 });
    const audit = await app.inject({ method: 'GET', url: `/v1/customers/${kept}/merges`, headers: store.auth });
    expect(audit.json().merges).toEqual([expect.objectContaining({ id: done.json().id, fromExternalId: 'pos-9' })]);
    const again = await merge(false);
    expect([again.statusCode, again.json().error?.code ?? again.json().code]).toEqual([409, 'CUSTOMER_MERGE_CONFLICT']);
  });

  it('searches customers with cursor pagination that visits each match once', async () => {
    const { app, store } = ctx();
    for (let i = 0; i < 7; i++) {
      await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: store.auth,
        payload: { externalId: `page-${i}`, email: `page${i}@paging.example` },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/customers?query=page&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await app.inject({ method: 'GET', url, headers: store.auth });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().customers.map((c: { externalId: string }) => c.externalId));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `page-${i}`));

    const bad = await app.inject({ method: 'GET', url: '/v1/customers?limit=1000', headers: store.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.path).toBe('/limit');
  });

  it('upserts products by SKU and records events, rejecting unknown kinds', async () => {
    const { app, store } = ctx();
    const product = {
      sku: 'BEAN-1',
      title: 'House blend 250 g',
      priceMinor: 1299,
      currency: 'EUR',
      replenishmentDays: 30,
      complements: ['FILTER-1'],
    };
    const created = await app.inject({ method: 'POST', url: '/v1/products', headers: store.auth, payload: product });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ sku: 'BEAN-1', replenishmentDays: 30, complements: ['FILTER-1'] });
    const updated = await app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: store.auth,
      payload: { ...product, title: 'House blend' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: created.json().id, title: 'House blend' });

    const event = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: store.auth,
      payload: {
        customer: { externalId: 'visitor-1' },
        kind: 'cart_updated',
        occurredAt: '2024-03-01T10:00:00Z',
        payload: { skus: ['BEAN-1'] },
      },
    });
    expect(event.statusCode).toBe(201);
    expect(event.json()).toMatchObject({ kind: 'cart_updated', payload: { skus: ['BEAN-1'] } });
    expect(event.json().id).toMatch(/^evt_/);

    const bad = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: store.auth,
      payload: { customer: { externalId: 'v' }, kind: 'teleported' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/kind' } });
  });
});
