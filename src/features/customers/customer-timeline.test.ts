import { describe, expect, it } from 'vitest';
import {
  decodeTimelineCursor,
  encodeTimelineCursor,
  instantOf,
  messageOutcome,
  orderEvent,
  type TimelineEntry,
  timelinePage,
} from './customer-timeline.js';

const entry = (at: string, source: TimelineEntry['source'], id: string): TimelineEntry => ({
  at,
  source,
  id,
  kind: 'points',
  event: 'earn',
  detail: {},
});

describe('customer timeline', () => {
  it('names what became of a message from its status and reason', () => {
    expect(messageOutcome('sent', null)).toBe('sent');
    expect(messageOutcome('held_out', 'holdout: 10%')).toBe('held_out');
    expect(messageOutcome('skipped', 'suppressed: bounced')).toBe('suppressed');
    expect(messageOutcome('skipped', 'frequency_cap: 3 in 7 days, dropped')).toBe('capped');
    expect(messageOutcome('postponed', 'frequency_cap: 16 h after the last')).toBe('capped');
    expect(messageOutcome('postponed', 'quiet_hours: 21:00-08:00 in Europe/Berlin')).toBe('quiet_hours');
    expect(messageOutcome('skipped', 'stopped_by_order: o-9')).toBe('stopped');
    expect(messageOutcome('skipped', 'no_consent: email marketing')).toBe('no_consent');
    expect(messageOutcome('failed', 'smtp 550')).toBe('failed');
    expect(messageOutcome('planned', null)).toBe('planned');
  });

  it('names an order by its status', () => {
    expect(orderEvent('paid', 0)).toBe('placed');
    expect(orderEvent('paid', 100)).toBe('partially_refunded');
    expect(orderEvent('refunded', 2000)).toBe('refunded');
    expect(orderEvent('cancelled', 0)).toBe('cancelled');
  });

  it('reads a source time with its offset, and one without as UTC', () => {
    expect(instantOf('2025-01-02T10:00:00+09:00')).toBe('2025-01-02T01:00:00.000Z');
    expect(instantOf('2025-01-02T10:00:00')).toBe('2025-01-02T10:00:00.000Z');
  });

  it('orders newest first, breaks ties by source then id, and cuts pages at the cursor', () => {
    const all = [
      entry('2025-01-01T00:00:00.000Z', 'points', 'led_a'),
      entry('2025-01-02T00:00:00.000Z', 'consent', 'con_a'),
      entry('2025-01-02T00:00:00.000Z', 'message', 'msg_a'),
      entry('2025-01-02T00:00:00.000Z', 'points', 'led_c'),
      entry('2025-01-02T00:00:00.000Z', 'points', 'led_b'),
    ];
    const first = timelinePage(all, 2, null);
    expect(first.entries.map((e) => e.id)).toEqual(['msg_a', 'led_c']);
    const second = timelinePage(all, 2, decodeTimelineCursor(first.nextCursor!));
    expect(second.entries.map((e) => e.id)).toEqual(['led_b', 'con_a']);
    const third = timelinePage(all, 2, decodeTimelineCursor(second.nextCursor!));
    expect(third).toEqual({ entries: [all[0]], nextCursor: null });
  });

  it('refuses a cursor it did not write', () => {
    const good = encodeTimelineCursor({ at: '2025-01-02T00:00:00.000Z', source: 'points', id: 'led_a' });
    expect(decodeTimelineCursor(good)).toEqual({ at: '2025-01-02T00:00:00.000Z', source: 'points', id: 'led_a' });
    for (const bad of ['', 'abc', encodeTimelineCursor({ at: 'yesterday', source: 'points', id: 'x' })])
      expect(() => decodeTimelineCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
