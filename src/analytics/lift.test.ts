import { describe, expect, it } from 'vitest';
import { attributeConversions, liftReport, newcombeDifference, welchDifference, wilsonInterval } from './lift.js';

const DAY = 86_400_000;

describe('intervals', () => {
  it("reproduces Wilson's interval for 81/263 (Newcombe 1998, single proportion, method 3: 0.2553 to 0.3662)", () => {
    const { low, high } = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });

  it("reproduces Newcombe's hybrid score interval for 56/70 - 48/80 (Newcombe 1998, method 10: 0.0524 to 0.3339)", () => {
    const { estimate, ci95 } = newcombeDifference(56, 70, 48, 80);
    expect(estimate).toBeCloseTo(0.2, 10);
    expect(ci95.low).toBeCloseTo(0.0524, 4);
    expect(ci95.high).toBeCloseTo(0.3339, 4);
  });

  it('stays inside [-1, 1] at the boundaries, where the Wald interval would not', () => {
    const zero = newcombeDifference(0, 10, 0, 10);
    expect(zero.estimate).toBe(0);
    expect(zero.ci95.low).toBeLessThan(0);
    expect(zero.ci95.high).toBeGreaterThan(0);
    const all = newcombeDifference(10, 10, 0, 10);
    expect(all.ci95.high).toBeLessThanOrEqual(1);
    expect(all.ci95.low).toBeGreaterThan(0);
  });

  it('gives a Welch interval for revenue per recipient from the sums', () => {
    // Treatment: 4 recipients spending 0, 10, 20, 30 (mean 15, variance 166.67); holdout: 0, 0, 10, 10 (mean 5, variance 33.33).
    const t = { recipients: 4, conversions: 3, revenueMinor: 60, revenueSquaresMinor: 0 + 100 + 400 + 900 };
    const h = { recipients: 4, conversions: 2, revenueMinor: 20, revenueSquaresMinor: 200 };
    const { estimate, ci95 } = welchDifference(t, h);
    expect(estimate).toBe(10);
    const se = Math.sqrt(500 / 3 / 4 + 100 / 3 / 4);
    expect(ci95.low).toBeCloseTo(10 - 1.959963984540054 * se, 10);
    expect(ci95.high).toBeCloseTo(10 + 1.959963984540054 * se, 10);
  });
});

describe('attribution and the lift report', () => {
  it('counts an order within the window after the message for treatment and holdout alike, and nothing outside it', () => {
    const t0 = Date.UTC(2026, 2, 1);
    const exposures = [
      { customerId: 'a', at: t0, heldOut: false },
      { customerId: 'b', at: t0, heldOut: false },
      { customerId: 'c', at: t0, heldOut: false },
      { customerId: 'd', at: t0, heldOut: true },
      { customerId: 'e', at: t0, heldOut: true },
    ];
    const orders = [
      { customerId: 'a', at: t0 + 2 * DAY, netMinor: 3000 },
      { customerId: 'a', at: t0 + 4 * DAY, netMinor: 1000 },
      { customerId: 'b', at: t0 - DAY, netMinor: 9999 }, // before the message
      { customerId: 'b', at: t0, netMinor: 9999 }, // at the message's own instant
      { customerId: 'c', at: t0 + 5 * DAY, netMinor: 2000 }, // the window's last instant counts
      { customerId: 'c', at: t0 + 5 * DAY + 1, netMinor: 7777 }, // one millisecond later does not
      { customerId: 'd', at: t0 + DAY, netMinor: 2500 },
    ];
    const { treatment, holdout } = attributeConversions(exposures, orders, 5 * DAY);
    expect(treatment).toEqual({
      recipients: 3,
      conversions: 2,
      revenueMinor: 6000,
      revenueSquaresMinor: 4000 ** 2 + 2000 ** 2,
    });
    expect(holdout).toEqual({ recipients: 2, conversions: 1, revenueMinor: 2500, revenueSquaresMinor: 2500 ** 2 });

    const report = liftReport(treatment, holdout);
    expect(report.treatment.conversionRate).toBeCloseTo(2 / 3, 12);
    expect(report.holdout.conversionRate).toBe(0.5);
    expect(report.conversionLift?.estimate).toBeCloseTo(2 / 3 - 0.5, 12);
    expect(report.relativeLift).toBeCloseTo(1 / 3, 12);
    expect(report.revenuePerRecipientLift?.estimate).toBeCloseTo(2000 - 1250, 9);
    expect(report.incrementalConversions?.estimate).toBeCloseTo(3 * (2 / 3 - 0.5), 12);
    expect(report.incrementalRevenueMinor?.estimate).toBeCloseTo(3 * 750, 9);
    expect(report.attributedRevenueMinor).toBe(6000);
  });

  it('reports no lift without a holdout, and no relative lift when the holdout converted no one', () => {
    const treated = { recipients: 10, conversions: 2, revenueMinor: 500, revenueSquaresMinor: 125_000 };
    const none = { recipients: 0, conversions: 0, revenueMinor: 0, revenueSquaresMinor: 0 };
    const report = liftReport(treated, none);
    expect(report.conversionLift).toBeNull();
    expect(report.incrementalRevenueMinor).toBeNull();
    expect(report.holdout.conversionRate).toBeNull();
    expect(report.attributedRevenueMinor).toBe(500);
    expect(
      liftReport(treated, { recipients: 5, conversions: 0, revenueMinor: 0, revenueSquaresMinor: 0 }).relativeLift,
    ).toBeNull();
  });
});
