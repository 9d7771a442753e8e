import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PreparedQuery, PreparedRows, preparedStatementName } from './prepared-query.js';
import { upsertCustomerByExternalId } from '../../features/customers/customer.repository.js';
import { createStore } from '../stores/store.repository.js';
import type { CustomerRow } from '../../features/customers/customer.table.js';
import type { ProductRow } from '../../features/products/product.table.js';
import { inTransaction } from './transaction.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const BY_EMAIL_PREFIX = new PreparedQuery<CustomerRow, { storeId: string; from: string; limit: number }>((db, param) =>
  db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('email', '>=', param('from'))
    .orderBy('email')
    .limit(param('limit')),
);

type ProductRowInput = Pick<ProductRow, 'store_id' | 'id' | 'sku' | 'title' | 'price_minor'>;

/** A multi-row upsert of products, its conflict clause included: the shape of the writers' statements. */
const PRODUCTS_UPSERT = new PreparedRows<ProductRowInput, { sku: string }>(
  ['store_id', 'id', 'sku', 'title', 'price_minor'],
  (db, rows) =>
    db
      .insertInto('products')
      .values(
        rows.map((row) => ({
          ...row,
          category: null,
          replenishment_days: null,
          complements: '[]',
          upgrade_to: null,
          currency: 'EUR',
        })),
      )
      .onConflict((oc) => oc.columns(['store_id', 'sku']).doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })))
      .returning(['sku']),
);

describe.each(dialects)('prepared queries on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('runs one compiled query with new values each time, on the database and inside a transaction', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Prepared' });
    const other = await createStore(db, { name: 'Other' });
    for (const name of ['ada', 'bob', 'cy', 'dee'])
      await upsertCustomerByExternalId(db, store.id, { externalId: name, email: `${name}@example.com` });
    await upsertCustomerByExternalId(db, other.store.id, { externalId: 'eve', email: 'eve@example.com' });

    const emails = async (from: string, limit: number) =>
      (await BY_EMAIL_PREFIX.execute(db, { storeId: store.id, from, limit })).map((row) => row.email);
    expect(await emails('a', 10)).toEqual(['ada@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com']);
    expect(await emails('c', 1)).toEqual(['cy@example.com']);
    expect(await BY_EMAIL_PREFIX.execute(db, { storeId: other.store.id, from: 'a', limit: 10 })).toHaveLength(1);
    const inside = await inTransaction(db, (trx) =>
      BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'b', limit: 2 }),
    );
    expect(inside.map((row) => row.external_id)).toEqual(['bob', 'cy']);
  });

  // PostgreSQL's own: SQLite keeps statements prepared by their text (database.ts), with no name to see.
  if (dialect !== 'sqlite') {
    it('is kept prepared by PostgreSQL under its name, and ad-hoc queries are not', async () => {
      const { db } = database();
      const { store } = await createStore(db, { name: 'Named' });
      const names = await inTransaction(db, async (trx) => {
        // One transaction is one connection: the statement is prepared on it and listed there.
        await BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'a', limit: 1 });
        await BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'b', limit: 1 });
        const listed = await sql<{
          name: string;
          statement: string;
        }>`select name, statement from pg_prepared_statements`.execute(trx);
        return listed.rows;
      });
      const prepared = names.filter((row) => row.statement.includes('"email" >='));
      expect(prepared).toHaveLength(1);
      expect(prepared[0].name).toBe(preparedStatementName(prepared[0].statement));
      expect(names.some((row) => row.statement.includes('pg_prepared_statements'))).toBe(false);
    });
  }

  it("runs a multi-row statement compiled once per row count, with each call's rows", async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Rows' });
    const product = (sku: string, title: string, price: number): ProductRowInput => ({
      store_id: store.id,
      id: `prd_${sku}`,
      sku,
      title,
      price_minor: price,
    });
    expect(await PRODUCTS_UPSERT.execute(db, [product('a', 'Apple', 100), product('b', 'Bean', 200)])).toHaveLength(2);
    expect(await PRODUCTS_UPSERT.execute(db, [product('c', 'Cup', 300)])).toEqual([{ sku: 'c' }]);
    expect(await PRODUCTS_UPSERT.execute(db, [])).toEqual([]);
    // The same row count again, inside a transaction, with other values: an update by the conflict clause.
    await inTransaction(db, (trx) =>
      PRODUCTS_UPSERT.execute(trx, [product('a', 'Apricot', 999), product('d', 'Dish', 400)]),
    );
    const stored = await db
      .selectFrom('products')
      .select(['sku', 'title', 'price_minor'])
      .where('store_id', '=', store.id)
      .orderBy('sku')
      .execute();
    expect(stored).toEqual([
      { sku: 'a', title: 'Apricot', price_minor: 100 },
      { sku: 'b', title: 'Bean', price_minor: 200 },
      { sku: 'c', title: 'Cup', price_minor: 300 },
      { sku: 'd', title: 'Dish', price_minor: 400 },
    ]);
    await expect(
      PRODUCTS_UPSERT.execute(db, [{ store_id: store.id, id: 'prd_e', sku: 'e', title: 'Egg' } as ProductRowInput]),
    ).rejects.toThrow(/row 0 has no value for column price_minor/);
  });

  it('refuses to run without a value for every parameter', async () => {
    const { db } = database();
    await expect(BY_EMAIL_PREFIX.execute(db, { storeId: 'sto_x', from: 'a' } as never)).rejects.toThrow(
      /parameter limit was not given/,
    );
  });
});
