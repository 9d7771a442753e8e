import type { Kysely, OnConflictBuilder } from 'kysely';
import {
  capRefunds,
  ORDER_STATUSES,
  type Order,
  type OrderInput,
  type OrderLine,
  type OrderStatus,
  type UpsertOutcome,
} from './order.js';
import { RegularsError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { OrderLineRow } from './order-line.table.js';
import type { OrderRow } from './order.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { isPurchase } from '../segments/index.js';
import { emitWebhookEvents, orderRecordedEvents } from '../outgoing-webhooks/index.js';

/** Lines per INSERT: 9 parameters each stays far below SQLite's 32,766 bound parameters. */
const LINES_PER_INSERT = 500;

export function orderLineFromRow(row: OrderLineRow): OrderLine {
  return {
    lineNo: row.line_no,
    sku: row.sku,
    title: row.title,
    category: row.category,
    quantity: row.quantity,
    priceMinor: row.price_minor,
    totalMinor: row.total_minor,
  };
}

export function orderLineToRow(storeId: string, orderId: string, line: OrderLine): OrderLineRow {
  return {
    store_id: storeId,
    order_id: orderId,
    line_no: line.lineNo,
    sku: line.sku,
    title: line.title,
    category: line.category,
    quantity: line.quantity,
    price_minor: line.priceMinor,
    total_minor: line.totalMinor,
  };
}

export function orderFromRow(row: OrderRow, lines: readonly OrderLineRow[]): Order {
  return {
    id: row.id,
    storeId: row.store_id,
    externalId: row.external_id,
    customerId: row.customer_id,
    orderedAt: row.ordered_at,
    orderDay: row.order_day,
    currency: row.currency,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    shippingMinor: row.shipping_minor,
    totalMinor: row.total_minor,
    refundedMinor: row.refunded_minor,
    // Written only through orderToRow, which admits ORDER_STATUSES alone.
    status: row.status as OrderStatus,
    cancelledAt: row.cancelled_at,
    sourceUpdatedAt: row.source_updated_at,
    overRefundedMinor: row.over_refunded_minor,
    name: row.name,
    lines: [...lines].sort((a, b) => a.line_no - b.line_no).map(orderLineFromRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function orderToRow(storeId: string, id: string, input: OrderInput, now: string): OrderRow {
  checkOrder(input);
  const refunds = capRefunds(input.totalMinor, input.refundedMinor);
  return {
    store_id: storeId,
    id,
    external_id: input.externalId,
    customer_id: input.customerId,
    ordered_at: input.orderedAt,
    order_day: input.orderDay,
    currency: input.currency,
    subtotal_minor: input.subtotalMinor,
    discount_minor: input.discountMinor,
    shipping_minor: input.shippingMinor,
    total_minor: input.totalMinor,
    refunded_minor: refunds.refundedMinor,
    status: input.status,
    cancelled_at: input.cancelledAt,
    source_updated_at: input.sourceUpdatedAt === null ? null : utcInstant(input.sourceUpdatedAt, 'sourceUpdatedAt'),
    created_at: now,
    updated_at: now,
    over_refunded_minor: refunds.overRefundedMinor,
    name: input.name ?? null,
  };
}

/** Minor units must be exact integers: a float or a number past 2^53 would silently change money. */
function checkMinor(value: number, field: string): void {
  if (!Number.isSafeInteger(value))
    throw invalidField(field, `${field} must be an integer number of minor units, not ${value}`);
}

function checkOrder(input: OrderInput): void {
  if (typeof input.externalId !== 'string' || input.externalId === '')
    throw invalidField('externalId', 'an order needs its external id as a non-empty string');
  if (!input.customerId) throw invalidField('customerId', 'an order needs the stored customer id (cus_...)');
  if (!Number.isSafeInteger(input.orderDay))
    throw invalidField('orderDay', `orderDay must be an integer day number, not ${input.orderDay}`);
  if (!/^[A-Z]{3}$/.test(input.currency))
    throw invalidField('currency', `currency must be an ISO 4217 code such as EUR, not ${input.currency}`);
  if (!(ORDER_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidField('status', `status must be one of ${ORDER_STATUSES.join(', ')}, not ${input.status}`);
  }
  for (const field of ['subtotalMinor', 'discountMinor', 'shippingMinor', 'totalMinor', 'refundedMinor'] as const)
    checkMinor(input[field], field);
  input.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity))
      throw invalidField(`lines[${i}].quantity`, `lines[${i}].quantity must be an integer, not ${line.quantity}`);
    checkMinor(line.priceMinor, `lines[${i}].priceMinor`);
    checkMinor(line.totalMinor, `lines[${i}].totalMinor`);
  });
}

/** The order columns an upsert by external id may change: all but the ids and created_at. */
export const ORDER_UPSERT_COLUMNS = [
  'customer_id',
  'ordered_at',
  'order_day',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'shipping_minor',
  'total_minor',
  'refunded_minor',
  'status',
  'cancelled_at',
  'source_updated_at',
  'over_refunded_minor',
  'name',
] as const;

/**
 * The conflict clause of every order upsert (single and batch): on the (store_id, external_id)
 * unique index, take the incoming columns, but only when the incoming version is not older than
 * the stored one (an unversioned order never overrides a versioned one). Callers may chain more
 * conditions with .where (ANDed).
 */
export function upsertByExternalId(oc: OnConflictBuilder<Database, 'orders'>) {
  return oc
    .columns(['store_id', 'external_id'])
    .doUpdateSet((eb) => ({
      // ORDER_UPSERT_COLUMNS, written out so that Kysely checks each column's type.
      customer_id: eb.ref('excluded.customer_id'),
      ordered_at: eb.ref('excluded.ordered_at'),
      order_day: eb.ref('excluded.order_day'),
      currency: eb.ref('excluded.currency'),
      subtotal_minor: eb.ref('excluded.subtotal_minor'),
      discount_minor: eb.ref('excluded.discount_minor'),
      shipping_minor: eb.ref('excluded.shipping_minor'),
      total_minor: eb.ref('excluded.total_minor'),
      refunded_minor: eb.ref('excluded.refunded_minor'),
      status: eb.ref('excluded.status'),
      cancelled_at: eb.ref('excluded.cancelled_at'),
      source_updated_at: eb.ref('excluded.source_updated_at'),
      over_refunded_minor: eb.ref('excluded.over_refunded_minor'),
      // A version without a name (the REST API's) keeps the name an earlier one gave.
      name: eb.fn.coalesce('excluded.name', 'orders.name'),
      updated_at: eb.ref('excluded.updated_at'),
    }))
    .where((eb) =>
      eb.or([
        eb('orders.source_updated_at', 'is', null),
        eb('excluded.source_updated_at', '>=', eb.ref('orders.source_updated_at')),
      ]),
    );
}

/**
 * Inserts or updates the order with this external id, and replaces its lines, in one transaction.
 *
 * - Repeated delivery has one effect: the (store_id, external_id) unique index makes the second
 *   insert an update of the same row, and the lines are deleted and written again, not appended.
 * - Out-of-order delivery converges: the update applies only when the incoming sourceUpdatedAt is
 *   not older than the stored one (an unversioned order never overrides a versioned one), so the
 *   latest version wins whatever order the versions arrive in; an older one reports 'stale'.
 * - Concurrent delivery is safe: on PostgreSQL, INSERT ... ON CONFLICT waits for a concurrent
 *   insert of the same key and then updates it, and the conflict locks the order row, so the line
 *   replacement of one transaction never interleaves with another's. SQLite runs one writer at a time.
 *
 * The customer must be one of the store's (customerId as stored, 'cus_...'): the foreign key on
 * (store_id, customer_id) refuses another store's customer, reported as CUSTOMER_NOT_FOUND.
 */
export async function upsertOrderByExternalId(
  db: Kysely<Database>,
  storeId: string,
  input: OrderInput,
): Promise<{ orderId: string; outcome: UpsertOutcome }> {
  const row = orderToRow(storeId, newId('ord'), input, nowIso());
  return inTransaction(db, async (trx) => {
    // The upsert comes first: on SQLite a transaction that starts with a write takes the write lock
    // at once (waiting on busy_timeout), instead of failing to upgrade a read snapshot later.
    let written: { id: string } | undefined;
    try {
      written = await trx
        .insertInto('orders')
        .values(row)
        .onConflict(upsertByExternalId)
        .returning('id')
        .executeTakeFirst();
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.customerId}`, {
          storeId,
          customerId: input.customerId,
        });
      }
      throw error;
    }

    if (!written) {
      // The conflict's WHERE was false: the stored order is a later version; nothing changes.
      const existing = await trx
        .selectFrom('orders')
        .select('id')
        .where('store_id', '=', storeId)
        .where('external_id', '=', input.externalId)
        .executeTakeFirstOrThrow();
      return { orderId: existing.id, outcome: 'stale' };
    }

    const created = written.id === row.id;
    if (!created)
      await trx.deleteFrom('order_lines').where('store_id', '=', storeId).where('order_id', '=', written.id).execute();
    const lines = input.lines.map((line, i) => orderLineToRow(storeId, written.id, { ...line, lineNo: i + 1 }));
    for (let start = 0; start < lines.length; start += LINES_PER_INSERT) {
      await trx
        .insertInto('order_lines')
        .values(lines.slice(start, start + LINES_PER_INSERT))
        .execute();
    }
    const outcome = created ? 'created' : 'updated';
    await emitWebhookEvents(trx, storeId, orderRecordedEvents([input], [{ orderId: written.id, outcome }]));
    return { orderId: written.id, outcome };
  });
}

/** The orders of these rows with their lines, in the rows' order: one query for all their lines. */
export async function ordersWithLines(
  db: Kysely<Database>,
  storeId: string,
  rows: readonly OrderRow[],
): Promise<Order[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('store_id', '=', storeId)
    .where(
      'order_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  const byOrder = new Map<string, OrderLineRow[]>();
  for (const line of lines) {
    const list = byOrder.get(line.order_id);
    if (list) list.push(line);
    else byOrder.set(line.order_id, [line]);
  }
  return rows.map((row) => orderFromRow(row, byOrder.get(row.id) ?? []));
}

/** The store's order with its lines, or null: another store's order is not found. */
export async function findOrder(db: Kysely<Database>, storeId: string, orderId: string): Promise<Order | null> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!row) return null;
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return orderFromRow(row, lines);
}

export async function findOrderByExternalId(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
): Promise<Order | null> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('store_id', '=', storeId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? findOrder(db, storeId, row.id) : null;
}

/**
 * When the customer placed a purchase (not cancelled, not fully refunded) after `instant`, the
 * earliest such ordered_at as written, or null.
 */
export async function purchaseAfter(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  instant: string,
): Promise<string | null> {
  const [first] = await purchasesAfter(db, storeId, [{ customerId, after: instant }]);
  return first;
}

/**
 * purchaseAfter for many of the store's customers at once (the delivery worker asks it for a batch
 * of messages that stop on order), in one statement: for each ask, the earliest purchase of its
 * customer after its instant, or null. ordered_at keeps the source's offset, so the candidates come
 * by day number (the customer's index) and the instants compare as numbers.
 */
export async function purchasesAfter(
  db: Kysely<Database>,
  storeId: string,
  asks: readonly { readonly customerId: string; readonly after: string }[],
): Promise<(string | null)[]> {
  if (asks.length === 0) return [];
  const earliest = Math.min(...asks.map((ask) => Date.parse(ask.after)));
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', 'ordered_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', [...new Set(asks.map((ask) => ask.customerId))])
    // A source's offset moves its calendar day at most 14 hours from UTC's.
    .where('order_day', '>=', Math.floor(earliest / 86_400_000) - 1)
    .where(isPurchase)
    .execute();
  return asks.map((ask) => {
    const after = Date.parse(ask.after);
    let first: string | null = null;
    for (const row of rows) {
      if (row.customer_id !== ask.customerId) continue;
      const at = Date.parse(row.ordered_at);
      if (at > after && (first === null || at < Date.parse(first))) first = row.ordered_at;
    }
    return first;
  });
}

/** What a refund reads of an order, under the row's lock. */
export interface LockedOrder {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly refundedMinor: number;
  readonly overRefundedMinor: number;
  readonly status: OrderStatus;
  /** UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ) or null. */
  readonly sourceUpdatedAt: string | null;
}

/**
 * The store's order with this external id, locked until the transaction ends, or null. A no-op
 * UPDATE ... RETURNING works on both dialects (SQLite has no SELECT ... FOR UPDATE): on PostgreSQL
 * it takes the row lock and returns the latest committed version, so a read-modify-write that
 * follows cannot lose a concurrent one; on SQLite the transaction already holds the write lock.
 * Taken before the refund is claimed: an order upsert also claims refunds only after writing the
 * order, so the two wait for each other in the same order and never deadlock.
 */
export async function lockOrderByExternalId(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
): Promise<LockedOrder | null> {
  const row = await db
    .updateTable('orders')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('store_id', '=', storeId)
    .where('external_id', '=', externalId)
    .returning([
      'id',
      'customer_id',
      'currency',
      'total_minor',
      'refunded_minor',
      'over_refunded_minor',
      'status',
      'source_updated_at',
    ])
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    totalMinor: row.total_minor,
    refundedMinor: row.refunded_minor,
    overRefundedMinor: row.over_refunded_minor,
    // Written only through orderToRow and updateOrderRefund, which admit ORDER_STATUSES alone.
    status: row.status as OrderStatus,
    sourceUpdatedAt: row.source_updated_at,
  };
}

/** Writes a refund's effect on a locked order (refund.mapper.ts applyRefund computes it). */
export async function updateOrderRefund(
  db: Kysely<Database>,
  storeId: string,
  orderId: string,
  change: {
    readonly refundedMinor: number;
    readonly overRefundedMinor: number;
    readonly status: OrderStatus;
    readonly sourceUpdatedAt: string | null;
  },
): Promise<void> {
  checkMinor(change.refundedMinor, 'refundedMinor');
  checkMinor(change.overRefundedMinor, 'overRefundedMinor');
  await db
    .updateTable('orders')
    .set({
      refunded_minor: change.refundedMinor,
      over_refunded_minor: change.overRefundedMinor,
      status: change.status,
      source_updated_at: change.sourceUpdatedAt,
      updated_at: nowIso(),
    })
    .where('store_id', '=', storeId)
    .where('id', '=', orderId)
    .execute();
}
