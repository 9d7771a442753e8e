import type { Kysely } from 'kysely';
import { recordOrder } from '../orders/record-order.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { isoDate } from './challenge.js';
import type { OrderStatus } from '../orders/order.js';
import type { Database } from '../../platform/database/database.table.js';

/** The as-of day of the challenge tests: a Sunday, so the week is 2026-11-23 and windows start on Monday 2026-11-30. */
export const AS_OF = '2026-11-29';
export const A = dayFromIso(AS_OF);

let sequence = 0;

export interface TestOrder {
  readonly day: number;
  readonly status?: OrderStatus;
  readonly categories?: readonly string[];
  readonly totalMinor?: number;
  readonly refundedMinor?: number;
  readonly externalId?: string;
  readonly time?: string;
}

/** Records an order of the customer (by external id) on a store calendar day; returns the stored ids. */
export async function placeOrder(db: Kysely<Database>, storeId: string, customer: string, order: TestOrder) {
  const total = order.totalMinor ?? 1000;
  const categories = order.categories ?? ['coffee'];
  return recordOrder(db, storeId, {
    customer: { externalId: customer, email: `${customer}@example.com` },
    order: {
      externalId: order.externalId ?? `o-${++sequence}`,
      orderedAt: `${isoDate(order.day)}T${order.time ?? '12:00:00'}Z`,
      orderDay: order.day,
      currency: 'EUR',
      subtotalMinor: total,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: total,
      refundedMinor: order.refundedMinor ?? 0,
      status: order.status ?? 'paid',
      cancelledAt: order.status === 'cancelled' ? `${isoDate(order.day)}T13:00:00Z` : null,
      sourceUpdatedAt: null,
      lines: categories.map((category, i) => ({
        sku: `SKU-${category}-${i}`,
        title: category,
        category,
        quantity: 1,
        priceMinor: Math.floor(total / categories.length),
        totalMinor: Math.floor(total / categories.length),
      })),
    },
  });
}

/** Days with the given offsets before the end of each of the last `windows` 28-day windows ending on A. */
export function perWindow(offsets: readonly number[], windows = 6): number[] {
  const days: number[] = [];
  for (let j = 0; j < windows; j++) for (const o of offsets) days.push(A - 28 * j - o);
  return days.sort((x, y) => x - y);
}

/**
 * The test population, with each customer's expected challenges as of A:
 * - k2, k5, k10 visit 2, 5 and 10 days in each 28-day window: frequency targets 3, 6 and 12;
 * - long visits every 60 days (last 10 days ago): an interval challenge of 48 days from its last visit;
 * - n1, n2 (one order each) and fresh (two) have too little history but vote as neighbours;
 * - new categories: k2 {coffee, tea} gets mugs (n1, n2), k5 and k10 {coffee} get tea; long {books} none.
 */
export async function seedPopulation(db: Kysely<Database>, storeId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const place = async (customer: string, days: readonly number[], categories: readonly string[]) => {
    for (const day of days) ids[customer] = (await placeOrder(db, storeId, customer, { day, categories })).customerId;
  };
  await place('k2', perWindow([3, 17]), ['coffee', 'tea']);
  await place('k5', perWindow([1, 6, 11, 16, 21]), ['coffee']);
  await place('k10', perWindow([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]), ['coffee']);
  await place('long', [A - 240, A - 180, A - 120, A - 60, A - 10], ['books']);
  await place('n1', [A - 5], ['coffee', 'tea', 'mugs']);
  await place('n2', [A - 6], ['coffee', 'tea', 'mugs']);
  await place('fresh', [A - 30, A - 2], ['coffee']);
  return ids;
}
