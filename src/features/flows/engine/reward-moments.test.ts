import { describe, expect, it } from 'vitest';
import {
  challengeGoalOf,
  challengeGoalText,
  eventRangeFor,
  eventSendAt,
  formatPoints,
  isoDateOfInstant,
  longDateOfInstant,
  longDateOfYmd,
  pointsWorthMinor,
  tierPerkLines,
} from './reward-moments.js';

describe('rewards flow timing', () => {
  it('sends delayMinutes after the event', () => {
    expect(eventSendAt('2026-03-01T10:00:00.000Z', 0)).toBe('2026-03-01T10:00:00.000Z');
    expect(eventSendAt('2026-03-01T23:30:00.000Z', 60)).toBe('2026-03-02T00:30:00.000Z');
  });

  it('plans the events whose send instant is in the window: the window shifted back by the delay', () => {
    const day = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };
    expect(eventRangeFor(day, 0)).toEqual(day);
    const range = eventRangeFor(day, 90);
    expect(range).toEqual({ from: '2026-03-01T22:30:00.000Z', to: '2026-03-02T22:30:00.000Z' });
    // An event at 22:29 on the 1st sends at 23:59 on the 1st (the previous run); one at 22:30 at 00:00 on the 2nd.
    for (const [occurred, inRange] of [
      ['2026-03-01T22:29:59.999Z', false],
      ['2026-03-01T22:30:00.000Z', true],
      ['2026-03-02T22:29:59.999Z', true],
      ['2026-03-02T22:30:00.000Z', false],
    ] as const) {
      const send = eventSendAt(occurred, 90);
      expect(send >= day.from && send < day.to).toBe(inRange);
      expect(occurred >= range.from && occurred < range.to).toBe(inRange);
    }
  });
});

describe('rewards flow words', () => {
  it('writes dates as the built-in templates do, in the store zone', () => {
    expect(longDateOfInstant('2026-12-31T12:00:00.000Z', 'UTC')).toBe('31 December 2026');
    // 23:30 UTC on 30 April is already 1 May in Berlin.
    expect(longDateOfInstant('2026-04-30T23:30:00.000Z', 'Europe/Berlin')).toBe('1 May 2026');
    expect(isoDateOfInstant('2026-04-30T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-05-01');
    expect(isoDateOfInstant('2026-04-30T23:30:00.000Z', 'America/New_York')).toBe('2026-04-30');
    expect(longDateOfYmd('2026-04-15')).toBe('15 April 2026');
    expect(formatPoints(1200)).toBe('1,200');
  });

  it('lists a tier’s perks, the multiplier only when it adds points', () => {
    expect(
      tierPerkLines({ earnMultiplier: 1, freeShipping: false, memberCouponPercent: null, partnerPerks: [] }),
    ).toEqual([]);
    expect(
      tierPerkLines({
        earnMultiplier: 2,
        freeShipping: true,
        memberCouponPercent: 10,
        partnerPerks: ['Coffee at Café Max'],
      }),
    ).toEqual([
      '2 times the points on every order',
      'Free shipping on every order',
      '10% off with your member coupons',
      'Coffee at Café Max',
    ]);
  });

  it('says what each kind of challenge asks', () => {
    expect(challengeGoalText({ kind: 'frequency', targetOrders: 3, targetCategory: null })).toBe(
      'order on 3 different days',
    );
    expect(challengeGoalText({ kind: 'frequency', targetOrders: 1, targetCategory: null })).toBe('place an order');
    expect(challengeGoalText({ kind: 'interval', targetOrders: 1, targetCategory: null })).toBe(
      'place your next order',
    );
    expect(challengeGoalText({ kind: 'new_category', targetOrders: 1, targetCategory: 'Tea' })).toBe('order from Tea');
    // A completed event names no category: the stored challenge fills it in.
    expect(
      challengeGoalOf(
        { kind: 'new_category', targetOrders: 1 },
        { kind: 'new_category', targetOrders: 1, targetCategory: 'Tea' },
      ),
    ).toEqual({ kind: 'new_category', targetOrders: 1, targetCategory: 'Tea' });
  });

  it('values points at the program’s point value, rounded down', () => {
    expect(pointsWorthMinor(1200, { points: 100, minor: 50 })).toBe(600);
    expect(pointsWorthMinor(333, { points: 100, minor: 100 })).toBe(333);
    expect(pointsWorthMinor(7, { points: 3, minor: 1 })).toBe(2);
    expect(pointsWorthMinor(0, { points: 100, minor: 50 })).toBe(0);
    expect(pointsWorthMinor(1200, null)).toBeNull();
  });
});
