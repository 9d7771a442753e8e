import { capRefunds, type OrderStatus } from '../orders/index.js';
import {
  array,
  child,
  currency,
  decimalAmount,
  id,
  invalid,
  minorUnits,
  object,
  optionalString,
  optionalTimestamp,
  utcInstant,
} from './payload-fields.js';

/**
 * Refunds, from refunds/create payloads and from the refunds[] an order payload lists.
 *
 * The design that keeps refunded_minor right whatever arrives, however often and in whatever order:
 * - An order payload (orders/create, orders/updated, orders/cancelled) lists every refund so far, so
 *   it sets refunded_minor to their sum: a state, versioned by the order's updated_at like the rest
 *   of the order, which converges however the deliveries are ordered.
 * - A refunds/create payload is one refund: it adds its amount to the stored order. To add each
 *   refund once, the refund's id is claimed in webhook_deliveries ('refund:<id>') in the same
 *   transaction: by the refunds/create that adds it, and by every order payload applied with that
 *   refund in its refunds[] (whose sum already counts it). A refund whose id is claimed adds nothing,
 *   so a redelivered refunds/create, or one arriving after the orders/updated that Shopify sends for
 *   the same refund, is not counted twice.
 * - The refund advances the order's version (source_updated_at) to the refund's created_at, so an
 *   older order payload delayed in transit (which does not list the refund) is stale and cannot
 *   undo it. The orders/updated sent for the refund is dated at or after it, so it still applies.
 *
 * Money is what was returned: the amounts of the refund's successful 'refund' transactions. A
 * pending transaction counts once the order payload that lists it as successful arrives.
 */

export interface ShopifyRefundTransaction {
  /** The amount as Shopify wrote it, checked to be a decimal; converted with its currency later. */
  readonly amount: unknown;
  /** null when the transaction does not say (then it is the order's currency). */
  readonly currency: string | null;
  readonly path: string;
}

export interface ShopifyRefund {
  readonly refundId: string;
  readonly orderExternalId: string;
  /** When the refund was made, as written (ISO 8601 with offset); null when the payload lacks it. */
  readonly createdAt: string | null;
  /** The successful refund transactions, the money actually returned. */
  readonly transactions: readonly ShopifyRefundTransaction[];
}

/**
 * Maps a refund: a refunds/create payload (path '') or one element of an order's refunds[]
 * (path '/refunds/0', with the order's id when the element omits order_id).
 */
export function mapShopifyRefund(payload: unknown, path = '', orderExternalId?: string): ShopifyRefund {
  const refund = object(payload, path);
  if (refund.id === undefined || refund.id === null) throw invalid(child(path, 'id'), 'a refund needs its Shopify id');
  const refundId = id(refund.id, child(path, 'id'));
  let orderId = orderExternalId;
  if (refund.order_id !== undefined && refund.order_id !== null) orderId = id(refund.order_id, child(path, 'order_id'));
  if (orderId === undefined) throw invalid(child(path, 'order_id'), 'a refund needs the id of its order');
  const transactions: ShopifyRefundTransaction[] = [];
  array(refund.transactions, child(path, 'transactions')).forEach((item, i) => {
    const at = child(child(path, 'transactions'), i);
    const transaction = object(item, at);
    const kind = optionalString(transaction.kind, child(at, 'kind'));
    const status = optionalString(transaction.status, child(at, 'status'));
    if (kind !== 'refund' || status !== 'success') return;
    const code =
      transaction.currency === null || transaction.currency === undefined
        ? null
        : currency(transaction.currency, child(at, 'currency'));
    // Checked now, so that a bad amount is reported before anything is written.
    if (code === null) decimalAmount(transaction.amount, child(at, 'amount'));
    else minorUnits(transaction.amount, code, child(at, 'amount'));
    transactions.push({ amount: transaction.amount, currency: code, path: child(at, 'amount') });
  });
  return {
    refundId,
    orderExternalId: orderId,
    createdAt: optionalTimestamp(refund.created_at, child(path, 'created_at')),
    transactions,
  };
}

/**
 * How many minor units of the shop's currency one minor unit of the presentment currency is, from
 * an order's own totals: a multi-currency order (Shopify Markets) refunds in the currency the
 * customer paid in.
 */
export interface PresentmentRate {
  readonly currency: string;
  readonly shopMinor: number;
  readonly presentmentMinor: number;
}

/**
 * The refund's money in minor units of the order's currency, or null when a transaction is in a
 * currency that cannot be converted exactly enough (neither the order's nor, with a rate, the
 * presentment currency). Presentment amounts are converted at the order's own rate, rounded to the
 * nearest minor unit.
 */
export function refundAmountMinor(
  refund: ShopifyRefund,
  orderCurrency: string,
  rate: PresentmentRate | null = null,
): number | null {
  let total = 0;
  for (const transaction of refund.transactions) {
    const code = transaction.currency ?? orderCurrency;
    if (code === orderCurrency) {
      total += minorUnits(transaction.amount, orderCurrency, transaction.path);
    } else if (rate !== null && code === rate.currency && rate.presentmentMinor > 0) {
      total += Math.round(
        (minorUnits(transaction.amount, code, transaction.path) * rate.shopMinor) / rate.presentmentMinor,
      );
    } else {
      return null;
    }
  }
  return total;
}

/** The part of a stored order a refund changes. */
export interface OrderRefundState {
  readonly totalMinor: number;
  readonly refundedMinor: number;
  /** Refunds past the total, which refundedMinor leaves out (capRefunds). */
  readonly overRefundedMinor: number;
  readonly status: OrderStatus;
  /** The order's version as stored: a UTC instant (order.repository.ts), or null. */
  readonly sourceUpdatedAt: string | null;
}

/**
 * The order after a refund of amountMinor: refunded grows, up to the order's total (what goes past
 * it is added to overRefundedMinor, see capRefunds), the status becomes refunded when the refunds
 * reach the total and partially_refunded before (a cancelled order stays cancelled), and the
 * version moves up to the refund's time (see the design above).
 */
export function applyRefund(
  state: OrderRefundState,
  amountMinor: number,
  refundCreatedAt: string | null,
): OrderRefundState {
  if (amountMinor <= 0) return state;
  const { refundedMinor, overRefundedMinor } = capRefunds(
    state.totalMinor,
    state.refundedMinor + state.overRefundedMinor + amountMinor,
  );
  const status: OrderStatus =
    state.status === 'cancelled' ? 'cancelled' : refundedMinor >= state.totalMinor ? 'refunded' : 'partially_refunded';
  const at = refundCreatedAt === null ? null : utcInstant(refundCreatedAt);
  // Both are toISOString() texts, whose order is time order.
  const sourceUpdatedAt =
    at !== null && (state.sourceUpdatedAt === null || at > state.sourceUpdatedAt) ? at : state.sourceUpdatedAt;
  return { totalMinor: state.totalMinor, refundedMinor, overRefundedMinor, status, sourceUpdatedAt };
}
