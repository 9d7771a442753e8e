import type { IncomingOrder } from './record-order.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { ORDER_STATUSES, type OrderLineInput, type OrderStatus } from './order.js';
import { RegularsError } from '../../platform/errors.js';
import { currency, externalId, instant, minorUnits, nullable, timestamp } from '../../platform/http/common.schema.js';
import { customerRefSchema, type CustomerRefBody } from '../customers/index.js';

/** Lines per order: far above any real basket, low enough that one order cannot stall the writer. */
export const MAX_LINES_PER_ORDER = 1_000;

const lineSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'quantity', 'priceMinor'],
  properties: {
    sku: nullable({ type: 'string', maxLength: 255 }),
    title: { type: 'string', minLength: 1, maxLength: 500 },
    category: nullable({ type: 'string', maxLength: 255 }),
    quantity: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    priceMinor: { ...minorUnits, description: 'Unit price in minor units' },
    totalMinor: { ...minorUnits, description: "The line's total after line discounts; default quantity x priceMinor" },
  },
} as const;

export const orderBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['externalId', 'customer', 'orderedAt', 'currency', 'totalMinor'],
  properties: {
    externalId,
    customer: customerRefSchema,
    orderedAt: timestamp,
    currency,
    subtotalMinor: { ...minorUnits, description: 'Default: the sum of the line totals, or totalMinor without lines' },
    discountMinor: { ...minorUnits, default: 0 },
    shippingMinor: { ...minorUnits, default: 0 },
    totalMinor: minorUnits,
    refundedMinor: { ...minorUnits, default: 0 },
    status: { type: 'string', enum: ORDER_STATUSES, description: "Default 'paid', or 'cancelled' with cancelledAt" },
    cancelledAt: nullable(timestamp),
    updatedAt: nullable({
      ...instant,
      description: 'When the source last changed the order: a later version wins whatever order deliveries arrive in',
    }),
    lines: { type: 'array', maxItems: MAX_LINES_PER_ORDER, items: lineSchema, default: [] },
  },
} as const;

export interface OrderLineBody {
  sku?: string | null;
  title: string;
  category?: string | null;
  quantity: number;
  priceMinor: number;
  totalMinor?: number;
}

export interface OrderBody {
  externalId: string;
  customer: CustomerRefBody;
  orderedAt: string;
  currency: string;
  subtotalMinor?: number;
  discountMinor: number;
  shippingMinor: number;
  totalMinor: number;
  refundedMinor: number;
  status?: OrderStatus;
  cancelledAt?: string | null;
  updatedAt?: string | null;
  lines: OrderLineBody[];
}

/**
 * The validated body as the domain's order. What the schema cannot say is checked here: the date is
 * a real calendar date, and a line total fits in minor units. `path` prefixes the JSON pointer of a
 * field at fault (an order inside a batch).
 */
export function incomingOrderFromBody(body: OrderBody, path = ''): IncomingOrder {
  const orderDay = dayFromIso(body.orderedAt.slice(0, 10));
  if (Number.isNaN(orderDay)) {
    throw new RegularsError('VALIDATION_FAILED', `orderedAt ${body.orderedAt} is not a real calendar date`, {
      path: `${path}/orderedAt`,
    });
  }
  const lines: OrderLineInput[] = body.lines.map((line, i) => {
    const totalMinor = line.totalMinor ?? line.quantity * line.priceMinor;
    if (!Number.isSafeInteger(totalMinor)) {
      throw new RegularsError('VALIDATION_FAILED', 'quantity x priceMinor is too large', {
        path: `${path}/lines/${i}/totalMinor`,
      });
    }
    return {
      sku: line.sku ?? null,
      title: line.title,
      category: line.category ?? null,
      quantity: line.quantity,
      priceMinor: line.priceMinor,
      totalMinor,
    };
  });
  const cancelledAt = body.cancelledAt ?? null;
  return {
    // The customer fields an order carries are as old as the order: they are versioned by its
    // updatedAt, so an older payload cannot overwrite a newer profile.
    customer: { ...body.customer, sourceUpdatedAt: body.updatedAt ?? null },
    order: {
      externalId: body.externalId,
      orderedAt: body.orderedAt,
      orderDay,
      currency: body.currency,
      subtotalMinor:
        body.subtotalMinor ?? (lines.length > 0 ? lines.reduce((sum, l) => sum + l.totalMinor, 0) : body.totalMinor),
      discountMinor: body.discountMinor,
      shippingMinor: body.shippingMinor,
      totalMinor: body.totalMinor,
      refundedMinor: body.refundedMinor,
      status: body.status ?? (cancelledAt === null ? 'paid' : 'cancelled'),
      cancelledAt,
      sourceUpdatedAt: body.updatedAt ?? null,
      lines,
    },
  };
}
