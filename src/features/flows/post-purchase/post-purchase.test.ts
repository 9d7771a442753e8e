import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../analytics/day.js';
import {
  confirmationData,
  confirmationReason,
  confirmationTiming,
  formatMinor,
  longDate,
  parsePostPurchaseSettings,
  POST_PURCHASE_DEFAULTS,
} from './post-purchase.js';

const day = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
const next = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };
const settings = POST_PURCHASE_DEFAULTS;

describe('parsePostPurchaseSettings', () => {
  it('fills the defaults and refuses a wrong or unknown field', () => {
    expect(parsePostPurchaseSettings({}, 'flows/pp.json')).toEqual({
      delayMinutes: 0,
      maxDelayHours: 24,
      maxRecommendations: 3,
      minPairOrders: 5,
    });
    expect(() => parsePostPurchaseSettings({ maxRecommendations: 1.5 }, 'flows/pp.json')).toThrow(
      /settings.maxRecommendations must be a whole number/,
    );
    expect(() => parsePostPurchaseSettings({ delay: 5 }, 'flows/pp.json')).toThrow(/settings.delay is not a setting/);
  });
});

describe('confirmationTiming', () => {
  it('sends at the order instant, or at its arrival seconds later, whatever offset the source wrote', () => {
    const t = confirmationTiming(
      { orderedAt: '2026-03-01T09:30:00+01:00', createdAt: '2026-03-01T08:30:05.000Z' },
      settings,
      day,
    );
    expect(t).toEqual({ sendAt: '2026-03-01T08:30:05.000Z', late: true, delayHours: 0 });
    const onTime = confirmationTiming(
      { orderedAt: '2026-03-01T09:30:00+01:00', createdAt: '2026-03-01T08:30:00.000Z' },
      settings,
      day,
    );
    expect(onTime).toEqual({ sendAt: '2026-03-01T08:30:00.000Z', late: false, delayHours: 0 });
  });

  it('a late webhook is confirmed from its arrival, in the window it arrived in, and only once', () => {
    const order = { orderedAt: '2026-03-01T23:50:00Z', createdAt: '2026-03-02T03:20:00.000Z' };
    // Recorded after day 1's end: a view as of day 1 (a backtest) confirms it at its own instant...
    expect(confirmationTiming(order, settings, day)?.sendAt).toBe('2026-03-01T23:50:00.000Z');
    // ... and live, day 2's run plans it from its arrival (the same trigger key: the outbox keeps one).
    expect(confirmationTiming(order, settings, next)).toEqual({
      sendAt: '2026-03-02T03:20:00.000Z',
      late: true,
      delayHours: 3.5,
    });
  });

  it('an import of old history gets no confirmation', () => {
    expect(
      confirmationTiming({ orderedAt: '2026-02-20T10:00:00Z', createdAt: '2026-03-01T10:00:00.000Z' }, settings, day),
    ).toBeNull();
    expect(
      confirmationTiming({ orderedAt: '2026-02-28T09:00:00Z', createdAt: '2026-03-01T10:00:00.000Z' }, settings, day),
    ).toBeNull();
    expect(
      confirmationTiming({ orderedAt: '2026-02-28T11:00:00Z', createdAt: '2026-03-01T10:00:00.000Z' }, settings, day)
        ?.late,
    ).toBe(true);
  });

  it('a delay that carries the send past the window leaves it to the next run, exactly once', () => {
    const order = { orderedAt: '2026-03-01T23:00:00Z', createdAt: '2026-03-01T23:00:01.000Z' };
    const delayed = { ...settings, delayMinutes: 90 };
    expect(confirmationTiming(order, delayed, day)).toBeNull();
    expect(confirmationTiming(order, delayed, next)?.sendAt).toBe('2026-03-02T00:30:01.000Z');
  });
});

describe('confirmation data', () => {
  const order = {
    externalId: '1042',
    orderDay: dayFromIso('2026-03-03'),
    currency: 'JPY',
    totalMinor: 500,
    lines: [{ title: 'Tea', quantity: 2, totalMinor: 500 }],
  };

  it('gives the template its variables', () => {
    expect(longDate(dayFromIso('2026-03-03'))).toBe('3 March 2026');
    expect(
      confirmationData(order, 'https://shop.example/account/orders', [{ title: 'Cup', url: 'u', priceMinor: 300 }]),
    ).toEqual({
      order: {
        number: '#1042',
        date: '3 March 2026',
        currency: 'JPY',
        total_minor: 500,
        url: 'https://shop.example/account/orders',
        lines: [{ title: 'Tea', quantity: 2, total_minor: 500 }],
      },
      recommendations: [{ title: 'Cup', url: 'u', price_minor: 300 }],
    });
  });

  it('explains itself', () => {
    expect(formatMinor(500, 'JPY')).toBe('JPY 500');
    expect(formatMinor(3497, 'EUR')).toBe('EUR 34.97');
    expect(
      confirmationReason(order, { sendAt: '', late: true, delayHours: 3.5 }, [
        { sku: 'A', source: 'learned' },
        { sku: 'B', source: 'best-seller' },
      ]),
    ).toBe(
      'paid order #1042 of 2026-03-03 (JPY 500), recorded 3.5 h after it was placed; 2 suggestions: 1 often bought together, 1 best seller',
    );
  });
});
