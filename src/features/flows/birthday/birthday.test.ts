import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../../platform/errors.js';
import {
  birthdayDue,
  birthdayGift,
  birthdayMonthDay,
  birthdayMonthDays,
  birthdayReason,
  DEFAULT_BIRTHDAY_COUPON,
  parseBirthdaySettings,
} from './birthday.js';

const dayOf = (ymd: string) => ({
  from: `${ymd}T00:00:00.000Z`,
  to: new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString(),
});
const defaults = parseBirthdaySettings({}, 'flows/birthday.json');

function fieldOf(raw: Record<string, unknown>): string | undefined {
  try {
    parseBirthdaySettings(raw, 'flows/birthday.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_FLOW');
    return (error as RegularsError).details.field as string;
  }
  return undefined;
}

describe('birthday settings', () => {
  it('defaults: on the day at 09:00, a 10% coupon valid 30 days (BDAY-...)', () => {
    expect(defaults).toEqual({ daysBefore: 0, sendHour: 9, gift: { type: 'coupon', coupon: DEFAULT_BIRTHDAY_COUPON } });
    expect(DEFAULT_BIRTHDAY_COUPON).toMatchObject({ type: 'percent', value: 10, validDays: 30, prefix: 'BDAY' });
  });

  it('reads a points gift (the loyalty action, once per year) or a coupon', () => {
    const points = parseBirthdaySettings({ gift: { type: 'points' } }, 'f');
    expect(points.gift).toEqual({ type: 'points', action: 'birthday' });
    expect(birthdayGift(points, 2026)).toEqual({
      kind: 'points',
      dataKey: 'gift',
      action: 'birthday',
      key: 'birthday:2026',
    });
    const coupon = parseBirthdaySettings(
      { gift: { type: 'amount', value: 500, currency: 'EUR' }, daysBefore: 3, sendHour: 8 },
      'f',
    );
    expect(birthdayGift(coupon, 2026)).toEqual({
      kind: 'coupon',
      dataKey: 'gift',
      coupon: { ...DEFAULT_BIRTHDAY_COUPON, type: 'amount', value: 500, currency: 'EUR' },
    });
    expect(fieldOf({ gift: { type: 'points', action: 'Bad Name' } })).toBe('settings.gift.action');
    expect(fieldOf({ gift: { type: 'points', value: 5 } })).toBe('settings.gift.value');
    expect(fieldOf({ gift: { type: 'gift-card' } })).toBe('settings.gift.type');
    expect(fieldOf({ sendHour: 24 })).toBe('settings.sendHour');
    expect(fieldOf({ daysBefore: -1 })).toBe('settings.daysBefore');
  });
});

describe('birthdayMonthDay', () => {
  it('reads YYYY-MM-DD and --MM-DD, 29 February included', () => {
    expect(birthdayMonthDay('1990-03-01')).toEqual({ month: 3, day: 1, year: 1990 });
    expect(birthdayMonthDay('--02-29')).toEqual({ month: 2, day: 29, year: null });
    expect(birthdayMonthDay('1990-02-30')).toBeNull();
    expect(birthdayMonthDay('01/03/1990')).toBeNull();
  });
});

describe('birthdayMonthDays (the query filter)', () => {
  it('covers the days a zone can put in the window, and 02-29 on 28 February of a common year', () => {
    expect(birthdayMonthDays(dayOf('2026-03-01'), 0)).toEqual(['02-28', '02-29', '03-01', '03-02', '03-03']);
    expect(birthdayMonthDays(dayOf('2028-03-01'), 0)).toEqual(['02-29', '03-01', '03-02', '03-03']);
    expect(birthdayMonthDays(dayOf('2026-03-01'), 7)).toEqual(['03-07', '03-08', '03-09', '03-10']);
  });
});

describe('birthdayDue', () => {
  it('sends at 09:00 in the customer zone on the day, planned by the window holding that instant', () => {
    expect(birthdayDue('1990-03-01', 'UTC', dayOf('2026-03-01'), defaults)).toEqual({
      sendAt: '2026-03-01T09:00:00.000Z',
      year: 2026,
      birthdayDay: expect.any(Number),
    });
    // Tokyo's 09:00 on 1 March is 00:00 UTC; Honolulu's is 19:00 UTC.
    expect(birthdayDue('1990-03-01', 'Asia/Tokyo', dayOf('2026-03-01'), defaults)?.sendAt).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(birthdayDue('1990-03-01', 'Pacific/Honolulu', dayOf('2026-03-01'), defaults)?.sendAt).toBe(
      '2026-03-01T19:00:00.000Z',
    );
    // Kiritimati (UTC+14): 09:00 on 2 March is 19:00 UTC on 1 March.
    expect(birthdayDue('1990-03-02', 'Pacific/Kiritimati', dayOf('2026-03-01'), defaults)?.sendAt).toBe(
      '2026-03-01T19:00:00.000Z',
    );
    expect(birthdayDue('1990-03-02', 'Pacific/Kiritimati', dayOf('2026-03-02'), defaults)).toBeNull();
    expect(birthdayDue('1990-03-02', 'UTC', dayOf('2026-03-01'), defaults)).toBeNull();
  });

  it('follows daylight saving: 09:00 in Paris is 08:00 UTC in winter and 07:00 in summer', () => {
    expect(birthdayDue('1990-01-15', 'Europe/Paris', dayOf('2026-01-15'), defaults)?.sendAt).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(birthdayDue('1990-07-15', 'Europe/Paris', dayOf('2026-07-15'), defaults)?.sendAt).toBe(
      '2026-07-15T07:00:00.000Z',
    );
  });

  it('keeps 29 February on 28 February in common years, once', () => {
    expect(birthdayDue('2000-02-29', 'UTC', dayOf('2026-02-28'), defaults)?.sendAt).toBe('2026-02-28T09:00:00.000Z');
    expect(birthdayDue('2000-02-29', 'UTC', dayOf('2026-03-01'), defaults)).toBeNull();
    expect(birthdayDue('2000-02-29', 'UTC', dayOf('2028-02-28'), defaults)).toBeNull();
    expect(birthdayDue('2000-02-29', 'UTC', dayOf('2028-02-29'), defaults)?.sendAt).toBe('2028-02-29T09:00:00.000Z');
    expect(birthdayDue('2000-02-28', 'UTC', dayOf('2026-02-28'), defaults)?.sendAt).toBe('2026-02-28T09:00:00.000Z');
  });

  it('sends daysBefore ahead, the trigger naming the birthday year (across New Year)', () => {
    const ahead = { daysBefore: 2, sendHour: 9 };
    expect(birthdayDue('1990-01-01', 'UTC', dayOf('2026-12-30'), ahead)).toMatchObject({
      sendAt: '2026-12-30T09:00:00.000Z',
      year: 2027,
    });
    expect(birthdayDue('1990-01-01', 'UTC', dayOf('2027-01-01'), ahead)).toBeNull();
  });

  it('plans each birthday in exactly one of consecutive windows (a year of hourly windows in one zone)', () => {
    let hits = 0;
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000) {
      const window = { from: new Date(t).toISOString(), to: new Date(t + 3_600_000).toISOString() };
      if (birthdayDue('1985-03-29', 'America/Los_Angeles', window, defaults) !== null) hits++;
    }
    expect(hits).toBe(1);
  });

  it('skips a birth year not before the celebrated year, and unreadable birthdays', () => {
    expect(birthdayDue('2026-03-01', 'UTC', dayOf('2026-03-01'), defaults)).toBeNull();
    expect(birthdayDue('--03-01', 'UTC', dayOf('2026-03-01'), defaults)).not.toBeNull();
    expect(birthdayDue('garbage', 'UTC', dayOf('2026-03-01'), defaults)).toBeNull();
  });
});

describe('birthdayReason', () => {
  it('names the day, the hour and zone, and the leap-day rule when it applied', () => {
    const due = birthdayDue('2000-02-29', 'Europe/Paris', dayOf('2026-02-28'), defaults)!;
    expect(birthdayReason('2000-02-29', due, 'Europe/Paris', defaults)).toBe(
      'birthday on 28 February 2026 (born on 29 February, kept on the 28th this year); sent at 09:00 Europe/Paris',
    );
  });
});
