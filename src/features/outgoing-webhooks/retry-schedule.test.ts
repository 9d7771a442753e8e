import { describe, expect, it } from 'vitest';
import { afterFailure, disableReason, retryDelayMs } from './retry-schedule.js';

describe('retry schedule', () => {
  it('doubles from 30 s to a 4-hour ceiling, within ±20% jitter', () => {
    expect([1, 2, 3, 10, 20].map((n) => retryDelayMs(n, 0.5))).toEqual([
      30_000, 60_000, 120_000, 14_400_000, 14_400_000,
    ]);
    expect(retryDelayMs(1, 0)).toBe(24_000);
    expect(retryDelayMs(1, 0.999999)).toBe(36_000);
  });

  it('retries inside 24 hours of the event, then fails the message; 410 fails it at once', () => {
    const firstAttemptAt = '2026-01-01T00:00:00.000Z';
    expect(afterFailure({ attempt: 1, firstAttemptAt, now: firstAttemptAt, random: 0.5, statusCode: 500 })).toEqual({
      kind: 'retry',
      at: '2026-01-01T00:00:30.000Z',
    });
    expect(
      afterFailure({ attempt: 12, firstAttemptAt, now: '2026-01-01T22:00:00.000Z', random: 0.5, statusCode: null }),
    ).toEqual({
      kind: 'failed',
      reason: 'not delivered within 24 hours (12 attempts)',
    });
    expect(afterFailure({ attempt: 1, firstAttemptAt, now: firstAttemptAt, random: 0.5, statusCode: 410 }).kind).toBe(
      'failed',
    );
  });

  it('disables an endpoint after 24 hours of failures, 1000 in a row, or a 410', () => {
    const failingSince = '2026-01-01T00:00:00.000Z';
    const keep = { failingSince, consecutiveFailures: 999, now: '2026-01-01T23:59:59.000Z', statusCode: 500 };
    expect(disableReason(keep)).toBeNull();
    expect(disableReason({ ...keep, now: '2026-01-02T00:00:00.000Z' })).toMatch(/24 hours/);
    expect(disableReason({ ...keep, consecutiveFailures: 1000 })).toBe('1000 failed attempts in a row');
    expect(disableReason({ ...keep, statusCode: 410 })).toMatch(/410/);
  });
});
