import { describe, expect, it } from 'vitest';
import { type ChangeFact, churnReasonReport } from './churn-report.js';

describe('churn-reason report', () => {
  it('counts and shares reasons by month and kind', () => {
    const facts: ChangeFact[] = [
      { kind: 'cancelled', reason: 'too_expensive', at: '2024-03-01T00:00:00.000Z' },
      { kind: 'cancelled', reason: 'too_expensive', at: '2024-03-15T00:00:00.000Z' },
      { kind: 'cancelled', reason: 'quality', at: '2024-03-31T23:59:59.999Z' },
      { kind: 'cancelled', reason: 'not_using', at: '2024-04-01T00:00:00.000Z' },
      { kind: 'skipped', reason: null, at: '2024-03-02T00:00:00.000Z' },
      { kind: 'skipped', reason: 'traveling', at: '2024-03-03T00:00:00.000Z' },
      { kind: 'paused', reason: 'traveling', at: '2024-04-03T00:00:00.000Z' },
    ];
    const report = churnReasonReport(facts);
    expect(report.months.map((m) => m.month)).toEqual(['2024-03', '2024-04']);
    expect(report.months[0].cancelled).toEqual({
      count: 3,
      reasons: [
        { reason: 'too_expensive', count: 2, share: 0.6667 },
        { reason: 'quality', count: 1, share: 0.3333 },
      ],
    });
    expect(report.months[0].skipped.reasons).toEqual([
      { reason: 'traveling', count: 1, share: 0.5 },
      { reason: 'unspecified', count: 1, share: 0.5 },
    ]);
    expect(report.months[0].paused).toEqual({ count: 0, reasons: [] });
    expect(report.months[1].cancelled.reasons).toEqual([{ reason: 'not_using', count: 1, share: 1 }]);
    expect(report.total.cancelled).toEqual({
      count: 4,
      reasons: [
        { reason: 'too_expensive', count: 2, share: 0.5 },
        { reason: 'not_using', count: 1, share: 0.25 },
        { reason: 'quality', count: 1, share: 0.25 },
      ],
    });
  });

  it('is empty without changes', () => {
    expect(churnReasonReport([])).toEqual({
      months: [],
      total: {
        cancelled: { count: 0, reasons: [] },
        skipped: { count: 0, reasons: [] },
        paused: { count: 0, reasons: [] },
      },
    });
  });
});
