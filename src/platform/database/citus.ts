import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { inTransaction } from './transaction.js';
import type { Database } from './database.table.js';

/**
 * Citus is PostgreSQL with the `citus` extension, not a third dialect: every query is PostgreSQL's,
 * and what differs is where the rows live. A database is distributed when it has the extension
 * (docs/scaling.md); `regulars migrate` then spreads the tables over the worker nodes:
 * - every table with a store_id column is distributed by store_id, all in one co-location group, so
 *   the rows of one store, in every table, live on the same node and a query naming one store runs
 *   there whole (a "router" query);
 * - the tables read before a store is known, or by every store, are reference tables (a full copy on
 *   every node, joinable with any shard): the stores themselves, the API keys a request is
 *   authenticated by (found by the key's prefix, before its store is known), and the console's
 *   staff users and sessions (found by the email typed at sign-in and by the session cookie's
 *   token, also before the store is known; few rows, so a copy per node costs little);
 * - Kysely's migration bookkeeping stays on the coordinator.
 */
export const REFERENCE_TABLES: readonly string[] = [
  'stores',
  'api_keys',
  'staff_users',
  'staff_sessions',
  // Read by an OAuth callback's state and a compliance webhook's shop domain, before the store is known.
  'shopify_installations',
  'shopify_oauth_states',
];
const DISTRIBUTION_COLUMN = 'store_id';
const COORDINATOR_ONLY = (table: string) => table.startsWith('kysely_');

export interface Distribution {
  /** Tables this run distributed by store_id, in the order it did. */
  readonly distributed: readonly string[];
  /** Tables this run made reference tables. */
  readonly reference: readonly string[];
}

/** Whether the database is a Citus coordinator (the extension is installed in it). */
export async function hasCitus(db: Kysely<Database>): Promise<boolean> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return false;
  const { rows } = await sql<{ citus: boolean }>`
    select exists (select 1 from pg_extension where extname = 'citus') as citus`.execute(db);
  return rows[0].citus;
}

interface CatalogTable {
  readonly name: string;
  readonly storeKeyed: boolean;
  /** Already a Citus table (distributed or reference): left as it is. */
  readonly placed: boolean;
}

/** The tables to place, in creation order: reference tables, then distributed ones. Pure. */
export function distributionPlan(tables: readonly CatalogTable[]): { reference: string[]; distributed: string[] } {
  const pending = tables.filter((t) => !t.placed && !COORDINATOR_ONLY(t.name));
  const isReference = (t: CatalogTable) => REFERENCE_TABLES.includes(t.name) || !t.storeKeyed;
  return {
    reference: pending.filter(isReference).map((t) => t.name),
    distributed: pending.filter((t) => !isReference(t)).map((t) => t.name),
  };
}

/** The current schema's tables, in creation order. */
async function catalogTables(db: Kysely<Database>): Promise<CatalogTable[]> {
  const { rows } = await sql<{ name: string; store_keyed: boolean; placed: boolean }>`
    select c.relname as name,
           exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = ${DISTRIBUTION_COLUMN} and not a.attisdropped) as store_keyed,
           exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid) as placed
      from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
     order by c.oid`.execute(db);
  return rows.map((r) => ({ name: r.name, storeKeyed: r.store_keyed, placed: r.placed }));
}

interface ForeignKey {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
}

/** The foreign keys from or to any of the tables. */
async function foreignKeysOf(db: Kysely<Database>, tables: readonly string[]): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint
     where contype = 'f' and (conrelid::regclass::text = any(${tables}) or confrelid::regclass::text = any(${tables}))
     order by conrelid, conname`.execute(db);
  return rows;
}

/**
 * Places every table that is not yet a Citus table (distributionPlan), in one transaction under an
 * advisory lock, so servers starting together place each table once; a second run finds nothing to
 * do. The first distributed table anchors the co-location group every later one joins (a table a
 * later migration adds joins it too). Rows already in a table (a single-node database being moved
 * to Citus) are copied into its shards, and the coordinator's local copy is emptied afterwards.
 *
 * The foreign keys between the tables are dropped first and added back last, as they were: Citus
 * accepts a foreign key between two of its tables, never between one of its tables and a plain one,
 * and placing the tables one by one would pass through such states (making `stores` a reference
 * table would turn every table naming it into a coordinator-local Citus table, which then cannot be
 * named by a distributed one). Added back, each is checked against the rows, as on any ALTER TABLE.
 */
export async function distributeTables(db: Kysely<Database>): Promise<Distribution> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('regulars_distribute_tables'))`.execute(trx);
    const plan = distributionPlan(await catalogTables(trx));
    const pending = [...plan.reference, ...plan.distributed];
    if (pending.length === 0) return { distributed: [], reference: [] };
    // DDL on the shards of tables with keys to reference tables, in a transaction that also
    // created reference tables, must go over one connection per node; Citus asks for it up front.
    await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(trx);
    const keys = await foreignKeysOf(trx, pending);
    for (const key of keys)
      await sql`alter table ${sql.table(key.table)} drop constraint ${sql.ref(key.name)}`.execute(trx);
    for (const table of plan.reference) await sql`select create_reference_table(${table}::regclass)`.execute(trx);
    let anchor = await colocationAnchor(trx);
    for (const table of plan.distributed) {
      // The first starts a group of its own ('none'), rather than joining whatever else in the
      // database happens to be distributed by a text column.
      await sql`select create_distributed_table(${table}::regclass, ${DISTRIBUTION_COLUMN}, colocate_with => ${anchor ?? 'none'})`.execute(
        trx,
      );
      anchor ??= table;
    }
    for (const key of keys)
      await sql`alter table ${sql.table(key.table)} add constraint ${sql.ref(key.name)} ${sql.raw(key.definition)}`.execute(
        trx,
      );
    for (const table of pending)
      await sql`select truncate_local_data_after_distributing_table(${table}::regclass)`.execute(trx);
    return { distributed: plan.distributed, reference: plan.reference };
  });
}

/** A table already distributed by store_id, whose co-location group new tables join; null before the first. */
async function colocationAnchor(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`
    select logicalrelid::regclass::text as name from pg_dist_partition
     where partmethod = 'h' order by logicalrelid limit 1`.execute(db);
  return rows[0]?.name ?? null;
}

/**
 * Runs work whose queries deliberately span stores (a job's scan over every store, an operator's
 * report): on Citus such a query fans out to every shard, which a query of one store never should.
 * The test suite's Citus databases make any query that fans out an error
 * (citus.multi_task_query_log_level, docs/scaling.md); inside this helper it is allowed again, for
 * the enclosing transaction only (one is opened when the caller has none). Every use is listed in
 * docs/scaling.md. SQLite and plain PostgreSQL run the work as it is.
 */
export async function acrossStores<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return work(db);
  return inTransaction(db, async (trx) => {
    // current_setting(..., true) is null where Citus is not loaded: the setting is then a plain
    // placeholder, harmless to set.
    const { rows } = await sql<{ level: string | null }>`
      select current_setting('citus.multi_task_query_log_level', true) as level`.execute(trx);
    await sql`select set_config('citus.multi_task_query_log_level', 'off', true)`.execute(trx);
    const result = await work(trx);
    // Back to what it was, for a caller's transaction that goes on after this work.
    await sql`select set_config('citus.multi_task_query_log_level', ${rows[0].level ?? 'off'}, true)`.execute(trx);
    return result;
  });
}
