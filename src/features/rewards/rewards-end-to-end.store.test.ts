import { describe, expect, it } from 'vitest';
import { ORDER_REWARD_HANDLERS } from './rewards.registry.js';
import { syncRewards } from './sync-rewards.service.js';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

/**
 * The rewards as a store sees them: settings and orders over the API, then the sync with every
 * handler wired as `regulars serve` wires them: points (with the tier's multiplier), the tier,
 * the referral, and a second sync that changes nothing.
 */
describe.each(dialects)('rewards end to end on %s', (dialect) => {
  const testApp = useTestApp(dialect);

  it('turns orders into points, a tier and a referral reward, once', async () => {
    const { app, database, store } = testApp();
    // The rules see the real time (a tier's rolling window, when points become available); the
    // sync reads every order written so far.
    const sync = () =>
      syncRewards(database.db, store.id, ORDER_REWARD_HANDLERS, new Date().toISOString(), { lagMs: 0 });
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const response = await app.inject({ method, url, headers: store.auth, payload: payload as object });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json() as Record<string, never>;
    };
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    const order = (
      externalId: string,
      customer: string,
      days: number,
      totalMinor: number,
      extra: Record<string, unknown> = {},
    ) =>
      orderBody({
        externalId,
        customer: { externalId: customer, email: `${customer}@example.com` },
        orderedAt: daysAgo(days),
        totalMinor,
        lines: [{ sku: 'BEAN-1', title: 'House blend', quantity: 1, priceMinor: totalMinor }],
        ...extra,
      });
    await call('PUT', '/v1/loyalty/program', {
      currency: 'USD',
      startsAt: '2020-01-01T00:00:00Z',
      earn: { rate: { points: 1, perMinor: 100 } },
      returnWindowDays: 0,
      expiry: { months: null, warnDays: 14 },
    });
    await call('PUT', '/v1/tiers', {
      basis: 'rolling_12_month_spend',
      currency: 'USD',
      levels: [{ name: 'Gold', threshold: 10_000, perks: { earnMultiplier: 2 } }],
    });
    await call('PUT', '/v1/referrals/settings', { referrerPoints: 500, referredPoints: 250 });

    // Ada refers Bo; Ada's first order reaches Gold, so her second earns double.
    await call('POST', '/v1/orders', order('A-1', 'ada', 10, 12_000));
    const { code } = await call('GET', '/v1/customers/ada/referral-code');
    await call('POST', '/v1/customers', { externalId: 'bo', email: 'bo@example.com' });
    await call('POST', '/v1/referrals', { code, customerId: 'bo', email: 'bo@example.com', ip: '203.0.113.9' });

    let result = await sync();
    expect(result).toMatchObject({ orders: 1, failure: null });
    await call('POST', '/v1/orders', order('A-2', 'ada', 5, 1_000));
    await call('POST', '/v1/orders', order('B-1', 'bo', 4, 3_000));
    result = await sync();
    expect(result).toMatchObject({ orders: 2, failure: null });

    const ada = await call('GET', '/v1/customers/ada/points');
    const bo = await call('GET', '/v1/customers/bo/points');
    // Ada: 120 for A-1, 2 x 10 for A-2 at Gold, 500 for the referral. Bo: 30 for B-1, 250 for being referred.
    expect(ada).toMatchObject({ available: 640 });
    expect(bo).toMatchObject({ available: 280 });
    expect(await call('GET', '/v1/customers/ada/tier')).toMatchObject({ tier: { name: 'Gold' } });

    // Touching an order again (a repeated webhook) re-runs every handler for it: nothing more is posted.
    await call('POST', '/v1/orders', order('B-1', 'bo', 4, 3_000, { updatedAt: daysAgo(1) }));
    await sync();
    expect(await call('GET', '/v1/customers/bo/points')).toMatchObject({ available: 280 });
    expect(await call('GET', '/v1/customers/ada/points')).toMatchObject({ available: 640 });
  });
});
