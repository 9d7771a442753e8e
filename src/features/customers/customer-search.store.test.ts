import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerInput } from './customer.js';
import { searchCustomers } from './customer-search.query.js';
import { upsertCustomerByExternalId } from './customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const PEOPLE: CustomerInput[] = [
  {
    externalId: '820982911946154508',
    email: 'Ada.Lovelace@Example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phone: '+441234567890',
  },
  { externalId: 'c-2', email: 'adam@example.com', firstName: 'Adam', lastName: 'Smith' },
  { externalId: 'c-3', email: 'grace@navy.example', firstName: 'Grace', lastName: 'Hopper', phone: '+15550001' },
  { externalId: 'c-4', email: 'emile@example.fr', firstName: 'Émile', lastName: 'Zola' },
  { externalId: 'c-5', email: '100%_real@example.com', firstName: 'Percy', lastName: 'Under_score' },
  { externalId: 'c-6', email: '100xxreal@example.com', firstName: 'Wild', lastName: 'Underxscore' },
  { externalId: 'ada', email: null, firstName: null, lastName: null },
];

describe.each(dialects)('customer search on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let storeId = '';
  const ids = new Map<string, string>();

  async function names(query: string): Promise<string[]> {
    const { customers } = await searchCustomers(database().db, storeId, { query, limit: 100 });
    return customers.map((c) => c.externalId);
  }

  beforeAll(async () => {
    const { db } = database();
    storeId = (await createStore(db, { name: 'Search' })).store.id;
    for (const person of PEOPLE) ids.set(person.externalId, (await upsertCustomerByExternalId(db, storeId, person)).id);
    // Another store's customers never show.
    const other = (await createStore(db, { name: 'Other' })).store.id;
    await upsertCustomerByExternalId(db, other, { externalId: 'c-2', email: 'ada@other.example', firstName: 'Ada' });
  });

  it('matches external ids exactly, emails and names by prefix ignoring case, phones exactly; in id order', async () => {
    expect(await names('820982911946154508')).toEqual(['820982911946154508']);
    expect(await names('82098291194615450')).toEqual([]);
    // 'ada' is an external id, an email prefix and a first-name prefix (Adam too): id order.
    expect(await names('ada')).toEqual(['820982911946154508', 'c-2', 'ada']);
    expect(await names('ADA.LOVELACE@example.COM')).toEqual(['820982911946154508']);
    expect(await names('  gRaCe@  ')).toEqual(['c-3']);
    expect(await names('hop')).toEqual(['c-3']);
    expect(await names('+15550001')).toEqual(['c-3']);
    expect(await names('+1555')).toEqual([]);
    expect(await names('Ada Love')).toEqual(['820982911946154508']);
    expect(await names('ada smi')).toEqual(['c-2']);
    expect(await names('Ada Hopper')).toEqual([]);
    expect(await names('nobody')).toEqual([]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect(await names('100%')).toEqual(['c-5']);
    expect(await names('100%_')).toEqual(['c-5']);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
    expect(await names('under_')).toEqual(['c-5']);
    expect(await names('\\')).toEqual([]);
  });

  it('folds only A-Z, alike on both dialects', async () => {
    expect(await names('Émile')).toEqual(['c-4']);
    // É is not folded, MILE is: É + mile matches.
    expect(await names('ÉMILE')).toEqual(['c-4']);
    expect(await names('émile')).toEqual([]);
    expect(await names('zOLA')).toEqual(['c-4']);
  });

  it('lists every customer of the store without a query, exactly once across pages, while customers are added', async () => {
    const { db } = database();
    const all = (await searchCustomers(db, storeId, { limit: 100 })).customers.map((c) => c.id);
    expect(all).toEqual([...ids.values()]);
    expect((await searchCustomers(db, storeId, { query: '   ', limit: 100 })).customers).toHaveLength(PEOPLE.length);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof searchCustomers>> = await searchCustomers(db, storeId, {
        limit: 2,
        cursor,
      });
      seen.push(...page.customers.map((c) => c.id));
      cursor = page.nextCursor;
      if (pages++ === 0)
        all.push((await upsertCustomerByExternalId(db, storeId, { externalId: 'late', email: 'late@example.com' })).id);
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(4);

    // A query pages the same way: its matches, each once.
    const matches: string[] = [];
    cursor = null;
    do {
      const page: Awaited<ReturnType<typeof searchCustomers>> = await searchCustomers(db, storeId, {
        query: 'ada',
        limit: 1,
        cursor,
      });
      matches.push(...page.customers.map((c) => c.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(matches).toEqual(['820982911946154508', 'c-2', 'ada']);
  });

  it('refuses a cursor it did not make and a limit out of range', async () => {
    const { db } = database();
    const productCursor = Buffer.from('prd_01m81bct3tvmsnpk6vgqjn6r8k').toString('base64url');
    for (const cursor of ['garbage', productCursor, `${Buffer.from([...ids.values()][0]).toString('base64url')}!`]) {
      await expect(searchCustomers(db, storeId, { limit: 5, cursor })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { path: '/cursor' },
      });
    }
    await expect(searchCustomers(db, storeId, { limit: 1001 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/limit' },
    });
  });

  it("never shows another store's customers", async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Empty' });
    expect(await searchCustomers(db, store.id, { query: 'ada', limit: 10 })).toEqual({
      customers: [],
      nextCursor: null,
    });
    expect(
      await searchCustomers(db, store.id, {
        limit: 10,
        cursor: Buffer.from([...ids.values()][0]).toString('base64url'),
      }),
    ).toEqual({
      customers: [],
      nextCursor: null,
    });
  });
});
