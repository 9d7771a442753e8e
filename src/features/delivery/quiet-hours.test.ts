import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from '../../platform/time-zone.js';
import { DEFAULT_QUIET_HOURS, instantOfWallClock, quietHoursEnd, resolveTimeZone } from './quiet-hours.js';

const night = DEFAULT_QUIET_HOURS; // 21:00-08:00

describe('quietHoursEnd', () => {
  it('lets a message outside the quiet hours go at once', () => {
    expect(quietHoursEnd('2026-03-09T16:00:00.000Z', 'America/New_York', night)).toBeNull(); // 12:00 EDT
    expect(quietHoursEnd('2026-06-01T12:00:00.000Z', 'UTC', night)).toBeNull();
    expect(quietHoursEnd('2026-06-01T08:00:00.000Z', 'UTC', night)).toBeNull(); // the end itself is not quiet
  });

  it('moves a message in the quiet hours to their end, in the customer zone', () => {
    expect(quietHoursEnd('2026-06-01T21:00:00.000Z', 'UTC', night)).toBe('2026-06-02T08:00:00.000Z');
    expect(quietHoursEnd('2026-06-01T03:00:00.000Z', 'UTC', night)).toBe('2026-06-01T08:00:00.000Z');
    // 21:30 in Kolkata (+05:30) ends at 08:00 IST, 02:30 UTC.
    expect(quietHoursEnd('2026-01-15T16:00:00.000Z', 'Asia/Kolkata', night)).toBe('2026-01-16T02:30:00.000Z');
    // The same instant is mid-afternoon in Los Angeles: not quiet there.
    expect(quietHoursEnd('2026-01-15T16:00:00.000Z', 'America/Los_Angeles', night)).toBeNull();
    // 23:00 in Tokyo (+09:00).
    expect(quietHoursEnd('2026-01-15T14:00:00.000Z', 'Asia/Tokyo', night)).toBe('2026-01-15T23:00:00.000Z');
  });

  it('is right across the March change in New York (02:00 EST -> 03:00 EDT on 2026-03-08)', () => {
    // 22:00 EST on Saturday 7 March: the quiet hours end at 08:00 EDT (12:00Z), not 08:00 EST (13:00Z).
    expect(quietHoursEnd('2026-03-08T03:00:00.000Z', 'America/New_York', night)).toBe('2026-03-08T12:00:00.000Z');
    // 05:00 EDT the same night (09:00Z), already after the change.
    expect(quietHoursEnd('2026-03-08T09:00:00.000Z', 'America/New_York', night)).toBe('2026-03-08T12:00:00.000Z');
    // Quiet hours ending at 02:30, a time that does not exist that night: 03:30 EDT (07:30Z).
    expect(quietHoursEnd('2026-03-08T04:00:00.000Z', 'America/New_York', { start: '21:00', end: '02:30' })).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('is right across the November change in New York (02:00 EDT -> 01:00 EST on 2026-11-01)', () => {
    // 22:00 EDT on 31 October; 08:00 EST is 13:00Z.
    expect(quietHoursEnd('2026-11-01T02:00:00.000Z', 'America/New_York', night)).toBe('2026-11-01T13:00:00.000Z');
    // 01:30 happens twice that night; the quiet hours end at the first.
    expect(quietHoursEnd('2026-11-01T03:00:00.000Z', 'America/New_York', { start: '21:00', end: '01:30' })).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('is right across the March change in Berlin (02:00 CET -> 03:00 CEST on 2026-03-29)', () => {
    // 22:30 CET on Saturday: 08:00 CEST is 06:00Z.
    expect(quietHoursEnd('2026-03-28T21:30:00.000Z', 'Europe/Berlin', night)).toBe('2026-03-29T06:00:00.000Z');
    // 20:59 CEST the next evening is not quiet, 21:00 is.
    expect(quietHoursEnd('2026-03-29T18:59:00.000Z', 'Europe/Berlin', night)).toBeNull();
    expect(quietHoursEnd('2026-03-29T19:00:00.000Z', 'Europe/Berlin', night)).toBe('2026-03-30T06:00:00.000Z');
  });

  it('handles quiet hours within one day and none at all', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd('2026-06-01T13:15:00.000Z', 'UTC', lunch)).toBe('2026-06-01T14:00:00.000Z');
    expect(quietHoursEnd('2026-06-01T11:59:00.000Z', 'UTC', lunch)).toBeNull();
    expect(quietHoursEnd('2026-06-01T23:00:00.000Z', 'UTC', null)).toBeNull();
  });
});

describe('time zones', () => {
  it('takes the customer zone, else the store zone, else UTC, skipping names Intl does not know', () => {
    expect(resolveTimeZone('Europe/Berlin', 'America/New_York')).toBe('Europe/Berlin');
    expect(resolveTimeZone(null, 'America/New_York')).toBe('America/New_York');
    expect(resolveTimeZone('Mars/Olympus', 'America/New_York')).toBe('America/New_York');
    expect(resolveTimeZone(null, null)).toBe('UTC');
    // An offset is no zone: it would not follow daylight saving time.
    expect(resolveTimeZone('+01:00', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(isIanaTimeZone('Nowhere')).toBe(false);
  });

  it('turns wall-clock times into instants with the compatible disambiguation', () => {
    expect(new Date(instantOfWallClock(Date.UTC(2026, 6, 1, 9, 0), 'Europe/Berlin')).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(new Date(instantOfWallClock(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    ); // 03:30 CEST
    expect(new Date(instantOfWallClock(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    ); // first 02:30, CEST
  });
});
