import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';

/** A paid order a flow asks about (the review request, the NPS survey), with its customer's shop id. */
export interface PaidOrder {
  readonly orderId: string;
  readonly externalId: string;
  readonly customerId: string;
  readonly customerExternalId: string;
  readonly orderedAt: string;
  readonly orderDay: number;
}

/** Paid orders (not cancelled, not fully refunded) placed on these days, in id order. */
export async function findPaidOrdersOnDays(
  db: Kysely<Database>,
  storeId: string,
  days: readonly number[],
): Promise<PaidOrder[]> {
  if (days.length === 0) return [];
  return paidOrders(db, storeId, { days });
}

/** Paid orders named by the store's own ids (a delivery names its order so), in id order. */
export async function findPaidOrdersByExternalIds(
  db: Kysely<Database>,
  storeId: string,
  externalIds: readonly string[],
): Promise<PaidOrder[]> {
  const ids = [...new Set(externalIds)];
  const found: PaidOrder[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    found.push(...(await paidOrders(db, storeId, { externalIds: chunk })));
  }
  return found.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

async function paidOrders(
  db: Kysely<Database>,
  storeId: string,
  which: { readonly days: readonly number[] } | { readonly externalIds: readonly string[] },
): Promise<PaidOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.store_id', '=', 'orders.store_id').onRef('c.id', '=', 'orders.customer_id'),
    )
    .select([
      'orders.id',
      'orders.external_id',
      'orders.customer_id',
      'c.external_id as customer_external_id',
      'orders.ordered_at',
      'orders.order_day',
    ])
    .where('orders.store_id', '=', storeId)
    .where((eb) =>
      'days' in which
        ? eb('orders.order_day', 'in', [...which.days])
        : eb('orders.external_id', 'in', [...which.externalIds]),
    )
    .where('orders.status', 'in', ['paid', 'partially_refunded'])
    .where('orders.cancelled_at', 'is', null)
    .where((eb) => eb('orders.refunded_minor', '<', eb.ref('orders.total_minor')))
    .orderBy('orders.id')
    .execute();
  return rows.map((r) => ({
    orderId: r.id,
    externalId: r.external_id,
    customerId: r.customer_id,
    customerExternalId: r.customer_external_id,
    orderedAt: r.ordered_at,
    orderDay: Number(r.order_day),
  }));
}
