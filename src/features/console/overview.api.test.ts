import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { analyzeOrderFile } from '../../analytics/analyze-order-file.service.js';
import { readOrderFile } from '../../analytics/ingest/order-file.reader.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { acrossStores } from '../../platform/database/citus.js';
import { overviewRefreshJob } from './overview.job.js';
import { createOverviewService, refreshOverviewSnapshot } from './overview.service.js';

/** Asks until the figures are no longer stale: the server computes new ones in the background. */
async function untilFresh(app: FastifyInstance, headers: Record<string, string>) {
  for (let i = 0; i < 200; i++) {
    const body = (await app.inject({ method: 'GET', url: '/v1/console/overview', headers })).json();
    if (!body.stale) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the overview stayed stale for 10 s');
}

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
    'equals the analyze report of %s, serves it from the stored snapshot, and brings it up to date when the orders change',
    async (_name, path) => {
      const { app, store, database } = ctx();
      await database.db.deleteFrom('overview_snapshots').where('store_id', '=', store.id).execute();
      await database.db.deleteFrom('orders').where('store_id', '=', store.id).execute();
      await importOrderFile({ db: database.db, readOrderExport }, { path, storeId: store.id, currency: 'USD' });
      const analyzed = await analyzeOrderFile({ readOrderFile }, { path, model: 'none' });

      const first = await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth });
      expect(first.statusCode).toBe(200);
      const overview = first.json();
      expect(overview.asOf).toBe(analyzed.source.asOf);
      for (const field of SHARED) expect(overview.report[field], field).toEqual(analyzed[field]);
      const kinds = (actions: readonly { kind: string }[]) => actions.map((a) => a.kind).filter((k) => k !== 'consent');
      expect(kinds(overview.report.actions)).toEqual(kinds(analyzed.actions));
      expect(overview).toMatchObject({ cached: false, stale: false });

      const again = (await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth })).json();
      expect(again).toMatchObject({
        cached: true,
        stale: false,
        version: overview.version,
        computeMs: overview.computeMs,
        computedAt: overview.computedAt,
      });
      expect(again.report).toEqual(overview.report);
      // The snapshot is the database's: another server process (a new service) serves it without computing.
      const elsewhere = await createOverviewService(database.db)(store.id, null);
      expect(elsewhere).toMatchObject({ cached: true, stale: false, version: overview.version });
      expect(elsewhere.report).toEqual(overview.report);

      // An order cancelled: the last figures at once, marked stale, then the new ones.
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
      const stale = (await app.inject({ method: 'GET', url: '/v1/console/overview', headers: store.auth })).json();
      expect(stale).toMatchObject({ cached: true, stale: true, version: overview.version });
      expect(stale.report.orders).toBe(overview.report.orders);
      const changed = await untilFresh(app, store.auth);
      expect(changed.version).not.toBe(overview.version);
      expect(changed.report.orders).toBe(overview.report.orders - 1);
    },
  );

  it('lists buyers without recorded email consent as an action, and follows consent as it is recorded', async () => {
    const { app, store, database } = ctx();
    const path = fixturePath('cdnow', 'CDNOW_sample.txt');
    await database.db.deleteFrom('overview_snapshots').where('store_id', '=', store.id).execute();
    await database.db.deleteFrom('orders').where('store_id', '=', store.id).execute();
    await importOrderFile({ db: database.db, readOrderExport }, { path, storeId: store.id, currency: 'USD' });
    const before = await untilFresh(app, store.auth);
    // CDNOW says nothing of consent: no buyer has any on record.
    const consentOf = (o: { report: { actions: { kind: string; customers: number; text: string }[] } }) =>
      o.report.actions.find((a) => a.kind === 'consent');
    expect(consentOf(before)).toMatchObject({ customers: before.report.customers });
    expect(consentOf(before)!.text).toMatch(/no email marketing consent on record/);
    expect(before.report.actions.at(-1).kind).toBe('consent');

    const buyers = await database.db
      .selectFrom('orders')
      .innerJoin('customers', (j) =>
        j.onRef('customers.store_id', '=', 'orders.store_id').onRef('customers.id', '=', 'orders.customer_id'),
      )
      .select('customers.external_id')
      .distinct()
      .where('orders.store_id', '=', store.id)
      .orderBy('customers.external_id')
      .limit(2)
      .execute();
    // A refusal is on record as much as a grant: either way the store knows.
    for (const [i, status] of (['granted', 'revoked'] as const).entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: store.auth,
        payload: {
          externalId: buyers[i].external_id,
          consent: [{ channel: 'email', status, source: 'signup_form', recordedAt: '2024-01-01T10:00:00Z' }],
        },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const after = await untilFresh(app, store.auth);
    expect(consentOf(after)!.customers).toBe(before.report.customers - 2);
  });

  it('keeps snapshots current from the scheduled job, only for stores whose console was opened', async () => {
    const { store, otherStore, database } = ctx();
    for (const id of [store.id, otherStore.id])
      await database.db.deleteFrom('overview_snapshots').where('store_id', '=', id).execute();
    const now = new Date().toISOString();
    expect(await overviewRefreshJob.run(database.db, store.id, now)).toBe(0);
    expect(await refreshOverviewSnapshot(database.db, store.id)).toBe(true);
    expect(await overviewRefreshJob.run(database.db, store.id, now)).toBe(0);
    await database.db
      .updateTable('orders')
      .set({ updated_at: '3000-01-01T00:00:00.000Z' })
      .where('store_id', '=', store.id)
      .where(
        'id',
        '=',
        (await database.db.selectFrom('orders').select('id').where('store_id', '=', store.id).executeTakeFirstOrThrow())
          .id,
      )
      .execute();
    expect(await overviewRefreshJob.run(database.db, store.id, now)).toBe(1);
    // Both stores' rows: a read across stores, on purpose (on Citus, every shard).
    const rows = await acrossStores(database.db, (db) =>
      db.selectFrom('overview_snapshots').select(['store_id', 'version']).execute(),
    );
    expect(rows.map((r) => r.store_id)).toEqual([store.id]);
    expect(rows[0].version).toContain('3000-01-01');
    expect(await overviewRefreshJob.run(database.db, otherStore.id, now)).toBe(0);
  });

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
