import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../test/support/test-database.js';
import { dumpSchema } from './schema-dump.fixtures.js';

describe('migrations', () => {
  it('are listed in the order their names sort, as Kysely runs and checks them', () => {
    const names = MIGRATIONS.map(([name]) => name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });
});

/** Indexes that find a row before its store is known: a request's API key, session or sign-in email. */
const LOOKUP_INDEXES = [
  'api_keys_prefix',
  'staff_sessions_token',
  'staff_users_login',
  // Reference tables read before the store is known: an OAuth callback's state, a webhook's shop.
  'shopify_installations_shop',
  'shopify_oauth_states_state',
];

describe.each(dialects)('schema on %s', (dialect) => {
  const database = useTestDatabase(dialect, { migrate: false });

  it('migrates an empty database to the latest version, then has nothing left to do', async () => {
    const { db } = database();
    const first = await migrateToLatest(db, sqlDialect(dialect));
    expect(first.applied).toEqual(MIGRATIONS.map(([name]) => name));
    const second = await migrateToLatest(db, sqlDialect(dialect));
    expect(second.applied).toEqual([]);
    expect(second.total).toBe(MIGRATIONS.length);
  });

  // The committed dump is checked against both dialects' catalogs: it cannot drift from the
  // migrations, and the migrations cannot build different schemas on SQLite and PostgreSQL.
  it('matches src/platform/database/schema.sql', async () => {
    const { db } = database();
    await expect(await dumpSchema(db, dialect)).toMatchFileSnapshot('./schema.sql');
  });

  it('carries store_id in every table, first in every primary key', async () => {
    const { db } = database();
    const dump = await dumpSchema(db, dialect);
    const tables = [...dump.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)];
    // Every table of the schema, not a few: the dump lists exactly the tables Kysely is told about.
    const declared = readFileSync(join(import.meta.dirname, 'database.table.ts'), 'utf8');
    const known = [...declared.matchAll(/^ {2}(\w+): \w+Table;$/gm)].map((match) => match[1]);
    expect(tables.map(([, name]) => name).sort()).toEqual(known.sort());
    for (const [, name, body] of tables) {
      const pk = /PRIMARY KEY \(([^)]*)\)/.exec(body)![1];
      if (name === 'stores') expect(pk).toBe('id');
      else expect(pk.split(', ')[0], name).toBe('store_id');
    }
    for (const [, name, columns] of dump.matchAll(/INDEX (\w+) ON \w+ \(([^)]*)\)/g)) {
      if (!LOOKUP_INDEXES.includes(name)) expect(columns.split(', ')[0], name).toBe('store_id');
    }
  });

  it('refuses a migration the code does not know (a database migrated by a newer version)', async () => {
    const { db } = database();
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await expect(migrateToLatest(db, sqlDialect(dialect))).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(db);
  });
});
