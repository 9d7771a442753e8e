import { describe, expect, it } from 'vitest';
import { DEFAULT_FREQUENCY_CAP, earliestUncapped } from './frequency-cap.js';

const cap = DEFAULT_FREQUENCY_CAP;
const now = '2026-05-10T12:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();

describe('earliestUncapped', () => {
  it('allows a first message at once', () => {
    expect(earliestUncapped([], now, cap)).toBeNull();
  });

  it('moves a second message within 16 hours to 16 hours after the first', () => {
    expect(earliestUncapped([hoursBefore(10)], now, cap)).toBe('2026-05-10T18:00:00.000Z');
    expect(earliestUncapped([hoursBefore(16)], now, cap)).toBeNull();
    expect(earliestUncapped([hoursBefore(15.99)], now, cap)).not.toBeNull();
  });

  it('moves a fourth message in a rolling week to when the oldest of the three leaves it', () => {
    const sends = [hoursBefore(20), hoursBefore(60), hoursBefore(150)];
    // The oldest of the last three left the window at 150 h + 168 h = 18 h from now.
    expect(earliestUncapped(sends, now, cap)).toBe('2026-05-11T06:00:00.000Z');
    expect(earliestUncapped([hoursBefore(20), hoursBefore(60), hoursBefore(168)], now, cap)).toBeNull();
    // Order of the input does not matter; older sends beyond the three do not either.
    expect(earliestUncapped([hoursBefore(150), hoursBefore(400), hoursBefore(20), hoursBefore(60)], now, cap)).toBe(
      '2026-05-11T06:00:00.000Z',
    );
  });

  it('takes the later of the two rules', () => {
    const sends = [hoursBefore(2), hoursBefore(30), hoursBefore(160)];
    // Gap rule: +14 h; window rule: 160 h ago + 168 h = +8 h.
    expect(earliestUncapped(sends, now, cap)).toBe('2026-05-11T02:00:00.000Z');
  });

  it('turns a rule off with 0', () => {
    expect(earliestUncapped([hoursBefore(1)], now, { ...cap, minHoursBetween: 0 })).toBeNull();
    expect(
      earliestUncapped([hoursBefore(20), hoursBefore(40), hoursBefore(60), hoursBefore(80)], now, {
        ...cap,
        maxPerWindow: 0,
      }),
    ).toBeNull();
  });
});
