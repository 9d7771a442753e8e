/**
 * POST /v1/segments/preview: the console's editor asks who an unsaved rule holds for. Same count as
 * a saved segment's preview, the same rule errors (code and JSON pointer), another store's customers
 * never counted, and open to viewers (it computes, writes nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshCustomerMetrics } from './customer-metrics.service.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { addUser, login, sessionOf, TEST_POLICY } from '../console/console-auth.fixtures.js';

const RULE = {
  all: [
    { field: 'orders_count', op: 'gte', value: 2 },
    { field: 'total_spent', op: 'gt', value: 0 },
  ],
};

describe.each(dialects)('segment rule preview on %s', (dialect) => {
  const testApp = useTestApp(dialect, { console: { folder: null, policy: TEST_POLICY } });

  beforeAll(async () => {
    const { app, store, otherStore, database } = testApp();
    const post = (auth: { authorization: string }, payload: object) =>
      app.inject({ method: 'POST', url: '/v1/orders', headers: auth, payload });
    // c-1 twice, c-2 once in this store; the other store's c-9 twice (must never count here).
    expect((await post(store.auth, orderBody())).statusCode).toBe(201);
    expect(
      (await post(store.auth, orderBody({ externalId: '1002', orderedAt: '2024-04-01T10:00:00Z' }))).statusCode,
    ).toBe(201);
    expect(
      (await post(store.auth, orderBody({ externalId: '1003', customer: { externalId: 'c-2' } }))).statusCode,
    ).toBe(201);
    for (const id of ['9001', '9002'])
      expect(
        (await post(otherStore.auth, orderBody({ externalId: id, customer: { externalId: 'c-9' } }))).statusCode,
      ).toBe(201);
    const now = new Date().toISOString();
    await refreshCustomerMetrics(database.db, store.id, '2024-12-31', now);
    await refreshCustomerMetrics(database.db, otherStore.id, '2024-12-31', now);
    await addUser(database.db, store.id, `viewer-${dialect}@preview.example`, 'viewer');
  });

  it("counts an unsaved rule's customers as a saved segment's preview does", async () => {
    const { app, store, otherStore } = testApp();
    const draft = await app.inject({
      method: 'POST',
      url: '/v1/segments/preview',
      headers: store.auth,
      payload: { rule: RULE, limit: 10 },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ count: 1, customers: [{ customerId: expect.any(String) }] });
    const saved = await app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: store.auth,
      payload: { name: 'Repeat', rule: RULE },
    });
    const preview = await app.inject({
      method: 'GET',
      url: `/v1/segments/${saved.json().id}/preview`,
      headers: store.auth,
    });
    expect(preview.json()).toMatchObject({ count: draft.json().count, customers: draft.json().customers });
    const other = await app.inject({
      method: 'POST',
      url: '/v1/segments/preview',
      headers: otherStore.auth,
      payload: { rule: RULE },
    });
    expect(other.json()).toMatchObject({ count: 1, customers: [{ customerId: 'c-9' }] });
    const empty = await app.inject({
      method: 'POST',
      url: '/v1/segments/preview',
      headers: store.auth,
      payload: { rule: { field: 'tag', op: 'contains', value: 'never' }, limit: 0 },
    });
    expect(empty.json()).toEqual({ asOf: expect.any(String), count: 0, customers: [] });
  });

  it('refuses a faulty rule with SEGMENT_RULE_INVALID and the JSON pointer of the faulty part', async () => {
    const { app, store } = testApp();
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/segments/preview',
      headers: store.auth,
      payload: {
        rule: {
          all: [
            { field: 'orders_count', op: 'gte', value: 2 },
            { field: 'p_alive', op: 'lt', value: 'x' },
          ],
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SEGMENT_RULE_INVALID', details: { path: '/all/1/value' } });
    const field = await app.inject({
      method: 'POST',
      url: '/v1/segments/preview',
      headers: store.auth,
      payload: { rule: { field: 'feild', op: 'eq', value: 1 } },
    });
    expect(field.statusCode).toBe(400);
    expect(field.json().error).toMatchObject({ code: 'SEGMENT_RULE_INVALID', details: { path: '/field' } });
  });

  it('lets a signed-in viewer preview a rule but not save it', async () => {
    const { app } = testApp();
    const viewer = await login(app, { email: `viewer-${dialect}@preview.example` });
    const { csrfToken } = await sessionOf(app, viewer.cookie);
    const headers = { cookie: viewer.cookie, 'x-csrf-token': csrfToken };
    const preview = await app.inject({ method: 'POST', url: '/v1/segments/preview', headers, payload: { rule: RULE } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().count).toBe(1);
    const save = await app.inject({ method: 'POST', url: '/v1/segments', headers, payload: { name: 'x', rule: RULE } });
    expect(save.statusCode).toBe(403);
    expect(save.json().error.code).toBe('ROLE_FORBIDDEN');
  });
});
