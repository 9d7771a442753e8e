import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/** Customers per page of a store-wide pass. */
export const CUSTOMERS_PER_PAGE = 10_000;

/**
 * Page queries in flight at once. PostgreSQL runs each on its own backend (another core), so the
 * next pages are read while this process decodes the current one; SQLite's driver is synchronous
 * on one connection, where a second page in flight would only wait.
 */
const PAGES_IN_FLIGHT = { postgres: 3, sqlite: 1 } as const;

/** A page of the store's customer ids in id order, after `after`. */
async function customerIdPage(db: Kysely<Database>, storeId: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', storeId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(CUSTOMERS_PER_PAGE)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * A pass over every customer of a store, a page of customers at a time: `read(firstId, lastId)`
 * fetches what the pass needs of the customers in that id range (by an index that starts with
 * (store_id, customer_id)), and `handle` gets each page's rows in id order with the number of
 * customers in the page (for progress). Pages are read ahead
 * on PostgreSQL (PAGES_IN_FLIGHT) and handled strictly in order, so a caller that groups rows by
 * customer sees every customer's rows in one page.
 */
export async function forEachCustomerPage<Row>(
  db: Kysely<Database>,
  storeId: string,
  read: (firstId: string, lastId: string) => Promise<Row[]>,
  handle: (rows: Row[], customers: number) => void,
): Promise<void> {
  const inFlight =
    db.getExecutor().adapter instanceof PostgresAdapter ? PAGES_IN_FLIGHT.postgres : PAGES_IN_FLIGHT.sqlite;
  const queue: { readonly rows: Promise<Row[]>; readonly customers: number }[] = [];
  let after = '';
  let more = true;
  const fill = async () => {
    while (more && queue.length < inFlight) {
      const ids = await customerIdPage(db, storeId, after);
      if (ids.length === 0) {
        more = false;
        break;
      }
      const rows = read(ids[0], ids[ids.length - 1]);
      // Handled in order below; an early failure must not go unobserved meanwhile.
      rows.catch(() => undefined);
      queue.push({ rows, customers: ids.length });
      after = ids[ids.length - 1];
      if (ids.length < CUSTOMERS_PER_PAGE) more = false;
    }
  };
  await fill();
  while (queue.length > 0) {
    const page = queue.shift() as { readonly rows: Promise<Row[]>; readonly customers: number };
    const rows = await page.rows;
    await fill();
    handle(rows, page.customers);
  }
}
