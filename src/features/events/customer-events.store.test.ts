import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CustomerEventInput } from './customer-event.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents, recordCustomerEvent } from './customer-event.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function event(overrides: Partial<CustomerEventInput> = {}): CustomerEventInput {
  return {
    kind: 'product_viewed',
    occurredAt: '2024-03-01T10:00:00+01:00',
    payload: { sku: 'BEANS-1KG' },
    ...overrides,
  };
}

async function storeWithCustomer(db: Kysely<Database>, name: string) {
  const { store } = await createStore(db, { name });
  const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1' });
  return { storeId: store.id, customerId: customer.id };
}

describe.each(dialects)('customer events on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('records an event with its payload and occurredAt as the UTC instant', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Events');
    const cart = { lines: [{ sku: 'BEANS-1KG', quantity: 2 }], totalMinor: 5_000, currency: 'EUR' };
    const recorded = await recordCustomerEvent(db, storeId, customerId, event({ kind: 'cart_updated', payload: cart }));
    expect(recorded).toEqual({
      id: recorded.id,
      storeId,
      customerId,
      kind: 'cart_updated',
      occurredAt: '2024-03-01T09:00:00.000Z',
      payload: cart,
    });
    expect(recorded.id).toMatch(/^evt_/);
    expect(await listCustomerEvents(db, storeId, customerId, { limit: 10 })).toEqual([recorded]);

    await expect(
      recordCustomerEvent(db, storeId, customerId, event({ kind: 'page_turned' as never })),
    ).rejects.toMatchObject({ details: { field: 'kind' } });
    await expect(
      recordCustomerEvent(db, storeId, customerId, event({ occurredAt: '2024-03-01T10:00:00' })),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'occurredAt' },
    });
    await expect(recordCustomerEvent(db, storeId, customerId, event({ payload: [] as never }))).rejects.toMatchObject({
      details: { field: 'payload' },
    });
  });

  it('lists the latest events first, by instant whatever the offsets, up to a limit and an as-of instant', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Order');
    // 09:30Z, 10:00Z, 08:00Z: the text order of the given times is not their time order.
    const a = await recordCustomerEvent(db, storeId, customerId, event({ occurredAt: '2024-03-01T10:30:00+01:00' }));
    const b = await recordCustomerEvent(
      db,
      storeId,
      customerId,
      event({ occurredAt: '2024-03-01T05:00:00-05:00', kind: 'checkout_started' }),
    );
    const c = await recordCustomerEvent(
      db,
      storeId,
      customerId,
      event({ occurredAt: '2024-03-01T08:00:00Z', kind: 'email_opened' }),
    );
    // Same instant as b: the one recorded later comes first.
    const d = await recordCustomerEvent(
      db,
      storeId,
      customerId,
      event({ occurredAt: '2024-03-01T10:00:00Z', kind: 'custom', payload: { name: 'quiz' } }),
    );
    expect(await listCustomerEvents(db, storeId, customerId, { limit: 10 })).toEqual([d, b, a, c]);
    expect(await listCustomerEvents(db, storeId, customerId, { limit: 2 })).toEqual([d, b]);
    expect(await listCustomerEvents(db, storeId, customerId, { limit: 10, asOf: '2024-03-01T10:45:00+01:00' })).toEqual(
      [a, c],
    );
    await expect(listCustomerEvents(db, storeId, customerId, { limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/limit' },
    });
  });

  it("refuses an unknown or another store's customer, and lists a customer's events to its store only", async () => {
    const { db } = database();
    const a = await storeWithCustomer(db, 'A');
    const b = await storeWithCustomer(db, 'B');
    await expect(recordCustomerEvent(db, a.storeId, 'cus_nope', event())).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await expect(recordCustomerEvent(db, a.storeId, b.customerId, event())).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await recordCustomerEvent(db, b.storeId, b.customerId, event());
    expect(await listCustomerEvents(db, a.storeId, b.customerId, { limit: 10 })).toEqual([]);
    expect(await listCustomerEvents(db, b.storeId, b.customerId, { limit: 10 })).toHaveLength(1);
  });
});
