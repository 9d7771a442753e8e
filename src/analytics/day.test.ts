import { describe, expect, it } from 'vitest';
import { dayFromIso, dayFromYmd, monthIndexOfDay, monthLabel, ymdFromDay } from './day.js';

describe('day numbers', () => {
  it('counts days since 1970-01-01 like Date.UTC does', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1997, 9, 30],
      [2000, 2, 29],
      [2024, 12, 31],
      [1900, 3, 1],
      [2100, 2, 28],
    ]) {
      expect(dayFromYmd(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });

  it('rejects impossible dates', () => {
    expect(dayFromYmd(2023, 2, 29)).toBeNaN();
    expect(dayFromYmd(2024, 4, 31)).toBeNaN();
    expect(dayFromYmd(2024, 13, 1)).toBeNaN();
    expect(dayFromIso('2024-02-30')).toBeNaN();
    expect(dayFromIso('2024-2-3')).toBeNaN();
  });

  it('round-trips through ISO text and months', () => {
    const day = dayFromIso('1997-09-30');
    expect(ymdFromDay(day)).toBe('1997-09-30');
    expect(monthLabel(monthIndexOfDay(day))).toBe('1997-09');
  });
});
