import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../analytics/day.js';
import { frequencyTarget, intervalTargetDays, measureHabit, median, mondayOf } from './habit.js';

const settings = { windowDays: 28, lookbackWindows: 6, minOrderDays: 3 };
const AS_OF = 1000;

/** Visit days with the given offsets (days before the end) in each of the last `windows` 28-day windows. */
function perWindow(offsets: readonly number[], windows = 6): number[] {
  const days: number[] = [];
  for (let j = 0; j < windows; j++) for (const o of offsets) days.push(AS_OF - 28 * j - o);
  return days.sort((a, b) => a - b);
}

describe('frequencyTarget', () => {
  it('is max(k + 1, ceil(1.2 k)) in exact integers', () => {
    expect(frequencyTarget(1)).toBe(2);
    expect(frequencyTarget(2)).toBe(3);
    expect(frequencyTarget(4)).toBe(5);
    // 1.2 x 5 = 6.000000000000001 in floating point; the target is 6, not 7.
    expect(frequencyTarget(5)).toBe(6);
    expect(frequencyTarget(6)).toBe(8);
    expect(frequencyTarget(10)).toBe(12);
    expect(frequencyTarget(15)).toBe(18);
  });
});

describe('intervalTargetDays', () => {
  it('rounds factor x median to the nearest day, halves up, at least 1', () => {
    expect(intervalTargetDays(60, 0.8)).toBe(48);
    expect(intervalTargetDays(45, 0.9)).toBe(41); // 40.5
    expect(intervalTargetDays(31, 0.8)).toBe(25); // 24.8
    expect(intervalTargetDays(1, 0.1)).toBe(1);
  });
});

describe('median and mondayOf', () => {
  it('takes the usual median', () => {
    expect(median([5])).toBe(5);
    expect(median([30, 60])).toBe(45);
    expect(median([9, 1, 5])).toBe(5);
    expect(() => median([])).toThrow(RangeError);
  });
  it('finds the Monday of a week', () => {
    expect(mondayOf(dayFromIso('2026-11-29'))).toBe(dayFromIso('2026-11-23')); // a Sunday
    expect(mondayOf(dayFromIso('2026-11-30'))).toBe(dayFromIso('2026-11-30'));
    expect(mondayOf(dayFromIso('2026-12-05'))).toBe(dayFromIso('2026-11-30'));
    expect(mondayOf(dayFromIso('1969-12-31'))).toBe(dayFromIso('1969-12-29'));
  });
});

describe('measureHabit', () => {
  it('reads k as the visits of a typical active window', () => {
    expect(measureHabit(perWindow([3, 17]), AS_OF, settings)).toMatchObject({
      typicalVisits: 2,
      activeWindows: 6,
      cycle: 'frequent',
      medianIntervalDays: 14,
    });
    expect(measureHabit(perWindow([1, 6, 11, 16, 21]), AS_OF, settings)).toMatchObject({
      typicalVisits: 5,
      cycle: 'frequent',
      medianIntervalDays: 5,
    });
    expect(measureHabit(perWindow([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]), AS_OF, settings)).toMatchObject({
      typicalVisits: 10,
      medianIntervalDays: 2,
    });
  });

  it('leaves windows without a visit out and takes the lower median of an even number', () => {
    // Window 0: 3 visits, window 1: 1 visit, windows 2-5: none.
    const habit = measureHabit([AS_OF - 40, AS_OF - 20, AS_OF - 10, AS_OF - 1], AS_OF, settings);
    expect(habit).toMatchObject({ activeWindows: 2, typicalVisits: 1, visitDays: 4, lastVisitDay: AS_OF - 1 });
  });

  it('puts the as-of day in window 0 and the day W before it in window 1', () => {
    const habit = measureHabit([AS_OF - 28, AS_OF - 27, AS_OF], AS_OF, settings)!;
    expect(habit.activeWindows).toBe(2);
    expect(habit.typicalVisits).toBe(1); // counts [1, 2]
  });

  it('splits frequent buyers (median interval <= W) from long cycles', () => {
    expect(measureHabit([AS_OF - 56, AS_OF - 28, AS_OF], AS_OF, settings)?.cycle).toBe('frequent');
    expect(measureHabit([AS_OF - 58, AS_OF - 29, AS_OF], AS_OF, settings)?.cycle).toBe('long');
  });

  it('needs minOrderDays distinct visit days up to the as-of day', () => {
    expect(measureHabit([], AS_OF, settings)).toBeNull();
    expect(measureHabit([AS_OF - 10, AS_OF - 5], AS_OF, settings)).toBeNull();
    expect(measureHabit([AS_OF - 10, AS_OF - 5, AS_OF - 5], AS_OF, settings)).toBeNull();
    expect(measureHabit([AS_OF - 10, AS_OF - 5, AS_OF + 1], AS_OF, settings)).toBeNull();
    expect(measureHabit([AS_OF - 10, AS_OF - 5, AS_OF], AS_OF, settings)).not.toBeNull();
    expect(measureHabit([AS_OF - 10, AS_OF - 5], AS_OF, { ...settings, minOrderDays: 2 })).not.toBeNull();
  });

  it('takes the median over the latest intervals only', () => {
    // Twenty old visits 100 days apart, then thirteen 10 days apart: the recent habit is 10 days.
    const old = Array.from({ length: 20 }, (_, i) => 100 * i);
    const recent = Array.from({ length: 13 }, (_, i) => 2000 + 10 * i);
    expect(measureHabit([...old, ...recent], 2130, settings)?.medianIntervalDays).toBe(10);
  });

  it('reports no typical visits for a buyer with no visit in the lookback', () => {
    expect(measureHabit([100, 110, 120], AS_OF, settings)).toMatchObject({
      typicalVisits: null,
      activeWindows: 0,
      cycle: 'frequent',
    });
  });
});
