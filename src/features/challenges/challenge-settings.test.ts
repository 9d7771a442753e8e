import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { DEFAULT_CHALLENGE_SETTINGS, parseChallengeSettings } from './challenge-settings.js';

function refusal(value: unknown): { code: string; field: unknown } {
  try {
    parseChallengeSettings(value);
  } catch (error) {
    if (error instanceof RegularsError) return { code: error.code, field: error.details.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseChallengeSettings', () => {
  it('gives the defaults when the store never set anything', () => {
    expect(parseChallengeSettings(null)).toEqual(DEFAULT_CHALLENGE_SETTINGS);
    expect(parseChallengeSettings({})).toEqual(DEFAULT_CHALLENGE_SETTINGS);
  });

  it('fills in the fields left out', () => {
    const settings = parseChallengeSettings({
      windowDays: 14,
      bonusPoints: { interval: 40 },
      kinds: ['new_category', 'frequency', 'frequency'],
    });
    expect(settings).toMatchObject({
      windowDays: 14,
      minWindowDays: 7,
      lookbackWindows: 6,
      kinds: ['frequency', 'new_category'],
    });
    expect(settings.bonusPoints).toEqual({ frequency: 100, interval: 40, new_category: 50 });
    expect(parseChallengeSettings({ windowDays: 7, minWindowDays: 3 }).minWindowDays).toBe(3);
    expect(parseChallengeSettings({ kinds: [] }).kinds).toEqual([]);
  });

  it('refuses bad settings naming the field', () => {
    expect(refusal([])).toEqual({ code: 'INVALID_ARGUMENT', field: '(root)' });
    expect(refusal({ window: 28 })).toEqual({ code: 'INVALID_ARGUMENT', field: 'window' });
    expect(refusal({ windowDays: 6 }).field).toBe('windowDays');
    expect(refusal({ windowDays: 28.5 }).field).toBe('windowDays');
    expect(refusal({ windowDays: '28' }).field).toBe('windowDays');
    expect(refusal({ kinds: 'frequency' }).field).toBe('kinds');
    expect(refusal({ kinds: ['frequency', 'streak'] }).field).toBe('kinds[1]');
    expect(refusal({ bonusPoints: { frequency: 0 } }).field).toBe('bonusPoints.frequency');
    expect(refusal({ bonusPoints: { streak: 10 } }).field).toBe('bonusPoints.streak');
    expect(refusal({ bonusPoints: 5 }).field).toBe('bonusPoints');
    expect(refusal({ intervalFactor: 1 }).field).toBe('intervalFactor');
    expect(refusal({ intervalFactor: 0 }).field).toBe('intervalFactor');
    expect(refusal({ minOrderDays: 1 }).field).toBe('minOrderDays');
    expect(refusal({ windowDays: 10, minWindowDays: 11 }).field).toBe('minWindowDays');
    expect(refusal({ neighbours: 2, minNeighbourSupport: 3 }).field).toBe('minNeighbourSupport');
    expect(refusal({ lookbackWindows: 0 }).field).toBe('lookbackWindows');
  });
});
