import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../analytics/day.js';
import { NPS_DEFAULTS, npsReason, npsSurveys, type NpsOrder, parseNpsSettings, pickNpsSurveys } from './nps.js';

const order = (customerId: string, orderId: string, orderDay: number): NpsOrder => ({
  orderId,
  externalId: orderId,
  customerId,
  customerExternalId: customerId,
  orderedAt: '2026-01-01T00:00:00Z',
  orderDay,
});

describe('nps timing', () => {
  const settings = parseNpsSettings({}, 'test');
  const day = dayFromIso('2026-02-08');

  it('defaults: 3 days after the delivery, else 21 days after the order, at 10:00', () => {
    expect(settings).toEqual(NPS_DEFAULTS);
    expect(settings).toEqual({ afterDays: 21, afterDeliveryDays: 3, sendHour: 10, quietDays: 90 });
    expect(() => parseNpsSettings({ afterDeliveryDays: -1 }, 'test')).toThrow(/afterDeliveryDays/);
  });

  it('a delivery before the fallback instant times the survey from its local day; none or a later one keeps the fallback', () => {
    const surveys = npsSurveys(
      [order('a', 'ord_a', day), order('b', 'ord_b', day), order('c', 'ord_c', day)],
      new Map([
        // 23:30 UTC on the 11th is the 12th in Tokyo: three days after that is the 15th.
        ['ord_a', '2026-02-11T23:30:00.000Z'],
        // Reported after the fallback survey was due: the fallback stands.
        ['ord_c', '2026-03-01T01:00:00.000Z'],
      ]),
      settings,
      'Asia/Tokyo',
    );
    expect(surveys.map((s) => [s.order.orderId, s.timing, s.sendAt, s.deliveredAt])).toEqual([
      ['ord_a', 'delivery', '2026-02-15T01:00:00.000Z', '2026-02-11T23:30:00.000Z'],
      // The catch-up, for a delivery reported after its own survey's day: the order's key and the
      // quiet period stop it when the survey after the delivery was planned (nps-delivery.flow.test.ts).
      ['ord_a', 'fallback', '2026-03-01T01:00:00.000Z', '2026-02-11T23:30:00.000Z'],
      ['ord_b', 'fallback', '2026-03-01T01:00:00.000Z', null],
      ['ord_c', 'fallback', '2026-03-01T01:00:00.000Z', null],
    ]);
    expect(npsReason(surveys[0], settings, 'Asia/Tokyo')).toBe(
      'ordered ord_a on 2026-02-08, delivered on 2026-02-12 (3 days ago); asks how likely they are to recommend the shop, 0-10 (at most once in 90 days)',
    );
    expect(npsReason(surveys[2], settings, 'Asia/Tokyo')).toBe(
      'ordered ord_b on 2026-02-08 (21 days ago, no delivery recorded); asks how likely they are to recommend the shop, 0-10 (at most once in 90 days)',
    );
  });

  it('says when a delivery came too late to time the survey', () => {
    const [, late] = npsSurveys(
      [order('a', 'ord_a', day)],
      new Map([['ord_a', '2026-02-11T12:00:00.000Z']]),
      settings,
      'UTC',
    );
    expect(npsReason(late, settings, 'UTC')).toBe(
      'ordered ord_a on 2026-02-08 (21 days ago, delivered on 2026-02-11, reported too late to time the survey); asks how likely they are to recommend the shop, 0-10 (at most once in 90 days)',
    );
  });

  it('asks a customer once: their latest order, and not within quietDays of the last survey', () => {
    const sendAt = '2026-04-01T10:00:00.000Z';
    const survey = (o: NpsOrder) => ({ order: o, sendAt, timing: 'fallback' as const, deliveredAt: null });
    const picked = pickNpsSurveys(
      [order('a', 'ord_1', 10), order('a', 'ord_2', 11), order('b', 'ord_3', 10), order('c', 'ord_4', 10)].map(survey),
      new Map([
        ['b', '2026-01-02T10:00:00.000Z'], // 89 days before
        ['c', '2026-01-01T10:00:00.000Z'], // 90 days before: asked again
      ]),
      settings,
    );
    expect(picked.map((p) => p.order.orderId)).toEqual(['ord_2', 'ord_4']);
  });
});
