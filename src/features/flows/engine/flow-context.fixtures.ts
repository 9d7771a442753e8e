import type { Kysely } from 'kysely';
import type { IncomingOrder } from '../../orders/record-order.service.js';
import { dayFromIso } from '../../../analytics/day.js';
import type { OrderStatus } from '../../orders/order.js';
import type { FlowContext, PlanningWindow } from './flow-planner.js';
import type { Database } from '../../../platform/database/database.table.js';

/**
 * A FlowContext for testing one planner directly (the engine builds the real one, with signed
 * feedback links): the shop at https://shop.example, readable feedback links.
 */
export function flowContext(
  db: Kysely<Database>,
  storeId: string,
  flow: string,
  window: PlanningWindow,
  overrides: Partial<FlowContext> = {},
): FlowContext {
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
      feedback: (customerId, question, answer, subject) =>
        `https://regulars.example/feedback?c=${customerId}&q=${question}&a=${answer}&s=${encodeURIComponent(subject)}`,
      survey: (customerId, question, answer, subject) =>
        `https://regulars.example/survey?c=${customerId}&q=${question}&a=${answer}&s=${encodeURIComponent(subject)}`,
    },
    ...overrides,
  };
}

/** The planning window of one UTC day, 'YYYY-MM-DD'. */
export function dayWindow(day: string): PlanningWindow {
  const from = `${day}T00:00:00.000Z`;
  return { from, to: new Date(Date.parse(from) + 86_400_000).toISOString() };
}

export interface TestOrderLine {
  readonly sku: string | null;
  readonly title: string;
  readonly priceMinor: number;
  readonly quantity?: number;
  readonly category?: string | null;
}

export interface TestOrder {
  readonly id: string;
  readonly customer: string;
  /** The customer's email; the customer is given none by default. */
  readonly email?: string;
  /** ISO 8601 with offset; the date it writes is the order's day. */
  readonly at: string;
  readonly lines: readonly TestOrderLine[];
  readonly status?: OrderStatus;
  readonly currency?: string;
  readonly refundedMinor?: number;
  /** The total; the lines' sum by default. */
  readonly totalMinor?: number;
  /** A discount off the subtotal (subtotal = total + discount). */
  readonly discountMinor?: number;
  /** When a cancelled order was cancelled; `at` by default. */
  readonly cancelledAt?: string;
}

/** An order (in EUR unless told) as recordOrder and recordOrderBatch take it: the flow tests' one builder. */
export function testOrder(o: TestOrder): IncomingOrder {
  const lines = o.lines.map((line) => {
    const quantity = line.quantity ?? 1;
    return {
      sku: line.sku,
      title: line.title,
      category: line.category ?? null,
      quantity,
      priceMinor: line.priceMinor,
      totalMinor: line.priceMinor * quantity,
    };
  });
  const total = o.totalMinor ?? lines.reduce((sum, line) => sum + line.totalMinor, 0);
  const status = o.status ?? 'paid';
  return {
    customer: o.email === undefined ? { externalId: o.customer } : { externalId: o.customer, email: o.email },
    order: {
      externalId: o.id,
      orderedAt: o.at,
      orderDay: dayFromIso(o.at.slice(0, 10)),
      currency: o.currency ?? 'EUR',
      subtotalMinor: total + (o.discountMinor ?? 0),
      discountMinor: o.discountMinor ?? 0,
      shippingMinor: 0,
      totalMinor: total,
      refundedMinor: o.refundedMinor ?? 0,
      status,
      cancelledAt: status === 'cancelled' ? (o.cancelledAt ?? o.at) : null,
      sourceUpdatedAt: null,
      lines,
    },
  };
}

/**
 * A paid order of `skus` (1,000 minor units each line, 1,000 in all) placed at `time` (default
 * noon, +01:00) on `day` by customer `customer`; `cancelled` makes it a cancelled one.
 */
export function orderOn(
  customer: string,
  id: string,
  day: string,
  skus: readonly string[],
  options: { cancelled?: boolean; time?: string } = {},
): IncomingOrder {
  return testOrder({
    id,
    customer,
    email: `${customer}@example.com`,
    at: `${day}T${options.time ?? '12:00:00'}+01:00`,
    lines: skus.map((sku) => ({ sku, title: `${sku} title`, priceMinor: 1000 })),
    totalMinor: 1000,
    status: options.cancelled === true ? 'cancelled' : 'paid',
    cancelledAt: `${day}T13:00:00Z`,
  });
}
