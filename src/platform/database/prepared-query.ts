import { createHash } from 'node:crypto';
import { CompiledQuery, type DialectAdapter, type Kysely } from 'kysely';
import type { Database } from './database.table.js';

/** The SQL of every PreparedQuery compiled so far, with the statement name PostgreSQL knows it by. */
const statementNames = new Map<string, string>();

/**
 * The name under which PostgreSQL keeps this SQL prepared on each connection (database.ts), or
 * undefined for SQL that is not a PreparedQuery's. Only these few dozen fixed texts are named: the
 * writers' multi-row statements change with every row count, and preparing each would fill every
 * connection with statements used once.
 */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

/** What a query builder becomes once built: anything Kysely can compile to SQL and parameters. */
interface Compilable<Row> {
  compile(): CompiledQuery<Row>;
}

/** Stands in for a parameter while the query is built once; never sent to a database. */
const SENTINEL = '\u0000regulars-param:';

/**
 * A query for the hot paths (the customer 360, coupon validation), built and compiled once per
 * database (for it and its transactions) and then run with new parameter values. Building a Kysely query and compiling it costs
 * 30-50 µs, several times what SQLite takes to run a small indexed query (measured in
 * docs/benchmarks.md): here that cost is paid once. The database keeps the statement prepared too:
 * SQLite by its text (database.ts), PostgreSQL under a name (preparedStatementName), which saves
 * planning it again on every call (0.8 against 0.2 ms for the customer 360).
 *
 * `build` receives `param(name)`, which stands in for a value in the query; it must be used only
 * where Kysely turns the value into a bound parameter (comparisons, limits), never to choose the
 * query's shape, because the shape is fixed at the first call. Every name given to param must then
 * be given to execute.
 */
export class PreparedQuery<Row, Params extends Record<string, unknown>> {
  readonly #build: (
    db: Kysely<Database>,
    param: <K extends keyof Params & string>(name: K) => Params[K],
  ) => Compilable<Row>;
  // By dialect (its adapter, which a database and its transactions share): the SQL depends on nothing else.
  readonly #compiled = new WeakMap<
    DialectAdapter,
    { sql: string; parameters: readonly unknown[]; slots: readonly (string | null)[] }
  >();

  constructor(
    build: (db: Kysely<Database>, param: <K extends keyof Params & string>(name: K) => Params[K]) => Compilable<Row>,
  ) {
    this.#build = build;
  }

  #compile(db: Kysely<Database>) {
    const adapter = db.getExecutor().adapter;
    let compiled = this.#compiled.get(adapter);
    if (compiled === undefined) {
      // The sentinel is a string whatever the parameter's type: it only marks the parameter's slot.
      const query = this.#build(
        db,
        <K extends keyof Params & string>(name: K) => `${SENTINEL}${name}` as Params[K],
      ).compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(SENTINEL) ? value.slice(SENTINEL.length) : null,
      );
      compiled = { sql: query.sql, parameters: query.parameters, slots };
      this.#compiled.set(adapter, compiled);
      if (!statementNames.has(query.sql))
        statementNames.set(query.sql, `regulars_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`);
    }
    return compiled;
  }

  /** The rows the query returns for these parameter values, on db (a database or a transaction). */
  async execute(db: Kysely<Database>, params: Params): Promise<Row[]> {
    const { sql, parameters, slots } = this.#compile(db);
    const values = parameters.map((value, i) => {
      const name = slots[i];
      if (name === null) return value;
      if (!(name in params)) throw new Error(`prepared query parameter ${name} was not given`);
      return params[name];
    });
    const result = await db.executeQuery(CompiledQuery.raw(sql, values));
    return result.rows as Row[];
  }
}

/** Where a multi-row statement's parameter comes from: a row's column, or the value built in. */
type RowSlot = { readonly row: number; readonly column: string } | null;

/**
 * A multi-row statement (INSERT ... VALUES, one row per input) compiled once per dialect and row
 * count, for the writers' hot statements: Kysely would build and compile the order upsert of a
 * group of 6 orders afresh each time, 158 µs, more than SQLite takes to run it (docs/benchmarks.md).
 *
 * `build` receives stand-in rows holding every column of `columns`; it must pass them to
 * `.values()` as they are and use nothing else that varies. `execute` takes rows with those
 * columns. The SQL is not kept prepared by name on PostgreSQL (preparedStatementName): a text per
 * row count would fill every connection with statements used a few times.
 */
export class PreparedRows<Row extends object, Result> {
  readonly #columns: readonly (keyof Row & string)[];
  readonly #build: (db: Kysely<Database>, rows: Row[]) => Compilable<Result>;
  readonly #compiled = new WeakMap<
    DialectAdapter,
    Map<number, { sql: string; parameters: readonly unknown[]; slots: readonly RowSlot[] }>
  >();

  constructor(
    columns: readonly (keyof Row & string)[],
    build: (db: Kysely<Database>, rows: Row[]) => Compilable<Result>,
  ) {
    this.#columns = columns;
    this.#build = build;
  }

  #compile(db: Kysely<Database>, count: number) {
    const adapter = db.getExecutor().adapter;
    let byCount = this.#compiled.get(adapter);
    if (byCount === undefined) this.#compiled.set(adapter, (byCount = new Map()));
    let compiled = byCount.get(count);
    if (compiled === undefined) {
      const standIns = Array.from(
        { length: count },
        (_, row) => Object.fromEntries(this.#columns.map((column) => [column, `${SENTINEL}${row}:${column}`])) as Row,
      );
      const query = this.#build(db, standIns).compile();
      const slots = query.parameters.map((value): RowSlot => {
        if (typeof value !== 'string' || !value.startsWith(SENTINEL)) return null;
        const [row, column] = value.slice(SENTINEL.length).split(':');
        return { row: Number(row), column };
      });
      compiled = { sql: query.sql, parameters: query.parameters, slots };
      byCount.set(count, compiled);
    }
    return compiled;
  }

  /** Runs the statement for these rows, on db (a database or a transaction); returns what it returns. */
  async execute(db: Kysely<Database>, rows: readonly Row[]): Promise<Result[]> {
    // No rows, nothing to write (and Kysely cannot build an INSERT of none).
    if (rows.length === 0) return [];
    const { sql, parameters, slots } = this.#compile(db, rows.length);
    const values = parameters.map((value, i) => {
      const slot = slots[i];
      if (slot === null) return value;
      const given = (rows[slot.row] as Record<string, unknown>)[slot.column];
      if (given === undefined) throw new Error(`row ${slot.row} has no value for column ${slot.column}`);
      return given;
    });
    const result = await db.executeQuery(CompiledQuery.raw(sql, values));
    return result.rows as Result[];
  }
}
