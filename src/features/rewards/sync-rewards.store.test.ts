import { describe, expect, it } from 'vitest';
import { type OrderRewardHandler, whenUsed } from '../orders/order-handler.js';
import { syncRewards } from './sync-rewards.service.js';
import type { Order, OrderInput } from '../orders/order.js';
import { upsertOrdersBatch } from '../orders/order-batch.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

/** Far enough ahead that the sync's lag never hides an order these tests just wrote. */
const LATER = '2999-01-01T00:00:00.000Z';

function order(customerId: string, externalId: string, overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    externalId,
    customerId,
    orderedAt: '2026-03-01T10:00:00Z',
    orderDay: 20513,
    currency: 'EUR',
    subtotalMinor: 2_000,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: 2_000,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [{ sku: 'BEANS', title: 'Beans', category: 'coffee', quantity: 2, priceMinor: 1_000, totalMinor: 2_000 }],
    ...overrides,
  };
}

function recorder() {
  const seen: Order[] = [];
  const handler: OrderRewardHandler = async (_db, _storeId, o) => {
    seen.push(o);
  };
  return { seen, handler };
}

describe.each(dialects)('the rewards sync on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function storeWithCustomer(name: string) {
    const { db } = database();
    const { store } = await createStore(db, { name });
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1', email: 'c1@example.com' });
    return { db, storeId: store.id, customerId: customer.id };
  }

  it('hands every order, with its lines, to every handler once, in the order written, and then nothing until one changes', async () => {
    const { db, storeId, customerId } = await storeWithCustomer('Sync');
    for (const id of ['A', 'B', 'C']) await upsertOrderByExternalId(db, storeId, order(customerId, id));
    const first = recorder();
    const second = recorder();
    const result = await syncRewards(db, storeId, [first.handler, second.handler], LATER);
    expect(result).toMatchObject({ orders: 3, failure: null });
    expect(first.seen.map((o) => o.externalId)).toEqual(['A', 'B', 'C']);
    expect(second.seen.map((o) => o.externalId)).toEqual(['A', 'B', 'C']);
    expect(first.seen[0].lines).toEqual([expect.objectContaining({ sku: 'BEANS', quantity: 2, totalMinor: 2_000 })]);

    const again = recorder();
    expect((await syncRewards(db, storeId, [again.handler], LATER)).orders).toBe(0);
    expect(again.seen).toEqual([]);

    await upsertOrderByExternalId(
      db,
      storeId,
      order(customerId, 'B', { refundedMinor: 500, status: 'partially_refunded' }),
    );
    const changed = recorder();
    expect((await syncRewards(db, storeId, [changed.handler], LATER)).orders).toBe(1);
    expect(changed.seen.map((o) => [o.externalId, o.refundedMinor])).toEqual([['B', 500]]);
  });

  it('leaves orders younger than the lag for the next run', async () => {
    const { db, storeId, customerId } = await storeWithCustomer('Lag');
    await upsertOrderByExternalId(db, storeId, order(customerId, 'A'));
    const now = new Date().toISOString();
    const early = recorder();
    expect((await syncRewards(db, storeId, [early.handler], now, { lagMs: 60_000 })).orders).toBe(0);
    const late = recorder();
    expect((await syncRewards(db, storeId, [late.handler], now, { lagMs: 0 })).orders).toBe(1);
  });

  it('stops at an order a handler fails on, keeps the orders before it done, and retries it on the next run', async () => {
    const { db, storeId, customerId } = await storeWithCustomer('Failure');
    for (const id of ['A', 'B', 'C']) await upsertOrderByExternalId(db, storeId, order(customerId, id));
    let broken = true;
    const seen: string[] = [];
    const handler: OrderRewardHandler = async (_db, _storeId, o) => {
      if (o.externalId === 'B' && broken) throw new Error('points service down');
      seen.push(o.externalId);
    };
    const failed = await syncRewards(db, storeId, [handler], LATER);
    expect(failed.orders).toBe(1);
    expect(failed.failure).toMatchObject({
      externalId: 'B',
      error: expect.objectContaining({ message: 'points service down' }),
    });
    broken = false;
    const retried = await syncRewards(db, storeId, [handler], LATER);
    expect(retried).toMatchObject({ orders: 2, failure: null });
    expect(seen).toEqual(['A', 'B', 'C']);
  });

  it('reads page after page, and keeps each store to its own orders', async () => {
    const { db, storeId, customerId } = await storeWithCustomer('Pages');
    const other = await createStore(db, { name: 'Other' });
    const otherCustomer = await upsertCustomerByExternalId(db, other.store.id, {
      externalId: 'c-1',
      email: 'o@example.com',
    });
    await upsertOrdersBatch(db, other.store.id, [order(otherCustomer.id, 'X')]);
    const inputs = Array.from({ length: 1_234 }, (_, i) => order(customerId, `O-${String(i).padStart(4, '0')}`));
    for (let start = 0; start < inputs.length; start += 400)
      await upsertOrdersBatch(db, storeId, inputs.slice(start, start + 400));
    const { seen, handler } = recorder();
    const progress: number[] = [];
    const result = await syncRewards(db, storeId, [handler], LATER, { onProgress: (done) => progress.push(done) });
    expect(result.orders).toBe(1_234);
    expect(new Set(seen.map((o) => o.externalId)).size).toBe(1_234);
    expect(seen.every((o) => o.storeId === storeId)).toBe(true);
    expect(progress.at(-1)).toBe(1_234);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(dialects)('the rewards sync with several customers at once on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it("keeps each customer's orders in order, stops the cursor before a failure, and finishes on the next run", async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Concurrent sync' });
    const customers = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((id) =>
        upsertCustomerByExternalId(db, store.id, { externalId: id, email: `${id}@example.com` }),
      ),
    );
    const inputs = Array.from({ length: 60 }, (_, i) => order(customers[i % 5].id, `O-${String(i).padStart(2, '0')}`));
    await upsertOrdersBatch(db, store.id, inputs);
    let broken = true;
    const seen: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const handler: OrderRewardHandler = async (_db, _storeId, o) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      if (o.externalId === 'O-31' && broken) throw new Error('down');
      seen.push(o.externalId);
    };
    const first = await syncRewards(db, store.id, [handler], LATER, { concurrency: 4 });
    expect(first.failure?.externalId).toBe('O-31');
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    // The cursor stops before O-31: the orders written before it are done, none after it counted.
    expect(first.orders).toBe(31);
    broken = false;
    const second = await syncRewards(db, store.id, [handler], LATER, { concurrency: 4 });
    expect(second).toMatchObject({ failure: null, orders: 29 });
    // Every order was handled, and each customer's in the order written, whatever ran twice.
    for (const customer of customers) {
      const own = inputs.filter((input) => input.customerId === customer.id).map((input) => input.externalId);
      const handled = seen.filter((id) => own.includes(id));
      expect(new Set(handled)).toEqual(new Set(own));
      const firstTimes = [...new Set(handled)];
      expect(firstTimes).toEqual(own);
    }
  });
});

describe.each(dialects)('the rewards sync and the features a store uses on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('asks each feature once per page whether the store uses it, and runs only the used ones', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Usage' });
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c', email: 'c@example.com' });
    await upsertOrdersBatch(
      db,
      store.id,
      Array.from({ length: 700 }, (_, i) => order(customer.id, `U-${i}`)),
    );
    let asked = 0;
    const used = recorder();
    const unused = recorder();
    const result = await syncRewards(
      db,
      store.id,
      [whenUsed(used.handler, async () => (asked++, true)), whenUsed(unused.handler, async () => false)],
      LATER,
    );
    expect(result.orders).toBe(700);
    expect(used.seen).toHaveLength(700);
    expect(unused.seen).toHaveLength(0);
    expect(asked).toBe(2); // two pages of at most 500
  });
});
