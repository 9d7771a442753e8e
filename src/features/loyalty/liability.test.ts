import { describe, expect, it } from 'vitest';
import { liabilityReport } from './liability.js';

describe('liability report', () => {
  it('sums flows per month, values the outstanding points, and computes breakage', () => {
    const report = liabilityReport({
      asOf: '2025-03-31T00:00:00.000Z',
      currency: 'EUR',
      pointValue: { points: 100, minor: 100 },
      available: 250,
      pending: 75,
      monthly: [
        { month: '2025-02', kind: 'redeem', points: -100 },
        { month: '2025-01', kind: 'earn', points: 500 },
        { month: '2025-02', kind: 'earn', points: 100 },
        { month: '2025-03', kind: 'expire', points: -50 },
        { month: '2025-03', kind: 'reverse', points: -25 },
        { month: '2025-03', kind: 'adjust', points: -100 },
      ],
    });
    expect(report.outstanding).toEqual({
      available: 250,
      pending: 75,
      total: 325,
      availableMinor: 250,
      pendingMinor: 75,
      totalMinor: 325,
    });
    expect(report.months).toEqual([
      { month: '2025-01', earned: 500, redeemed: 0, expired: 0, reversed: 0, adjusted: 0 },
      { month: '2025-02', earned: 100, redeemed: 100, expired: 0, reversed: 0, adjusted: 0 },
      { month: '2025-03', earned: 0, redeemed: 0, expired: 50, reversed: 25, adjusted: -100 },
    ]);
    expect(report.totals).toEqual({ earned: 600, redeemed: 100, expired: 50, reversed: 25, adjusted: -100 });
    expect(report.breakageRate).toBeCloseTo(1 / 3);
  });

  it('has no breakage before anything left, and no money value without a point value', () => {
    const report = liabilityReport({
      asOf: '2025-01-01T00:00:00.000Z',
      currency: null,
      pointValue: null,
      available: 10,
      pending: 0,
      monthly: [{ month: '2025-01', kind: 'earn', points: 10 }],
    });
    expect(report.breakageRate).toBeNull();
    expect(report.outstanding.totalMinor).toBeNull();
  });
});
