import { describe, expect, it } from 'vitest';
import { refreshCustomerMetrics } from './customer-metrics.service.js';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('segments API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('creates, previews, refreshes, pages members, explains, changes and deletes a segment', async () => {
    const { app, store, database } = ctx();
    const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload });
    expect((await post(orderBody())).statusCode).toBe(201);
    expect((await post(orderBody({ externalId: '1002', orderedAt: '2024-04-01T10:00:00-05:00' }))).statusCode).toBe(
      201,
    );
    expect(
      (
        await post(
          orderBody({
            externalId: '1003',
            customer: { externalId: 'c-2' },
            lines: [{ sku: 'MUG', title: 'Mug', quantity: 1, priceMinor: 900 }],
            totalMinor: 900,
          }),
        )
      ).statusCode,
    ).toBe(201);
    expect((await post(orderBody({ externalId: '1004', customer: { externalId: 'c-3' } }))).statusCode).toBe(201);
    await refreshCustomerMetrics(database.db, store.id, '2024-12-31', new Date().toISOString());

    const rule = {
      all: [
        { field: 'bought_product', op: 'contains', value: 'BEAN-1' },
        { not: { field: 'orders_count', op: 'gte', value: 2 } },
      ],
    };
    const created = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: store.auth,
      payload: { name: 'Beans once', rule },
    });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({
      id: expect.stringMatching(/^seg_/),
      name: 'Beans once',
      rule,
      builtIn: false,
      members: 0,
    });

    const preview = await app.inject({
      method: 'GET',
      url: `/v1/segments/${segment.id}/preview?limit=10`,
      headers: store.auth,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 1, customers: [{ customerId: 'c-3' }] });

    const refreshed = await app.inject({
      method: 'POST',
      url: `/v1/segments/${segment.id}/refresh`,
      headers: store.auth,
    });
    expect(refreshed.json()).toMatchObject({ segmentId: segment.id, members: 1, entered: 1, exited: 0 });
    const members = await app.inject({
      method: 'GET',
      url: `/v1/segments/${segment.id}/members?limit=1`,
      headers: store.auth,
    });
    expect(members.json()).toEqual({
      segmentId: segment.id,
      members: [{ customerId: 'c-3', enteredAt: expect.any(String) }],
      nextCursor: null,
    });

    const mine = await app.inject({ method: 'GET', url: '/v1/customers/c-3/segments', headers: store.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().customerId).toBe('c-3');
    // Regulars' own id names the same customer (as GET /v1/customers/{id} takes it).
    const internal = (
      await database.db
        .selectFrom('customers')
        .select('id')
        .where('store_id', '=', store.id)
        .where('external_id', '=', 'c-3')
        .executeTakeFirstOrThrow()
    ).id;
    const byInternal = await app.inject({
      method: 'GET',
      url: `/v1/customers/${internal}/segments`,
      headers: store.auth,
    });
    const gist = (body: { customerId: string; segments: { segmentId: string; explanation: unknown }[] }) => [
      body.customerId,
      body.segments.map((s) => [s.segmentId, s.explanation]),
    ];
    expect(gist(byInternal.json())).toEqual(gist(mine.json()));
    const explained = mine.json().segments.find((s: { segmentId: string }) => s.segmentId === segment.id);
    expect(explained).toMatchObject({
      name: 'Beans once',
      holds: true,
      member: true,
      explanation: {
        held: true,
        all: [
          { field: 'bought_product', op: 'contains', value: 'BEAN-1', actual: ['BEAN-1'], held: true },
          { not: { field: 'orders_count', op: 'gte', value: 2, actual: 1, held: false }, held: true },
        ],
      },
    });

    const changed = await app.inject({
      method: 'PUT',
      url: `/v1/segments/${segment.id}`,
      headers: store.auth,
      payload: { name: 'Mug buyers', rule: { field: 'bought_product', op: 'contains', value: 'MUG' } },
    });
    expect(changed.json()).toMatchObject({ name: 'Mug buyers' });
    expect(
      (await app.inject({ method: 'POST', url: `/v1/segments/${segment.id}/refresh`, headers: store.auth })).json(),
    ).toMatchObject({ members: 1, entered: 1, exited: 1 });
    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/segments/${segment.id}`, headers: store.auth })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/segments/${segment.id}`, headers: store.auth })).json().error.code,
    ).toBe('SEGMENT_NOT_FOUND');
  });

  it('lists the built-ins, which are read-only; rejects bad rules with the JSON pointer; hides other stores', async () => {
    const { app, store, otherStore } = ctx();
    const list = await app.inject({ method: 'GET', url: '/v1/segments', headers: store.auth });
    const segments = list.json().segments as { id: string; builtIn: boolean; builtInKey: string }[];
    expect(segments.filter((s) => s.builtIn).map((s) => s.builtInKey)).toEqual(BUILT_IN_SEGMENTS.map((b) => b.key));
    const vip = segments.find((s) => s.builtInKey === 'vip')!;

    const put = await app.inject({
      method: 'PUT',
      url: `/v1/segments/${vip.id}`,
      headers: store.auth,
      payload: { name: 'Mine', rule: { all: [] } },
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('SEGMENT_BUILT_IN');
    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/segments/${vip.id}`, headers: store.auth })).statusCode,
    ).toBe(409);

    const bad = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: store.auth,
      payload: { name: 'Bad', rule: { any: [{ field: 'p_alive', op: 'lt', value: 'high' }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SEGMENT_RULE_INVALID', details: { path: '/any/0/value' } });

    // Another store's segment and customer answer 404.
    const foreign = await app.inject({ method: 'GET', url: `/v1/segments/${vip.id}`, headers: otherStore.auth });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('SEGMENT_NOT_FOUND');
    const foreignCustomer = await app.inject({
      method: 'GET',
      url: '/v1/customers/c-1/segments',
      headers: otherStore.auth,
    });
    expect(foreignCustomer.statusCode).toBe(404);
    expect(foreignCustomer.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    const preview = await app.inject({
      method: 'GET',
      url: `/v1/segments/${vip.id}/preview?asOf=yesterday`,
      headers: store.auth,
    });
    expect(preview.statusCode).toBe(400);
  });
});
