import type { Kysely, OnConflictBuilder, QueryCreator } from 'kysely';
import type { CustomerInput } from '../customers/index.js';
import type { OrderInput, UpsertOutcome } from './order.js';
import { RegularsError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { PreparedRows } from '../../platform/database/prepared-query.js';
import { CUSTOMER_COLUMNS, type CustomerTable } from '../customers/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { ORDER_LINE_COLUMNS, type OrderLineRow } from './order-line.table.js';
import { ORDER_COLUMNS, type OrderRow } from './order.table.js';
import { inTransaction, isForeignKeyViolation, writeFirst } from '../../platform/database/transaction.js';
import { CUSTOMER_DEFAULTS, checkCustomerInput, customerToRow } from '../customers/index.js';
import { insertIdentities, normalizeEmail, normalizePhone, resolveIncomingCustomers } from '../customers/index.js';
import { ORDER_UPSERT_COLUMNS, orderLineToRow, orderToRow, upsertByExternalId } from './order.repository.js';
import { compareText } from '../../platform/compare-text.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { customersCreatedEvents, emitWebhookEvents, orderRecordedEvents } from '../outgoing-webhooks/index.js';

/**
 * Many customers or orders in a few statements: what `regulars import` and `POST /v1/orders:batch`
 * use instead of one upsert (and one transaction) per order, which is 17 (SQLite) to 80
 * (PostgreSQL) times slower on the demo store (docs/import.md). Same semantics as the single
 * upserts in customer.repository.ts and order.repository.ts, plus one more outcome, 'unchanged': a
 * row that already holds exactly the given values is not written at all, so importing the same
 * file twice changes nothing.
 *
 * Rows per INSERT stay far below the bound-parameter limits (SQLite 32,766; PostgreSQL 65,535);
 * these sizes measured fastest on both dialects (1,000 orders or 3,000 lines per statement were
 * 20-35% slower on SQLite, whose multi-row VALUES cost grows with the statement).
 */
const ORDERS_PER_STATEMENT = 250; // 18 columns: 4,500 parameters
const LINES_PER_STATEMENT = 500; // 9 columns: 4,500 parameters
const CUSTOMERS_PER_STATEMENT = 500; // 15 columns: 7,500 parameters
/**
 * Ids per `IN (...)` list. PostgreSQL plans a longer list, on a table not yet analysed (right
 * after a first big import), as a scan of all the store's index entries: 0.1 s a lookup at
 * 100,000 orders, growing with the store. Up to about 100 ids it probes the index per id (1 ms).
 */
const IDS_PER_LOOKUP = 50;

/** Insert new orders, update changed ones: the shared version rule, and skip rows that would not change ('unchanged', nothing written). */
const ORDERS_UPSERT = new PreparedRows<OrderRow, { id: string; external_id: string }>(ORDER_COLUMNS, (db, rows) =>
  db
    .insertInto('orders')
    .values(rows)
    .onConflict((oc) =>
      upsertByExternalId(oc).where((eb) =>
        eb.or(ORDER_UPSERT_COLUMNS.map((c) => eb(`excluded.${c}`, 'is distinct from', eb.ref(`orders.${c}`)))),
      ),
    )
    .returning(['id', 'external_id']),
);

const LINES_INSERT = new PreparedRows<OrderLineRow, never>(ORDER_LINE_COLUMNS, (db, rows) =>
  db.insertInto('order_lines').values(rows),
);

/**
 * What the customer upsert does on a customer already stored (by external id): sets these columns
 * (and updated_at) unless the stored profile is a newer version or holds these values already.
 * Shared by the multi-row upsert and the new orders' statement (new-orders.repository.ts).
 */
export function customerUpsertConflict(columns: readonly CustomerColumn[]) {
  return (oc: OnConflictBuilder<Database, 'customers'>) => {
    const target = oc.columns(['store_id', 'external_id']);
    if (columns.length === 0) return target.doNothing();
    return (
      target
        .doUpdateSet((eb) => {
          const updatedAt = eb.ref('excluded.updated_at');
          // Every customer column is text, like updated_at: the one typed entry stands for all.
          return Object.fromEntries([
            ...columns.map((c) => [c, eb.ref(`excluded.${c}`)]),
            ['updated_at', updatedAt],
            ['source_updated_at', eb.fn.coalesce('excluded.source_updated_at', 'customers.source_updated_at')],
          ]) as { updated_at: typeof updatedAt };
        })
        // A versioned profile older than the stored one changes nothing (the customer converges to
        // the newest version, as for webhooks); an unversioned one always applies. Both are UTC
        // instants in one format, so the text order is time order.
        .where((eb) =>
          eb.and([
            eb.or([
              eb('excluded.source_updated_at', 'is', null),
              eb('customers.source_updated_at', 'is', null),
              eb('excluded.source_updated_at', '>=', eb.ref('customers.source_updated_at')),
            ]),
            eb.or([
              ...columns.map((c) => eb(`excluded.${c}`, 'is distinct from', eb.ref(`customers.${c}`))),
              eb('excluded.source_updated_at', '>', eb.ref('customers.source_updated_at')),
              eb.and([eb('customers.source_updated_at', 'is', null), eb('excluded.source_updated_at', 'is not', null)]),
            ]),
          ]),
        )
    );
  };
}

/**
 * The customer upsert that sets these columns (and updated_at) on a conflict: a customer of the
 * same external id is updated only where the given values differ and its version is not newer.
 */
export function customerUpsertQuery(
  db: QueryCreator<Database>,
  columns: readonly CustomerColumn[],
  rows: CustomerTable[],
) {
  return db
    .insertInto('customers')
    .values(rows)
    .onConflict(customerUpsertConflict(columns))
    .returning(['id', 'external_id']);
}

/** The customer upsert that sets these columns (and updated_at) on a conflict, one per set of columns. */
const customerUpserts = new Map<string, PreparedRows<CustomerTable, { id: string; external_id: string }>>();
function customersUpsert(
  columns: readonly CustomerColumn[],
): PreparedRows<CustomerTable, { id: string; external_id: string }> {
  const key = columns.join(',');
  let upsert = customerUpserts.get(key);
  if (upsert === undefined) {
    upsert = new PreparedRows(CUSTOMER_COLUMNS, (db, rows) => customerUpsertQuery(db, columns, rows));
    customerUpserts.set(key, upsert);
  }
  return upsert;
}

export type CustomerBatchOutcome = 'created' | 'updated' | 'unchanged';
export type OrderBatchOutcome = UpsertOutcome | 'unchanged';

export interface StoredCustomer {
  /** 'cus_...' */
  readonly customerId: string;
  readonly outcome: CustomerBatchOutcome;
}

export interface OrderBatchResult {
  /** 'ord_...' */
  readonly orderId: string;
  readonly outcome: OrderBatchOutcome;
}

export type CustomerColumn = keyof typeof CUSTOMER_DEFAULTS;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * Input positions split into rounds so that no round names one external id twice: a multi-row
 * INSERT ... ON CONFLICT DO UPDATE may not touch a row twice (PostgreSQL refuses it). Round k holds
 * every id's k-th occurrence, so applying the rounds in turn is applying the list in order.
 */
function rounds(externalIds: readonly string[]): number[][] {
  const seen = new Map<string, number>();
  const result: number[][] = [];
  externalIds.forEach((id, i) => {
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    (result[k] ??= []).push(i);
  });
  return result;
}

/**
 * Inserts the customers or updates the ones with the same external ids, in one transaction, and
 * returns each one's stored id and what happened to it, by external id.
 *
 * As upsertCustomerByExternalId: a field left undefined keeps the stored value, null clears it.
 * Inputs are grouped by the fields they define, so that one statement sets the same columns on
 * every row it touches. A customer whose stored fields already equal the given ones is left as it
 * is ('unchanged', its updated_at untouched). An external id listed twice is applied in list order.
 * An external id no customer has as its own updates the customer it is attached to or matches by
 * email or phone (resolveIncomingCustomers), and is listed under that customer's id.
 */
export async function upsertCustomersBatch(
  db: Kysely<Database>,
  storeId: string,
  incoming: readonly CustomerInput[],
): Promise<Map<string, StoredCustomer>> {
  let inputs = incoming;
  inputs.forEach(checkCustomerInput);
  const stored = new Map<string, StoredCustomer>();
  if (inputs.length === 0) return stored;
  const now = nowIso();
  try {
    await inTransaction(db, async (trx) => {
      // Matches are read before customers are written: on SQLite the transaction must hold the
      // write lock first.
      await writeFirst(trx);
      // Source ids no customer has as its own may name a stored customer (an attached id, or the
      // same email or phone): those inputs update that customer, under its own external id.
      const { targets, identities, own } = await resolveIncomingCustomers(
        trx,
        storeId,
        inputs.map((c) => ({
          externalId: c.externalId,
          emailKey: normalizeEmail(c.email),
          phoneKey: normalizePhone(c.phone),
        })),
      );
      await insertIdentities(trx, storeId, identities, now);
      // The stored id of every customer the lookup found, by the external id it is upserted under.
      const lookedUp = new Map(own);
      for (const target of targets.values()) lookedUp.set(target.externalId, target.id);
      const original = inputs;
      inputs = inputs.map((c) => {
        const target = targets.get(c.externalId);
        return target ? { ...c, externalId: target.externalId } : c;
      });
      for (const round of rounds(inputs.map((c) => c.externalId))) {
        const shapes = new Map<string, { columns: CustomerColumn[]; rows: CustomerTable[] }>();
        for (const i of round) {
          const set = customerToRow(inputs[i]);
          const columns = (Object.keys(set) as CustomerColumn[]).sort();
          const key = columns.join(',');
          let shape = shapes.get(key);
          if (!shape) shapes.set(key, (shape = { columns, rows: [] }));
          shape.rows.push({
            store_id: storeId,
            id: newId('cus'),
            external_id: inputs[i].externalId,
            ...CUSTOMER_DEFAULTS,
            ...set,
            created_at: now,
            updated_at: now,
            // An order's customer is versioned by the order's updatedAt when the source sends one (the
            // REST API); file imports carry no version.
            source_updated_at:
              inputs[i].sourceUpdatedAt == null ? null : utcInstant(inputs[i].sourceUpdatedAt, 'updatedAt'),
          });
        }
        for (const { columns, rows } of shapes.values()) {
          // One lock order for every writer, so concurrent batches on PostgreSQL cannot deadlock.
          rows.sort((a, b) => compareText(a.external_id, b.external_id));
          const written = new Map<string, string>();
          for (const chunk of chunks(rows, CUSTOMERS_PER_STATEMENT)) {
            const returned = await customersUpsert(columns).execute(trx, chunk);
            for (const r of returned) written.set(r.external_id, r.id);
          }
          const proposed = new Map(rows.map((r) => [r.external_id, r.id]));
          for (const [externalId, id] of written) {
            stored.set(externalId, {
              customerId: id,
              outcome:
                id === proposed.get(externalId) || stored.get(externalId)?.outcome === 'created'
                  ? 'created'
                  : 'updated',
            });
          }
          // A customer the upsert left alone exists, and was locked by it. An earlier round may have
          // created or updated it ('unchanged' is only for the first touch); else the lookup above
          // found it, under the same id (customers are only deleted by a merge, which attaches the
          // external id to the customer kept): only one created since by a concurrent writer is read.
          // On PostgreSQL that spared read was one round trip of the six a group of orders takes.
          const untouched: string[] = [];
          for (const { external_id: externalId } of rows) {
            if (written.has(externalId) || stored.has(externalId)) continue;
            const customerId = lookedUp.get(externalId);
            if (customerId === undefined) untouched.push(externalId);
            else stored.set(externalId, { customerId, outcome: 'unchanged' });
          }
          for (const ids of chunks(untouched, IDS_PER_LOOKUP)) {
            const found = await trx
              .selectFrom('customers')
              .select(['id', 'external_id'])
              .where('store_id', '=', storeId)
              .where('external_id', 'in', ids)
              .execute();
            for (const r of found) {
              // An earlier round may have created or updated it; 'unchanged' is only for the first touch.
              if (!stored.has(r.external_id)) stored.set(r.external_id, { customerId: r.id, outcome: 'unchanged' });
            }
          }
        }
      }
      for (const c of original) {
        const target = targets.get(c.externalId);
        const result = target && stored.get(target.externalId);
        if (result) stored.set(c.externalId, result);
      }
      await emitWebhookEvents(trx, storeId, customersCreatedEvents(incoming, stored));
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
  return stored;
}

/** True when the stored order is a later source version than the incoming one (see upsertOrderByExternalId). */
function isStale(incoming: string | null, stored: string | null): boolean {
  return stored !== null && (incoming === null || incoming < stored);
}

type StoredLine = Omit<OrderLineRow, 'store_id' | 'order_id'>;

function sameLines(input: OrderInput, lines: readonly StoredLine[]): boolean {
  if (lines.length !== input.lines.length) return false;
  return input.lines.every((line, i) => {
    const row = lines[i];
    return (
      row.line_no === i + 1 &&
      row.sku === line.sku &&
      row.title === line.title &&
      row.category === line.category &&
      row.quantity === line.quantity &&
      row.price_minor === line.priceMinor &&
      row.total_minor === line.totalMinor
    );
  });
}

/**
 * Inserts or updates many orders by external id, replacing the lines of each order written, in
 * one transaction; returns each input's stored id and outcome, in input order.
 *
 * Semantics of upsertOrderByExternalId, order by order:
 * - an order whose external id is new is 'created';
 * - an existing order is updated only when the incoming sourceUpdatedAt is not older than the
 *   stored one (an unversioned order never overrides a versioned one), else it is 'stale';
 * - the lines of an updated order are replaced, never appended;
 * - an order that would not change (same columns, same lines) is 'unchanged' and not written;
 * - an external id listed twice is applied in list order.
 *
 * The first statement is the upsert, a write: on SQLite the transaction then holds the write lock
 * from its start instead of failing to upgrade a read snapshot, and on PostgreSQL ON CONFLICT locks
 * every conflicting order (updated or not) until commit, so the line comparison and replacement of
 * one batch never interleave with another writer's. A caller's transaction is joined (inTransaction).
 *
 * Every order is validated (orderToRow) before anything is written. The customers must be the
 * store's ('cus_...'); otherwise nothing is written and CUSTOMER_NOT_FOUND names one that is not.
 */
export async function upsertOrdersBatch(
  db: Kysely<Database>,
  storeId: string,
  orders: readonly OrderInput[],
): Promise<OrderBatchResult[]> {
  if (orders.length === 0) return [];
  const now = nowIso();
  const rows = orders.map((order) => orderToRow(storeId, newId('ord'), order, now));
  try {
    return await inTransaction(db, async (trx) => {
      const results: OrderBatchResult[] = new Array(orders.length);
      for (const round of rounds(rows.map((r) => r.external_id)))
        await upsertRound(trx, storeId, now, orders, rows, round, results);
      await emitWebhookEvents(trx, storeId, orderRecordedEvents(orders, results));
      return results;
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    // The transaction is over (rolled back); ask which customer was missing to say so.
    const missing = db.isTransaction ? undefined : await firstMissingCustomer(db, storeId, orders);
    throw new RegularsError(
      'CUSTOMER_NOT_FOUND',
      missing
        ? `store ${storeId} has no customer ${missing}`
        : `an order names a customer store ${storeId} does not have`,
      {
        storeId,
        customerId: missing ?? null,
      },
    );
  }
}

async function firstMissingCustomer(
  db: Kysely<Database>,
  storeId: string,
  orders: readonly OrderInput[],
): Promise<string | undefined> {
  const wanted = [...new Set(orders.map((o) => o.customerId))];
  const found = new Set<string>();
  for (const ids of chunks(wanted, IDS_PER_LOOKUP)) {
    for (const r of await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', storeId)
      .where('id', 'in', ids)
      .execute())
      found.add(r.id);
  }
  return wanted.find((id) => !found.has(id));
}

/** One round: orders with distinct external ids (positions into orders and rows). */
async function upsertRound(
  trx: Kysely<Database>,
  storeId: string,
  now: string,
  orders: readonly OrderInput[],
  rows: readonly OrderRow[],
  round: readonly number[],
  results: OrderBatchResult[],
): Promise<void> {
  // One lock order for every writer, so concurrent batches on PostgreSQL cannot deadlock.
  const positions = [...round].sort((a, b) => compareText(rows[a].external_id, rows[b].external_id));

  // 1. Insert new orders and update changed ones in one statement per chunk. The conflict's WHERE
  //    both applies the version rule and skips rows that would not change.
  const written = new Map<string, string>();
  for (const chunk of chunks(positions, ORDERS_PER_STATEMENT)) {
    const returned = await ORDERS_UPSERT.execute(
      trx,
      chunk.map((i) => rows[i]),
    );
    for (const r of returned) written.set(r.external_id, r.id);
  }

  const replaceLines: { position: number; orderId: string }[] = [];
  const clearLines: string[] = [];
  const notWritten: number[] = [];
  for (const i of positions) {
    const id = written.get(rows[i].external_id);
    if (id === undefined) {
      notWritten.push(i);
      continue;
    }
    const created = id === rows[i].id;
    results[i] = { orderId: id, outcome: created ? 'created' : 'updated' };
    if (!created) clearLines.push(id);
    replaceLines.push({ position: i, orderId: id });
  }

  // 2. Orders the upsert left alone are either stale (a later version is stored) or hold the same
  //    columns; for those, compare the lines, which the upsert cannot see. Two lookups rather than
  //    one join: PostgreSQL plans the join, on tables not yet analysed, as a scan of all the
  //    store's lines (1 s a lookup at a million lines), while each IN list alone probes its index.
  if (notWritten.length > 0) {
    const stored = new Map<string, { id: string; source_updated_at: string | null }>();
    for (const chunk of chunks(notWritten, IDS_PER_LOOKUP)) {
      const found = await trx
        .selectFrom('orders')
        .select(['id', 'external_id', 'source_updated_at'])
        .where('store_id', '=', storeId)
        .where(
          'external_id',
          'in',
          chunk.map((i) => rows[i].external_id),
        )
        .execute();
      for (const r of found) stored.set(r.external_id, r);
    }
    const same: { position: number; orderId: string }[] = [];
    for (const i of notWritten) {
      const order = stored.get(rows[i].external_id)!;
      if (isStale(rows[i].source_updated_at, order.source_updated_at))
        results[i] = { orderId: order.id, outcome: 'stale' };
      else same.push({ position: i, orderId: order.id });
    }
    const storedLines = new Map<string, StoredLine[]>();
    for (const chunk of chunks(same, IDS_PER_LOOKUP)) {
      const lines = await trx
        .selectFrom('order_lines')
        .select(['order_id', 'line_no', 'sku', 'title', 'category', 'quantity', 'price_minor', 'total_minor'])
        .where('store_id', '=', storeId)
        .where(
          'order_id',
          'in',
          chunk.map((s) => s.orderId),
        )
        .execute();
      for (const line of lines) {
        let list = storedLines.get(line.order_id);
        if (!list) storedLines.set(line.order_id, (list = []));
        list.push(line);
      }
    }
    for (const list of storedLines.values()) list.sort((a, b) => a.line_no - b.line_no);
    const linesChanged: string[] = [];
    for (const { position, orderId } of same) {
      if (sameLines(orders[position], storedLines.get(orderId) ?? [])) {
        results[position] = { orderId, outcome: 'unchanged' };
      } else {
        results[position] = { orderId, outcome: 'updated' };
        linesChanged.push(orderId);
        clearLines.push(orderId);
        replaceLines.push({ position, orderId });
      }
    }
    for (const ids of chunks(linesChanged, IDS_PER_LOOKUP)) {
      await trx
        .updateTable('orders')
        .set({ updated_at: now })
        .where('store_id', '=', storeId)
        .where('id', 'in', ids)
        .execute();
    }
  }

  // 3. Lines: replaced, never appended.
  for (const ids of chunks(clearLines, IDS_PER_LOOKUP)) {
    await trx.deleteFrom('order_lines').where('store_id', '=', storeId).where('order_id', 'in', ids).execute();
  }
  const lineRows = replaceLines.flatMap(({ position, orderId }) =>
    orders[position].lines.map((line, n) => orderLineToRow(storeId, orderId, { ...line, lineNo: n + 1 })),
  );
  for (const chunk of chunks(lineRows, LINES_PER_STATEMENT)) await LINES_INSERT.execute(trx, chunk);
}
