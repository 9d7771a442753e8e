import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { acrossStores, distributionPlan, REFERENCE_TABLES } from './citus.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { createStore } from '../stores/store.repository.js';
import type { Database } from './database.table.js';
import {
  addCitus,
  citusWorkers,
  createCitusDatabase,
  dropCitusDatabase,
} from '../../../test/support/citus-databases.js';
import { RUN_DATABASE_PREFIX } from '../../../test/support/template-databases.js';
import { CITUS_ADMIN_URL, dialects, useTestDatabase } from '../../../test/support/test-database.js';

describe('the Citus placement plan', () => {
  const table = (name: string, storeKeyed = true, placed = false) => ({ name, storeKeyed, placed });

  it('distributes store-keyed tables, copies the global ones everywhere, and leaves Kysely and placed tables alone', () => {
    expect(
      distributionPlan([
        table('stores', false),
        table('api_keys'),
        table('customers'),
        table('orders'),
        table('job_leases', false),
        table('kysely_migration', false),
        table('old', true, true),
      ]),
    ).toEqual({ reference: ['stores', 'api_keys', 'job_leases'], distributed: ['customers', 'orders'] });
    expect(REFERENCE_TABLES).toEqual([
      'stores',
      'api_keys',
      'staff_users',
      'staff_sessions',
      'shopify_installations',
      'shopify_oauth_states',
    ]);
  });
});

interface Placement {
  table: string;
  kind: string;
  colocation: number;
}

async function placements(db: Kysely<Database>): Promise<Placement[]> {
  const { rows } = await sql<Placement>`
    select table_name::text as table, citus_table_type as kind, colocation_id as colocation
      from citus_tables order by 1`.execute(db);
  return rows;
}

async function workersWithShards(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ port: number }>`
    select distinct nodeport as port from citus_shards where citus_table_type = 'distributed' order by 1`.execute(db);
  return rows.map((r) => r.port);
}

describe.skipIf(!dialects.includes('citus'))('tables on Citus', () => {
  const database = useTestDatabase('citus');

  it('distributes every store-keyed table by store_id in one co-location group over both workers; stores, API keys and console staff are reference tables', async () => {
    const { db } = database();
    const placed = await placements(db);
    const { rows: tables } = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely%'`.execute(db);
    expect(placed.map((p) => p.table).sort()).toEqual(tables.map((t) => t.name).sort());
    expect(
      placed
        .filter((p) => p.kind === 'reference')
        .map((p) => p.table)
        .sort(),
    ).toEqual(['api_keys', 'shopify_installations', 'shopify_oauth_states', 'staff_sessions', 'staff_users', 'stores']);
    const distributed = placed.filter((p) => p.kind === 'distributed');
    expect(distributed.length).toBeGreaterThan(30);
    expect(new Set(distributed.map((p) => p.colocation)).size).toBe(1);
    const { rows: columns } = await sql<{ column: string }>`
      select distinct distribution_column as column from citus_tables where citus_table_type = 'distributed'`.execute(
      db,
    );
    expect(columns).toEqual([{ column: 'store_id' }]);
    expect((await workersWithShards(db)).length).toBe(2);
  });

  it('places nothing on a second migrate', async () => {
    const { db } = database();
    const again = await migrateToLatest(db, 'postgres');
    expect(again).toMatchObject({ applied: [], distribution: { distributed: [], reference: [] } });
  });

  it('fails a query that fans out to every shard, unless it is marked as deliberately cross-store', async () => {
    const { db } = database();
    const a = (await createStore(db, { name: 'A' })).store.id;
    const b = (await createStore(db, { name: 'B' })).store.id;
    const count = (trx: Kysely<Database>) =>
      trx
        .selectFrom('store_settings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
    await expect(count(db)).rejects.toThrow(/multi-task query/);
    expect(Number((await acrossStores(db, count)).n)).toBeGreaterThanOrEqual(0);
    // One store's query is routed: allowed without marking.
    await db.selectFrom('customers').select('id').where('store_id', '=', a).execute();
    // The marking ends with its transaction.
    await expect(count(db)).rejects.toThrow(/multi-task query/);
    expect([a, b]).toHaveLength(2);
  });
});

describe.skipIf(!dialects.includes('citus'))('an existing single-node database moved to Citus', () => {
  // Named as the run's test databases, which the run drops together at its end (DROP DATABASE waits
  // for a checkpoint on each node); without the run's setup, dropped here.
  const runId = inject('regularsTestDatabases')?.runId;
  const name = `${RUN_DATABASE_PREFIX}${runId ?? 'x'}_move${randomBytes(4).toString('hex')}`;
  let db: Kysely<Database> | undefined;
  afterAll(async () => {
    await db?.destroy();
    if (runId === undefined) await dropCitusDatabase(CITUS_ADMIN_URL!, await citusWorkers(CITUS_ADMIN_URL!), name);
  });

  it('keeps its rows: migrate distributes the tables with their data once the extension is there', async () => {
    const workers = await citusWorkers(CITUS_ADMIN_URL!);
    const url = await createCitusDatabase(CITUS_ADMIN_URL!, workers, name, null);
    db = openDatabase({ kind: 'postgres', url });
    // A plain PostgreSQL database with data: migrated, two stores with customers and orders.
    expect((await migrateToLatest(db, 'postgres')).distribution).toBeNull();
    const stores: string[] = [];
    for (const storeName of ['North', 'South', 'East', 'West']) {
      const { store } = await createStore(db, { name: storeName });
      stores.push(store.id);
      for (let i = 0; i < 5; i++) {
        await db
          .insertInto('customers')
          .values({
            store_id: store.id,
            id: `cus_${storeName}_${i}`,
            external_id: `c${i}`,
            tags: '[]',
            attributes: '{}',
            created_at: '2024-01-01T00:00:00.000Z',
            updated_at: '2024-01-01T00:00:00.000Z',
          })
          .execute();
      }
    }
    await db.destroy();

    await addCitus(CITUS_ADMIN_URL!, workers, name);
    db = openDatabase({ kind: 'postgres', url });
    const moved = await migrateToLatest(db, 'postgres');
    expect(moved.applied).toEqual([]);
    expect([...(moved.distribution?.reference ?? [])].sort()).toEqual([...REFERENCE_TABLES].sort());
    expect(moved.distribution?.distributed).toContain('customers');
    for (const store of stores) {
      const rows = await db.selectFrom('customers').select('id').where('store_id', '=', store).execute();
      expect(rows).toHaveLength(5);
    }
    // The coordinator's own copies were emptied: the rows are in the shards only.
    const { rows: local } = await sql<{ bytes: number }>`select pg_relation_size('customers') as bytes`.execute(db);
    expect(Number(local[0].bytes)).toBe(0);
    expect((await workersWithShards(db)).length).toBe(2);
    expect((await migrateToLatest(db, 'postgres')).distribution).toEqual({ distributed: [], reference: [] });
  });
});
