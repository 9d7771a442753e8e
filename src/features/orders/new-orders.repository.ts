import { type Kysely, PostgresAdapter, type QueryCreator } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { PreparedRowSets } from '../../platform/database/prepared-query.js';
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
} from '../customers/index.js';
import { ORDER_LINE_COLUMNS, type OrderLineRow } from './order-line.table.js';
import { ORDER_COLUMNS, type OrderRow } from './order.table.js';
import { orderLineToRow, orderToRow } from './order.repository.js';
import { type CustomerColumn, customerUpsertQuery } from './order-batch.repository.js';
import type { IncomingOrder } from './record-order.service.js';
import type { RecordedBatchOrder } from './record-order-batch.service.js';

/** Bound parameters per statement at most: PostgreSQL allows 65,535; a group past this takes the other path. */
const MAX_PARAMETERS = 30_000;

/** Databases that refused the statement's form (Citus plans some data-modifying CTEs it cannot run): not tried again. */
const refused = new WeakSet<object>();

/**
 * Customers (one upsert per set of fields given), then orders and their lines: the SQL depends on
 * the customer shapes and on each set's row count (PreparedRowSets), and is compiled once per such key.
 */
const NEW_ORDERS = new PreparedRowSets<{ id: string }, readonly (readonly CustomerColumn[])[]>(
  (db, sets, shapeColumns) => {
    const shapes = shapeColumns.length;
    let creator: QueryCreator<Database> = db;
    for (let i = 0; i < shapes; i++) {
      const columns = shapeColumns[i];
      creator = creator.with(`customers_${i}`, (qc) =>
        customerUpsertQuery(qc, columns, sets[i] as unknown as CustomerTable[]),
      ) as unknown as QueryCreator<Database>;
    }
    const lines = sets[shapes + 1] as unknown as OrderLineRow[];
    if (lines.length > 0)
      creator = creator.with('lines', (qc) =>
        qc.insertInto('order_lines').values(lines).returning('line_no'),
      ) as unknown as QueryCreator<Database>;
    return creator
      .insertInto('orders')
      .values(sets[shapes] as unknown as OrderRow[])
      .returning('id');
  },
);

/**
 * PostgreSQL only: writes a group of orders that are all new, with their customers and their
 * lines, in ONE statement (a data-modifying CTE) that commits on its own: one round trip and one
 * WAL flush for the group, instead of a transaction of six or more statements (the multi-row path
 * of upsertCustomersBatch and upsertOrdersBatch). With the customers' lookup before it, a group
 * of single orders or a batch takes two round trips (three when a customer is new).
 *
 * Same effect as that path for the groups it takes; null (nothing written) for the others, which
 * the caller then writes that way:
 * - another dialect, or a caller's transaction (the statement must commit alone);
 * - an order or a customer external id listed twice (the path applies them in list order);
 * - a customer the lookup matched to a stored one by an attached id, email or phone (identities
 *   to record and the customer to redirect);
 * - too many parameters for one statement.
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
  const orderIds = new Set(orders.map((o) => o.order.externalId));
  const customerIds = new Set(orders.map((o) => o.customer.externalId));
  if (orderIds.size !== orders.length || customerIds.size !== orders.length) return null;
  const lineCount = orders.reduce((n, o) => n + o.order.lines.length, 0);
  const parameters =
    orders.length * (CUSTOMER_COLUMNS.length + ORDER_COLUMNS.length) + lineCount * ORDER_LINE_COLUMNS.length;
  if (parameters > MAX_PARAMETERS) return null;
  for (const o of orders) checkCustomerInput(o.customer);

  const { targets, own } = await resolveIncomingCustomers(
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
    const key = columns.join(',');
    let shape = shapes.get(key);
    if (!shape) shapes.set(key, (shape = { columns, rows: [] }));
    const id = newId('cus');
    // A stored customer keeps its id whatever the upsert does; a new one is inserted with this one.
    customerIdOf.set(customer.externalId, own.get(customer.externalId) ?? id);
    shape.rows.push({
      store_id: storeId,
      id,
      external_id: customer.externalId,
      ...CUSTOMER_DEFAULTS,
      ...set,
      created_at: now,
      updated_at: now,
      source_updated_at: customer.sourceUpdatedAt == null ? null : utcInstant(customer.sourceUpdatedAt, 'updatedAt'),
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

  const key = customerSets.map((s) => s.columns.join(',')).join(';');
  const sets: (readonly object[])[] = [...customerSets.map((s) => s.rows), sortedOrders, lineRows];
  const columns = [...customerSets.map(() => CUSTOMER_COLUMNS), ORDER_COLUMNS, ORDER_LINE_COLUMNS];
  try {
    await NEW_ORDERS.execute(
      db,
      key,
      customerSets.map((s) => s.columns),
      columns,
      sets,
    );
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
