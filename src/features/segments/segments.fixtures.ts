import type { Kysely } from 'kysely';
import { dayFromIso, ymdFromDay } from '../../analytics/day.js';
import type { OrderInput } from '../orders/order.js';
import { createRng, type Rng } from '../../platform/random.js';
import { recordOrderBatch } from '../orders/record-order-batch.service.js';
import type { IncomingOrder } from '../orders/record-order.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';

export const SKUS = ['BEANS-1KG', 'BEANS-250', 'FILTER-100', 'MUG', 'GRINDER'] as const;
export const CATEGORY: Record<string, string> = {
  'BEANS-1KG': 'coffee',
  'BEANS-250': 'coffee',
  'FILTER-100': 'supplies',
  MUG: 'gear',
  GRINDER: 'gear',
};
export const TAGS = ['wholesale', 'newsletter', 'vip-manual'] as const;

export interface GeneratedOrder {
  readonly customerExternalId: string;
  readonly externalId: string;
  readonly day: number;
  readonly totalMinor: number;
  readonly cancelled: boolean;
  readonly skus: readonly string[];
}

export interface GeneratedStore {
  readonly orders: readonly GeneratedOrder[];
  readonly firstDay: number;
  readonly lastDay: number;
}

/**
 * Customers who buy at their own pace for a while and then stop (a BG/NBD-like story), with line
 * items from a few SKUs, a cancelled order now and then, and tags. Deterministic per seed.
 */
export function generateOrders(
  customers: number,
  seed: number,
  firstDay = dayFromIso('2024-01-01'),
  spanDays = 360,
): GeneratedStore {
  const rng = createRng(seed);
  const orders: GeneratedOrder[] = [];
  let n = 0;
  for (let i = 0; i < customers; i++) {
    const id = `c-${i}`;
    let day = firstDay + Math.floor(rng.next() * spanDays * 0.8);
    const meanGap = 10 + rng.next() * 80;
    const lifetime = rng.next() * spanDays;
    const start = day;
    for (;;) {
      orders.push(generatedOrder(rng, id, `o-${n++}`, day));
      day += 1 + Math.floor(-Math.log(1 - rng.next()) * meanGap);
      if (day > firstDay + spanDays || day - start > lifetime) break;
    }
  }
  return { orders, firstDay, lastDay: firstDay + spanDays };
}

function generatedOrder(rng: Rng, customer: string, externalId: string, day: number): GeneratedOrder {
  const lines = 1 + Math.floor(rng.next() * 2);
  const skus = Array.from({ length: lines }, () => SKUS[Math.floor(rng.next() * SKUS.length)]);
  return {
    customerExternalId: customer,
    externalId,
    day,
    totalMinor: 500 + Math.floor(rng.next() * 9000),
    cancelled: rng.next() < 0.03,
    skus,
  };
}

export function orderInput(o: GeneratedOrder): Omit<OrderInput, 'customerId'> {
  const each = Math.floor(o.totalMinor / o.skus.length);
  return {
    externalId: o.externalId,
    orderedAt: `${ymdFromDay(o.day)}T12:00:00+01:00`,
    orderDay: o.day,
    currency: 'EUR',
    subtotalMinor: o.totalMinor,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: o.totalMinor,
    refundedMinor: 0,
    status: o.cancelled ? 'cancelled' : 'paid',
    cancelledAt: o.cancelled ? `${ymdFromDay(o.day)}T13:00:00Z` : null,
    sourceUpdatedAt: null,
    lines: o.skus.map((sku) => ({
      sku,
      title: sku,
      category: CATEGORY[sku],
      quantity: 1,
      priceMinor: each,
      totalMinor: each,
    })),
  };
}

/** A new store holding the generated orders (customers tagged by their number). */
export async function storeWithOrders(
  db: Kysely<Database>,
  generated: GeneratedStore,
  name = 'Segments',
): Promise<string> {
  const { store } = await createStore(db, { name });
  const incoming: IncomingOrder[] = generated.orders.map((o) => {
    const i = Number(o.customerExternalId.slice(2));
    return {
      customer: { externalId: o.customerExternalId, tags: TAGS.filter((_, t) => i % (t + 2) === 0) },
      order: orderInput(o),
    };
  });
  for (let i = 0; i < incoming.length; i += 1000) await recordOrderBatch(db, store.id, incoming.slice(i, i + 1000));
  return store.id;
}
