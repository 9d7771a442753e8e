import { type CompiledQuery, type Kysely, PostgresAdapter, type QueryCreator, sql } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { hasCitus } from '../../platform/database/citus.js';
import type { Database } from '../../platform/database/database.table.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { compareText } from '../../platform/compare-text.js';
import {
  CUSTOMER_COLUMNS,
  CUSTOMER_DEFAULTS,
  type CustomerTable,
  checkCustomerInput,
  customerToRow,
  normalizeEmail,
  normalizePhone,
  resolveIncomingCustomers,
  upsertWouldChange,
} from '../customers/index.js';
import { ORDER_LINE_COLUMNS } from './order-line.table.js';
import { ORDER_COLUMNS } from './order.table.js';
import { orderLineToRow, orderToRow } from './order.repository.js';
import { type CustomerColumn, customerUpsertConflict } from './order-batch.repository.js';
import type { IncomingOrder } from './record-order.service.js';
import type { RecordedBatchOrder } from './record-order-batch.service.js';

/** Databases that refused the statement's form (Citus plans some data-modifying CTEs it cannot run): not tried again. */
const refused = new WeakSet<object>();

/**
 * Per database (its adapter): whether it is a Citus coordinator, asked once. Citus runs a
 * statement's data-modifying CTEs as separate steps before the statement itself, so the lines'
 * foreign key to the orders the statement inserts fails there (an internal error, not
 * feature_not_supported, on every group): a Citus database takes the other path from the start.
 */
const citusOf = new WeakMap<object, Promise<boolean>>();

function isCitus(db: Kysely<Database>, adapter: object): Promise<boolean> {
  let citus = citusOf.get(adapter);
  if (citus === undefined) {
    citus = hasCitus(db).catch((error: unknown) => {
      // Asked again next time (the database may be back).
      citusOf.delete(adapter);
      throw error;
    });
    citusOf.set(adapter, citus);
  }
  return citus;
}

/**
 * PostgreSQL's element type of each non-text column the statement writes, for its arrays; every
 * other column of customers, orders and order_lines is text (schema.sql).
 */
const ARRAY_TYPES: Readonly<Record<string, string>> = {
  order_day: 'integer[]',
  line_no: 'integer[]',
  quantity: 'integer[]',
  subtotal_minor: 'bigint[]',
  discount_minor: 'bigint[]',
  shipping_minor: 'bigint[]',
  total_minor: 'bigint[]',
  refunded_minor: 'bigint[]',
  over_refunded_minor: 'bigint[]',
  price_minor: 'bigint[]',
};

type Param = (name: string) => unknown;

/**
 * `select <store>, u.* from unnest(<one array per column>) as u`: the rows of one set, each column
 * sent as one array parameter (named `${set}.${column}`), the store id as one more. The rows come
 * out in the arrays' order.
 */
function rowsFromArrays(param: Param, set: string, columns: readonly string[]) {
  const arrays = columns
    .filter((c) => c !== 'store_id')
    .map((c) => sql`${param(`${set}.${c}`)}::${sql.raw(ARRAY_TYPES[c] ?? 'text[]')}`);
  return sql`select ${param('storeId')}, u.* from unnest(${sql.join(arrays)}) as u`;
}

/** The columns a set's statement lists: store_id first, as rowsFromArrays selects it. */
function storeFirst(columns: readonly string[]): string[] {
  return ['store_id', ...columns.filter((c) => c !== 'store_id')];
}

/**
 * Customers (one upsert per set of fields given), then orders and their lines, every row of a set
 * sent as one array per column and expanded by unnest(): one SQL text per customer shape and per
 * "with lines or not", whatever the row counts, so it is kept prepared by name on each connection
 * (PreparedQuery) and parsed and planned once there, and its parameters are a few dozen arrays
 * rather than one per value (5,300 for a batch of 100 orders with two lines each: binding and
 * planning them cost more than the writes they carried). Nothing is returned: the caller knows
 * the ids it wrote.
 */
const newOrderStatements = new Map<string, PreparedQuery<never, Record<string, unknown>>>();
/** Shapes kept compiled at most; a store sends a handful (which customer fields its platform fills). */
const MAX_SHAPES = 64;

function newOrdersStatement(
  shapes: readonly (readonly CustomerColumn[])[],
  withLines: boolean,
): PreparedQuery<never, Record<string, unknown>> {
  const key = `${shapes.map((columns) => columns.join(',')).join(';')}|${withLines}`;
  let statement = newOrderStatements.get(key);
  if (statement === undefined) {
    statement = new PreparedQuery<never, Record<string, unknown>>((db, param) => {
      let creator: QueryCreator<Database> = db;
      shapes.forEach((columns, i) => {
        creator = creator.with(`customers_${i}`, (qc) =>
          qc
            .insertInto('customers')
            .columns(storeFirst(CUSTOMER_COLUMNS) as (typeof CUSTOMER_COLUMNS)[number][])
            .expression(rowsFromArrays(param, `c${i}`, CUSTOMER_COLUMNS))
            .onConflict(customerUpsertConflict(columns)),
        ) as unknown as QueryCreator<Database>;
      });
      if (withLines)
        creator = creator.with('lines', (qc) =>
          qc
            .insertInto('order_lines')
            .columns(storeFirst(ORDER_LINE_COLUMNS) as (typeof ORDER_LINE_COLUMNS)[number][])
            .expression(rowsFromArrays(param, 'l', ORDER_LINE_COLUMNS)),
        ) as unknown as QueryCreator<Database>;
      return creator
        .insertInto('orders')
        .columns(storeFirst(ORDER_COLUMNS) as (typeof ORDER_COLUMNS)[number][])
        .expression(rowsFromArrays(param, 'o', ORDER_COLUMNS)) as unknown as {
        compile(): CompiledQuery<never>;
      };
    });
    if (newOrderStatements.size >= MAX_SHAPES) newOrderStatements.delete(newOrderStatements.keys().next().value!);
    newOrderStatements.set(key, statement);
  }
  return statement;
}

/** Each column of these rows as one array, under `${set}.${column}` (rowsFromArrays). */
function arraysOf(set: string, columns: readonly string[], rows: readonly object[], into: Record<string, unknown>) {
  for (const c of columns) {
    if (c === 'store_id') continue;
    into[`${set}.${c}`] = rows.map((row) => (row as Record<string, unknown>)[c] ?? null);
  }
}

/**
 * PostgreSQL only: writes a group of orders that are all new, with their customers and their
 * lines, in ONE statement (a data-modifying CTE) that commits on its own: one round trip and one
 * WAL flush for the group, instead of a transaction of six or more statements (the multi-row path
 * of upsertCustomersBatch and upsertOrdersBatch). With the customers' lookup before it (one
 * statement whatever the group's size: findIncomingCustomers), a group of single orders or a batch
 * takes two round trips. Customers the lookup found and the upsert would leave as they are are
 * not in the statement at all.
 *
 * Same effect as that path for the groups it takes; null (nothing written) for the others, which
 * the caller then writes that way:
 * - another dialect, a Citus database (isCitus), or a caller's transaction (the statement must
 *   commit alone);
 * - an order or a customer external id listed twice (the path applies them in list order);
 * - a customer the lookup matched to a stored one by an attached id, email or phone (identities
 *   to record and the customer to redirect).
 * The orders are inserted, not upserted: an order already stored, or a customer that changed
 * between the lookup and the statement (created by another writer, or merged away), fails the
 * whole statement (unique or foreign key violation), which writes nothing, and null is returned:
 * the caller's path then sees the stored rows and decides 'updated', 'unchanged' or 'stale'.
 * Validation errors are thrown, as the other path throws them, before anything is written.
 */
export async function insertNewOrders(
  db: Kysely<Database>,
  storeId: string,
  orders: readonly IncomingOrder[],
): Promise<RecordedBatchOrder[] | null> {
  const adapter = db.getExecutor().adapter;
  if (db.isTransaction || !(adapter instanceof PostgresAdapter) || refused.has(adapter) || orders.length === 0)
    return null;
  if (await isCitus(db, adapter)) {
    refused.add(adapter);
    return null;
  }
  const orderIds = new Set(orders.map((o) => o.order.externalId));
  const customerIds = new Set(orders.map((o) => o.customer.externalId));
  if (orderIds.size !== orders.length || customerIds.size !== orders.length) return null;
  for (const o of orders) checkCustomerInput(o.customer);

  const { targets, stored } = await resolveIncomingCustomers(
    db,
    storeId,
    orders.map((o) => ({
      externalId: o.customer.externalId,
      emailKey: normalizeEmail(o.customer.email),
      phoneKey: normalizePhone(o.customer.phone),
    })),
  );
  if (targets.size > 0) return null;

  const now = nowIso();
  const shapes = new Map<string, { columns: CustomerColumn[]; rows: CustomerTable[] }>();
  const customerIdOf = new Map<string, string>();
  for (const { customer } of orders) {
    const set = customerToRow(customer);
    const columns = (Object.keys(set) as CustomerColumn[]).sort();
    const sourceUpdatedAt = customer.sourceUpdatedAt == null ? null : utcInstant(customer.sourceUpdatedAt, 'updatedAt');
    const known = stored.get(customer.externalId);
    if (known !== undefined) {
      // A stored customer keeps its id whatever the upsert does.
      customerIdOf.set(customer.externalId, known.id);
      // Left out of the statement when the upsert would leave it as it is (most repeat
      // customers): no row lock, no WAL record. A writer that changes it meanwhile commits after
      // this lookup, as if this upsert (a no-op then) had come first; a merge that deletes it
      // fails the orders' foreign key, and the caller's path takes the group.
      if (!upsertWouldChange(known, { ...set, source_updated_at: sourceUpdatedAt }, columns)) continue;
    }
    const key = columns.join(',');
    let shape = shapes.get(key);
    if (!shape) shapes.set(key, (shape = { columns, rows: [] }));
    const id = newId('cus');
    if (known === undefined) customerIdOf.set(customer.externalId, id);
    shape.rows.push({
      store_id: storeId,
      id,
      external_id: customer.externalId,
      ...CUSTOMER_DEFAULTS,
      ...set,
      created_at: now,
      updated_at: now,
      source_updated_at: sourceUpdatedAt,
    });
  }
  const orderRows = orders.map((o) =>
    orderToRow(storeId, newId('ord'), { ...o.order, customerId: customerIdOf.get(o.customer.externalId)! }, now),
  );
  const lineRows = orders.flatMap((o, i) =>
    o.order.lines.map((line, n) => orderLineToRow(storeId, orderRows[i].id, { ...line, lineNo: n + 1 })),
  );
  // One lock order for every writer (as the other path), so concurrent groups cannot deadlock.
  const customerSets = [...shapes.values()].map((s) => ({
    columns: s.columns,
    rows: s.rows.sort((a, b) => compareText(a.external_id, b.external_id)),
  }));
  const sortedOrders = [...orderRows].sort((a, b) => compareText(a.external_id, b.external_id));

  const params: Record<string, unknown> = { storeId };
  customerSets.forEach((set, i) => arraysOf(`c${i}`, CUSTOMER_COLUMNS, set.rows, params));
  arraysOf('o', ORDER_COLUMNS, sortedOrders, params);
  arraysOf('l', ORDER_LINE_COLUMNS, lineRows, params);
  try {
    await newOrdersStatement(
      customerSets.map((set) => set.columns),
      lineRows.length > 0,
    ).execute(db, params);
  } catch (error) {
    if (error instanceof RegularsError) throw error;
    if ((error as { code?: unknown }).code === '0A000') refused.add(adapter);
    return null;
  }
  return orders.map((o, i) => ({
    id: orderRows[i].id,
    externalId: o.order.externalId,
    customerId: customerIdOf.get(o.customer.externalId)!,
    outcome: 'created',
  }));
}
