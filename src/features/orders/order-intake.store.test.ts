import { describe, expect, it } from 'vitest';
import type { IncomingOrder } from './record-order.service.js';
import { createOrderIntake } from './order-intake.service.js';
import { createGroupCommitter } from '../../platform/database/group-commit.js';
import { findOrderByExternalId } from './order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

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
    const intake = createOrderIntake(createGroupCommitter(db, dialect), dialect === 'postgres' ? 4 : 1);
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

  it('fails only the order at fault when a batch cannot be written', async () => {
    const { db } = database();
    const store = (await createStore(db, { name: 'C', shopifySecret: null })).store.id;
    const intake = createOrderIntake(createGroupCommitter(db, dialect), 1);
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
