import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderInput } from './order.js';
import { findCustomer } from '../customers/customer.repository.js';
import { upsertCustomersBatch, upsertOrdersBatch } from './order-batch.repository.js';
import { findOrder, findOrderByExternalId, upsertOrderByExternalId } from './order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

/** Shopify's ids from its webhook examples: above 2^53, so a double would round them. */
const SHOPIFY_ORDER_ID = '820982911946154508';
const SHOPIFY_CUSTOMER_ID = '115310627314723954';

function order(externalId: string, customerId: string, overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    externalId,
    customerId,
    orderedAt: '2024-03-01T23:30:00-05:00',
    orderDay: 19783,
    currency: 'USD',
    subtotalMinor: 4_000,
    discountMinor: 500,
    shippingMinor: 599,
    totalMinor: 4_099,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [
      { sku: 'BEANS-1KG', title: 'Beans 1 kg', category: 'coffee', quantity: 1, priceMinor: 2_500, totalMinor: 2_500 },
      { sku: null, title: 'Filters', category: null, quantity: 3, priceMinor: 500, totalMinor: 1_500 },
    ],
    ...overrides,
  };
}

async function count(
  db: Kysely<Database>,
  table: 'orders' | 'order_lines' | 'customers',
  storeId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function newStore(db: Kysely<Database>, name: string): Promise<string> {
  return (await createStore(db, { name })).store.id;
}

describe.each(dialects)('batch upserts on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates customers and orders, big external ids and money exact, then finds nothing to change the second time', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Batch');
    const customers = await upsertCustomersBatch(db, storeId, [
      { externalId: SHOPIFY_CUSTOMER_ID, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { externalId: 'bob@example.com', email: 'bob@example.com' },
    ]);
    expect([...customers.keys()].sort()).toEqual([SHOPIFY_CUSTOMER_ID, 'bob@example.com'].sort());
    for (const c of customers.values())
      expect(c).toEqual({ customerId: expect.stringMatching(/^cus_/), outcome: 'created' });
    const ada = customers.get(SHOPIFY_CUSTOMER_ID)!.customerId;
    const bob = customers.get('bob@example.com')!.customerId;
    expect(await findCustomer(db, storeId, ada)).toMatchObject({
      externalId: SHOPIFY_CUSTOMER_ID,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });

    const big = 9_876_543_210_123; // past 2^31 minor units: bigint columns
    const orders = [
      order(SHOPIFY_ORDER_ID, ada),
      order('1002', bob, { currency: 'IDR', totalMinor: big, subtotalMinor: big, lines: [] }),
    ];
    const results = await upsertOrdersBatch(db, storeId, orders);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    const stored = await findOrderByExternalId(db, storeId, SHOPIFY_ORDER_ID);
    expect(stored).toEqual({
      ...orders[0],
      lines: orders[0].lines.map((line, i) => ({ ...line, lineNo: i + 1 })),
      id: results[0].orderId,
      storeId,
      overRefundedMinor: 0,
      // An order posted without a name has none; messages then show its id.
      name: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await findOrder(db, storeId, results[1].orderId))?.totalMinor).toBe(big);

    const again = await upsertCustomersBatch(db, storeId, [
      { externalId: SHOPIFY_CUSTOMER_ID, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { externalId: 'bob@example.com', email: 'bob@example.com' },
    ]);
    expect(again.get(SHOPIFY_CUSTOMER_ID)).toEqual({ customerId: ada, outcome: 'unchanged' });
    expect(again.get('bob@example.com')).toEqual({ customerId: bob, outcome: 'unchanged' });
    const before = await findOrder(db, storeId, results[0].orderId);
    const repeat = await upsertOrdersBatch(db, storeId, orders);
    expect(repeat).toEqual(results.map((r) => ({ orderId: r.orderId, outcome: 'unchanged' })));
    // Nothing was written: not even updated_at moved.
    expect(await findOrder(db, storeId, results[0].orderId)).toEqual(before);
    expect(await count(db, 'order_lines', storeId)).toBe(2);
  });

  it('updates changed orders, replacing their lines, also when only a line changed', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Changes');
    const cus = (await upsertCustomersBatch(db, storeId, [{ externalId: 'c1' }])).get('c1')!.customerId;
    const [a, b, c] = await upsertOrdersBatch(db, storeId, [order('a', cus), order('b', cus), order('c', cus)]);
    const before = await findOrder(db, storeId, b.orderId);

    const fewerLines = order('a', cus, { totalMinor: 2_500, lines: order('a', cus).lines.slice(0, 1) });
    const renamedLine = order('b', cus, {
      lines: [{ ...order('b', cus).lines[0], title: 'Beans, 1 kg' }, order('b', cus).lines[1]],
    });
    const results = await upsertOrdersBatch(db, storeId, [fewerLines, renamedLine, order('c', cus)]);
    expect(results).toEqual([
      { orderId: a.orderId, outcome: 'updated' },
      { orderId: b.orderId, outcome: 'updated' },
      { orderId: c.orderId, outcome: 'unchanged' },
    ]);
    expect((await findOrder(db, storeId, a.orderId))?.lines).toEqual([{ ...fewerLines.lines[0], lineNo: 1 }]);
    const renamed = await findOrder(db, storeId, b.orderId);
    expect(renamed?.lines.map((l) => l.title)).toEqual(['Beans, 1 kg', 'Filters']);
    expect(renamed!.updatedAt >= before!.updatedAt).toBe(true);
    expect(renamed!.createdAt).toBe(before!.createdAt);
    expect(await count(db, 'order_lines', storeId)).toBe(1 + 2 + 2);
  });

  it('never overrides a versioned order with an unversioned or older one, like the single upsert', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Versions');
    const cus = (await upsertCustomersBatch(db, storeId, [{ externalId: 'c1' }])).get('c1')!.customerId;
    // A webhook stored v2 of order w; the CSV import knows w and u without versions.
    const webhook = order('w', cus, {
      sourceUpdatedAt: '2024-03-02T10:00:00Z',
      status: 'cancelled',
      cancelledAt: '2024-03-02T10:00:00Z',
      lines: [],
    });
    const { orderId: w } = await upsertOrderByExternalId(db, storeId, webhook);
    const { orderId: u } = await upsertOrderByExternalId(db, storeId, order('u', cus));

    const results = await upsertOrdersBatch(db, storeId, [
      order('w', cus),
      order('u', cus, { status: 'refunded' }),
      order('v', cus, { sourceUpdatedAt: '2024-03-01T00:00:00Z' }),
    ]);
    expect(results).toEqual([
      { orderId: w, outcome: 'stale' },
      { orderId: u, outcome: 'updated' },
      { orderId: expect.stringMatching(/^ord_/), outcome: 'created' },
    ]);
    expect(await findOrder(db, storeId, w)).toMatchObject({ status: 'cancelled', lines: [] });

    const versions = await upsertOrdersBatch(db, storeId, [
      order('w', cus, { sourceUpdatedAt: '2024-03-02T09:59:59Z' }),
      order('v', cus, { sourceUpdatedAt: '2024-03-01T01:00:00+02:00' }), // 23:00Z the day before: older
    ]);
    expect(versions.map((r) => r.outcome)).toEqual(['stale', 'stale']);
    const newer = await upsertOrdersBatch(db, storeId, [order('w', cus, { sourceUpdatedAt: '2024-03-02T10:00:01Z' })]);
    expect(newer).toEqual([{ orderId: w, outcome: 'updated' }]);
    expect(await findOrder(db, storeId, w)).toMatchObject({
      status: 'paid',
      sourceUpdatedAt: '2024-03-02T10:00:01.000Z',
      lines: expect.any(Array),
    });
    expect((await findOrder(db, storeId, w))?.lines).toHaveLength(2);
  });

  it('applies an external id listed twice in list order', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Twice');
    const customers = await upsertCustomersBatch(db, storeId, [
      { externalId: 'c1', email: 'old@example.com', firstName: 'Ada' },
      { externalId: 'c1', email: 'new@example.com' },
    ]);
    expect(customers.get('c1')?.outcome).toBe('created');
    const cus = customers.get('c1')!.customerId;
    expect(await findCustomer(db, storeId, cus)).toMatchObject({ email: 'new@example.com', firstName: 'Ada' });

    const results = await upsertOrdersBatch(db, storeId, [
      order('x', cus, { sourceUpdatedAt: '2024-03-02T00:00:00Z', status: 'paid' }),
      order('x', cus, { sourceUpdatedAt: '2024-03-03T00:00:00Z', status: 'refunded' }),
      order('x', cus, { sourceUpdatedAt: '2024-03-01T00:00:00Z', status: 'cancelled' }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'updated', 'stale']);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(await findOrder(db, storeId, results[0].orderId)).toMatchObject({ status: 'refunded' });
    expect(await count(db, 'order_lines', storeId)).toBe(2);
  });

  it('keeps customer fields left undefined, clears nulls, and reports created, updated and unchanged', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Profiles');
    await upsertCustomersBatch(db, storeId, [
      { externalId: 'a', email: 'a@example.com', firstName: 'Ann', birthday: '1990-12-10', tags: ['vip'] },
      { externalId: 'b', email: 'b@example.com', phone: '+4412345' },
    ]);
    const result = await upsertCustomersBatch(db, storeId, [
      { externalId: 'a', email: 'a@example.com' }, // fewer fields: the others stay
      { externalId: 'b', phone: null }, // clears the phone
      { externalId: 'c' },
    ]);
    expect([...result.entries()].map(([id, r]) => [id, r.outcome]).sort()).toEqual([
      ['a', 'unchanged'],
      ['b', 'updated'],
      ['c', 'created'],
    ]);
    expect(await findCustomer(db, storeId, result.get('a')!.customerId)).toMatchObject({
      email: 'a@example.com',
      firstName: 'Ann',
      birthday: '1990-12-10',
      tags: ['vip'],
    });
    expect(await findCustomer(db, storeId, result.get('b')!.customerId)).toMatchObject({
      email: 'b@example.com',
      phone: null,
    });
    expect((await upsertCustomersBatch(db, storeId, [{ externalId: 'c' }])).get('c')?.outcome).toBe('unchanged');

    await expect(
      upsertCustomersBatch(db, storeId, [{ externalId: 'd', birthday: '10/12/1990' }]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(upsertCustomersBatch(db, 'sto_nope', [{ externalId: 'a' }])).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
  });

  it('files an export’s customer keyed by email under the webhook customer with that email, keeping both ids', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Identities');
    const [hooked] = (
      await upsertCustomersBatch(db, storeId, [{ externalId: '7001', email: 'Ada@Example.com' }])
    ).values();
    const stored = await upsertCustomersBatch(db, storeId, [
      { externalId: 'ada@example.com', email: 'ada@example.com', firstName: 'Ada' },
      { externalId: 'bo@example.com', email: 'bo@example.com' },
    ]);
    expect(stored.get('ada@example.com')?.customerId).toBe(hooked.customerId);
    expect(stored.get('bo@example.com')?.customerId).not.toBe(hooked.customerId);
    expect((await findCustomer(db, storeId, hooked.customerId))?.firstName).toBe('Ada');
    const identities = await db.selectFrom('customer_identities').selectAll().where('store_id', '=', storeId).execute();
    expect(identities).toEqual([
      expect.objectContaining({ external_id: 'ada@example.com', customer_id: hooked.customerId, matched_by: 'email' }),
    ]);
    // Again: the attached id is found as it is, nothing new.
    const again = await upsertCustomersBatch(db, storeId, [
      { externalId: 'ada@example.com', email: 'ada@example.com', firstName: 'Ada' },
    ]);
    expect(again.get('ada@example.com')).toEqual({ customerId: hooked.customerId, outcome: 'unchanged' });
  });

  it('writes nothing when one order is invalid or names another store’s customer', async () => {
    const { db } = database();
    const a = await newStore(db, 'A');
    const b = await newStore(db, 'B');
    const ofA = (await upsertCustomersBatch(db, a, [{ externalId: 'c' }])).get('c')!.customerId;
    const ofB = (await upsertCustomersBatch(db, b, [{ externalId: 'c' }])).get('c')!.customerId;
    await expect(upsertOrdersBatch(db, a, [order('1', ofA), order('2', ofB)])).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
      details: { customerId: ofB },
    });
    await expect(
      upsertOrdersBatch(db, a, [order('1', ofA), order('2', ofA, { totalMinor: 12.5 })]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'totalMinor' },
    });
    expect(await count(db, 'orders', a)).toBe(0);
    expect(await count(db, 'order_lines', a)).toBe(0);
  });

  it('joins a caller’s transaction: a failure later in it rolls the batch back', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Composed');
    await expect(
      db.transaction().execute(async (trx) => {
        const cus = (await upsertCustomersBatch(trx, storeId, [{ externalId: 'c' }])).get('c')!.customerId;
        await upsertOrdersBatch(trx, storeId, [order('1', cus)]);
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await count(db, 'customers', storeId)).toBe(0);
    expect(await count(db, 'orders', storeId)).toBe(0);
  });

  it('splits big batches into statements within the bound-parameter limits', async () => {
    const { db } = database();
    const storeId = await newStore(db, 'Big');
    // 3,200 customers (> 1,500 per statement), 2,500 orders (> 1,000) with 7,500 lines (> 3,000).
    const customers = await upsertCustomersBatch(
      db,
      storeId,
      Array.from({ length: 3_200 }, (_, i) => ({ externalId: `c${i}`, email: `c${i}@example.com` })),
    );
    expect(customers.size).toBe(3_200);
    const orders = Array.from({ length: 2_500 }, (_, i) =>
      order(`o${i}`, customers.get(`c${i % 3_200}`)!.customerId, {
        lines: [...order('', '').lines, { ...order('', '').lines[0], sku: `S${i}` }],
      }),
    );
    const results = await upsertOrdersBatch(db, storeId, orders);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(2_500);
    expect(await count(db, 'order_lines', storeId)).toBe(7_500);
    const again = await upsertOrdersBatch(db, storeId, orders);
    expect(again.every((r, i) => r.outcome === 'unchanged' && r.orderId === results[i].orderId)).toBe(true);
    const lastLine = await findOrder(db, storeId, results[2_499].orderId);
    expect(lastLine?.lines[2]).toMatchObject({ sku: 'S2499', lineNo: 3 });
  });
});
