import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrate.js';
import type { Database } from '../../src/platform/database/database.table.js';

/** Every store test runs once per dialect (architecture.md habit 5): describe.each(dialects). */
export const dialects = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof dialects)[number];

/**
 * The PostgreSQL server the tests create their databases on: the one on this machine and in CI
 * (.ci/run starts it). REGULARS_TEST_POSTGRES_URL points elsewhere; its database is only used to
 * connect for CREATE/DROP DATABASE.
 */
export const POSTGRES_ADMIN_URL = process.env.REGULARS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly dialect: Dialect;
  readonly target: DatabaseTarget;
  readonly db: Kysely<Database>;
  destroy(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database: a SQLite file in a new temporary folder, or a new PostgreSQL database
 * (regulars_test_<random>) on the local server. destroy() closes it and deletes it.
 */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'regulars-store-'));
    target = { kind: 'sqlite', file: join(dir, 'test.db') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `regulars_test_${randomBytes(6).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    // FORCE (PostgreSQL 13+) ends connections a failed test may have left open.
    cleanup = async () => void (await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  }
  const db = openDatabase(target);
  if (options.migrate !== false) await migrateToLatest(db, dialect);
  return {
    dialect,
    target,
    db,
    async destroy() {
      await db.destroy();
      await cleanup();
    },
  };
}

/** A fresh database for the enclosing describe block, migrated, deleted after its tests. */
export function useTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, options);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  return () => {
    if (!database) throw new Error('the test database is made in beforeAll');
    return database;
  };
}
