import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../analytics/day.js';
import { RegularsError } from '../../../platform/errors.js';
import {
  anniversaryDue,
  anniversaryFirstDays,
  anniversaryGift,
  anniversaryReason,
  DEFAULT_ANNIVERSARY_COUPON,
  favouriteTitle,
  parseAnniversarySettings,
} from './anniversary.js';

const dayOf = (ymd: string) => ({
  from: `${ymd}T00:00:00.000Z`,
  to: new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString(),
});

describe('first-order-anniversary settings', () => {
  it('defaults: 10:00, a 10% coupon valid 30 days (THANKYOU-...)', () => {
    const s = parseAnniversarySettings({}, 'f');
    expect(s).toEqual({ sendHour: 10, gift: DEFAULT_ANNIVERSARY_COUPON });
    expect(DEFAULT_ANNIVERSARY_COUPON).toMatchObject({ type: 'percent', value: 10, validDays: 30, prefix: 'THANKYOU' });
    expect(anniversaryGift(s)).toEqual({ kind: 'coupon', dataKey: 'gift', coupon: DEFAULT_ANNIVERSARY_COUPON });
    expect(parseAnniversarySettings({ gift: { type: 'free_shipping', prefix: null } }, 'f').gift).toMatchObject({
      type: 'free_shipping',
      value: 0,
      prefix: null,
    });
  });

  it('refuses unknown or wrong fields', () => {
    expect(() => parseAnniversarySettings({ sendHour: 10.5 }, 'f')).toThrow(RegularsError);
    expect(() => parseAnniversarySettings({ gift: { type: 'points' } }, 'f')).toThrow(/settings.gift.type/);
    expect(() => parseAnniversarySettings({ years: 1 }, 'f')).toThrow(/settings.years is not a setting/);
  });
});

describe('anniversaryFirstDays (the query filter)', () => {
  it('lists the same month-day in every earlier year around the window, and 29 February on 28 February of a common year', () => {
    const days = anniversaryFirstDays(dayOf('2026-03-01'));
    expect(days).toContain(dayFromIso('2025-03-01'));
    expect(days).toContain(dayFromIso('1999-03-02'));
    expect(days).toContain(dayFromIso('2024-02-29'));
    expect(days).not.toContain(dayFromIso('2026-03-01'));
    expect(days).not.toContain(dayFromIso('2025-03-05'));
  });
});

describe('anniversaryDue', () => {
  it('is due N full years after the first purchase day at 10:00 in the customer zone', () => {
    expect(anniversaryDue(dayFromIso('2025-03-01'), 'UTC', dayOf('2026-03-01'), 10)).toMatchObject({
      sendAt: '2026-03-01T10:00:00.000Z',
      years: 1,
    });
    expect(anniversaryDue(dayFromIso('2023-03-01'), 'America/New_York', dayOf('2026-03-01'), 10)).toMatchObject({
      sendAt: '2026-03-01T15:00:00.000Z',
      years: 3,
    });
    expect(anniversaryDue(dayFromIso('2026-03-01'), 'UTC', dayOf('2026-03-01'), 10)).toBeNull();
    expect(anniversaryDue(dayFromIso('2025-03-02'), 'UTC', dayOf('2026-03-01'), 10)).toBeNull();
    // Auckland's 10:00 on 2 March is 21:00 UTC on 1 March.
    expect(anniversaryDue(dayFromIso('2025-03-02'), 'Pacific/Auckland', dayOf('2026-03-01'), 10)?.sendAt).toBe(
      '2026-03-01T21:00:00.000Z',
    );
  });

  it('remembers a 29 February first order on 28 February in common years', () => {
    expect(anniversaryDue(dayFromIso('2024-02-29'), 'UTC', dayOf('2025-02-28'), 10)).toMatchObject({ years: 1 });
    expect(anniversaryDue(dayFromIso('2024-02-29'), 'UTC', dayOf('2025-03-01'), 10)).toBeNull();
    expect(anniversaryDue(dayFromIso('2024-02-29'), 'UTC', dayOf('2028-02-29'), 10)).toMatchObject({ years: 4 });
  });
});

describe('favouriteTitle', () => {
  it('is the product bought in most units, by SKU, under its latest title', () => {
    expect(favouriteTitle([])).toBeNull();
    expect(
      favouriteTitle([
        { sku: 'BEAN', title: 'House blend', quantity: 1 },
        { sku: 'MUG', title: 'Mug', quantity: 2 },
        { sku: 'BEAN', title: 'House blend 250 g', quantity: 2 },
      ]),
    ).toBe('House blend 250 g');
    // A tie goes to the one bought first; lines without SKU group by title.
    expect(
      favouriteTitle([
        { sku: null, title: 'Gift card', quantity: 1 },
        { sku: 'MUG', title: 'Mug', quantity: 1 },
      ]),
    ).toBe('Gift card');
  });
});

describe('anniversaryReason', () => {
  it('says when the first order was and what they bought', () => {
    const due = anniversaryDue(dayFromIso('2024-03-01'), 'UTC', dayOf('2026-03-01'), 10)!;
    expect(anniversaryReason(dayFromIso('2024-03-01'), due, 7, 'House blend')).toBe(
      'first order on 2024-03-01, 2 years ago; 7 orders so far, most bought House blend',
    );
  });
});
