import { describe, expect, it } from 'vitest';
import { claimedPrefixes, dayAfter, LOG_STATUS_CLAUSES, logStatusOf, OUTBOX_LOG_STATUSES } from './outbox-log.js';
import { OUTBOX_STATUSES } from './outbox-message.js';

describe('the outbox log status', () => {
  it('reads a stored status and the reason written by the send decision', () => {
    expect(logStatusOf('sent', null)).toBe('sent');
    expect(logStatusOf('planned', null)).toBe('queued');
    expect(logStatusOf('sending', null)).toBe('queued');
    expect(logStatusOf('held_out', 'holdout: 10% of the win-back flow')).toBe('held_out');
    expect(logStatusOf('postponed', 'frequency_cap: at most 1 marketing message per 24 h; then quiet hours')).toBe(
      'capped',
    );
    expect(logStatusOf('skipped', 'frequency_cap: ...; priority 10 is below 50, so it is dropped')).toBe('capped');
    expect(logStatusOf('postponed', 'quiet_hours: 21:00-08:00 in Europe/Ljubljana')).toBe('quiet_hours');
    expect(logStatusOf('postponed', 'retry: attempt 1 failed: ECONNREFUSED')).toBe('retrying');
    expect(logStatusOf('postponed', 'transport_unavailable: the mail server is down')).toBe('retrying');
    expect(logStatusOf('postponed', 'something new')).toBe('queued');
    expect(logStatusOf('skipped', 'suppressed: hard bounce')).toBe('suppressed');
    expect(logStatusOf('skipped', 'stopped_by_order: the customer ordered at ...')).toBe('stopped_by_order');
    expect(logStatusOf('skipped', 'no_consent: marketing consent on email is withdrawn')).toBe('no_consent');
    expect(logStatusOf('skipped', 'no_address: the customer has no email address')).toBe('no_consent');
    expect(logStatusOf('skipped', null)).toBe('skipped');
    expect(logStatusOf('failed', 'attempt 5: 550 mailbox unavailable')).toBe('failed');
  });

  it('gives every stored status a log status, and no prefix two', () => {
    for (const status of OUTBOX_STATUSES) expect(() => logStatusOf(status, null)).not.toThrow();
    for (const status of OUTBOX_STATUSES) {
      const prefixes = claimedPrefixes(status);
      expect(new Set(prefixes).size, status).toBe(prefixes.length);
      const otherwise = Object.values(LOG_STATUS_CLAUSES)
        .flat()
        .filter((c) => c.status === status && (c.otherwise || c.prefixes === undefined));
      expect(otherwise.length, status).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(LOG_STATUS_CLAUSES).sort()).toEqual([...OUTBOX_LOG_STATUSES].sort());
  });

  it('ends a day range after the last day', () => {
    expect(dayAfter('2026-02-28')).toBe('2026-03-01T00:00:00.000Z');
  });
});
