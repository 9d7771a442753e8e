import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../analytics/day.js';
import {
  alreadyReviewed,
  mainLine,
  parseReviewRequestSettings,
  reviewReason,
  reviewRequestData,
  reviewSendAt,
} from './review-request.js';

const line = (lineNo: number, sku: string | null, priceMinor: number, totalMinor = priceMinor) => ({
  lineNo,
  sku,
  title: `T-${sku ?? lineNo}`,
  priceMinor,
  totalMinor,
});

describe('review request', () => {
  it('reads settings with defaults and clear errors', () => {
    expect(parseReviewRequestSettings({}, 'f.json')).toEqual({ delayDays: 14, sendHour: 10 });
    expect(() => parseReviewRequestSettings({ sendHour: 24 }, 'f.json')).toThrow(
      /settings.sendHour must be a whole number from 0 to 23/,
    );
  });

  it('asks about the most expensive item, preferring a line with a SKU', () => {
    expect(mainLine([line(1, 'MUG', 900), line(2, 'GRINDER', 4500), line(3, 'BEANS', 1200, 4800)])?.sku).toBe(
      'GRINDER',
    );
    expect(mainLine([line(1, null, 9000), line(2, 'MUG', 900)])?.sku).toBe('MUG');
    expect(mainLine([line(1, 'A', 500), line(2, 'B', 500)])?.sku).toBe('A');
    expect(mainLine([])).toBeNull();
  });

  it('sends delayDays after the order day at the local hour (fake clock: Berlin, across the DST change)', () => {
    const settings = { delayDays: 14, sendHour: 10 };
    expect(reviewSendAt(dayFromIso('2026-03-01'), settings, 'UTC')).toBe('2026-03-15T10:00:00.000Z');
    expect(reviewSendAt(dayFromIso('2026-03-01'), settings, 'Europe/Berlin')).toBe('2026-03-15T09:00:00.000Z');
    expect(reviewSendAt(dayFromIso('2026-03-20'), settings, 'Europe/Berlin')).toBe('2026-04-03T08:00:00.000Z');
  });

  it('skips a product the customer already reviewed after the order, not one reviewed before it', () => {
    const order = {
      orderId: 'ord_1',
      externalId: '1042',
      orderedAt: '2026-03-01T10:00:00+01:00',
      orderDay: dayFromIso('2026-03-01'),
    };
    expect(alreadyReviewed(order, 'MUG', [{ sku: 'MUG', occurredAt: '2026-03-05T00:00:00.000Z' }])).toBe(true);
    expect(alreadyReviewed(order, 'MUG', [{ sku: 'MUG', occurredAt: '2026-02-05T00:00:00.000Z' }])).toBe(false);
    expect(alreadyReviewed(order, 'MUG', [{ sku: 'CUP', occurredAt: '2026-03-05T00:00:00.000Z' }])).toBe(false);
  });

  it('links five ratings of the SKU and yes/no about the order', () => {
    const order = {
      orderId: 'ord_1',
      externalId: '1042',
      orderedAt: '2026-03-01T10:00:00Z',
      orderDay: dayFromIso('2026-03-01'),
    };
    const links = { survey: (c: string, q: string, a: string, s: string) => `${c}|${q}|${a}|${s}` };
    const data = reviewRequestData('cus_1', order, line(1, 'MUG', 900), links);
    expect(data).toEqual({
      product: { title: 'T-MUG' },
      rating_links: [1, 2, 3, 4, 5].map((stars) => ({ stars, url: `cus_1|rating|${stars}|MUG` })),
      checkout_feedback: { yes_url: 'cus_1|checkout_easy|yes|ord_1', no_url: 'cus_1|checkout_easy|no|ord_1' },
    });
    expect(reviewReason(order, line(1, 'MUG', 900), { delayDays: 14, sendHour: 10 })).toBe(
      "ordered #1042 on 2026-03-01 (14 days ago); asks to rate MUG (T-MUG), the order's most expensive item, and whether checkout was easy",
    );
  });
});
