import { describe, expect, it } from 'vitest';
import type { Order } from '../orders/order.js';
import type { LedgerEntry } from './ledger.js';
import { cashbackEntry, earnLinesOf, isFirstOrder, orderEarnEntry, orderInstant, reversalEntry } from './order-earn.js';
import { parseLoyaltyProgram } from './program.js';

const program = parseLoyaltyProgram({
  currency: 'USD',
  earn: { rate: { points: 1, perMinor: 100 }, bySku: { 'BEAN-1': 2 } },
  returnWindowDays: 30,
  pointValue: { points: 1, minor: 10 },
  firstOrderCashback: { percent: 10 },
});

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord_1',
    storeId: 'sto_1',
    externalId: '1001',
    customerId: 'cus_1',
    orderedAt: '2025-03-01T10:00:00-05:00',
    orderDay: 0,
    currency: 'USD',
    subtotalMinor: 4500,
    discountMinor: 0,
    shippingMinor: 500,
    totalMinor: 5000,
    refundedMinor: 0,
    overRefundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [
      { lineNo: 1, sku: 'BEAN-1', title: 'Beans', category: null, quantity: 1, priceMinor: 1500, totalMinor: 1500 },
      { lineNo: 2, sku: 'MUG', title: 'Mug', category: null, quantity: 1, priceMinor: 3000, totalMinor: 3000 },
    ],
    createdAt: '2025-03-01T15:00:00.000Z',
    updatedAt: '2025-03-01T15:00:00.000Z',
    ...overrides,
  };
}

describe('order instants', () => {
  it('keeps an offset, reads a naive local time as UTC, and refuses what is not a timestamp', () => {
    expect(orderInstant('2025-03-01T23:30:00-05:00')).toBe('2025-03-02T04:30:00.000Z');
    expect(orderInstant('2025-03-01 23:30:00')).toBe('2025-03-01T23:30:00.000Z');
    expect(orderInstant('2025-03-01T23:30')).toBe('2025-03-01T23:30:00.000Z');
    expect(orderInstant('2025-03-01T23:30:00.25')).toBe('2025-03-01T23:30:00.250Z');
    expect(orderInstant('2025-03-01')).toBeNull();
    expect(orderInstant('yesterday')).toBeNull();
  });
});

describe("an order's points", () => {
  it('earns on the lines with multipliers, pending for the return window from the order instant', () => {
    // (1500 x 2 + 3000) / 100 = 60
    expect(orderEarnEntry(program, order(), 1)).toEqual({
      kind: 'earn',
      points: 60,
      sourceKey: 'order:1001:earn',
      reason: 'order 1001',
      postedAt: '2025-03-01T15:00:00.000Z',
      availableAt: '2025-03-31T15:00:00.000Z',
    });
    expect(orderEarnEntry(program, order(), 1.5)?.points).toBe(90);
  });

  it('does not earn on an order-level discount, nor on shipping', () => {
    // Paid 4,000 for goods listed at 4,500: lines scaled by 8/9.
    const discounted = order({ discountMinor: 500, totalMinor: 4500 });
    expect(earnLinesOf(discounted).reduce((s, l) => s + l.totalMinor, 0)).toBeCloseTo(4000);
    expect(orderEarnEntry(program, discounted, 1)?.points).toBe(53);
    expect(earnLinesOf(order({ lines: [] }))).toEqual([{ sku: null, category: null, totalMinor: 4500 }]);
  });

  it('earns nothing off the program: unpaid, another currency, before the start, paused, already cancelled', () => {
    expect(orderEarnEntry(program, order({ status: 'pending' }), 1)).toBeNull();
    expect(orderEarnEntry(program, order({ currency: 'EUR' }), 1)).toBeNull();
    expect(orderEarnEntry({ ...program, startsAt: '2025-03-01T15:00:00.001Z' }, order(), 1)).toBeNull();
    expect(orderEarnEntry({ ...program, startsAt: '2025-03-01T15:00:00.000Z' }, order(), 1)).not.toBeNull();
    expect(orderEarnEntry({ ...program, enabled: false }, order(), 1)).toBeNull();
    expect(orderEarnEntry(program, order({ status: 'cancelled' }), 1)).toBeNull();
    expect(orderEarnEntry(program, order({ status: 'refunded', refundedMinor: 5000 }), 1)).toBeNull();
    expect(orderEarnEntry(program, order({ orderedAt: 'soon' }), 1)).toBeNull();
    // A partly refunded order earns in full, then the reversal takes back the refunded share.
    expect(orderEarnEntry(program, order({ status: 'partially_refunded', refundedMinor: 1000 }), 1)?.points).toBe(60);
  });

  it('gives first-order cashback as points at the point value', () => {
    // 10% of 4,500 = 450 minor = 45 points at 10 minor a point.
    expect(cashbackEntry(program, order())).toMatchObject({
      kind: 'earn',
      points: 45,
      sourceKey: 'order:1001:cashback',
      availableAt: '2025-03-31T15:00:00.000Z',
    });
    expect(cashbackEntry({ ...program, firstOrderCashback: null }, order())).toBeNull();
  });
});

describe('reversals', () => {
  const earned: LedgerEntry = {
    kind: 'earn',
    points: 45,
    sourceKey: 'order:1001:earn',
    reason: 'order',
    postedAt: '2025-03-01T15:00:00.000Z',
    availableAt: '2025-03-31T15:00:00.000Z',
  };
  const now = '2025-03-05T00:00:00.000Z';

  it('reverse in proportion, keyed by the points reversed so far, pending while the earn is', () => {
    const first = reversalEntry([earned], 'order:1001:earn', order({ refundedMinor: 500, totalMinor: 5000 }), now);
    // 10% of 45 = 4.5 -> 5
    expect(first).toEqual({
      kind: 'reverse',
      points: -5,
      sourceKey: 'order:1001:earn:reverse:5',
      reason: 'order 1001 refunded 500 of 5000',
      postedAt: now,
      availableAt: earned.availableAt,
    });
    // The same refund again: nothing more is due.
    expect(reversalEntry([earned, first!], 'order:1001:earn', order({ refundedMinor: 500 }), now)).toBeNull();
    // A second refund step, then the cancellation of the rest.
    const second = reversalEntry([earned, first!], 'order:1001:earn', order({ refundedMinor: 2500 }), now);
    expect(second).toMatchObject({ points: -18, sourceKey: 'order:1001:earn:reverse:23' });
    const all = reversalEntry([earned, first!, second!], 'order:1001:earn', order({ status: 'cancelled' }), now);
    expect(all).toMatchObject({ points: -22, sourceKey: 'order:1001:earn:reverse:45', reason: 'order 1001 cancelled' });
    expect(reversalEntry([], 'order:1001:earn', order({ status: 'cancelled' }), now)).toBeNull();
  });

  it('take back only available points once the window has passed and they were spent', () => {
    const later = '2025-04-10T00:00:00.000Z';
    const spent: LedgerEntry = {
      kind: 'redeem',
      points: -40,
      sourceKey: 'redeem:x',
      reason: 'reward',
      postedAt: '2025-04-01T00:00:00.000Z',
      availableAt: '2025-04-01T00:00:00.000Z',
    };
    expect(
      reversalEntry([earned, spent], 'order:1001:earn', order({ status: 'refunded', refundedMinor: 5000 }), later),
    ).toMatchObject({
      points: -5,
      sourceKey: 'order:1001:earn:reverse:5',
      availableAt: later,
    });
  });
});

describe('first orders', () => {
  const header = (externalId: string, orderDay: number, orderedAt: string, status = 'paid') => ({
    externalId,
    orderDay,
    orderedAt,
    status,
  });
  it('is the earliest by day, then instant, then id, of the orders not cancelled', () => {
    const a = header('a', 10, '2025-01-10T10:00:00Z');
    const b = header('b', 10, '2025-01-10T09:00:00Z');
    const c = header('c', 9, '2025-01-09T23:00:00Z', 'cancelled');
    expect(isFirstOrder(b, [a, b, c])).toBe(true);
    expect(isFirstOrder(a, [a, b, c])).toBe(false);
    expect(isFirstOrder(a, [a])).toBe(true);
    expect(isFirstOrder(header('x', 10, '2025-01-10T09:00:00Z'), [b])).toBe(false);
  });
});
