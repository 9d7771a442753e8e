import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { backfillWooCommerce } from './backfill-woocommerce.service.js';
import {
  FAKE_KEY,
  FAKE_SECRET,
  type FakeWooCommerce,
  fakeOrder,
  startFakeWooCommerce,
} from './fake-woocommerce.fixtures.js';
import { setWooCommerceSecret, wooCommerceSecretStatus } from './woocommerce-secret.service.js';

describe.each(dialects)('WooCommerce backfill and secret on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let shop: FakeWooCommerce;
  const ORDERS = Array.from({ length: 25 }, (_, i) => fakeOrder(1000 + i));
  // One order the mapper refuses: listed with its id and field, the others recorded.
  ORDERS[7] = fakeOrder(1007, { currency: 'ZZZ' });

  beforeAll(async () => {
    shop = await startFakeWooCommerce(ORDERS);
  });
  afterAll(() => shop.close());

  it('stores, shows as set and removes the WooCommerce secret', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Woo Shop' });
    expect(await wooCommerceSecretStatus(db, store.id)).toEqual({ set: false });
    expect(await setWooCommerceSecret(db, store.id, ' wc-secret ')).toEqual({ set: true });
    expect(await wooCommerceSecretStatus(db, store.id)).toEqual({ set: true });
    expect(await setWooCommerceSecret(db, store.id, null)).toEqual({ set: false });
    await expect(setWooCommerceSecret(db, store.id, '  ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(setWooCommerceSecret(db, 'sto_missing', 'x')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it('pages the REST API, resumes after a failure from its checkpoint, and keeps one row per order on a second run', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Backfilled Shop' });
    const api = { storeId: store.id, url: shop.url, key: FAKE_KEY, secret: FAKE_SECRET, allowHttpLoopback: true };
    shop.pagesServed.length = 0;
    shop.failPageOnce(3);
    const progress: [number, number][] = [];
    await expect(
      backfillWooCommerce(db, { ...api, perPage: 10, onProgress: (done, total) => progress.push([done, total]) }),
    ).rejects.toMatchObject({ code: 'WOOCOMMERCE_REQUEST_FAILED', details: { page: 3, status: 500 } });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
    ]);
    const resumed = await backfillWooCommerce(db, { ...api, perPage: 10 });
    expect(resumed).toMatchObject({
      resumed: true,
      startPage: 3,
      pagesRead: 1,
      totalPages: 3,
      orders: { processed: 5, stale: 0, rejected: 0 },
    });
    expect(shop.pagesServed).toEqual([1, 2, 3, 3]);
    const stored = await db
      .selectFrom('orders')
      .select(['external_id', 'total_minor', 'status'])
      .where('store_id', '=', store.id)
      .orderBy('external_id')
      .execute();
    expect(stored).toHaveLength(24);
    expect(stored[0]).toEqual({ external_id: '1000', total_minor: 3900, status: 'partially_refunded' });
    expect(stored[1]).toEqual({ external_id: '1001', total_minor: 2935, status: 'paid' });

    // A complete backfill run again reads everything again, one row per order; the bad order is listed.
    const again = await backfillWooCommerce(db, { ...api, perPage: 10 });
    expect(again.resumed).toBe(false);
    expect(again.orders).toEqual({ processed: 24, stale: 0, rejected: 1 });
    expect(again.rejections).toEqual([
      expect.objectContaining({ orderId: '1007', page: 1, path: '/currency', code: 'VALIDATION_FAILED' }),
    ]);
    const after = await db.selectFrom('orders').select('external_id').where('store_id', '=', store.id).execute();
    expect(after).toHaveLength(24);
  });

  it('refuses plain http without the loopback allowance, and wrong keys with the status', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Keys Shop' });
    await expect(
      backfillWooCommerce(db, { storeId: store.id, url: shop.url, key: FAKE_KEY, secret: FAKE_SECRET }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: '--url' } });
    await expect(
      backfillWooCommerce(db, {
        storeId: store.id,
        url: shop.url,
        key: FAKE_KEY,
        secret: 'cs_wrong',
        allowHttpLoopback: true,
      }),
    ).rejects.toMatchObject({ code: 'WOOCOMMERCE_REQUEST_FAILED', details: { status: 401 } });
  });
});
