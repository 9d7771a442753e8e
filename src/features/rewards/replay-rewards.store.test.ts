import { describe, expect, it } from 'vitest';
import { replayRewards } from './replay-rewards.service.js';
import { ORDER_REWARD_HANDLERS } from './rewards.registry.js';
import { syncRewards } from './sync-rewards.service.js';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

describe.each(dialects)('rewards replay on %s', (dialect) => {
  const testApp = useTestApp(dialect);

  it('gives history imported before the program and tiers their points and tiers, once, dry run first', async () => {
    const { app, database, store } = testApp();
    const { db } = database;
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    const since = daysAgo(60).slice(0, 10);
    const sync = () => syncRewards(db, store.id, ORDER_REWARD_HANDLERS, new Date().toISOString(), { lagMs: 0 });
    const replay = (apply: boolean) => replayRewards(db, store.id, { since, apply, now: new Date().toISOString() });
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const response = await app.inject({ method, url, headers: store.auth, payload: payload as object });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json() as Record<string, never>;
    };
    const order = (externalId: string, customer: string, days: number, totalMinor: number, extra = {}) =>
      call(
        'POST',
        '/v1/orders',
        orderBody({
          externalId,
          customer: { externalId: customer, email: `${customer}@example.com` },
          orderedAt: daysAgo(days),
          totalMinor,
          lines: [{ sku: 'BEAN-1', title: 'House blend', quantity: 1, priceMinor: totalMinor }],
          ...extra,
        }),
      );
    const points = async (customer: string) => (await call('GET', `/v1/customers/${customer}/points`)).available;

    // The history is imported and synced before the store has a program or tiers: it earns nothing.
    await order('A-1', 'ada', 40, 12_000);
    await order('A-2', 'ada', 20, 1_000);
    await order('B-1', 'bo', 10, 3_000);
    await order('B-X', 'bo', 9, 5_000, { status: 'cancelled' });
    await order('C-OLD', 'cy', 400, 9_000);
    expect(await sync()).toMatchObject({ failure: null });

    // A program set without startsAt starts now: the replay respects it and says why nothing earns.
    const program = {
      currency: 'USD',
      earn: { rate: { points: 1, perMinor: 100 } },
      returnWindowDays: 0,
      expiry: { months: null, warnDays: 14 },
    };
    await call('PUT', '/v1/loyalty/program', program);
    const beforeStart = await replay(false);
    expect(beforeStart).toMatchObject({ orders: 4, ordersRewarded: 0, points: 0, customers: [] });
    expect(beforeStart.ordersEarningNothing).toEqual({ 'the order was placed before the program started': 4 });

    await call('PUT', '/v1/loyalty/program', { ...program, startsAt: '2020-01-01T00:00:00Z' });
    await call('PUT', '/v1/tiers', {
      basis: 'rolling_12_month_spend',
      currency: 'USD',
      levels: [{ name: 'Gold', threshold: 10_000, perks: { earnMultiplier: 2 } }],
    });

    const dry = await replay(false);
    const expected = {
      applied: false,
      loyaltyProgram: true,
      tiers: true,
      orders: 4,
      ordersRewarded: 3,
      ordersAlreadyRewarded: 0,
      ordersEarningNothing: { 'the order is cancelled': 1 },
      points: 160,
      tiersReached: { Gold: 1 },
      customers: [
        expect.objectContaining({ externalId: 'ada', points: 130, orders: 2, tierBefore: null, tierAfter: 'Gold' }),
        expect.objectContaining({ externalId: 'bo', points: 30, orders: 1, tierBefore: null, tierAfter: null }),
      ],
    };
    expect(dry).toMatchObject(expected);
    // The dry run posted nothing and moved no tier.
    expect(await points('ada')).toBe(0);
    expect((await call('GET', '/v1/customers/ada/tier')).tier).toBeNull();

    expect(await replay(true)).toMatchObject({ ...expected, applied: true });
    expect(await points('ada')).toBe(130);
    expect(await points('bo')).toBe(30);
    expect(await points('cy')).toBe(0);
    expect(await call('GET', '/v1/customers/ada/tier')).toMatchObject({ tier: { name: 'Gold' } });

    // Twice: the second run posts nothing and says the orders were rewarded already.
    expect(await replay(true)).toMatchObject({
      ordersRewarded: 0,
      ordersAlreadyRewarded: 3,
      points: 0,
      customers: [],
      tiersReached: {},
    });

    // The live sync and the replay never post an order twice, whichever comes first, or both at once.
    await order('A-3', 'ada', 1, 500);
    expect((await replay(true)).points).toBe(10); // Gold now: 2 x 5
    await sync();
    await order('B-2', 'bo', 1, 700);
    await sync();
    expect((await replay(true)).ordersRewarded).toBe(0);
    await order('B-3', 'bo', 1, 900);
    await Promise.all([sync(), replay(true)]);
    expect(await points('ada')).toBe(140);
    expect(await points('bo')).toBe(30 + 7 + 9);
    const keys = await db.selectFrom('loyalty_ledger').select('source_key').where('store_id', '=', store.id).execute();
    expect(new Set(keys.map((k) => k.source_key)).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
  });

  it('refuses a since that is not a date and an unknown store', async () => {
    const { database, store } = testApp();
    await expect(
      replayRewards(database.db, store.id, { since: '2026-13-01', apply: false, now: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      replayRewards(database.db, 'sto_nope', { since: '2026-01-01', apply: false, now: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });
});
