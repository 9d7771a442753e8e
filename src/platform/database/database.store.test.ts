import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RegularsError } from '../errors.js';
import { DEFAULT_SQLITE_FILE, describeTarget, resolveDatabaseTarget } from './database.js';
import { openMigratedDatabase } from './migrate.js';
import { dialects, POSTGRES_ADMIN_URL } from '../../../test/support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<RegularsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegularsError);
  return error as RegularsError;
}

describe('choosing the database', () => {
  it('takes --db over DATABASE_URL, DATABASE_URL over the default file', () => {
    const url = 'postgres://app:secret@db.internal:5432/regulars';
    expect(resolveDatabaseTarget({ dbFile: 'shop.db', databaseUrl: url })).toEqual({ kind: 'sqlite', file: 'shop.db' });
    expect(resolveDatabaseTarget({ databaseUrl: url })).toEqual({ kind: 'postgres', url });
    expect(resolveDatabaseTarget({ databaseUrl: 'postgresql://localhost/x' }).kind).toBe('postgres');
    expect(resolveDatabaseTarget({})).toEqual({ kind: 'sqlite', file: DEFAULT_SQLITE_FILE });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => resolveDatabaseTarget({ databaseUrl: 'mysql://localhost/x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => resolveDatabaseTarget({ databaseUrl: 'not a url' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('names a target without its password', () => {
    expect(describeTarget({ kind: 'postgres', url: 'postgres://app:secret@db.internal:5432/regulars' })).toBe(
      'PostgreSQL postgres://app:***@db.internal:5432/regulars',
    );
    expect(describeTarget({ kind: 'sqlite', file: 'shop.db' })).toBe(`SQLite file ${resolve('shop.db')}`);
  });
});

describe('an unavailable database', () => {
  it('is DATABASE_UNAVAILABLE naming the SQLite file, for a missing folder or a file that is not a database', async () => {
    const missing = join(dir, 'no-such-folder', 'shop.db');
    const e1 = await failure(openMigratedDatabase({ kind: 'sqlite', file: missing }));
    expect(e1.code).toBe('DATABASE_UNAVAILABLE');
    expect(e1.message).toContain(missing);

    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'these are not the pages of a database, '.repeat(200));
    const e2 = await failure(openMigratedDatabase({ kind: 'sqlite', file: notDb }));
    expect(e2.code).toBe('DATABASE_UNAVAILABLE');
    expect(e2.message).toContain(notDb);
  });

  it.skipIf(!dialects.includes('postgres'))(
    'is DATABASE_UNAVAILABLE naming the PostgreSQL server, for an unknown database or a closed port',
    async () => {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = '/regulars_no_such_database';
      const e1 = await failure(openMigratedDatabase({ kind: 'postgres', url: url.toString() }));
      expect(e1.code).toBe('DATABASE_UNAVAILABLE');
      expect(e1.message).toContain('regulars_no_such_database');
      expect(e1.message).toMatch(/does not exist/);

      const closed = 'postgres://someone:hunter2@127.0.0.1:1/regulars';
      const e2 = await failure(openMigratedDatabase({ kind: 'postgres', url: closed }));
      expect(e2.code).toBe('DATABASE_UNAVAILABLE');
      expect(e2.message).toContain('127.0.0.1:1');
      expect(e2.message).toContain('ECONNREFUSED');
      expect(e2.message).not.toContain('hunter2');
    },
  );
});

describe('query planner statistics on SQLite', () => {
  it('are gathered when a connection opens and refreshed after the tables grow', async () => {
    const { openDatabase, refreshPlannerStatistics } = await import('./database.js');
    const { migrateToLatest } = await import('./migrate.js');
    const { sql } = await import('kysely');
    const file = join(dir, 'stats.db');
    const first = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(first, 'sqlite');
    await first
      .insertInto('stores')
      .values({ id: 'sto_stats', name: 'Stats', shopify_secret: null, created_at: '2026-01-01T00:00:00Z' } as never)
      .execute();
    const customers = Array.from({ length: 2000 }, (_, i) => ({
      store_id: 'sto_stats',
      id: `cus_s${i}`,
      external_id: `c${i}`,
      email: null,
      phone: null,
      first_name: null,
      last_name: null,
      birthday: null,
      time_zone: null,
      locale: null,
      tags: '[]',
      attributes: '{}',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
    for (let i = 0; i < customers.length; i += 200)
      await first
        .insertInto('customers')
        .values(customers.slice(i, i + 200))
        .execute();
    await refreshPlannerStatistics(first);
    const rows = await sql<{
      tbl: string;
      stat: string;
    }>`select tbl, stat from sqlite_stat1 where tbl = 'customers'`.execute(first);
    // The first number of each index's statistics is the table's row count.
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((r) => r.stat.startsWith('2000 '))).toBe(true);
    await first.destroy();
  });
});
