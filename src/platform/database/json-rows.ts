import { type Kysely, PostgresAdapter, type RawBuilder } from 'kysely';
import * as postgresJson from 'kysely/helpers/postgres';
import * as sqliteJson from 'kysely/helpers/sqlite';
import type { Database } from './database.table.js';

/** A select query used as a subquery (Kysely's own type for it is not exported). */
type Subquery = Parameters<typeof sqliteJson.jsonArrayFrom<object>>[0];

/**
 * A subquery's rows as one JSON value of the outer row, in the database's own JSON functions
 * (Kysely ships them per dialect; this picks by the database's adapter).
 *
 * Why: a read that needs several small sets of rows (the customer 360) costs far less as one
 * statement returning JSON than as several statements returning rows. On SQLite, better-sqlite3
 * builds a JavaScript object per row through its native API, which costs more than finding the
 * rows (measured in docs/benchmarks.md), while JSON.parse builds them in one pass; on PostgreSQL,
 * one statement is one round trip.
 *
 * SQLite's json_object needs the columns named: select them explicitly (allColumns, tables/all-columns.ts), never
 * with selectAll().
 */
export interface JsonRows {
  /**
   * The subquery's rows as a JSON array (an empty array when there are none). The value is typed
   * by the caller's row type: parsed by node-postgres, JSON text from better-sqlite3 (parseJsonColumn).
   */
  arrayFrom(expr: Subquery): RawBuilder<unknown>;
  /** The subquery's first row as a JSON object, or null. */
  objectFrom(expr: Subquery): RawBuilder<unknown>;
}

const POSTGRES: JsonRows = {
  arrayFrom: (expr) => postgresJson.jsonArrayFrom(expr),
  objectFrom: (expr) => postgresJson.jsonObjectFrom(expr),
};
const SQLITE: JsonRows = {
  arrayFrom: (expr) => sqliteJson.jsonArrayFrom(expr),
  objectFrom: (expr) => sqliteJson.jsonObjectFrom(expr),
};

export function jsonRows(db: Kysely<Database>): JsonRows {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
}

/**
 * A JSON column as read: node-postgres parses json values itself, better-sqlite3 returns the text.
 * Numbers come back as JSON numbers on both, which holds our integers exactly (money is kept to
 * safe integers; ids are text).
 */
export function parseJsonColumn<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
