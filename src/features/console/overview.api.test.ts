import { describe, expect, it } from 'vitest';
import { analyzeOrderFile } from '../../analytics/analyze-order-file.service.js';
import { readOrderFile } from '../../analytics/ingest/order-file.reader.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

/** The fields the Overview shares with `regulars analyze`'s report: they must be equal, not close. */
const SHARED = [
  'orders',
  'customers',
  'revenue',
  'aov',
  'purchaseFrequency',
  'purchaseFrequencyPerYear',
  'repeatCustomerRate',
  'clvSimple',
  'formulas',
  'repeatCurve',
  'cohorts',
  'growth',
  'bestCustomers',
] as const;

const FIXTURES = [
  ['a Shopify export', fixturePath('shopify', 'orders_export.csv')],
  ['the CDNOW sample', fixturePath('cdnow', 'CDNOW_sample.txt')],
] as const;

describe.each(dialects)('GET /v1/console/overview on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('answers an empty overview for a store without orders', async () => {
    const { app, otherStore } = ctx();
    const res = await app.inject({ method: 'GET', url: '/v1/console/overview', headers: otherStore.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ report: null, asOf: null, clvDistribution: null, cached: false });
  });

  it.each(FIXTURES)(
    'equals the analyze report of %s, and serves it from the cache until the orders change',
    async (_name, path) => {
      const { app, store, database } = ctx();
      await database.db.deleteFrom('orders').where('store_id', '=', store.id).execute();
      await importOrderFile({ db: database.db, readOrderExport }, { path, storeId: store.id, currency: 'USD' });
      const analyzed = await analyzeOrderFile({ readOrderFile }, { path, model: 'none' });

      const first = await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth });
      expect(first.statusCode).toBe(200);
      const overview = first.json();
      expect(overview.asOf).toBe(analyzed.source.asOf);
      for (const field of SHARED) expect(overview.report[field], field).toEqual(analyzed[field]);
      expect(overview.report.actions.map((a: { kind: string }) => a.kind)).toEqual(
        analyzed.actions.filter((a) => a.kind !== 'consent').map((a) => a.kind),
      );
      expect(overview.cached).toBe(false);

      const again = (await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth })).json();
      expect(again).toMatchObject({ cached: true, version: overview.version, computeMs: 0 });
      expect(again.report).toEqual(overview.report);

      // An order cancelled changes the version, and the figures with it.
      const someOrder = await database.db
        .selectFrom('orders')
        .select('id')
        .where('store_id', '=', store.id)
        .where('status', 'not in', ['cancelled', 'refunded'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('orders')
        .set({ status: 'cancelled', updated_at: '2999-01-01T00:00:00.000Z' })
        .where('store_id', '=', store.id)
        .where('id', '=', someOrder.id)
        .execute();
      const changed = (await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth })).json();
      expect(changed.cached).toBe(false);
      expect(changed.version).not.toBe(overview.version);
      expect(changed.report.orders).toBe(overview.report.orders - 1);
    },
  );

  it('measures up to the as-of day asked for, as analyze --as-of does', async () => {
    const { app, store, database } = ctx();
    const path = fixturePath('cdnow', 'CDNOW_sample.txt');
    await database.db.deleteFrom('orders').where('store_id', '=', store.id).execute();
    await importOrderFile({ db: database.db, readOrderExport }, { path, storeId: store.id, currency: 'USD' });
    const analyzed = await analyzeOrderFile({ readOrderFile }, { path, model: 'none', asOf: '1997-12-31' });
    const res = await app.inject({
      method: 'GET',
      url: '/v1/console/overview?asOf=1997-12-31',
      headers: store.auth,
    });
    const overview = res.json();
    for (const field of SHARED) expect(overview.report[field], field).toEqual(analyzed[field]);
    const bad = await app.inject({ method: 'GET', url: '/v1/console/overview?asOf=soon', headers: store.auth });
    expect(bad.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a request without a key', async () => {
    const { app } = ctx();
    const res = await app.inject({ method: 'GET', url: '/v1/console/overview' });
    expect(res.statusCode).toBe(401);
  });
});
