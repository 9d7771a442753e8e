import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ConsentInput } from './consent.js';
import { currentConsent, listConsent } from './consent.repository.js';
import { recordConsent } from './record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function consent(overrides: Partial<ConsentInput> = {}): ConsentInput {
  return {
    channel: 'email',
    purpose: 'marketing',
    status: 'granted',
    source: 'checkout',
    recordedAt: '2024-03-01T10:00:00+01:00',
    ip: '203.0.113.7',
    doubleOptInAt: null,
    ...overrides,
  };
}

async function storeWithCustomer(db: Kysely<Database>, name: string) {
  const { store } = await createStore(db, { name });
  const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1', email: 'ada@example.com' });
  return { storeId: store.id, customerId: customer.id };
}

async function countRecords(db: Kysely<Database>, storeId: string): Promise<number> {
  const row = await db
    .selectFrom('consent_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(dialects)('consent on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('appends a record with recordedAt as the UTC instant, and lists the history oldest first', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'History');
    const granted = await recordConsent(
      db,
      storeId,
      customerId,
      consent({ doubleOptInAt: '2024-03-01T10:05:00+01:00' }),
    );
    expect(granted).toEqual({
      ...consent(),
      id: granted.id,
      storeId,
      customerId,
      recordedAt: '2024-03-01T09:00:00.000Z',
      doubleOptInAt: '2024-03-01T09:05:00.000Z',
    });
    expect(granted.id).toMatch(/^con_/);
    const sms = await recordConsent(
      db,
      storeId,
      customerId,
      consent({ channel: 'sms', recordedAt: '2024-02-01T00:00:00Z', ip: null }),
    );
    expect(await listConsent(db, storeId, customerId)).toEqual([sms, granted]);

    await expect(
      recordConsent(db, storeId, customerId, consent({ recordedAt: '2024-03-01 10:00:00' })),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'recordedAt' },
    });
    await expect(recordConsent(db, storeId, customerId, consent({ channel: 'fax' as never }))).rejects.toMatchObject({
      details: { field: 'channel' },
    });
    await expect(recordConsent(db, storeId, customerId, consent({ status: 'maybe' as never }))).rejects.toMatchObject({
      details: { field: 'status' },
    });
    await expect(recordConsent(db, storeId, customerId, consent({ purpose: ' ' }))).rejects.toMatchObject({
      details: { field: 'purpose' },
    });
  });

  it('never overwrites history: grant, revoke, grant again are three records, the first unchanged', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Append only');
    const first = await recordConsent(db, storeId, customerId, consent({ recordedAt: '2024-01-01T00:00:00Z' }));
    const revoked = await recordConsent(
      db,
      storeId,
      customerId,
      consent({ status: 'revoked', source: 'unsubscribe_link', recordedAt: '2024-02-01T00:00:00Z' }),
    );
    const again = await recordConsent(
      db,
      storeId,
      customerId,
      consent({ source: 'signup_form', recordedAt: '2024-03-01T00:00:00Z' }),
    );
    expect(new Set([first.id, revoked.id, again.id]).size).toBe(3);
    expect(await listConsent(db, storeId, customerId)).toEqual([first, revoked, again]);
    expect(await currentConsent(db, storeId, customerId)).toEqual([again]);
    // As of a past instant, the record then in effect.
    expect(await currentConsent(db, storeId, customerId, { asOf: '2024-02-15T00:00:00+00:00' })).toEqual([revoked]);
    expect(await currentConsent(db, storeId, customerId, { asOf: '2023-12-31T23:59:59Z' })).toEqual([]);
  });

  it('adds nothing for a status already in effect: redeliveries, even after later changes, are harmless', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Redelivery');
    const granted = await recordConsent(db, storeId, customerId, consent({ recordedAt: '2024-01-01T00:00:00Z' }));
    // The same status again later (every order says "accepts marketing"): the latest record is returned.
    expect(
      await recordConsent(db, storeId, customerId, consent({ recordedAt: '2024-01-05T00:00:00Z', source: 'shopify' })),
    ).toEqual(granted);
    const revoked = await recordConsent(
      db,
      storeId,
      customerId,
      consent({ status: 'revoked', recordedAt: '2024-02-01T00:00:00Z' }),
    );
    // The first webhook delivered once more, after the revocation: still nothing appended.
    expect(await recordConsent(db, storeId, customerId, consent({ recordedAt: '2024-01-01T00:00:00Z' }))).toEqual(
      granted,
    );
    expect(
      await recordConsent(db, storeId, customerId, consent({ status: 'revoked', recordedAt: '2024-02-01T00:00:00Z' })),
    ).toEqual(revoked);
    expect(await countRecords(db, storeId)).toBe(2);
    // Another purpose of the same channel is its own history.
    await recordConsent(
      db,
      storeId,
      customerId,
      consent({ purpose: 'transactional', recordedAt: '2024-02-02T00:00:00Z' }),
    );
    const current = await currentConsent(db, storeId, customerId);
    expect(current.map((r) => [r.channel, r.purpose, r.status])).toEqual([
      ['email', 'marketing', 'revoked'],
      ['email', 'transactional', 'granted'],
    ]);
  });

  it('records one row for 20 concurrent deliveries of the same consent', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Concurrent');
    // Five rounds: without the customer-row lock, PostgreSQL appends duplicates in some round
    // (one round alone interleaves too rarely to catch it).
    for (const purpose of ['a', 'b', 'c', 'd', 'e']) {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => recordConsent(db, storeId, customerId, consent({ purpose }))),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
    }
    expect(await countRecords(db, storeId)).toBe(5);
  });

  it("refuses an unknown customer and another store's customer, and shows a customer's consent to its store only", async () => {
    const { db } = database();
    const a = await storeWithCustomer(db, 'A');
    const b = await storeWithCustomer(db, 'B');
    await expect(recordConsent(db, a.storeId, 'cus_nope', consent())).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await expect(recordConsent(db, a.storeId, b.customerId, consent())).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await recordConsent(db, b.storeId, b.customerId, consent());
    expect(await listConsent(db, a.storeId, b.customerId)).toEqual([]);
    expect(await currentConsent(db, a.storeId, b.customerId)).toEqual([]);
    expect(await listConsent(db, b.storeId, b.customerId)).toHaveLength(1);
  });

  it("joins a caller's transaction: a failure later in it rolls the record back", async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Composed');
    await expect(
      db.transaction().execute(async (trx) => {
        await recordConsent(trx, storeId, customerId, consent());
        expect(await listConsent(trx, storeId, customerId)).toHaveLength(1);
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await countRecords(db, storeId)).toBe(0);
    await db.transaction().execute((trx) => recordConsent(trx, storeId, customerId, consent()));
    expect(await countRecords(db, storeId)).toBe(1);
  });
});
