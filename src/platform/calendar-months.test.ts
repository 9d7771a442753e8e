import { describe, expect, it } from 'vitest';
import { addMonthsToDate, addMonthsToInstant, isCalendarDate, subtractDays, utcDateOf } from './calendar-months.js';

describe('calendar months', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonthsToInstant('2024-01-31T10:00:00.000Z', 1)).toBe('2024-02-29T10:00:00.000Z');
    expect(addMonthsToInstant('2025-01-31T10:00:00.000Z', 1)).toBe('2025-02-28T10:00:00.000Z');
    expect(addMonthsToInstant('2025-03-31T00:00:00.000Z', 1)).toBe('2025-04-30T00:00:00.000Z');
    expect(addMonthsToDate('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsToDate('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('counts from the anchor, so a clamp does not stick', () => {
    const anchor = '2024-01-31';
    expect([1, 2, 3, 4].map((k) => addMonthsToDate(anchor, k))).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
  });

  it('crosses years both ways and keeps the time of day', () => {
    expect(addMonthsToInstant('2024-11-15T23:59:59.999Z', 3)).toBe('2025-02-15T23:59:59.999Z');
    expect(addMonthsToDate('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonthsToDate('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsToDate('2024-05-10', 0)).toBe('2024-05-10');
    expect(addMonthsToDate('2024-05-10', 24)).toBe('2026-05-10');
  });

  it('refuses what is not a date or a whole number of months', () => {
    expect(() => addMonthsToDate('2024-5-1', 1)).toThrow(RangeError);
    expect(() => addMonthsToDate('2024-05-01', 1.5)).toThrow(RangeError);
    expect(() => addMonthsToInstant('yesterday', 1)).toThrow(RangeError);
  });

  it('subtracts days of 24 hours and reads dates', () => {
    expect(subtractDays('2024-03-01T00:00:00.000Z', 7)).toBe('2024-02-23T00:00:00.000Z');
    expect(utcDateOf('2024-03-01T23:30:00.000-05:00')).toBe('2024-03-02');
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate(20250101)).toBe(false);
  });
});
