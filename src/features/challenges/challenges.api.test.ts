import { describe, expect, it } from 'vitest';
import { advanceChallengesForOrder } from './advance-challenges-for-order.service.js';
import { issueChallenges } from './issue-challenges.service.js';
import { findOrder } from '../orders/order.repository.js';
import { A, placeOrder, seedPopulation } from './challenges.fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const NOW = '2026-11-29T20:00:00.000Z';

describe.each(dialects)('GET /v1/customers/{id}/challenges on %s', (dialect) => {
  const testApp = useTestApp(dialect);

  it("shows a customer's open and completed challenges with target, progress, deadline and bonus", async () => {
    const { app, database, store } = testApp();
    const db = database.db;
    const ids = await seedPopulation(db, store.id);
    await issueChallenges(db, store.id, { asOfDay: A, now: NOW });
    const get = (id: string, auth = store.auth, query = '') =>
      app.inject({ method: 'GET', url: `/v1/customers/${id}/challenges${query}`, headers: auth });

    const response = await get(ids.k2);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ customerId: ids.k2, externalId: 'k2' });
    expect(body.challenges).toHaveLength(2);
    const frequency = body.challenges.find((c: { kind: string }) => c.kind === 'frequency');
    expect(frequency).toMatchObject({
      status: 'offered',
      target: { orders: 3, days: null, category: null },
      progress: 0,
      windowStart: '2026-11-30',
      deadline: '2026-12-27',
      bonusPoints: 100,
      issuedWeek: '2026-11-23',
      description: 'Order on 3 different days from 2026-11-30 to 2026-12-27 for 100 bonus points.',
      basis: { typicalVisits: 2 },
    });
    expect(frequency.id).toMatch(/^chl_/);
    const tryNew = body.challenges.find((c: { kind: string }) => c.kind === 'new_category');
    expect(tryNew).toMatchObject({ target: { orders: 1, category: 'mugs' }, bonusPoints: 50 });

    // The store's own customer id works too; a completed challenge stays listed.
    const order = await placeOrder(db, store.id, 'k2', { day: A + 1, categories: ['mugs'] });
    await advanceChallengesForOrder(
      db,
      store.id,
      (await findOrder(db, store.id, order.orderId))!,
      '2026-12-01T09:00:00.000Z',
    );
    const after = (await get('k2')).json();
    expect(after.customerId).toBe(ids.k2);
    expect(
      after.challenges.map((c: { kind: string; status: string; progress: number }) => [c.kind, c.status, c.progress]),
    ).toEqual([
      ['frequency', 'offered', 1],
      ['new_category', 'completed', 1],
    ]);
    expect(after.challenges[1].completedAt).toBe('2026-12-01T09:00:00.000Z');
    expect((await get('k2', store.auth, '?recent=0')).json().challenges).toHaveLength(1);

    // Without history: an empty list, not an error.
    expect((await get(ids.fresh)).json().challenges).toEqual([]);
  });

  it("answers 404 for an unknown customer and another store's customer", async () => {
    const { app, database, store, otherStore } = testApp();
    const theirs = await placeOrder(database.db, otherStore.id, 'theirs', { day: A - 1 });
    for (const id of [theirs.customerId, 'theirs', 'cus_nobody', 'nobody']) {
      const response = await app.inject({ method: 'GET', url: `/v1/customers/${id}/challenges`, headers: store.auth });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    }
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/customers/${theirs.customerId}/challenges`,
          headers: otherStore.auth,
        })
      ).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/customers/theirs/challenges` })).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: `/v1/customers/theirs/challenges?recent=500`,
      headers: otherStore.auth,
    });
    expect(bad.statusCode).toBe(400);
  });
});
