import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrate.js';
import { dropRunDatabases, migrationsHash, withAdminClient } from './template-databases.js';

/**
 * Test databases on a Citus cluster (a coordinator and its workers, each its own PostgreSQL server).
 *
 * A Citus database is one database of the same name on every node: the coordinator holds the
 * tables' metadata, the workers their shards, and the coordinator reaches the shards by connecting
 * to the workers' database of its own name. Making one from nothing costs seconds (the extension on
 * every node, the nodes registered, some thirty tables distributed), too much for each describe
 * block. So, as on plain PostgreSQL, a migrated one is made once and copied: the template is built
 * under the same name on every node, and a test database is CREATE DATABASE ... TEMPLATE on every
 * node. The copies are whole Citus databases: metadata and shards agree because both were copied
 * from databases that agreed, and the workers are found by host and port, the same for every copy.
 *
 * Their shard count is 4 (2 shards per worker, the same placement logic as production's 32 at a
 * fraction of the files to copy), and their coordinator fails every query that is not routed to one
 * store's shards unless it is marked as deliberately cross-store (docs/scaling.md).
 */

/** Shards per distributed table in the test databases. */
const TEST_SHARD_COUNT = 4;
const CITUS_TEMPLATE_PREFIX = 'regulars_test_citus_';
const DATABASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'platform', 'database');

export interface CitusTemplates {
  /** Extension and nodes, no tables. */
  readonly empty: string;
  /** Migrated: every table distributed or a reference table. */
  readonly migrated: string;
  readonly workers: readonly CitusNode[];
}

export interface CitusNode {
  readonly host: string;
  readonly port: number;
}

function urlOf(adminUrl: string, node: CitusNode | null, database: string): string {
  const url = new URL(adminUrl);
  if (node !== null) {
    url.hostname = node.host;
    url.port = String(node.port);
  }
  url.pathname = `/${database}`;
  return url.toString();
}

/** The coordinator's active workers, as its metadata names them. */
export async function citusWorkers(adminUrl: string): Promise<CitusNode[]> {
  return withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ host: string; port: number }>(
      `select nodename as host, nodeport as port from pg_dist_node
        where isactive and noderole = 'primary' and groupid <> 0 order by nodeid`,
    );
    if (rows.length === 0)
      throw new Error(`the Citus coordinator ${adminUrl} has no workers: ../shared/tools/citus-cluster.sh start 2`);
    return rows;
  });
}

/** Runs the work on every node's admin database, the coordinator first. */
async function onEveryNode(
  adminUrl: string,
  workers: readonly CitusNode[],
  work: (client: Parameters<Parameters<typeof withAdminClient>[1]>[0], node: CitusNode | null) => Promise<unknown>,
): Promise<void> {
  for (const node of [null, ...workers]) await withAdminClient(urlOf(adminUrl, node, 'postgres'), (c) => work(c, node));
}

/** Ends every connection to the database on this node (RENAME and CREATE DATABASE ... TEMPLATE need none). */
async function disconnectEveryone(
  client: Parameters<Parameters<typeof withAdminClient>[1]>[0],
  database: string,
): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rowCount } = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    if (!rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates `name` on every node (as a copy of `template` when given) and hands back its coordinator URL. */
export async function createCitusDatabase(
  adminUrl: string,
  workers: readonly CitusNode[],
  name: string,
  template: string | null,
): Promise<string> {
  await onEveryNode(adminUrl, workers, async (client, node) => {
    await client.query(template === null ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    if (node !== null) return;
    await client.query(`ALTER DATABASE ${name} SET citus.shard_count = ${TEST_SHARD_COUNT}`);
    // The routing check: on the coordinator, a query that would run on several shards is an error.
    await client.query(`ALTER DATABASE ${name} SET citus.multi_task_query_log_level = 'error'`);
  });
  return urlOf(adminUrl, null, name);
}

/** Drops the test databases of the runs `isOurs` names, on every node (dropRunDatabases on each). */
export async function dropCitusRunDatabases(
  adminUrl: string,
  workers: readonly CitusNode[],
  isOurs: (runId: string) => boolean,
): Promise<void> {
  for (const node of [null, ...workers]) await dropRunDatabases(urlOf(adminUrl, node, 'postgres'), isOurs);
}

/** Drops `name` on every node that has it, a template too. */
export async function dropCitusDatabase(adminUrl: string, workers: readonly CitusNode[], name: string): Promise<void> {
  await onEveryNode(adminUrl, workers, async (client) => {
    const { rows } = await client.query<{ template: boolean }>(
      'select datistemplate as template from pg_database where datname = $1',
      [name],
    );
    if (rows[0]?.template) await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** The migrations' hash, and this file's and the distribution step's text, which shape the templates too. */
function citusTemplateHash(): string {
  const hash = createHash('sha256').update(migrationsHash());
  for (const file of [fileURLToPath(import.meta.url), join(DATABASE_DIR, 'citus.ts')]) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A Citus database with the extension on every node and the workers registered, but no tables (for
 * the tests of the migrations themselves), and a migrated copy of it. Reused by later runs while the
 * migrations are the same; built under an advisory lock, as the PostgreSQL template is.
 */
export async function ensureCitusTemplates(adminUrl: string): Promise<CitusTemplates> {
  const workers = await citusWorkers(adminUrl);
  const hash = citusTemplateHash();
  const empty = `${CITUS_TEMPLATE_PREFIX}e${hash}`;
  const migrated = `${CITUS_TEMPLATE_PREFIX}m${hash}`;
  return withAdminClient(adminUrl, async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('${CITUS_TEMPLATE_PREFIX}'))`);
    try {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${CITUS_TEMPLATE_PREFIX}%`],
      );
      const present = new Set(rows.map((r) => r.datname));
      if (present.has(empty) && present.has(migrated)) return { empty, migrated, workers };
      // Older templates (other migrations) and half-built ones.
      for (const name of present) await dropCitusDatabase(adminUrl, workers, name);
      const building = `${CITUS_TEMPLATE_PREFIX}b${randomBytes(4).toString('hex')}`;
      await buildEmpty(adminUrl, workers, building);
      await finishTemplate(adminUrl, workers, building, empty);
      const url = await createCitusDatabase(adminUrl, workers, building, empty);
      const db = openDatabase({ kind: 'postgres', url });
      try {
        await migrateToLatest(db, 'postgres');
      } finally {
        await db.destroy();
      }
      await finishTemplate(adminUrl, workers, building, migrated);
      return { empty, migrated, workers };
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('${CITUS_TEMPLATE_PREFIX}'))`);
    }
  });
}

async function buildEmpty(adminUrl: string, workers: readonly CitusNode[], name: string): Promise<void> {
  await createCitusDatabase(adminUrl, workers, name, null);
  await addCitus(adminUrl, workers, name);
}

/**
 * Turns `name`, a database on every node, into a Citus database: the extension on every node, and
 * the coordinator told where it and its workers are (what an operator does once, docs/scaling.md).
 */
export async function addCitus(adminUrl: string, workers: readonly CitusNode[], name: string): Promise<void> {
  for (const node of [null, ...workers])
    await withAdminClient(urlOf(adminUrl, node, name), (c) => c.query('CREATE EXTENSION IF NOT EXISTS citus'));
  await withAdminClient(urlOf(adminUrl, null, name), async (client) => {
    const coordinator = new URL(adminUrl);
    await client.query('select citus_set_coordinator_host($1, $2)', [coordinator.hostname, Number(coordinator.port)]);
    for (const worker of workers) await client.query('select citus_add_node($1, $2)', [worker.host, worker.port]);
  });
}

/**
 * Renames the built database to its template name on every node and closes it to connections.
 * Citus keeps connections of its own to it (each node's maintenance daemon, connections between
 * the nodes), which RENAME and CREATE DATABASE ... TEMPLATE wait for in vain: no node may accept a
 * new one before they are ended.
 */
async function finishTemplate(
  adminUrl: string,
  workers: readonly CitusNode[],
  building: string,
  name: string,
): Promise<void> {
  await onEveryNode(adminUrl, workers, (client) =>
    client.query(`ALTER DATABASE ${building} WITH ALLOW_CONNECTIONS false`),
  );
  await onEveryNode(adminUrl, workers, (client) => disconnectEveryone(client, building));
  await onEveryNode(adminUrl, workers, async (client) => {
    await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
  });
}
