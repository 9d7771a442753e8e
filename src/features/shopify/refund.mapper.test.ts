import { describe, expect, it } from 'vitest';
import { applyRefund, mapShopifyRefund, type OrderRefundState, refundAmountMinor } from './refund.mapper.js';

function refundPayload(
  transactions: Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: '1035790917706',
    order_id: '820982911946154508',
    created_at: '2024-03-04T09:15:00-05:00',
    transactions,
    ...overrides,
  };
}

const success = (amount: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'refund',
  status: 'success',
  amount,
  currency: 'USD',
  ...extra,
});

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('mapShopifyRefund', () => {
  it('reads the refund’s ids and its successful refund transactions only', () => {
    const refund = mapShopifyRefund(
      refundPayload([
        success('30.00'),
        success('19.00'),
        success('5.00', { status: 'pending' }),
        success('1.00', { status: 'failure' }),
        success('9.00', { kind: 'capture' }),
      ]),
    );
    expect(refund).toMatchObject({
      refundId: '1035790917706',
      orderExternalId: '820982911946154508',
      createdAt: '2024-03-04T09:15:00-05:00',
    });
    expect(refundAmountMinor(refund, 'USD')).toBe(4_900);
  });

  it('converts in the order’s currency, and gives null for a currency it cannot convert', () => {
    expect(refundAmountMinor(mapShopifyRefund(refundPayload([success('1200', { currency: 'JPY' })])), 'JPY')).toBe(
      1_200,
    );
    expect(refundAmountMinor(mapShopifyRefund(refundPayload([success('12.00', { currency: undefined })])), 'EUR')).toBe(
      1_200,
    );
    expect(
      refundAmountMinor(mapShopifyRefund(refundPayload([success('12.00', { currency: 'EUR' })])), 'USD'),
    ).toBeNull();
    const rate = { currency: 'EUR', shopMinor: 24_800, presentmentMinor: 22_963 };
    expect(
      refundAmountMinor(mapShopifyRefund(refundPayload([success('229.63', { currency: 'EUR' })])), 'USD', rate),
    ).toBe(24_800);
  });

  it('counts a refund without transactions (a restock only) as no money', () => {
    expect(refundAmountMinor(mapShopifyRefund(refundPayload([])), 'USD')).toBe(0);
    expect(refundAmountMinor(mapShopifyRefund(refundPayload([], { transactions: undefined })), 'USD')).toBe(0);
  });

  it.each([
    [{ id: null }, '/id'],
    [{ order_id: undefined }, '/order_id'],
    [{ order_id: 8.209829119461545e17 }, '/order_id'],
    [{ created_at: '2024-03-04' }, '/created_at'],
    [{ transactions: [success('-5.00')] }, '/transactions/0/amount'],
    [{ transactions: [success('1.5', { currency: 'JPY' })] }, '/transactions/0/amount'],
    [{ transactions: [success('5.00', { currency: 'dollars' })] }, '/transactions/0/currency'],
    [{ transactions: [42] }, '/transactions/0'],
  ])('rejects %j with VALIDATION_FAILED at %s', (overrides, path) => {
    expect(failure(() => mapShopifyRefund(refundPayload([success('1.00')], overrides)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path },
    });
  });
});

describe('applyRefund', () => {
  const paid: OrderRefundState = {
    totalMinor: 24_800,
    refundedMinor: 0,
    overRefundedMinor: 0,
    status: 'paid',
    sourceUpdatedAt: '2024-03-02T04:30:05.000Z',
  };

  it('adds the amount, makes the order partially refunded, then refunded, and moves its version up', () => {
    const partly = applyRefund(paid, 4_900, '2024-03-04T09:15:00-05:00');
    expect(partly).toEqual({
      totalMinor: 24_800,
      refundedMinor: 4_900,
      overRefundedMinor: 0,
      status: 'partially_refunded',
      sourceUpdatedAt: '2024-03-04T14:15:00.000Z',
    });
    expect(applyRefund(partly, 19_900, '2024-03-05T12:00:00-05:00')).toMatchObject({
      refundedMinor: 24_800,
      status: 'refunded',
    });
  });

  it('keeps a cancelled order cancelled and never moves the version back', () => {
    const cancelled: OrderRefundState = { ...paid, status: 'cancelled', sourceUpdatedAt: '2024-03-06T00:00:00.000Z' };
    expect(applyRefund(cancelled, 100, '2024-03-04T09:15:00-05:00')).toEqual({ ...cancelled, refundedMinor: 100 });
    expect(applyRefund({ ...paid, sourceUpdatedAt: null }, 100, null).sourceUpdatedAt).toBeNull();
  });

  it('stops the refunded amount at the total and keeps what separate refunds add past it apart', () => {
    const most = applyRefund(paid, 20_000, '2024-03-04T09:15:00-05:00');
    const past = applyRefund(most, 10_000, '2024-03-05T09:15:00-05:00');
    expect(past).toMatchObject({ refundedMinor: 24_800, overRefundedMinor: 5_200, status: 'refunded' });
    // Another refund past the total adds to the excess, not to the refunded amount.
    expect(applyRefund(past, 100, '2024-03-06T09:15:00-05:00')).toMatchObject({
      refundedMinor: 24_800,
      overRefundedMinor: 5_300,
    });
  });

  it('changes nothing for a refund of no money', () => {
    expect(applyRefund(paid, 0, '2024-03-04T09:15:00-05:00')).toBe(paid);
  });
});
