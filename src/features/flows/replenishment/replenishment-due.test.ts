import { describe, expect, it } from 'vitest';
import {
  median,
  medianRepurchaseDays,
  purchaseGaps,
  replenishmentDue,
  replenishmentReason,
} from './replenishment-due.js';

const BEANS = { sku: 'BEANS-1KG', title: 'Beans 1 kg', configuredDays: 56, medianRepurchaseDays: null };
const SETTINGS = { leadFraction: 0.8 };
const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('replenishment timing', () => {
  it('reminds an 8-week cycle in week 6-7 after the last purchase (day 44 of 56)', () => {
    const last = 20_500;
    const due = replenishmentDue([last], BEANS, SETTINGS)!;
    expect(due).toEqual({ sku: 'BEANS-1KG', lastDay: last, intervalDays: 56, basis: 'configured', dueDay: last + 44 });
    const week = Math.ceil((due.dueDay - last) / 7);
    expect(week).toBeGreaterThanOrEqual(6);
    expect(week).toBeLessThanOrEqual(7);
  });

  it("uses the customer's own median interval once they bought it twice, over the store's and the configured one", () => {
    const product = { ...BEANS, medianRepurchaseDays: 40 };
    expect(replenishmentDue([100, 130], product, SETTINGS)).toMatchObject({
      basis: 'own',
      intervalDays: 30,
      dueDay: 130 + 24,
    });
    // Gaps 20, 30, 100: the median, 30, is not thrown by one long pause.
    expect(replenishmentDue([0, 20, 50, 150], product, SETTINGS)).toMatchObject({
      basis: 'own',
      intervalDays: 30,
      lastDay: 150,
      dueDay: 174,
    });
    expect(replenishmentDue([100], product, SETTINGS)).toMatchObject({
      basis: 'product_median',
      intervalDays: 40,
      dueDay: 132,
    });
  });

  it('counts several orders on one day as one purchase, and has nothing to go by for a product that does not run out', () => {
    expect(replenishmentDue([100, 100, 100], BEANS, SETTINGS)).toMatchObject({ basis: 'configured', lastDay: 100 });
    expect(replenishmentDue([100], { ...BEANS, configuredDays: null }, SETTINGS)).toBeNull();
    expect(replenishmentDue([], BEANS, SETTINGS)).toBeNull();
  });

  it('starts a new cycle when the customer rebuys before the reminder (the old one is never due again)', () => {
    const first = replenishmentDue([100], BEANS, SETTINGS)!;
    const rebought = replenishmentDue([100, 130], BEANS, SETTINGS)!;
    expect(rebought.lastDay).toBe(130);
    expect(rebought.dueDay).not.toBe(first.dueDay);
    expect(rebought.dueDay).toBe(130 + 24);
  });

  it('is due at least a day after the purchase, and refuses a lead fraction outside (0, 1]', () => {
    expect(replenishmentDue([100, 101], BEANS, SETTINGS)?.dueDay).toBe(102);
    expect(() => replenishmentDue([100], BEANS, { leadFraction: 0 })).toThrow(RangeError);
    expect(() => replenishmentDue([100], BEANS, { leadFraction: 1.5 })).toThrow(RangeError);
  });

  it('explains itself in a sentence a store owner reads', () => {
    expect(replenishmentReason(replenishmentDue([20_457, 20_513], BEANS, SETTINGS)!, isoDay)).toBe(
      'buys BEANS-1KG every 56 days; last on 2026-03-01',
    );
    expect(replenishmentReason(replenishmentDue([20_513], BEANS, SETTINGS)!, isoDay)).toBe(
      'bought BEANS-1KG once; it lasts about 56 days; last on 2026-03-01',
    );
  });
});

describe('medians and gaps', () => {
  it('takes gaps between distinct days and the median of odd and even counts', () => {
    expect(purchaseGaps([30, 10, 10, 20])).toEqual([10, 10]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianRepurchaseDays([[0, 28], [0, 30, 60], [5]])).toBe(30);
    expect(medianRepurchaseDays([[1], []])).toBeNull();
  });
});
