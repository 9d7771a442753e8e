import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { type Order, ordersWithLines } from '../orders/index.js';

/** How many orders the store has placed on or after the day (a day number, as orders.order_day). */
export async function countOrdersSince(db: Kysely<Database>, storeId: string, sinceDay: number): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('store_id', '=', storeId)
    .where('order_day', '>=', sinceDay)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next customers (by id, after `afterCustomerId`) with orders on or after the day. */
export async function customersWithOrdersSince(
  db: Kysely<Database>,
  storeId: string,
  sinceDay: number,
  afterCustomerId: string | null,
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom('orders')
    .select('customer_id')
    .distinct()
    .where('store_id', '=', storeId)
    .where('order_day', '>=', sinceDay);
  if (afterCustomerId !== null) query = query.where('customer_id', '>', afterCustomerId);
  const rows = await query.orderBy('customer_id').limit(limit).execute();
  return rows.map((r) => r.customer_id);
}

/** The customers' orders on or after the day, with their lines, each customer's in the order they were placed. */
export async function ordersOfCustomersSince(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  sinceDay: number,
): Promise<Order[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', customerIds)
    .where('order_day', '>=', sinceDay)
    .orderBy('customer_id')
    .orderBy('order_day')
    .orderBy('ordered_at')
    .orderBy('id')
    .execute();
  return ordersWithLines(db, storeId, rows);
}
