import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
  sql,
} from 'kysely';
import pg from 'pg';
import { RegularsError } from '../errors.js';
import { countDatabaseError, watchPool } from '../metrics/metrics.js';
import { preparedStatementName } from './prepared-query.js';
import type { Database } from './database.table.js';

/** Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget =
  { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };

export const DEFAULT_SQLITE_FILE = './regulars.db';

/** Waits this long for another process's write lock on the SQLite file before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * `--db FILE` wins over DATABASE_URL, which wins over ./regulars.db. The URL arrives from
 * config.ts, the only reader of the environment.
 */
export function resolveDatabaseTarget(options: {
  readonly dbFile?: string | null;
  readonly databaseUrl?: string | null;
}): DatabaseTarget {
  if (options.dbFile) return { kind: 'sqlite', file: options.dbFile };
  if (options.databaseUrl) {
    let url: URL;
    try {
      url = new URL(options.databaseUrl);
    } catch {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'DATABASE_URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      );
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `DATABASE_URL must be a postgres:// or postgresql:// URL, not ${url.protocol}//...; use --db FILE for SQLite`,
      );
    }
    return { kind: 'postgres', url: options.databaseUrl };
  }
  return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
}

/** The target for messages and logs: the absolute file, or the URL with its password hidden. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite file ${resolve(target.file)}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

/** Rows ANALYZE samples per index (SQLite's recommended range is 100-1000). */
const SQLITE_ANALYSIS_LIMIT = 1000;

/**
 * Brings the query planner's statistics up to date: on SQLite PRAGMA optimize (only the tables that
 * changed a lot since they were last analyzed), on PostgreSQL ANALYZE (a sample of each table: about
 * a second at 1M customers). PostgreSQL's autovacuum analyzes too, but only after a delay: right
 * after a bulk load its plans are guesses (a page of win-back's pass took 450 ms instead of 20).
 * `regulars import` calls it after loading, `regulars serve` hourly.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`PRAGMA optimize`.execute(db);
  else await sql`ANALYZE`.execute(db);
}

export interface OpenDatabaseOptions {
  /**
   * SQLite only. false turns off syncing to disk (synchronous=OFF): for the tests' throwaway files,
   * which need no crash safety and whose writes would otherwise wait on a busy disk's fsyncs. The
   * product never passes it: its files keep synchronous=NORMAL.
   */
  readonly syncToDisk?: boolean;
}

/**
 * Opens the database; everything above this function is the same code for both dialects. Nothing
 * connects until the first query (openMigratedDatabase makes one, to fail early and clearly).
 */
export function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Kysely<Database> {
  if (target.kind === 'sqlite') {
    const synchronous = options.syncToDisk === false ? 'OFF' : 'NORMAL';
    return new Kysely<Database>({
      dialect: new SqliteDialect({
        // A factory, so a file that cannot be opened fails at the first query, where it is reported.
        database: async () => {
          const database = new SqliteDatabase(target.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
          // WAL lets readers (the dashboard, analytics) run while one writer ingests, and with WAL
          // synchronous=NORMAL is still crash-safe (a power cut may lose the last commits, never corrupt).
          database.pragma('journal_mode = WAL');
          database.pragma(`synchronous = ${synchronous}`);
          // Sorts of a few rows (a customer's orders, newest first) stay in memory, and 32 MB of
          // page cache (the default is 2 MB) keeps a busy store's indexes hot.
          database.pragma('temp_store = MEMORY');
          database.pragma('cache_size = -32000');
          // SQLite ignores foreign keys unless asked, per connection.
          database.pragma('foreign_keys = ON');
          database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          // Without statistics SQLite's planner guesses, and on a big store it can guess a full
          // index scan per joined row (minutes instead of seconds). analysis_limit keeps ANALYZE to a
          // sample (about a second at 1M customers); optimize=0x10002 analyzes, at open, the tables
          // that have no statistics or grew or shrank a lot since (a no-op when they are current).
          database.pragma(`analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`);
          database.pragma('optimize = 0x10002');
          return withStatementCache(database);
        },
      }),
    });
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // A server that does not answer at all (a host gone, packets dropped) fails a request after this
    // long with DATABASE_UNAVAILABLE instead of holding it for the operating system's TCP timeout.
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    types: { getTypeParser: postgresTypeParser },
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would
  // crash the process. The pool drops that client and the next query opens a new connection.
  // (Every client also has its own listener, withNamedStatements's, which counts the loss once.)
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
}

/**
 * node-postgres sends every query as an unnamed statement, which PostgreSQL plans afresh each time;
 * for the hot reads (PreparedQuery) planning costs more than running. Their SQL goes out under a
 * name instead: node-postgres prepares it once per connection, and PostgreSQL reuses the plan.
 * Each pooled client is wrapped once (Kysely keys its connections by the client object).
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const unwatch = watchPool(pool);
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // A client that is checked out (between the queries of a transaction, or while Kysely holds it)
    // and loses its connection (the server restarted: 57P01, ECONNRESET) emits 'error' with no pool
    // listener attached; unheard, that event would end the process. The query in flight fails on
    // its own, and on release the pool sees the client is no longer queryable and drops it.
    client.on('error', ignoreConnectionError);
    return facadeOf(client);
  };
  const facadeOf = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
      const name = preparedStatementName(textOrCursor);
      return client.query(
        name === undefined
          ? { text: textOrCursor, values: parameters as unknown[] }
          : { name, text: textOrCursor, values: parameters as unknown[] },
      );
    }) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (facade === undefined) wrapped.set(client, (facade = wrap(client)));
      return facade;
    },
    end: () => {
      unwatch();
      return pool.end();
    },
  };
}

/** The error was reported to the query in flight, or will be to the next one: it is only counted here. */
function ignoreConnectionError(): void {
  countDatabaseError('connection_lost');
}

/** How long opening a PostgreSQL connection may take before the request fails with DATABASE_UNAVAILABLE. */
const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

/** Distinct statements kept prepared: the API's queries are a few dozen shapes. */
const SQLITE_STATEMENT_CACHE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs as much as running a small
 * query, so statements are kept by their SQL text and reused (better-sqlite3 statements are
 * reusable, and Kysely runs one query at a time on its single connection).
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => void database.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement === undefined) {
        statement = database.prepare(sqlText);
        if (cache.size >= SQLITE_STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

const PG_INT8_OID = 20;

/**
 * node-postgres returns bigint (int8) as a string, because it may exceed 2^53. Our bigint columns
 * hold money in minor units, which the repositories keep to safe integers, so they come back as
 * numbers as on SQLite. A value past 2^53 stays a string rather than becoming a rounded number.
 */
function postgresTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === PG_INT8_OID && format !== 'binary') {
    return (value: string) => {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    };
  }
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
}

/** Connects once, so that a wrong target fails here with DATABASE_UNAVAILABLE and the target named. */
export async function checkConnection(db: Kysely<Database>, target: DatabaseTarget): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new RegularsError(
      'DATABASE_UNAVAILABLE',
      `cannot open the database (${describeTarget(target)}): ${reasonOf(error)}`,
      {
        target: describeTarget(target),
      },
    );
  }
}

/** A driver error's reason; Node's connect errors are AggregateErrors with an empty message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}
