import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../../analytics/lift.js';
import { type FlowMessageFact, type FlowOrderFact, flowPerformanceReport } from './flow-performance-report.js';

const T = '2026-03-01T10:00:00.000Z';
const t = Date.parse(T);
const DAY = 86_400_000;

const messages: FlowMessageFact[] = [
  { customerId: 'a', status: 'sent', plannedSendAt: T, sentAt: T },
  { customerId: 'b', status: 'sent', plannedSendAt: T, sentAt: T },
  { customerId: 'c', status: 'held_out', plannedSendAt: T, sentAt: null },
  { customerId: 'd', status: 'held_out', plannedSendAt: T, sentAt: null },
  { customerId: 'e', status: 'skipped', plannedSendAt: T, sentAt: null },
  { customerId: 'f', status: 'failed', plannedSendAt: T, sentAt: null },
  { customerId: 'g', status: 'planned', plannedSendAt: '2026-04-01T10:00:00.000Z', sentAt: null },
  // Held out for an instant after the report's: not an exposure yet.
  { customerId: 'h', status: 'held_out', plannedSendAt: '2026-04-01T10:00:00.000Z', sentAt: null },
];

const orders: FlowOrderFact[] = [
  { customerId: 'a', at: t + 2 * DAY, currency: 'EUR', netMinor: 5000 },
  // At the message's own instant: not after it.
  { customerId: 'b', at: t, currency: 'EUR', netMinor: 900 },
  // One millisecond after the 5-day window.
  { customerId: 'b', at: t + 5 * DAY + 1, currency: 'EUR', netMinor: 3000 },
  // A held-out customer who converted, on the window's last instant (included).
  { customerId: 'c', at: t + 5 * DAY, currency: 'EUR', netMinor: 2000 },
  { customerId: 'h', at: t + 1 * DAY, currency: 'EUR', netMinor: 7000 },
];

const base = {
  flow: 'win-back',
  windowDays: 5,
  since: null,
  until: null,
  asOf: '2026-03-20T00:00:00.000Z',
  storeCurrency: 'EUR',
  messages,
  orders,
};

describe('flow performance report', () => {
  it('counts, converts and lifts as computed by hand', () => {
    const report = flowPerformanceReport(base);
    expect(report.messages).toEqual({
      total: 8,
      planned: 1,
      heldOut: 3,
      sending: 0,
      postponed: 0,
      sent: 2,
      skipped: 1,
      failed: 1,
    });
    expect(report.sent).toBe(2);
    expect(report.delivered).toBe(2);
    expect(report.currency).toBe('EUR');
    expect(report.treatment).toEqual({
      recipients: 2,
      customers: 2,
      conversions: 1,
      conversionRate: 0.5,
      revenueMinor: 5000,
      revenuePerRecipientMinor: 2500,
    });
    expect(report.holdout).toEqual({
      recipients: 2,
      customers: 2,
      conversions: 1,
      conversionRate: 0.5,
      revenueMinor: 2000,
      revenuePerRecipientMinor: 1000,
    });
    // Wilson(1, 2) = [0.0945, 0.9055]; Newcombe: 0 -/+ sqrt(2 x 0.4055^2) = -/+0.5734.
    expect(report.conversionLift!.estimate).toBe(0);
    expect(report.conversionLift!.ci95.low).toBeCloseTo(-0.5734, 3);
    expect(report.conversionLift!.ci95.high).toBeCloseTo(0.5734, 3);
    expect(report.conversionLift).toEqual(newcombeDifference(1, 2, 1, 2));
    expect(report.relativeLift).toBe(0);
    // Revenue per recipient: 2500 - 1000; variances 12.5e6 and 2e6; se sqrt(7.25e6) = 2692.58.
    expect(report.revenuePerRecipientLift!.estimate).toBe(1500);
    expect(report.revenuePerRecipientLift!.ci95.low).toBeCloseTo(1500 - 1.959964 * 2692.5824, 0);
    expect(report.revenuePerRecipientLift!.ci95.high).toBeCloseTo(1500 + 1.959964 * 2692.5824, 0);
    expect(report.incrementalRevenueMinor!.estimate).toBe(3000);
    expect(report.attributedRevenueMinor).toBe(5000);
    expect(report.openWindows).toBe(0);
    expect(report.otherCurrencies).toEqual([]);
  });

  it('keeps currencies apart: conversions from any order, revenue per currency', () => {
    const report = flowPerformanceReport({
      ...base,
      orders: [...orders, { customerId: 'd', at: t + DAY, currency: 'USD', netMinor: 1000 }],
    });
    // d converts (in USD): the holdout has 2 conversions, EUR revenue unchanged.
    expect(report.holdout).toMatchObject({ conversions: 2, revenueMinor: 2000 });
    expect(report.otherCurrencies).toHaveLength(1);
    expect(report.otherCurrencies[0]).toMatchObject({
      currency: 'USD',
      treatmentRevenueMinor: 0,
      holdoutRevenueMinor: 1000,
      attributedRevenueMinor: 0,
      holdoutRevenuePerRecipientMinor: 500,
    });
  });

  it('counts only what is known at asOf, and says which windows are still open', () => {
    const report = flowPerformanceReport({ ...base, asOf: new Date(t + 3 * DAY).toISOString() });
    // c's order (day 5) and b's late one are in the future: only a converted.
    expect(report.treatment.conversions).toBe(1);
    expect(report.holdout.conversions).toBe(0);
    expect(report.relativeLift).toBeNull();
    expect(report.openWindows).toBe(4);
  });

  it('reports no lift without a holdout, and zeros for a flow with no messages', () => {
    const noHoldout = flowPerformanceReport({ ...base, messages: messages.filter((m) => m.status !== 'held_out') });
    expect(noHoldout.conversionLift).toBeNull();
    expect(noHoldout.incrementalRevenueMinor).toBeNull();
    expect(noHoldout.attributedRevenueMinor).toBe(5000);
    const empty = flowPerformanceReport({ ...base, messages: [], orders: [] });
    expect(empty.treatment).toEqual({
      recipients: 0,
      customers: 0,
      conversions: 0,
      conversionRate: null,
      revenueMinor: 0,
      revenuePerRecipientMinor: null,
    });
    expect(empty.currency).toBe('EUR');
  });

  it('judges each message on its own: a customer messaged twice counts twice', () => {
    const twice = flowPerformanceReport({
      ...base,
      messages: [
        ...messages,
        {
          customerId: 'a',
          status: 'sent',
          plannedSendAt: '2026-03-02T10:00:00.000Z',
          sentAt: '2026-03-02T10:00:00.000Z',
        },
      ],
    });
    expect(twice.treatment).toMatchObject({ recipients: 3, customers: 2, conversions: 2, revenueMinor: 10_000 });
  });
});
