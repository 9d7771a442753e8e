import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { IncomingOrder } from './record-order.service.js';
import { insertNewOrders } from './new-orders.repository.js';
import { recordOrderBatch } from './record-order-batch.service.js';
import { findOrderByExternalId } from './order.repository.js';
import { findCustomerByExternalId } from '../customers/index.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { RegularsError } from '../../platform/errors.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function incoming(
  externalId: string,
  customer: IncomingOrder['customer'],
  overrides: Partial<IncomingOrder['order']> = {},
): IncomingOrder {
  return {
    customer,
    order: {
      externalId,
      orderedAt: '2024-03-01T10:00:00Z',
      orderDay: 19783,
      currency: 'EUR',
      subtotalMinor: 3_500,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 3_500,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: '2024-03-01T10:05:00Z',
      lines: [
        { sku: 'A', title: 'Beans', category: 'coffee', quantity: 2, priceMinor: 1_000, totalMinor: 2_000 },
        { sku: null, title: 'Filters', category: null, quantity: 3, priceMinor: 500, totalMinor: 1_500 },
      ],
      ...overrides,
    },
  };
}

/** The group the tests write: a stored customer with a new email, two new ones of different shapes, a versioned one. */
const GROUP: IncomingOrder[] = [
  incoming('o-1', { externalId: 'known', email: 'new-address@example.com' }),
  incoming('o-2', { externalId: 'fresh-1', email: 'fresh1@example.com', firstName: 'Ada' }),
  incoming('o-3', { externalId: 'fresh-2', phone: '+386 40 123 456' }, { lines: [] }),
  incoming('o-4', { externalId: 'fresh-3', email: 'v@example.com', sourceUpdatedAt: '2024-03-01T10:05:00Z' }),
];

/** Everything a store's orders wrote, without the ids and instants each write draws afresh. */
async function snapshot(db: Kysely<Database>, storeId: string) {
  const customers = await db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('external_id')
    .execute();
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('external_id')
    .execute();
  const lines = await db
    .selectFrom('order_lines')
    .innerJoin('orders', (j) =>
      j.onRef('orders.id', '=', 'order_lines.order_id').onRef('orders.store_id', '=', 'order_lines.store_id'),
    )
    .select([
      'orders.external_id',
      'order_lines.line_no',
      'order_lines.sku',
      'order_lines.title',
      'order_lines.category',
      'order_lines.quantity',
      'order_lines.price_minor',
      'order_lines.total_minor',
    ])
    .where('order_lines.store_id', '=', storeId)
    .orderBy('orders.external_id')
    .orderBy('order_lines.line_no')
    .execute();
  const externalOf = new Map(customers.map((c) => [c.id, c.external_id]));
  return {
    customers: customers.map(({ id: _id, store_id: _s, created_at: _c, updated_at: _u, ...rest }) => rest),
    orders: orders.map(({ id: _id, store_id: _s, created_at: _c, updated_at: _u, customer_id, ...rest }) => ({
      ...rest,
      customer: externalOf.get(customer_id),
    })),
    lines,
  };
}

async function storeWithKnownCustomer(db: Kysely<Database>, name: string): Promise<string> {
  const storeId = (await createStore(db, { name, shopifySecret: null })).store.id;
  await recordOrderBatch(db, storeId, [incoming('o-0', { externalId: 'known', email: 'old@example.com' })]);
  return storeId;
}

describe.each(dialects)('new orders in one statement on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('writes a group of new orders exactly as the transaction of multi-row statements does', async () => {
    const { db } = database();
    const one = await storeWithKnownCustomer(db, 'One statement');
    const classic = await storeWithKnownCustomer(db, 'Classic');
    const known = (await findCustomerByExternalId(db, one, 'known'))!.id;

    const fast = await insertNewOrders(db, one, GROUP);
    // Inside a caller's transaction the statement could not commit alone: the other path writes.
    const other = await inTransaction(db, (trx) => recordOrderBatch(trx, classic, GROUP));
    // SQLite never takes it, nor Citus, which runs the statement's CTEs as steps before it (the
    // lines' foreign key to its orders would fail): both leave the group to the other path.
    if (dialect !== 'postgres') {
      expect(fast).toBeNull();
      return;
    }
    expect(fast).not.toBeNull();
    expect(fast!.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(other.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(fast![0].customerId).toBe(known);
    for (const [i, r] of fast!.entries()) {
      const stored = await findOrderByExternalId(db, one, GROUP[i].order.externalId);
      expect(stored).toMatchObject({ id: r.id, customerId: r.customerId });
    }
    expect(await snapshot(db, one)).toEqual(await snapshot(db, classic));
    expect((await findCustomerByExternalId(db, one, 'known'))?.email).toBe('new-address@example.com');
  });

  it('writes nothing and leaves the group to the other path when an order is already stored', async () => {
    const { db } = database();
    const storeId = await storeWithKnownCustomer(db, 'Stored order');
    const again = [incoming('o-0', { externalId: 'known', email: 'changed@example.com' }), GROUP[1]];
    expect(await insertNewOrders(db, storeId, again)).toBeNull();
    // The failed statement rolled back its customer upserts too.
    expect((await findCustomerByExternalId(db, storeId, 'known'))?.email).toBe('old@example.com');
    expect(await findCustomerByExternalId(db, storeId, 'fresh-1')).toBeNull();
    const results = await recordOrderBatch(db, storeId, again);
    expect(results.map((r) => r.outcome)).toEqual(['unchanged', 'created']);
    expect((await findCustomerByExternalId(db, storeId, 'known'))?.email).toBe('changed@example.com');
  });

  it('leaves to the other path a customer listed twice and a new id that matches a stored customer by email', async () => {
    const { db } = database();
    const storeId = await storeWithKnownCustomer(db, 'Matches');
    const twice = [GROUP[1], incoming('o-9', { externalId: 'fresh-1', email: 'later@example.com' })];
    expect(await insertNewOrders(db, storeId, twice)).toBeNull();
    const byEmail = [incoming('o-8', { externalId: 'other-source-id', email: 'old@example.com' })];
    expect(await insertNewOrders(db, storeId, byEmail)).toBeNull();
    const [matched] = await recordOrderBatch(db, storeId, byEmail);
    expect(matched.customerId).toBe((await findCustomerByExternalId(db, storeId, 'known'))?.id);
    expect(await db.selectFrom('orders').select('id').where('store_id', '=', storeId).execute()).toHaveLength(2);
  });

  it('leaves out of the statement a known customer the upsert would not change: no lock on it', async () => {
    const { db } = database();
    if (dialect !== 'postgres') return;
    const storeId = await storeWithKnownCustomer(db, 'Unchanged customer');
    const known = (await findCustomerByExternalId(db, storeId, 'known'))!.id;
    // The send pipeline holds a customer's row lock (FOR NO KEY UPDATE) while it checks and sends.
    // An upsert, even one whose WHERE changes nothing, locks the row FOR UPDATE and would wait for
    // it; the orders' foreign key only takes FOR KEY SHARE, which does not.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const sending = db.transaction().execute(async (trx) => {
      await sql`select id from customers where store_id = ${storeId} and id = ${known} for no key update`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    try {
      const same = [incoming('o-5', { externalId: 'known', email: 'old@example.com' })];
      const outcome = await Promise.race([
        insertNewOrders(db, storeId, same).then((written) => written?.map((r) => r.outcome)),
        waitingOnALock(db).then(() => 'waited for the customer'),
      ]);
      expect(outcome).toEqual(['created']);
    } finally {
      release();
      await sending;
    }
    const order = await findOrderByExternalId(db, storeId, 'o-5');
    expect(order?.customerId).toBe(known);
    // A changed one is in the statement and updated.
    const changed = [incoming('o-6', { externalId: 'known', email: 'changed@example.com' })];
    expect((await insertNewOrders(db, storeId, changed))?.map((r) => r.customerId)).toEqual([known]);
    expect((await findCustomerByExternalId(db, storeId, 'known'))?.email).toBe('changed@example.com');
  });

  it('refuses invalid input before writing, and names a missing store through the other path', async () => {
    const { db } = database();
    const storeId = await storeWithKnownCustomer(db, 'Invalid');
    const invalid = [GROUP[1], incoming('o-7', { externalId: 'fresh-9' }, { currency: 'eur' })];
    await expect(recordOrderBatch(db, storeId, invalid)).rejects.toThrow(RegularsError);
    expect(await findCustomerByExternalId(db, storeId, 'fresh-1')).toBeNull();
    // The statement fails on the store's foreign key; the other path then says which store is missing.
    await expect(recordOrderBatch(db, 'sto_missing', [GROUP[1]])).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    const rows = await sql<{ n: number }>`select count(*) as n from orders where store_id = 'sto_missing'`.execute(db);
    expect(Number(rows.rows[0].n)).toBe(0);
  });
});

/** Resolves when a session of this database waits for a lock (PostgreSQL). */
async function waitingOnALock(db: Kysely<Database>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(
      db,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
