import type { Migration } from 'kysely';
import * as m0001 from './0001-baseline.migration.js';

/**
 * Every migration, in the order they run. Listed by hand rather than found by globbing the folder,
 * so the built binary and the tests run exactly this list. Names sort in list order (a test checks),
 * and the database records which names have run.
 *
 * Until the first release the schema is one baseline migration plus its readable dump
 * (src/platform/database/schema.sql): a schema change edits the baseline and regenerates the dump,
 * and a database made by an earlier baseline is recreated, not upgraded. From the first release on,
 * every change is a new migration appended here, and a released migration is never edited or
 * renamed. Migrations use only Kysely's schema builder with the types text, integer and bigint, so
 * the same list builds the same schema on SQLite and PostgreSQL.
 */
export const MIGRATIONS: readonly (readonly [name: string, migration: Migration])[] = [['0001_baseline', m0001]];
