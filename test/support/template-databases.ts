import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/platform/database/database.js';
import type { CitusTemplates } from './citus-databases.js';
import { migrateToLatest } from '../../src/platform/database/migrate.js';

/**
 * Migrated databases to copy from. Running the migrations costs about a second per PostgreSQL
 * database and a tenth of one per SQLite file; copying a migrated one costs a fraction of that.
 * test/global-setup.ts makes them once per run and hands them to the test files (inject).
 */
export interface TestDatabaseTemplates {
  /** Names this run's PostgreSQL databases (regulars_test_r<runId>_...), so that the run drops exactly its own. */
  readonly runId: string;
  /** A migrated SQLite file in this run's temporary folder. */
  readonly sqliteFile: string;
  /** A migrated PostgreSQL database to clone (CREATE DATABASE ... TEMPLATE), or null when the run leaves PostgreSQL out. */
  readonly postgresTemplate: string | null;
  /** The Citus templates (test/support/citus-databases.ts), when the run has the citus dialect. */
  readonly citus: CitusTemplates | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    regularsTestDatabases: TestDatabaseTemplates;
  }
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'platform', 'database');
/** Every test database of a run starts with this; the run id follows. */
export const RUN_DATABASE_PREFIX = 'regulars_test_r';
const TEMPLATE_PREFIX = 'regulars_test_template_';

/** The migrations' text: a template is reused by later runs for as long as it is the same. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = [
    join(MIGRATIONS_DIR, 'migrate.ts'),
    ...readdirSync(join(MIGRATIONS_DIR, 'migrations'))
      .sort()
      .map((name) => join(MIGRATIONS_DIR, 'migrations', name)),
  ];
  for (const file of files)
    hash.update(file.slice(MIGRATIONS_DIR.length)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The template for the current migrations, made if no earlier run made it. It is built under
 * another name and renamed when complete, under an advisory lock, so that runs starting together
 * (other worktrees share the server) neither build it twice nor clone a half-built one. Nobody may
 * connect to it: CREATE DATABASE ... TEMPLATE fails while someone is.
 */
export async function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}`;
  return withAdminClient(adminUrl, async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('${TEMPLATE_PREFIX}'))`);
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount) return template;
      // A build that was interrupted left its half-made database: nobody else can be building it now.
      const stale = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `${template}\\_b%`,
      ]);
      for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      const building = `${template}_b${randomBytes(4).toString('hex')}`;
      await client.query(`CREATE DATABASE ${building}`);
      const db = openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, building) });
      try {
        await migrateToLatest(db, 'postgres');
      } finally {
        await db.destroy();
      }
      await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      await client.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      return template;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('${TEMPLATE_PREFIX}'))`);
    }
  });
}

/** A migrated SQLite file in a new temporary folder, for this run to copy. */
export async function makeSqliteTemplate(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'regulars-template-')), 'template.db');
  const db = openDatabase({ kind: 'sqlite', file }, { syncToDisk: false });
  try {
    await migrateToLatest(db, 'sqlite');
  } finally {
    // Closing checkpoints the WAL into the file, so the file alone is the whole database.
    await db.destroy();
  }
  return file;
}

/**
 * Drops the databases named by the runs whose ids are given, several at a time: DROP DATABASE waits
 * for a checkpoint, and drops requested together share one, where one after another each wait for
 * their own (seconds each on a busy disk).
 */
export async function dropRunDatabases(adminUrl: string, isOurs: (runId: string) => boolean): Promise<void> {
  const names = await withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${RUN_DATABASE_PREFIX}%`,
    ]);
    return rows.map((r) => r.datname).filter((name) => isOurs(name.slice(RUN_DATABASE_PREFIX.length).split('_')[0]));
  });
  const queue = [...names];
  const dropper = () =>
    withAdminClient(adminUrl, async (client) => {
      for (let name = queue.pop(); name !== undefined; name = queue.pop())
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  await Promise.all(Array.from({ length: Math.min(8, names.length) }, dropper));
}

/**
 * This run's id: the process id and its PID namespace (other containers may share the PostgreSQL
 * server, and their process ids mean nothing here), as letters and digits for database names.
 */
export function currentRunId(): string {
  return `${process.pid}n${pidNamespace() ?? 0}`;
}

function pidNamespace(): string | null {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Whether the run was started by a process of this PID namespace that is gone (killed before it could drop its databases). */
export function isDeadRun(runId: string): boolean {
  const match = /^(\d+)n(\d+)$/.exec(runId);
  const namespace = pidNamespace();
  if (!match || namespace === null || match[2] !== namespace) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
