import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findCustomer, findCustomerByExternalId, upsertCustomerByExternalId } from './customer.repository.js';
import { identitiesOf } from './customer-identity.repository.js';
import { CUSTOMER_COLUMNS_MERGED } from './customer-merge.repository.js';
import { listCustomerMerges, mergeCustomers } from './merge-customers.service.js';
import { recordConsent, currentConsent } from '../consent/index.js';
import { postPoints } from '../loyalty/index.js';
import { upsertOrderByExternalId } from '../orders/index.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { RegularsError } from '../../platform/errors.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

const AT = '2024-03-01T10:00:00Z';

async function order(db: Kysely<Database>, storeId: string, customerId: string, externalId: string) {
  return upsertOrderByExternalId(db, storeId, {
    externalId,
    customerId,
    orderedAt: AT,
    orderDay: 19783,
    currency: 'USD',
    subtotalMinor: 1000,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: 1000,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [],
  });
}

function entry(points: number, sourceKey: string) {
  return { kind: 'adjust' as const, points, sourceKey, reason: 'test', postedAt: AT, availableAt: AT };
}

describe('CUSTOMER_COLUMNS_MERGED', () => {
  it('names every column of the schema that refers to a customer', () => {
    const schema = readFileSync(join(import.meta.dirname, '../../platform/database/schema.sql'), 'utf8');
    const columns: string[] = [];
    for (const [, table, body] of schema.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) {
      for (const [, column] of body.matchAll(/^\s+(\w*customer_id)\s/gm)) columns.push(`${table}.${column}`);
    }
    const handled = CUSTOMER_COLUMNS_MERGED.map((c) => `${c.table}.${c.column}`);
    expect(columns.length).toBeGreaterThan(15);
    expect([...columns].sort()).toEqual([...handled].sort());
  });
});

describe.each(dialects)('one person, several source ids, on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('a webhook customer with the email of an imported one updates it and keeps both ids', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Match' });
    // As `regulars import` keys a Shopify export's customer: by the email, lower-cased.
    const imported = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'ada@example.com',
      email: 'ada@example.com',
    });
    const hooked = await upsertCustomerByExternalId(db, store.id, {
      externalId: '820982911946154508',
      email: '  Ada@Example.COM ',
      firstName: 'Ada',
    });
    expect(hooked.id).toBe(imported.id);
    expect(hooked.firstName).toBe('Ada');
    expect((await findCustomerByExternalId(db, store.id, '820982911946154508'))?.id).toBe(imported.id);
    expect((await identitiesOf(db, store.id, imported.id)).map((i) => [i.externalId, i.matchedBy])).toEqual([
      ['ada@example.com', 'own'],
      ['820982911946154508', 'email'],
    ]);
    const [{ n }] = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', store.id)
      .execute();
    expect(Number(n)).toBe(1);
    // The next delivery finds it by the attached id, and another store is never matched.
    expect(
      (await upsertCustomerByExternalId(db, store.id, { externalId: '820982911946154508', lastName: 'L' })).id,
    ).toBe(imported.id);
    const other = await createStore(db, { name: 'Other' });
    const elsewhere = await upsertCustomerByExternalId(db, other.store.id, {
      externalId: '1',
      email: 'ada@example.com',
    });
    expect(elsewhere.id).not.toBe(imported.id);
  });

  it('matches by phone, written differently, unless the stored customer has another email', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Phones' });
    const pos = await upsertCustomerByExternalId(db, store.id, {
      externalId: '+16135550100',
      phone: '+1 (613) 555-0100',
    });
    const hooked = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'shop-7',
      email: 'bo@example.com',
      phone: '+1 613 555 0100',
    });
    expect(hooked.id).toBe(pos.id);
    expect(hooked.email).toBe('bo@example.com');
    // Same phone, another email: a household sharing a phone is two people.
    const partner = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'shop-8',
      email: 'cy@example.com',
      phone: '0016135550100',
    });
    expect(partner.id).not.toBe(pos.id);
  });

  it('merges one customer into another: every row moves, points stay the sum of the ledger, the audit keeps it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Merge' });
    const keep = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'k',
      email: 'k@example.com',
      tags: ['vip'],
    });
    const gone = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'g',
      phone: '+4930123456',
      firstName: 'Gus',
      tags: ['pos'],
    });
    await order(db, store.id, keep.id, 'o-1');
    await order(db, store.id, gone.id, 'o-2');
    await order(db, store.id, gone.id, 'o-3');
    await recordConsent(db, store.id, gone.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'import',
      recordedAt: AT,
      ip: null,
      doubleOptInAt: null,
    });
    await postPoints(db, store.id, keep.id, entry(100, 'signup'));
    await postPoints(db, store.id, gone.id, entry(40, 'signup'));
    await postPoints(db, store.id, gone.id, entry(5, 'review'));

    const dry = await mergeCustomers(db, { storeId: store.id, into: 'k', from: gone.id, actor: 'test', dryRun: true });
    expect(dry).toMatchObject({ id: null, dryRun: true, moved: { orders: 2, consent_records: 1, loyalty_ledger: 2 } });
    expect(await findCustomer(db, store.id, gone.id)).not.toBeNull();
    expect(await listCustomerMerges(db, store.id)).toEqual([]);

    const merge = await mergeCustomers(db, { storeId: store.id, into: 'k', from: 'g', actor: 'cli:ops' });
    expect(merge.id).toMatch(/^mrg_/);
    expect(merge.moved).toMatchObject({ orders: 2, consent_records: 1, loyalty_ledger: 2, customer_identities: 1 });
    expect(await findCustomer(db, store.id, gone.id)).toBeNull();
    // Nothing names the removed customer any more.
    for (const { table, column } of CUSTOMER_COLUMNS_MERGED) {
      if (table === 'customer_merges') continue;
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
        where store_id = ${store.id} and ${sql.ref(column)} = ${gone.id}`.execute(db);
      expect([table, column, Number(rows[0].n)]).toEqual([table, column, 0]);
    }
    const orders = await db.selectFrom('orders').select('customer_id').where('store_id', '=', store.id).execute();
    expect(orders.map((o) => o.customer_id)).toEqual([keep.id, keep.id, keep.id]);
    // Both 'signup' entries survive (the second renamed), and the balance is their sum.
    const ledger = await db
      .selectFrom('loyalty_ledger')
      .select(['points', 'source_key'])
      .where('store_id', '=', store.id)
      .where('customer_id', '=', keep.id)
      .execute();
    expect(ledger.reduce((s, e) => s + e.points, 0)).toBe(145);
    expect(new Set(ledger.map((e) => e.source_key)).size).toBe(3);
    const balance = await db
      .selectFrom('loyalty_balances')
      .select('points_total')
      .where('store_id', '=', store.id)
      .where('customer_id', '=', keep.id)
      .executeTakeFirstOrThrow();
    expect(Number(balance.points_total)).toBe(145);
    expect((await currentConsent(db, store.id, keep.id)).map((c) => c.status)).toEqual(['granted']);
    // Profile: the kept values win, the removed one's fill the gaps; both source ids name the kept customer.
    const kept = await findCustomer(db, store.id, keep.id);
    expect(kept).toMatchObject({
      email: 'k@example.com',
      phone: '+4930123456',
      firstName: 'Gus',
      tags: ['vip', 'pos'],
    });
    expect((await findCustomerByExternalId(db, store.id, 'g'))?.id).toBe(keep.id);
    expect(await listCustomerMerges(db, store.id)).toEqual([
      expect.objectContaining({
        id: merge.id,
        intoCustomerId: keep.id,
        fromCustomerId: gone.id,
        fromExternalId: 'g',
        actor: 'cli:ops',
      }),
    ]);
    await expect(mergeCustomers(db, { storeId: store.id, into: 'k', from: 'g', actor: 'x' })).rejects.toMatchObject({
      code: 'CUSTOMER_MERGE_CONFLICT',
    });
    await expect(
      mergeCustomers(db, { storeId: store.id, into: 'k', from: 'nobody', actor: 'x' }),
    ).rejects.toBeInstanceOf(RegularsError);
  });
});
