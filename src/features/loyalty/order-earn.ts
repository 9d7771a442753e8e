import type { Order } from '../orders/index.js';
import { type EarnLine, pointsForOrder, pointsToReverse } from './earn-rules.js';
import { balanceOf, isPending, type LedgerEntry } from './ledger.js';
import { type LoyaltyProgram, pointsForMoney } from './program.js';

/**
 * What an order posts to its customer's ledger: its earn entry, its first-order cashback,
 * and the reversals of both as it is refunded or cancelled. Pure: earn-points-for-order.ts reads
 * the ledger under the customer's lock and posts what these return.
 */

const DAY_MS = 86_400_000;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/**
 * The UTC instant of an order's orderedAt. A timestamp with an offset is that instant. A naive
 * local time (a CSV export without zone) is read as if it were UTC: stores keep no time zone, and
 * the error, at most 14 hours, is small against a return window counted in days and always the
 * same for one order, so repeated calls agree. Null when the text is not a timestamp.
 */
export function orderInstant(orderedAt: string): string | null {
  const text = orderedAt.trim();
  const naive = NAIVE.exec(text);
  if (naive) {
    const [, y, mo, d, h, mi, s, frac] = naive;
    const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  const t = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const earnKey = (externalId: string): string => `order:${externalId}:earn`;
export const cashbackKey = (externalId: string): string => `order:${externalId}:cashback`;
/** Each reversal's key names the points reversed so far including it: one refund step posts once. */
export const reversalKey = (baseKey: string, reversedSoFar: number): string => `${baseKey}:reverse:${reversedSoFar}`;

/** Whether the order counts as bought: paid or (partly) refunded. Pending (unpaid) orders earn nothing yet. */
function isPaid(order: Order): boolean {
  return order.status === 'paid' || order.status === 'partially_refunded' || order.status === 'refunded';
}

/** The share of the order's money returned, in minor units: all of it when cancelled or refunded. */
export function refundedMinorOf(order: Order): number {
  if (order.status === 'cancelled' || order.status === 'refunded')
    return Math.max(order.totalMinor, order.refundedMinor);
  return Math.max(0, order.refundedMinor);
}

/**
 * The spend that earns: the lines' totals, scaled down when the order's total without shipping is
 * smaller (an order-level discount), so a discount never earns points. Tax included in the total
 * does not raise it above the lines. An order without lines earns on its total without shipping.
 */
export function earnLinesOf(order: Order): EarnLine[] {
  const goods = Math.max(0, order.totalMinor - order.shippingMinor);
  const lines = order.lines.filter((l) => l.totalMinor > 0);
  const linesTotal = lines.reduce((sum, l) => sum + l.totalMinor, 0);
  if (linesTotal === 0) return [{ sku: null, category: null, totalMinor: goods }];
  const factor = Math.min(1, goods / linesTotal);
  return lines.map((l) => ({ sku: l.sku, category: l.category, totalMinor: l.totalMinor * factor }));
}

/** Why an order earns nothing, or null when it earns. */
export function whyNoEarn(program: LoyaltyProgram, order: Order, placedAt: string | null): string | null {
  if (!program.enabled) return 'the program is paused';
  if (placedAt === null) return `orderedAt ${order.orderedAt} is not a timestamp`;
  if (order.currency !== program.currency)
    return `the order is in ${order.currency}, the program in ${program.currency}`;
  if (program.startsAt !== null && placedAt < program.startsAt)
    return 'the order was placed before the program started';
  if (!isPaid(order)) return `the order is ${order.status}`;
  return null;
}

/** Why the program gives the order no points (paused, another currency, before startsAt, unpaid), or null when it earns. */
export function whyOrderEarnsNothing(program: LoyaltyProgram, order: Order): string | null {
  return whyNoEarn(program, order, orderInstant(order.orderedAt));
}

/**
 * The order's earn entry: posted at the order's instant, pending until the return window ends.
 * Null when the order earns nothing (see whyNoEarn) or 0 points, or when it is already entirely
 * refunded before it was ever earned (earning and reversing at once would only add noise).
 */
export function orderEarnEntry(program: LoyaltyProgram, order: Order, tierMultiplier: number): LedgerEntry | null {
  const placedAt = orderInstant(order.orderedAt);
  if (whyNoEarn(program, order, placedAt) !== null || placedAt === null) return null;
  if (refundedMinorOf(order) >= order.totalMinor && order.totalMinor > 0) return null;
  const points = pointsForOrder(earnLinesOf(order), program.earn.rate, {
    bySku: program.earn.bySku,
    byCategory: program.earn.byCategory,
    tier: tierMultiplier,
  });
  if (points <= 0) return null;
  const availableAt = new Date(Date.parse(placedAt) + program.returnWindowDays * DAY_MS).toISOString();
  return {
    kind: 'earn',
    points,
    sourceKey: earnKey(order.externalId),
    reason: `order ${order.externalId}`,
    postedAt: placedAt,
    availableAt,
  };
}

/**
 * The first-order cashback: `percent` of the money the order earns on, as points at the program's
 * point value, pending like the order's points. Null when the program has no cashback or the
 * order earns nothing. Whether the order is the customer's first is the caller's to decide.
 */
export function cashbackEntry(program: LoyaltyProgram, order: Order): LedgerEntry | null {
  if (program.firstOrderCashback === null) return null;
  const placedAt = orderInstant(order.orderedAt);
  if (whyNoEarn(program, order, placedAt) !== null || placedAt === null) return null;
  if (refundedMinorOf(order) >= order.totalMinor && order.totalMinor > 0) return null;
  const spend = earnLinesOf(order).reduce((sum, l) => sum + l.totalMinor, 0);
  const points = pointsForMoney((spend * program.firstOrderCashback.percent) / 100, program.pointValue);
  if (points <= 0) return null;
  const availableAt = new Date(Date.parse(placedAt) + program.returnWindowDays * DAY_MS).toISOString();
  return {
    kind: 'earn',
    points,
    sourceKey: cashbackKey(order.externalId),
    reason: `first-order cashback ${program.firstOrderCashback.percent}% of order ${order.externalId}`,
    postedAt: placedAt,
    availableAt,
  };
}

/**
 * The reversal due now for the earn entry `baseKey` of this order, given the customer's ledger:
 * pointsToReverse of the refunded share, net of the reversals already posted under baseKey. Posted
 * at `now` (or at the earn's postedAt if that is later); while the earned points are still pending, the reversal is pending with them
 * (availableAt = the earn's), so it takes back pending points. Once they are available and partly
 * spent, only what is available is taken back (a balance never goes below zero); the rest stays
 * due, and a later call for the order takes it from points earned since. Null when nothing is due.
 */
export function reversalEntry(
  ledger: readonly LedgerEntry[],
  baseKey: string,
  order: Order,
  now: string,
): LedgerEntry | null {
  const earned = ledger.find((e) => e.sourceKey === baseKey);
  if (!earned) return null;
  const prefix = `${baseKey}:reverse:`;
  const already = -ledger.filter((e) => e.sourceKey.startsWith(prefix)).reduce((sum, e) => sum + e.points, 0);
  let points = pointsToReverse(earned.points, order.totalMinor, refundedMinorOf(order), already);
  // Never before the earn it reverses (an order dated ahead of the clock), so pending never dips below zero.
  const postedAt = earned.postedAt > now ? earned.postedAt : now;
  const availableAt = earned.availableAt > postedAt ? earned.availableAt : postedAt;
  const draft: LedgerEntry = { kind: 'reverse', points: -points, sourceKey: '', reason: '', postedAt, availableAt };
  if (!isPending(draft, postedAt)) points = Math.min(points, Math.max(0, balanceOf(ledger, postedAt).available));
  if (points <= 0) return null;
  const why = order.status === 'cancelled' ? 'cancelled' : `refunded ${refundedMinorOf(order)} of ${order.totalMinor}`;
  return {
    kind: 'reverse',
    points: -points,
    sourceKey: reversalKey(baseKey, already + points),
    reason: `order ${order.externalId} ${why}`,
    postedAt,
    availableAt,
  };
}

/** What isFirstOrder needs of each of the customer's orders. */
export interface OrderHeaderForFirst {
  readonly externalId: string;
  readonly orderedAt: string;
  readonly orderDay: number;
  readonly status: string;
}

/**
 * Whether the order is the customer's first among their stored orders: the earliest by the store's
 * calendar day, then by instant, then by external id, of those not cancelled (a cancelled order was
 * never bought). Judged by the orders Regulars has, so history imported later cannot take the
 * cashback back: the ledger posts it to one order per customer, whichever is first when it is paid.
 */
export function isFirstOrder(order: OrderHeaderForFirst, orders: readonly OrderHeaderForFirst[]): boolean {
  const rank = (o: OrderHeaderForFirst): [number, string, string] => [
    o.orderDay,
    orderInstant(o.orderedAt) ?? '',
    o.externalId,
  ];
  const mine = rank(order);
  for (const other of orders) {
    if (other.externalId === order.externalId || other.status === 'cancelled') continue;
    const theirs = rank(other);
    if (
      theirs[0] < mine[0] ||
      (theirs[0] === mine[0] && (theirs[1] < mine[1] || (theirs[1] === mine[1] && theirs[2] < mine[2])))
    )
      return false;
  }
  return true;
}
