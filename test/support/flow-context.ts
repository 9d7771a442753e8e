import type { Kysely } from 'kysely';
import type { IncomingOrder } from '../../src/app/record-order.js';
import { dayFromIso } from '../../src/domain/analytics/day.js';
import type { FlowContext, PlanningWindow } from '../../src/app/flows/flow-planner.js';
import type { Database } from '../../src/store/tables/database.table.js';

/**
 * A FlowContext for testing one planner directly (the engine builds the real one, with signed
 * feedback links): the shop at https://shop.example, readable feedback links.
 */
export function flowContext(db: Kysely<Database>, storeId: string, flow: string, window: PlanningWindow, overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    db,
    storeId,
    flow,
    window,
    activeSince: null,
    timeZone: 'UTC',
    currency: 'EUR',
    links: {
      shop: (path = '') => `https://shop.example${path}`,
      product: (sku) => `https://shop.example/products/${encodeURIComponent(sku)}`,
      feedback: (customerId, question, answer, subject) => `https://regulars.example/feedback?c=${customerId}&q=${question}&a=${answer}&s=${encodeURIComponent(subject)}`,
    },
    ...overrides,
  };
}

/** The planning window of one UTC day, 'YYYY-MM-DD'. */
export function dayWindow(day: string): PlanningWindow {
  const from = `${day}T00:00:00.000Z`;
  return { from, to: new Date(Date.parse(from) + 86_400_000).toISOString() };
}

/**
 * A paid order of `skus` (1,000 minor units each line) placed at `time` (default noon, +01:00) on
 * `day` by customer `customer`, as recordOrderBatch takes it; `cancelled` makes it a cancelled one.
 */
export function orderOn(customer: string, id: string, day: string, skus: readonly string[], options: { cancelled?: boolean; time?: string } = {}): IncomingOrder {
  return {
    customer: { externalId: customer, email: `${customer}@example.com` },
    order: {
      externalId: id,
      orderedAt: `${day}T${options.time ?? '12:00:00'}+01:00`,
      orderDay: dayFromIso(day),
      currency: 'EUR',
      subtotalMinor: 1000,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 1000,
      refundedMinor: 0,
      status: options.cancelled === true ? 'cancelled' : 'paid',
      cancelledAt: options.cancelled === true ? `${day}T13:00:00Z` : null,
      sourceUpdatedAt: null,
      lines: skus.map((sku) => ({ sku, title: `${sku} title`, category: null, quantity: 1, priceMinor: 1000, totalMinor: 1000 })),
    },
  };
}
