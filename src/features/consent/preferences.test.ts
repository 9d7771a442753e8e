import { describe, expect, it } from 'vitest';
import { applyPreferenceChange, DEFAULT_PREFERENCES, preferenceHold, preferencesFromStored } from './preferences.js';

const NOW = '2026-05-10T12:00:00.000Z';

describe('preferences', () => {
  it('let everything through by default', () => {
    expect(preferenceHold(DEFAULT_PREFERENCES, 'newsletter', NOW, NOW)).toBeNull();
  });

  it('hold exactly the topic turned off', () => {
    const prefs = applyPreferenceChange(DEFAULT_PREFERENCES, { topics: { offers: false } }, NOW);
    expect(preferenceHold(prefs, 'offers', null, NOW)).toBe(
      'preference: the customer turned off offers and win-back (topic offers)',
    );
    for (const topic of ['newsletter', 'replenishment', 'loyalty', 'reviews', null])
      expect(preferenceHold(prefs, topic, null, NOW)).toBeNull();
  });

  it('hold everything while snoozed, for 30 days, and nothing after', () => {
    const prefs = applyPreferenceChange(DEFAULT_PREFERENCES, { snooze: true }, NOW);
    expect(prefs.snoozedUntil).toBe('2026-06-09T12:00:00.000Z');
    expect(preferenceHold(prefs, 'reviews', null, '2026-06-09T11:59:59.000Z')).toMatch(
      /^preference: the customer snoozed/,
    );
    expect(preferenceHold(prefs, 'reviews', null, '2026-06-09T12:00:00.000Z')).toBeNull();
    expect(applyPreferenceChange(prefs, { snooze: false }, NOW).snoozedUntil).toBeNull();
    // A stored snooze that has passed reads as none.
    expect(
      preferencesFromStored({ topicsOff: [], frequency: 'as_sent', snoozedUntil: NOW }, NOW).snoozedUntil,
    ).toBeNull();
  });

  it('hold a message within a week or a month of the last one, as chosen', () => {
    const weekly = applyPreferenceChange(DEFAULT_PREFERENCES, { frequency: 'weekly' }, NOW);
    const monthly = applyPreferenceChange(DEFAULT_PREFERENCES, { frequency: 'monthly' }, NOW);
    const sixDaysAgo = '2026-05-04T12:00:00.000Z';
    const eightDaysAgo = '2026-05-02T12:00:00.000Z';
    expect(preferenceHold(weekly, 'offers', sixDaysAgo, NOW)).toMatch(/every 7 days/);
    expect(preferenceHold(weekly, 'offers', eightDaysAgo, NOW)).toBeNull();
    expect(preferenceHold(monthly, 'offers', eightDaysAgo, NOW)).toMatch(/every 30 days/);
    expect(preferenceHold(monthly, 'offers', null, NOW)).toBeNull();
  });

  it('refuse an unknown topic or frequency, naming the field', () => {
    expect(() => applyPreferenceChange(DEFAULT_PREFERENCES, { topics: { spam: false } }, NOW)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'topics.spam' } }),
    );
    expect(() => applyPreferenceChange(DEFAULT_PREFERENCES, { frequency: 'daily' }, NOW)).toThrow(
      expect.objectContaining({ details: { field: 'frequency' } }),
    );
  });
});
