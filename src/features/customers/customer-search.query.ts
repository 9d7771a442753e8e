import { type Expression, type ExpressionBuilder, type Kysely, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Customer } from './customer.js';
import { RegularsError } from '../../platform/errors.js';
import { customerFromRow } from './customer.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { decodeCursor, encodeCursor } from '../../platform/database/cursor.js';

/** The largest page searchCustomers returns. */
export const MAX_CUSTOMER_PAGE = 1000;

export interface CustomerSearch {
  /**
   * Matches a customer whose external id or phone is exactly this text, or whose email, first
   * name or last name starts with it ignoring the case of A-Z; 'Ada Lov' also matches first name
   * 'Ada...' with last name 'Lov...'. Surrounding spaces are ignored; blank or absent lists all.
   */
  readonly query?: string | null;
  readonly limit: number;
  /** nextCursor of the previous page. */
  readonly cursor?: string | null;
}

/**
 * A page of the store's customers matching a search, in id order (ids are time-ordered, so oldest
 * first). The cursor is opaque to clients (base64url of the page's last id) and pages by "id after
 * it": customers inserted meanwhile never shift a page, so every match present throughout appears
 * exactly once. nextCursor is null on the last page.
 *
 * Case: emails and names are stored as given, so the comparison folds case in the query, on both
 * dialects alike: only A-Z fold to a-z. SQLite's lower() (without ICU) and its LIKE fold nothing
 * else, while PostgreSQL's lower() follows the database's locale; lower(x COLLATE "C") on
 * PostgreSQL folds exactly A-Z, so both give the same results ('émile' does not find 'Émile' on
 * either). LIKE wildcards in the query are escaped: '%' and '_' match themselves.
 *
 * Cost: no index serves a case-folded prefix, so a search walks the store's customers in id order
 * until the page is full (all of them when matches are rare); a page without a query uses the
 * primary key. Measured at 100k customers in docs/storage.md.
 */
export async function searchCustomers(
  db: Kysely<Database>,
  storeId: string,
  search: CustomerSearch,
): Promise<{ customers: Customer[]; nextCursor: string | null }> {
  const { limit } = search;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_CUSTOMER_PAGE) {
    throw new RegularsError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to ${MAX_CUSTOMER_PAGE}, not ${limit}`,
      { path: '/limit' },
    );
  }
  const after = search.cursor == null ? null : decodeCursor(search.cursor, 'cus');
  const query = search.query?.trim() ?? '';
  const fold = folder(db);
  const rows = await db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', storeId)
    .$if(after !== null, (qb) => qb.where('id', '>', after!))
    .$if(query !== '', (qb) => qb.where((eb) => matches(eb, query, fold)))
    .orderBy('id')
    // One row more than asked tells whether another page follows, without a count.
    .limit(limit + 1)
    .execute();
  const customers = rows.slice(0, limit).map(customerFromRow);
  return { customers, nextCursor: rows.length > limit ? encodeCursor(customers[customers.length - 1].id) : null };
}

type Column = 'email' | 'first_name' | 'last_name';
type Fold = (column: Column) => Expression<string>;

/** lower() that folds exactly A-Z on either dialect (see searchCustomers). */
function folder(db: Kysely<Database>): Fold {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres
    ? (column) => sql<string>`lower(${sql.ref(column)} collate "C")`
    : (column) => sql<string>`lower(${sql.ref(column)})`;
}

function matches(eb: ExpressionBuilder<Database, 'customers'>, query: string, fold: Fold): Expression<SqlBool> {
  const startsWith = (column: Column, text: string) =>
    sql<SqlBool>`${fold(column)} like ${likePrefix(text)} escape '\\'`;
  const alternatives: Expression<SqlBool>[] = [
    eb('external_id', '=', query),
    eb('phone', '=', query),
    startsWith('email', query),
    startsWith('first_name', query),
    startsWith('last_name', query),
  ];
  // 'Ada Lov': a first name and the start of a last name (the last name may itself have spaces).
  const space = query.search(/\s/);
  if (space > 0) {
    const last = query.slice(space).trim();
    alternatives.push(eb.and([startsWith('first_name', query.slice(0, space)), startsWith('last_name', last)]));
  }
  return eb.or(alternatives);
}

/** The LIKE pattern "starts with text", A-Z folded to a-z, with \, % and _ escaped. */
function likePrefix(text: string): string {
  return `${text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
