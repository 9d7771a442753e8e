import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PreparedQuery, preparedStatementName } from '../../src/store/prepared-query.js';
import { upsertCustomerByExternalId } from '../../src/store/repositories/customer.repository.js';
import { createStore } from '../../src/store/repositories/store.repository.js';
import type { CustomerRow } from '../../src/store/tables/customer.table.js';
import { inTransaction } from '../../src/store/transaction.js';
import { dialects, useTestDatabase } from '../support/test-database.js';

const BY_EMAIL_PREFIX = new PreparedQuery<CustomerRow, { storeId: string; from: string; limit: number }>((db, param) =>
  db.selectFrom('customers').selectAll().where('store_id', '=', param('storeId')).where('email', '>=', param('from')).orderBy('email').limit(param('limit')),
);

describe.each(dialects)('prepared queries on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('runs one compiled query with new values each time, on the database and inside a transaction', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Prepared' });
    const other = await createStore(db, { name: 'Other' });
    for (const name of ['ada', 'bob', 'cy', 'dee']) await upsertCustomerByExternalId(db, store.id, { externalId: name, email: `${name}@example.com` });
    await upsertCustomerByExternalId(db, other.store.id, { externalId: 'eve', email: 'eve@example.com' });

    const emails = async (from: string, limit: number) => (await BY_EMAIL_PREFIX.execute(db, { storeId: store.id, from, limit })).map((row) => row.email);
    expect(await emails('a', 10)).toEqual(['ada@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com']);
    expect(await emails('c', 1)).toEqual(['cy@example.com']);
    expect(await BY_EMAIL_PREFIX.execute(db, { storeId: other.store.id, from: 'a', limit: 10 })).toHaveLength(1);
    const inside = await inTransaction(db, (trx) => BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'b', limit: 2 }));
    expect(inside.map((row) => row.external_id)).toEqual(['bob', 'cy']);
  });

  it.runIf(dialect === 'postgres')('is kept prepared by PostgreSQL under its name, and ad-hoc queries are not', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Named' });
    const names = await inTransaction(db, async (trx) => {
      // One transaction is one connection: the statement is prepared on it and listed there.
      await BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'a', limit: 1 });
      await BY_EMAIL_PREFIX.execute(trx, { storeId: store.id, from: 'b', limit: 1 });
      const listed = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      return listed.rows;
    });
    const prepared = names.filter((row) => row.statement.includes('"email" >='));
    expect(prepared).toHaveLength(1);
    expect(prepared[0].name).toBe(preparedStatementName(prepared[0].statement));
    expect(names.some((row) => row.statement.includes('pg_prepared_statements'))).toBe(false);
  });

  it('refuses to run without a value for every parameter', async () => {
    const { db } = database();
    await expect(BY_EMAIL_PREFIX.execute(db, { storeId: 'sto_x', from: 'a' } as never)).rejects.toThrow(/parameter limit was not given/);
  });
});
