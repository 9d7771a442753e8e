/**
 * A store's order as stored: money in integer minor units with its currency, the day in the
 * store's own calendar, and the source's external id as text (architecture.md, "Conventions").
 */
export const ORDER_STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLineInput {
  readonly sku: string | null;
  readonly title: string;
  readonly category: string | null;
  readonly quantity: number;
  /** Unit price in minor units. */
  readonly priceMinor: number;
  /** The line's total after line discounts, in minor units. */
  readonly totalMinor: number;
}

export interface OrderLine extends OrderLineInput {
  /** 1-based position in the order, as the source listed the lines. */
  readonly lineNo: number;
}

export interface OrderInput {
  /** The source's order id, as text (Shopify ids exceed 2^53). */
  readonly externalId: string;
  /** The stored customer's id ('cus_...'), not the source's customer id. */
  readonly customerId: string;
  /** The order's timestamp exactly as the source wrote it (offset or naive local time kept). */
  readonly orderedAt: string;
  /** Days since 1970-01-01 of the store's calendar date of orderedAt (see domain/analytics/day.ts). */
  readonly orderDay: number;
  /** ISO 4217 code. */
  readonly currency: string;
  readonly subtotalMinor: number;
  readonly discountMinor: number;
  readonly shippingMinor: number;
  readonly totalMinor: number;
  readonly refundedMinor: number;
  readonly status: OrderStatus;
  readonly cancelledAt: string | null;
  /**
   * When the source last changed the order (Shopify's updated_at): an ISO 8601 timestamp with its
   * offset, stored as the UTC instant. Updates converge to the latest one whatever order they
   * arrive in; null means "no version", which never overrides a versioned order.
   */
  readonly sourceUpdatedAt: string | null;
  /** What the shop and its customer call the order ("#1042", Shopify's `name`); absent or null when the source has none. */
  readonly name?: string | null;
  readonly lines: readonly OrderLineInput[];
}

export interface Order extends Omit<OrderInput, 'lines'> {
  /** 'ord_...' */
  readonly id: string;
  /** Refunds past the total (see capRefunds): refundedMinor stops at totalMinor. 0 normally. */
  readonly overRefundedMinor: number;
  readonly storeId: string;
  readonly lines: readonly OrderLine[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What an upsert did: 'stale' when the stored order is already at a later source version. */
export type UpsertOutcome = 'created' | 'updated' | 'stale';

/**
 * The refunded amount as stored: never past the order's total. Refunds that sum past it (separate
 * refunds of one order, or a total lowered after them) are kept apart as overRefundedMinor, so the
 * excess stays visible instead of inflating refunds or being dropped.
 */
export function capRefunds(
  totalMinor: number,
  refundsMinor: number,
): { readonly refundedMinor: number; readonly overRefundedMinor: number } {
  return {
    refundedMinor: Math.min(refundsMinor, totalMinor),
    overRefundedMinor: Math.max(0, refundsMinor - totalMinor),
  };
}
