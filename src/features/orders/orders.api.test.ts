import { describe, expect, it } from 'vitest';
import { findOrderByExternalId } from './order.repository.js';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

describe.each(dialects)('orders API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('creates an order with its customer (201), then updates it on redelivery (200), one order either way', async () => {
    const { app, store, database } = ctx();
    const first = await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: orderBody() });
    expect(first.statusCode).toBe(201);
    const created = first.json();
    expect(created).toMatchObject({ externalId: '1001', outcome: 'created' });
    expect(created.id).toMatch(/^ord_/);
    expect(created.customerId).toMatch(/^cus_/);

    const again = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ totalMinor: 2000 }),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: created.id, customerId: created.customerId, outcome: 'updated' });

    const order = await findOrderByExternalId(database.db, store.id, '1001');
    expect(order?.totalMinor).toBe(2000);
    expect(order?.lines).toHaveLength(1);
    // The day is the date written in the timestamp's own offset, not the UTC date (2024-03-02).
    expect(order?.orderDay).toBe(Date.UTC(2024, 2, 1) / 86_400_000);
    expect(order?.subtotalMinor).toBe(2598);
  });

  it('keeps an id past 2^53 exactly, whether sent as a string or as a bare JSON number', async () => {
    const { app, store, database } = ctx();
    const payload = JSON.stringify(orderBody({ externalId: 'X' })).replace(
      '"externalId":"X"',
      '"externalId":820982911946154508',
    );
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...store.auth, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().externalId).toBe('820982911946154508');
    expect(await findOrderByExternalId(database.db, store.id, '820982911946154508')).not.toBeNull();
  });

  it('converges out-of-order versions to the latest updatedAt', async () => {
    const { app, store, database } = ctx();
    const newer = orderBody({ externalId: 'v-1', totalMinor: 300, updatedAt: '2024-03-02T10:00:00Z' });
    const older = orderBody({ externalId: 'v-1', totalMinor: 100, updatedAt: '2024-03-02T09:00:00Z' });
    expect(
      (await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: newer })).statusCode,
    ).toBe(201);
    const stale = await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: older });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().outcome).toBe('stale');
    expect((await findOrderByExternalId(database.db, store.id, 'v-1'))?.totalMinor).toBe(300);
  });

  it('rejects bad bodies with VALIDATION_FAILED and the path of the field at fault, writing nothing', async () => {
    const { app, store, database } = ctx();
    const cases: [Record<string, unknown>, string][] = [
      [orderBody({ externalId: 'bad-1', totalMinor: undefined }), '/totalMinor'],
      [orderBody({ externalId: 'bad-2', currency: 'usd' }), '/currency'],
      [orderBody({ externalId: 'bad-3', totalMinor: 12.5 }), '/totalMinor'],
      [orderBody({ externalId: 'bad-4', orderedAt: '2023-02-29T10:00:00Z' }), '/orderedAt'],
      [orderBody({ externalId: 'bad-5', lines: [{ title: 'x', quantity: 0, priceMinor: 1 }] }), '/lines/0/quantity'],
      [orderBody({ externalId: 'bad-6', totl: 5 }), '/totl'],
      [orderBody({ externalId: 'bad-7', updatedAt: '2024-03-02T10:00:00' }), '/updatedAt'],
      [orderBody({ externalId: 'bad-8', customer: {} }), '/customer/externalId'],
    ];
    for (const [payload, path] of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: store.auth,
        payload: JSON.parse(JSON.stringify(payload)),
      });
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.details.path).toBe(path);
      expect(await findOrderByExternalId(database.db, store.id, String(payload.externalId))).toBeNull();
    }
  });

  it('rejects malformed JSON, other media types and oversized bodies with their codes', async () => {
    const { app, store } = ctx();
    const json = { ...store.auth, 'content-type': 'application/json' };
    const malformed = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: json,
      payload: '{"externalId": "1",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');

    const text = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...store.auth, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const huge = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: json,
      payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('records a batch in one go, validating every order first', async () => {
    const { app, store, database } = ctx();
    const orders = Array.from({ length: 50 }, (_, i) =>
      orderBody({ externalId: `b-${i}`, customer: { externalId: `bc-${i % 10}` }, totalMinor: 100 + i, lines: [] }),
    );
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders:batch',
      headers: store.auth,
      payload: { orders },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ created: 50, updated: 0, stale: 0 });
    expect(response.json().results).toHaveLength(50);
    expect((await findOrderByExternalId(database.db, store.id, 'b-49'))?.totalMinor).toBe(149);

    const bad = [...orders.slice(0, 3), orderBody({ externalId: 'b-new', currency: 'EURO' })];
    const rejected = await app.inject({
      method: 'POST',
      url: '/v1/orders:batch',
      headers: store.auth,
      payload: { orders: bad },
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.details.path).toBe('/orders/3/currency');
    expect(await findOrderByExternalId(database.db, store.id, 'b-new')).toBeNull();
  });

  it('turns 50 concurrent posts of one order into one order with one set of lines', async () => {
    const { app, store, database } = ctx();
    const payload = orderBody({
      externalId: 'race-1',
      lines: [
        { sku: 'A', title: 'A', quantity: 1, priceMinor: 100 },
        { sku: 'B', title: 'B', quantity: 1, priceMinor: 200 },
      ],
      totalMinor: 300,
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload })),
    );
    expect(responses.map((r) => r.statusCode).filter((s) => s >= 300)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect((await findOrderByExternalId(database.db, store.id, 'race-1'))?.lines).toHaveLength(2);
  });
});
