import { describe, expect, it } from 'vitest';
import { findStoreByApiKey } from '../../platform/stores/api-key.repository.js';
import {
  externalIdsOf,
  findCustomer,
  findCustomerByExternalId,
  lockCustomer,
  upsertCustomerByExternalId,
  upsertVersionedCustomer,
} from './customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

/** A real Shopify customer id: above 2^53, so a JSON number would round it to ...152. */
const SHOPIFY_ID = '820982911946154508';

describe.each(dialects)('customers on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('round-trips a Shopify id above 2^53 exactly', async () => {
    const { db } = database();
    expect(Number(SHOPIFY_ID).toString()).not.toBe(SHOPIFY_ID);
    const { store } = await createStore(db, { name: 'Big Ids' });
    const customer = await upsertCustomerByExternalId(db, store.id, {
      externalId: SHOPIFY_ID,
      email: 'ada@example.com',
    });
    expect(customer.externalId).toBe(SHOPIFY_ID);
    expect((await findCustomer(db, store.id, customer.id))?.externalId).toBe(SHOPIFY_ID);
    expect((await findCustomerByExternalId(db, store.id, SHOPIFY_ID))?.id).toBe(customer.id);
  });

  it('keeps the latest source version of a profile: an older one is stale, an unversioned one applies', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Versions' });
    const v2 = await upsertVersionedCustomer(db, store.id, {
      externalId: 'c-v',
      email: 'v2@example.com',
      sourceUpdatedAt: '2024-03-02T10:00:00+01:00',
    });
    expect(v2.outcome).toBe('created');
    const v1 = await upsertVersionedCustomer(db, store.id, {
      externalId: 'c-v',
      email: 'v1@example.com',
      sourceUpdatedAt: '2024-03-02T08:59:59Z',
    });
    expect(v1).toMatchObject({ outcome: 'stale', customer: { id: v2.customer.id, email: 'v2@example.com' } });
    const same = await upsertVersionedCustomer(db, store.id, {
      externalId: 'c-v',
      firstName: 'Ada',
      sourceUpdatedAt: '2024-03-02T09:00:00Z',
    });
    expect(same).toMatchObject({ outcome: 'updated', customer: { email: 'v2@example.com', firstName: 'Ada' } });
    // The REST API carries no version: it applies, and the stored version stays for the next payload.
    const rest = await upsertVersionedCustomer(db, store.id, { externalId: 'c-v', email: 'rest@example.com' });
    expect(rest).toMatchObject({ outcome: 'updated', customer: { email: 'rest@example.com' } });
    const late = await upsertVersionedCustomer(db, store.id, {
      externalId: 'c-v',
      email: 'late@example.com',
      sourceUpdatedAt: '2024-03-02T08:00:00Z',
    });
    expect(late.outcome).toBe('stale');
    const row = await db
      .selectFrom('customers')
      .select(['email', 'source_updated_at'])
      .where('store_id', '=', store.id)
      .where('external_id', '=', 'c-v')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: 'rest@example.com', source_updated_at: '2024-03-02T09:00:00.000Z' });
  });

  it('ends at the newest of 10 concurrent versioned upserts, in any order', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Concurrent versions' });
    const versions = [3, 9, 0, 7, 1, 8, 2, 6, 4, 5];
    await Promise.all(
      versions.map((v) =>
        upsertVersionedCustomer(db, store.id, {
          externalId: 'c-race',
          email: `v${v}@example.com`,
          sourceUpdatedAt: `2024-03-02T10:0${v}:00Z`,
        }),
      ),
    );
    expect((await findCustomerByExternalId(db, store.id, 'c-race'))?.email).toBe('v9@example.com');
  });

  it('upserts by external id: one customer, fields given are set, fields left out are kept', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Profiles' });
    const created = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'c-1',
      email: 'ada@example.com',
      firstName: 'Ada',
      birthday: '1990-12-10',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      tags: ['vip', 'wholesale'],
      attributes: { source: 'pos', visits: 3 },
    });
    expect(created.id).toMatch(/^cus_/);
    const updated = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'c-1',
      phone: '+441234567890',
      firstName: null,
    });
    expect(updated).toMatchObject({
      id: created.id,
      email: 'ada@example.com',
      phone: '+441234567890',
      firstName: null,
      birthday: '1990-12-10',
      tags: ['vip', 'wholesale'],
      attributes: { source: 'pos', visits: 3 },
      createdAt: created.createdAt,
    });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
    await expect(
      upsertCustomerByExternalId(db, store.id, { externalId: 'c-2', birthday: '10/12/1990' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(upsertCustomerByExternalId(db, 'sto_nope', { externalId: 'c-1' })).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
  });

  it("keeps stores apart: store A's key cannot read store B's customer, and external ids are per store", async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    const ofB = await upsertCustomerByExternalId(db, b.store.id, { externalId: 'same-id', email: 'b@example.com' });
    const ofA = await upsertCustomerByExternalId(db, a.store.id, { externalId: 'same-id', email: 'a@example.com' });
    expect(ofA.id).not.toBe(ofB.id);

    const authenticated = await findStoreByApiKey(db, a.apiKey.plaintext);
    expect(authenticated?.store.id).toBe(a.store.id);
    expect(await findCustomer(db, authenticated!.store.id, ofB.id)).toBeNull();
    expect((await findCustomerByExternalId(db, authenticated!.store.id, 'same-id'))?.email).toBe('a@example.com');
    expect((await findCustomer(db, b.store.id, ofB.id))?.email).toBe('b@example.com');
  });

  it("locks and resolves only the store's own customers", async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    const ofA = await upsertCustomerByExternalId(db, a.store.id, { externalId: 'a-1' });
    const ofB = await upsertCustomerByExternalId(db, b.store.id, { externalId: 'b-1' });
    expect(await lockCustomer(db, a.store.id, ofA.id)).toBe(true);
    expect(await lockCustomer(db, a.store.id, ofB.id)).toBe(false);
    // The lock writes nothing: the row keeps its updated_at.
    expect((await findCustomer(db, a.store.id, ofA.id))?.updatedAt).toBe(ofA.updatedAt);
    expect(await externalIdsOf(db, a.store.id, [ofA.id, ofB.id, 'cus_nobody'])).toEqual(new Map([[ofA.id, 'a-1']]));
    expect(await externalIdsOf(db, a.store.id, [])).toEqual(new Map());
  });
});
