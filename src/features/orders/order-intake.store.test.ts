import { describe, expect, it } from 'vitest';
import type { IncomingOrder } from './record-order.service.js';
import { createOrderIntake } from './order-intake.service.js';
import { createGroupCommitter } from '../../platform/database/group-commit.js';
import { findOrderByExternalId } from './order.repository.js';
import { recordOrder } from './record-order.service.js';
import { findCustomerByExternalId } from '../customers/index.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../test/support/test-database.js';

function incoming(
  externalId: string,
  customer: string,
  overrides: Partial<IncomingOrder['order']> = {},
): IncomingOrder {
  return {
    customer: { externalId: customer },
    order: {
      externalId,
      orderedAt: '2024-03-01T10:00:00Z',
      orderDay: 19783,
      currency: 'EUR',
      subtotalMinor: 500,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 500,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      lines: [{ sku: 'A', title: 'A', category: null, quantity: 1, priceMinor: 500, totalMinor: 500 }],
      ...overrides,
    },
  };
}

describe.each(dialects)('order intake on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('writes concurrent orders of several stores together, each answered with its own outcome', async () => {
    const { db } = database();
    const a = (await createStore(db, { name: 'A', shopifySecret: null })).store.id;
    const b = (await createStore(db, { name: 'B', shopifySecret: null })).store.id;
    const intake = createOrderIntake(createGroupCommitter(db, sqlDialect(dialect)), dialect === 'sqlite' ? 1 : 4);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        intake.record(i % 2 ? a : b, incoming(`o-${i % 60}`, `c-${(i % 60) % 7}`, { totalMinor: 500 + (i % 60) })),
      ),
    );
    // Each store saw 60 deliveries of 30 orders: the first of each is created, its copy unchanged.
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(60);
    expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(60);
    for (const [i, r] of results.entries()) expect(r.externalId).toBe(`o-${i % 60}`);
    expect((await findOrderByExternalId(db, a, 'o-59'))?.totalMinor).toBe(559);
    expect(await findOrderByExternalId(db, a, 'o-58')).toBeNull();
  });

  /** Version v (1-10) of order o-1: its customer's email and the order's total name the version. */
  function version(v: number): IncomingOrder {
    const updatedAt = `2024-03-01T10:${String(v).padStart(2, '0')}:00.000Z`;
    const order = incoming('o-1', 'c-1', { totalMinor: 500 + v, sourceUpdatedAt: updatedAt });
    return { ...order, customer: { externalId: 'c-1', email: `v${v}@example.com`, sourceUpdatedAt: updatedAt } };
  }

  it('lets no stale version of an order change its customer, whatever order concurrent versions arrive in', async () => {
    const { db } = database();
    for (let round = 0; round < 5; round++) {
      const store = (await createStore(db, { name: `V${round}`, shopifySecret: null })).store.id;
      const intake = createOrderIntake(createGroupCommitter(db, sqlDialect(dialect)), dialect === 'sqlite' ? 1 : 4);
      const versions = Array.from({ length: 10 }, (_, i) => version(i + 1)).sort(() => Math.random() - 0.5);
      await Promise.all(versions.map((v) => intake.record(store, v)));
      expect((await findOrderByExternalId(db, store, 'o-1'))?.totalMinor).toBe(510);
      expect((await findCustomerByExternalId(db, store, 'c-1'))?.email).toBe('v10@example.com');
    }
  });

  it('answers stale for an older version recorded alone, and rolls back the customer fields it carried', async () => {
    const { db } = database();
    const store = (await createStore(db, { name: 'Single', shopifySecret: null })).store.id;
    expect((await recordOrder(db, store, version(7))).outcome).toBe('created');
    const stale = await recordOrder(db, store, version(3));
    expect(stale.outcome).toBe('stale');
    expect((await findCustomerByExternalId(db, store, 'c-1'))?.email).toBe('v7@example.com');
    expect((await findOrderByExternalId(db, store, 'o-1'))?.totalMinor).toBe(507);
    expect(stale.customerId).toBe((await findCustomerByExternalId(db, store, 'c-1'))?.id);
    // Customer fields without a version of their own are as old as their order: rolled back with it.
    const old = version(2);
    const unversioned = { ...old, customer: { externalId: 'c-1', email: 'unversioned@example.com' } };
    expect((await recordOrder(db, store, unversioned)).outcome).toBe('stale');
    expect((await findCustomerByExternalId(db, store, 'c-1'))?.email).toBe('v7@example.com');
  });

  it('fails only the order at fault when a batch cannot be written', async () => {
    const { db } = database();
    const store = (await createStore(db, { name: 'C', shopifySecret: null })).store.id;
    const intake = createOrderIntake(createGroupCommitter(db, sqlDialect(dialect)), 1);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        // The HTTP schema would refuse a lower-case currency; the store refuses it too.
        intake.record(store, incoming(`f-${i}`, 'c-1', i === 4 ? { currency: 'eur' } : {})),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      ...Array(5).fill('fulfilled'),
    ]);
    expect(await findOrderByExternalId(db, store, 'f-4')).toBeNull();
    expect(await findOrderByExternalId(db, store, 'f-9')).not.toBeNull();
  });
});
