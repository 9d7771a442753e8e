import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderInput } from './order.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { findOrder, findOrderByExternalId, upsertOrderByExternalId } from './order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/** Shopify's order id from its orders/create webhook example: above 2^53. */
const SHOPIFY_ORDER_ID = '820982911946154508';

function order(customerId: string, overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    externalId: SHOPIFY_ORDER_ID,
    customerId,
    orderedAt: '2024-03-01T23:30:00-05:00',
    orderDay: 19783, // 2024-03-01, the store's own calendar day, not the UTC one
    currency: 'USD',
    subtotalMinor: 4_000,
    discountMinor: 500,
    shippingMinor: 599,
    totalMinor: 4_099,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: '2024-03-01T23:31:00-05:00',
    lines: [
      { sku: 'BEANS-1KG', title: 'Beans 1 kg', category: 'coffee', quantity: 1, priceMinor: 2_500, totalMinor: 2_500 },
      { sku: 'FILTER-100', title: 'Filters', category: 'accessories', quantity: 3, priceMinor: 500, totalMinor: 1_500 },
    ],
    ...overrides,
  };
}

async function countRows(db: Kysely<Database>, storeId: string) {
  const orders = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('order_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return { orders: Number(orders.n), lines: Number(lines.n) };
}

async function storeWithCustomer(db: Kysely<Database>, name: string) {
  const { store } = await createStore(db, { name });
  const customer = await upsertCustomerByExternalId(db, store.id, {
    externalId: '115310627314723954',
    email: 'ada@example.com',
  });
  return { storeId: store.id, customerId: customer.id };
}

describe.each(dialects)('orders on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('stores an order with its lines, big external id, money and day exactly as given', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Exact');
    const result = await upsertOrderByExternalId(db, storeId, order(customerId));
    expect(result.outcome).toBe('created');
    expect(result.orderId).toMatch(/^ord_/);
    const stored = await findOrder(db, storeId, result.orderId);
    expect(stored).toMatchObject({
      ...order(customerId, { lines: undefined }),
      lines: order(customerId).lines.map((line, i) => ({ ...line, lineNo: i + 1 })),
      // Stored as the UTC instant, so versions compare as text on both dialects.
      sourceUpdatedAt: '2024-03-02T04:31:00.000Z',
      storeId,
      id: result.orderId,
    });
    expect(stored!.externalId).toBe(SHOPIFY_ORDER_ID);
    expect(typeof stored!.totalMinor).toBe('number');
    expect((await findOrderByExternalId(db, storeId, SHOPIFY_ORDER_ID))?.id).toBe(result.orderId);
  });

  it('never stores a refunded amount past the total: the excess is kept apart, not dropped', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Over-refunded');
    const input = order(customerId);
    const { orderId } = await upsertOrderByExternalId(db, storeId, {
      ...input,
      refundedMinor: input.totalMinor + 1_500,
      status: 'refunded',
    });
    expect(await findOrder(db, storeId, orderId)).toMatchObject({
      totalMinor: input.totalMinor,
      refundedMinor: input.totalMinor,
      overRefundedMinor: 1_500,
    });
    // A later version within the total clears the excess: it is a state, like the refunded amount.
    await upsertOrderByExternalId(db, storeId, {
      ...input,
      refundedMinor: 100,
      sourceUpdatedAt: '2024-03-03T00:00:00Z',
    });
    expect(await findOrder(db, storeId, orderId)).toMatchObject({ refundedMinor: 100, overRefundedMinor: 0 });
  });

  it('keeps money past 2^31 minor units exact (bigint columns)', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Rupiah');
    const big = 9_876_543_210_123; // IDR 98,765,432,101.23
    const { orderId } = await upsertOrderByExternalId(
      db,
      storeId,
      order(customerId, { currency: 'IDR', subtotalMinor: big, totalMinor: big, discountMinor: 0, shippingMinor: 0 }),
    );
    expect((await findOrder(db, storeId, orderId))?.totalMinor).toBe(big);
    await expect(
      upsertOrderByExternalId(db, storeId, order(customerId, { externalId: 'x', totalMinor: 12.5 })),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'totalMinor' },
    });
    await expect(
      upsertOrderByExternalId(db, storeId, order(customerId, { externalId: 'x', totalMinor: 2 ** 53 })),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('has one effect when the same order arrives twice: one row, lines replaced not appended', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Twice');
    const first = await upsertOrderByExternalId(db, storeId, order(customerId));
    const second = await upsertOrderByExternalId(db, storeId, order(customerId));
    expect(second).toEqual({ orderId: first.orderId, outcome: 'updated' });
    expect(await countRows(db, storeId)).toEqual({ orders: 1, lines: 2 });

    // A later version with one line fewer leaves exactly that line.
    const fewer = order(customerId, {
      sourceUpdatedAt: '2024-03-02T10:00:00Z',
      lines: order(customerId).lines.slice(1),
      totalMinor: 2_099,
    });
    await upsertOrderByExternalId(db, storeId, fewer);
    expect(await countRows(db, storeId)).toEqual({ orders: 1, lines: 1 });
    expect((await findOrder(db, storeId, first.orderId))?.lines).toEqual([{ ...fewer.lines[0], lineNo: 1 }]);
  });

  it('converges to the latest source version whatever order the versions arrive in', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Out of order');
    const v1 = order(customerId, { sourceUpdatedAt: '2024-03-02T10:00:00+09:00', status: 'paid' });
    // An hour after v1 (01:00Z), though its text sorts before v1's: versions compare by time, not text.
    const v2 = order(customerId, {
      sourceUpdatedAt: '2024-03-02T02:00:00Z',
      status: 'partially_refunded',
      refundedMinor: 1_500,
    });
    const v3 = order(customerId, {
      sourceUpdatedAt: '2024-03-03T09:00:00Z',
      status: 'cancelled',
      cancelledAt: '2024-03-03T09:00:00Z',
      lines: [],
    });

    const { orderId } = await upsertOrderByExternalId(db, storeId, v3);
    expect((await upsertOrderByExternalId(db, storeId, v1)).outcome).toBe('stale');
    expect((await upsertOrderByExternalId(db, storeId, v2)).outcome).toBe('stale');
    // An unversioned copy (a CSV import, say) never overrides a versioned order.
    expect(
      (await upsertOrderByExternalId(db, storeId, order(customerId, { sourceUpdatedAt: null, status: 'paid' })))
        .outcome,
    ).toBe('stale');
    const final = await findOrder(db, storeId, orderId);
    expect(final).toMatchObject({ status: 'cancelled', cancelledAt: '2024-03-03T09:00:00Z', lines: [] });

    const other = await storeWithCustomer(db, 'In order');
    const outcomes = [];
    for (const v of [v1, v2, v3])
      outcomes.push((await upsertOrderByExternalId(db, other.storeId, { ...v, customerId: other.customerId })).outcome);
    expect(outcomes).toEqual(['created', 'updated', 'updated']);
    const inOrder = await findOrderByExternalId(db, other.storeId, SHOPIFY_ORDER_ID);
    expect({ ...inOrder, id: '', storeId: '', customerId: '', createdAt: '', updatedAt: '' }).toEqual({
      ...final,
      id: '',
      storeId: '',
      customerId: '',
      createdAt: '',
      updatedAt: '',
    });

    await expect(
      upsertOrderByExternalId(db, storeId, order(customerId, { sourceUpdatedAt: '2024-03-04 10:00:00' })),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'sourceUpdatedAt' },
    });
  });

  it('turns 50 concurrent deliveries of one order into one order with one set of lines', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Concurrent');
    // On PostgreSQL these run on the pool's 10 connections at once; on SQLite they queue for the one writer.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        upsertOrderByExternalId(
          db,
          storeId,
          order(customerId, { sourceUpdatedAt: `2024-03-02T00:00:${String(i % 10).padStart(2, '0')}Z` }),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(await countRows(db, storeId)).toEqual({ orders: 1, lines: 2 });
    expect((await findOrder(db, storeId, results[0].orderId))?.sourceUpdatedAt).toBe('2024-03-02T00:00:09.000Z');
  });

  it("refuses another store's customer, and does not show an order to another store", async () => {
    const { db } = database();
    const a = await storeWithCustomer(db, 'A');
    const b = await storeWithCustomer(db, 'B');
    await expect(upsertOrderByExternalId(db, a.storeId, order(b.customerId))).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    expect(await countRows(db, a.storeId)).toEqual({ orders: 0, lines: 0 });
    const { orderId } = await upsertOrderByExternalId(db, b.storeId, order(b.customerId));
    expect(await findOrder(db, a.storeId, orderId)).toBeNull();
    expect(await findOrderByExternalId(db, a.storeId, SHOPIFY_ORDER_ID)).toBeNull();
  });

  it('joins a caller’s transaction: a failure later in it rolls the order back', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Composed');
    await expect(
      db.transaction().execute(async (trx) => {
        await upsertOrderByExternalId(trx, storeId, order(customerId));
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await countRows(db, storeId)).toEqual({ orders: 0, lines: 0 });
  });
});
