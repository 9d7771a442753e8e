import { type Kysely, sql } from 'kysely';
import type { Database } from './database.table.js';
import type { Dialect } from '../../../test/support/test-database.js';

interface Column {
  name: string;
  type: string;
  notNull: boolean;
}
interface Index {
  name: string;
  unique: boolean;
  columns: string[];
  partial: boolean;
}
interface ForeignKey {
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
}
interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

/** Kysely's own bookkeeping tables are left out: they are not ours to describe. */
const OWN_TABLE = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

async function introspectSqlite(db: Kysely<Database>): Promise<Table[]> {
  // rowid order of sqlite_master is creation order, i.e. migration order.
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' order by rowid`.execute(db);
  const result: Table[] = [];
  for (const { name } of tables.rows.filter((t) => OWN_TABLE(t.name))) {
    const cols = await sql<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }>`select name, type, "notnull", pk from pragma_table_info(${name}) order by cid`.execute(db);
    const indexList = await sql<{
      name: string;
      unique: number;
      origin: string;
      seq: number;
      partial: number;
    }>`select name, "unique", origin, seq, partial from pragma_index_list(${name})`.execute(db);
    const indexes: Index[] = [];
    // origin 'c': made by CREATE INDEX (primary keys and UNIQUE constraints are described elsewhere).
    for (const ix of indexList.rows.filter((i) => i.origin === 'c')) {
      // index_xinfo, for the sort order: its key rows are the indexed columns.
      const info = await sql<{ name: string; desc: number }>`
        select name, "desc" from pragma_index_xinfo(${ix.name}) where key = 1 order by seqno`.execute(db);
      indexes.push({
        name: ix.name,
        unique: ix.unique === 1,
        columns: info.rows.map((r) => (r.desc === 1 ? `${r.name} DESC` : r.name)),
        partial: ix.partial === 1,
      });
    }
    const fkRows = await sql<{
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }>`select id, seq, "table", "from", "to", on_delete from pragma_foreign_key_list(${name}) order by id, seq`.execute(
      db,
    );
    const fks = new Map<number, ForeignKey>();
    for (const r of fkRows.rows) {
      const fk = fks.get(r.id) ?? {
        columns: [],
        refTable: r.table,
        refColumns: [],
        onDelete: r.on_delete.toUpperCase(),
      };
      fk.columns.push(r.from);
      fk.refColumns.push(r.to);
      fks.set(r.id, fk);
    }
    result.push({
      name,
      columns: cols.rows.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1 })),
      primaryKey: cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      indexes,
      foreignKeys: [...fks.values()],
    });
  }
  return result;
}

const PG_ON_DELETE: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

async function introspectPostgres(db: Kysely<Database>): Promise<Table[]> {
  // oid order is creation order in a fresh database, i.e. migration order.
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' order by c.oid`.execute(db);
  const result: Table[] = [];
  for (const { name } of tables.rows.filter((t) => OWN_TABLE(t.name))) {
    const cols = await sql<{ name: string; type: string; nullable: string }>`
      select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns
      where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
    const ixRows = await sql<{ name: string; unique: boolean; primary: boolean; partial: boolean; columns: string[] }>`
      select i.relname as name, ix.indisunique as unique, ix.indisprimary as primary, ix.indpred is not null as partial,
        array(select a.attname::text || case when ix.indoption[k.ord - 1] & 1 = 1 then ' DESC' else '' end
              from unnest(ix.indkey::int2[]) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) as columns
      from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = ${name} order by i.oid`.execute(db);
    const fkRows = await sql<{ ref_table: string; on_delete: string; columns: string[]; ref_columns: string[] }>`
      select cf.relname as ref_table, c.confdeltype as on_delete,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord) as columns,
        array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.ord) as ref_columns
      from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class cf on cf.oid = c.confrelid
      join pg_namespace n on n.oid = t.relnamespace
      where c.contype = 'f' and n.nspname = current_schema() and t.relname = ${name}`.execute(db);
    result.push({
      name,
      columns: cols.rows.map((c) => ({ name: c.name, type: c.type, notNull: c.nullable === 'NO' })),
      primaryKey: ixRows.rows.find((i) => i.primary)?.columns ?? [],
      indexes: ixRows.rows
        .filter((i) => !i.primary)
        .map((i) => ({ name: i.name, unique: i.unique, columns: i.columns, partial: i.partial })),
      foreignKeys: fkRows.rows.map((r) => ({
        columns: r.columns,
        refTable: r.ref_table,
        refColumns: r.ref_columns,
        onDelete: PG_ON_DELETE[r.on_delete],
      })),
    });
  }
  return result;
}

const HEADER = `-- The schema that src/platform/database/migrations builds, identical on SQLite and PostgreSQL.
-- Generated from the migrated databases by src/platform/database/schema.store.test.ts, which fails
-- when this file and the migrations disagree; after changing a migration, regenerate it with
--   npx vitest run src/platform/database/schema.store.test.ts -u
-- and review the difference. Types: text; integer (32-bit); bigint (64-bit: money in minor units).
-- Every table carries store_id and every key and index starts with it, except the lookup of an
-- API key by its prefix (docs/storage.md, "Scale-out").
`;

function render(tables: readonly Table[]): string {
  const out = [HEADER];
  for (const table of tables) {
    const width = Math.max(...table.columns.map((c) => c.name.length));
    const typeWidth = Math.max(...table.columns.map((c) => c.type.length));
    const lines = table.columns.map(
      (c) => `  ${c.name.padEnd(width)}  ${c.notNull ? `${c.type.padEnd(typeWidth)}  NOT NULL` : c.type}`,
    );
    lines.push(`  PRIMARY KEY (${table.primaryKey.join(', ')})`);
    const fks = table.foreignKeys
      .map(
        (fk) =>
          `  FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${fk.refTable} (${fk.refColumns.join(', ')})${fk.onDelete === 'NO ACTION' ? '' : ` ON DELETE ${fk.onDelete}`}`,
      )
      .sort();
    lines.push(...fks);
    out.push(`\nCREATE TABLE ${table.name} (\n${lines.join(',\n')}\n);\n`);
    for (const ix of [...table.indexes].sort((a, b) => a.name.localeCompare(b.name))) {
      // A partial index's predicate is written differently by each catalog: the dump marks it, the migration has it.
      out.push(
        `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name} ON ${table.name} (${ix.columns.join(', ')})${ix.partial ? ' WHERE ... -- partial, see its migration' : ''};\n`,
      );
    }
  }
  return out.join('');
}

/** The readable schema of a migrated database, rendered the same way from either dialect's catalog. */
export async function dumpSchema(db: Kysely<Database>, dialect: Dialect): Promise<string> {
  return render(dialect === 'sqlite' ? await introspectSqlite(db) : await introspectPostgres(db));
}
