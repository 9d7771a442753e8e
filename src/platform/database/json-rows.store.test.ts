import { describe, expect, it } from 'vitest';
import { isLooseObject, looseObject } from '../http/common.schema.js';
import { jsonRows, parseJsonColumn } from './json-rows.js';
import { allColumns } from './all-columns.js';
import { recordCustomerEvent } from '../../features/events/customer-event.repository.js';
import { upsertCustomerByExternalId } from '../../features/customers/customer.repository.js';
import { createStore } from '../stores/store.repository.js';
import { CUSTOMER_EVENT_COLUMNS, type CustomerEventRow } from '../../features/events/customer-event.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

describe.each(dialects)('JSON rows on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('reads whole rows of several subqueries in one statement, exactly as the table holds them', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Json' });
    const ada = await upsertCustomerByExternalId(db, store.id, {
      externalId: '820982911946154508',
      email: 'ada@example.com',
      tags: ['vip', 'ü "quoted"'],
    });
    const bob = await upsertCustomerByExternalId(db, store.id, { externalId: 'bob' });
    for (const [i, at] of ['2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z'].entries()) {
      await recordCustomerEvent(db, store.id, ada.id, {
        kind: 'custom',
        occurredAt: at,
        payload: { n: i, big: 9_007_199_254_740_991, text: 'line\nbreak' },
      });
    }
    const json = jsonRows(db);
    const events = (customerId: string) =>
      db
        .selectFrom('customer_events')
        .select(CUSTOMER_EVENT_COLUMNS)
        .where('store_id', '=', store.id)
        .where('customer_id', '=', customerId)
        .orderBy('occurred_at', 'desc');
    const row = await db
      .selectNoFrom([
        json
          .objectFrom(
            db
              .selectFrom('customers')
              .select(['id', 'external_id', 'tags'])
              .where('store_id', '=', store.id)
              .where('id', '=', ada.id),
          )
          .as('ada'),
        json
          .objectFrom(
            db.selectFrom('customers').select(['id']).where('store_id', '=', store.id).where('id', '=', 'cus_nobody'),
          )
          .as('nobody'),
        json.arrayFrom(events(ada.id)).as('adaEvents'),
        json.arrayFrom(events(bob.id)).as('bobEvents'),
      ])
      .executeTakeFirstOrThrow();

    expect(parseJsonColumn(row.ada)).toEqual({
      id: ada.id,
      external_id: '820982911946154508',
      tags: '["vip","ü \\"quoted\\""]',
    });
    expect(parseJsonColumn(row.nobody)).toBeNull();
    expect(parseJsonColumn(row.bobEvents)).toEqual([]);
    const adaEvents = parseJsonColumn(row.adaEvents) as CustomerEventRow[];
    const direct = await events(ada.id).execute();
    // The same rows, values and types as read directly (the order is the caller's to restore).
    expect([...adaEvents].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...direct].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(JSON.parse(adaEvents.find((e) => e.occurred_at === '2024-01-01T00:00:00.000Z')!.payload)).toEqual({
      n: 1,
      big: 9_007_199_254_740_991,
      text: 'line\nbreak',
    });
  });
});

describe('column lists', () => {
  it('must name every column of the row type', () => {
    // @ts-expect-error -- 'payload' is missing, so the list is refused at compile time.
    const partial = allColumns<CustomerEventRow>()('store_id', 'id', 'customer_id', 'kind', 'occurred_at');
    expect(partial).toHaveLength(5);
    expect(CUSTOMER_EVENT_COLUMNS).toHaveLength(6);
  });
});

describe('loose response schemas', () => {
  it('are recognised only in their exact shape, so a described response keeps fast-json-stringify', () => {
    expect(isLooseObject(looseObject)).toBe(true);
    expect(isLooseObject({ ...looseObject, description: 'anything' })).toBe(true);
    expect(isLooseObject({ type: 'object', additionalProperties: true, properties: { id: { type: 'string' } } })).toBe(
      false,
    );
    expect(isLooseObject({ type: 'object', additionalProperties: true, required: ['id'] })).toBe(false);
    expect(isLooseObject({ type: 'object' })).toBe(false);
    expect(isLooseObject({ type: 'array', items: looseObject })).toBe(false);
    expect(isLooseObject(undefined)).toBe(false);
  });
});
