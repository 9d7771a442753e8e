import { describe, expect, it } from 'vitest';
import { dayFromIso, ymdFromDay } from '../../../analytics/day.js';
import {
  defaultOneTimeBuyerDays,
  lapseOf,
  lapseReason,
  pAliveCrossingDay,
  pAliveOn,
  parseWinBackSettings,
  stepsOn,
  winBackTriggerKey,
} from './win-back.js';

const SETTINGS = parseWinBackSettings({}, 'flows/win-back.json');
const RULE = { ...SETTINGS, oneTimeBuyerDays: 90 };
const MODEL = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
const JAN15 = dayFromIso('2026-01-15');

describe('win-back decision', () => {
  it('has the defaults a store owner expects', () => {
    expect(SETTINGS).toEqual({
      pAliveBelow: 0.3,
      cadenceMultiple: 2,
      oneTimeBuyerDays: null,
      sendHour: 10,
      coupon: { type: 'percent', value: 15, currency: null, minSubtotalMinor: 0, validDays: 30, prefix: 'COMEBACK' },
      secondStep: true,
      secondStepDays: 14,
      maxLapsedDays: 730,
    });
    expect(parseWinBackSettings({ coupon: { type: 'amount', value: 500 } }, 'f').coupon).toMatchObject({
      type: 'amount',
      value: 500,
      validDays: 30,
      prefix: 'COMEBACK',
    });
    expect(() => parseWinBackSettings({ pAliveBelow: 1.5 }, 'f')).toThrow(/settings.pAliveBelow/);
    expect(() => parseWinBackSettings({ coupon: { value: 0 } }, 'f')).toThrow(/settings.coupon.value/);
  });

  it('fake clock: a 21-day customer lapses on the first day more than 42 days after the last order, and only then', () => {
    const h = { customerId: 'c1', firstDay: JAN15 - 42, lastDay: JAN15, purchaseDays: 3 };
    const lapse = lapseOf(h, null, RULE)!;
    expect(lapse.crossingDay).toBe(JAN15 + 43);
    const fired: number[] = [];
    for (let day = JAN15; day < JAN15 + 100; day++)
      if (stepsOn(lapse, new Set([day]), SETTINGS).some((s) => s.step === 1)) fired.push(day);
    expect(fired).toEqual([JAN15 + 43]);
    expect(stepsOn(lapse, new Set([JAN15 + 43 + 14]), SETTINGS)).toEqual([{ step: 2, day: JAN15 + 57 }]);
    expect(stepsOn(lapse, new Set([JAN15 + 57]), { ...SETTINGS, secondStep: false })).toEqual([]);
    expect(lapseReason(lapse, 1, ymdFromDay)).toBe(
      'usually orders every 21 days; 43 days since the last order on 2026-01-15',
    );
    expect(lapseReason(lapse, 2, ymdFromDay)).toBe(
      'no order since step 1 on 2026-02-27; usually orders every 21 days; 43 days since the last order on 2026-01-15',
    );
    expect(winBackTriggerKey(lapse.lastDay, 2, ymdFromDay)).toBe('lapse:2026-01-15:step-2');
  });

  it('lapses a one-time buyer after the threshold, which defaults to twice the store median first-to-second gap', () => {
    expect(defaultOneTimeBuyerDays([])).toBe(90);
    expect(defaultOneTimeBuyerDays([20, 30, 100])).toBe(60);
    const lapse = lapseOf({ customerId: 'c1', firstDay: JAN15, lastDay: JAN15, purchaseDays: 1 }, MODEL, {
      ...RULE,
      oneTimeBuyerDays: 60,
    })!;
    expect(lapse.crossingDay).toBe(JAN15 + 61);
    expect(lapse.cause.kind).toBe('one-time');
  });

  it("crosses P(alive) on the first day it is below the threshold, computed from the model's own function", () => {
    const h = { customerId: 'c1', firstDay: JAN15 - 300, lastDay: JAN15, purchaseDays: 4 };
    const day = pAliveCrossingDay(MODEL, h, 0.3)!;
    expect(pAliveOn(MODEL, h, day)).toBeLessThan(0.3);
    expect(pAliveOn(MODEL, h, day - 1)).toBeGreaterThanOrEqual(0.3);
    // A one-time buyer is alive by BG/NBD: the P(alive) condition never holds.
    expect(pAliveCrossingDay(MODEL, { ...h, purchaseDays: 1 }, 0.3)).toBeNull();
  });

  it('takes the earlier of the two conditions, and says which', () => {
    // Eleven purchases 10 days apart; with k = 10 the cadence lapses after 100 days, P(alive) sooner.
    const h = { customerId: 'c1', firstDay: JAN15 - 100, lastDay: JAN15, purchaseDays: 11 };
    const rule = { ...RULE, cadenceMultiple: 10 };
    const cadence = lapseOf(h, null, rule)!;
    const model = lapseOf(h, MODEL, rule)!;
    expect(cadence.crossingDay).toBe(JAN15 + 101);
    expect(lapseOf(h, MODEL, RULE)?.cause.kind).toBe('cadence');
    expect(model.cause.kind).toBe('p-alive');
    expect(model.crossingDay).toBeLessThan(cadence.crossingDay);
    expect(lapseReason(model, 1, ymdFromDay)).toMatch(
      /^P\(alive\) fell to 0\.\d\d \(below 0\.30\); last order on 2026-01-15$/,
    );
  });

  it('leaves long-gone customers to campaigns (maxLapsedDays)', () => {
    const h = { customerId: 'c1', firstDay: JAN15 - 800, lastDay: JAN15, purchaseDays: 2 };
    expect(lapseOf(h, null, RULE)).toBeNull();
    expect(lapseOf(h, null, { ...RULE, maxLapsedDays: 2000 })?.crossingDay).toBe(JAN15 + 1601);
  });
});

describe('P(alive) crossing day', () => {
  it('is the first day below the threshold for many histories and thresholds (checked day by day)', () => {
    for (const purchaseDays of [2, 3, 8, 30]) {
      for (const span of [7, 60, 400]) {
        for (const threshold of [0.05, 0.3, 0.7]) {
          const h = { customerId: 'c', firstDay: 1000, lastDay: 1000 + span, purchaseDays };
          const day = pAliveCrossingDay(MODEL, h, threshold)!;
          let expected = h.lastDay + 1;
          while (pAliveOn(MODEL, h, expected) >= threshold) expected++;
          expect(day).toBe(expected);
        }
      }
    }
  });
});
