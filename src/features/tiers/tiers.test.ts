import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { dayFromIso } from '../../analytics/day.js';
import {
  addUtcMonths,
  evaluateTier,
  latestDayAt,
  measureWindow,
  nextLevel,
  NO_TIER,
  parseTierSettings,
  qualifyingLevel,
  type TierSettings,
} from './tiers.js';

const settings: TierSettings = parseTierSettings({
  basis: 'rolling_12_month_spend',
  currency: 'EUR',
  levels: [
    { name: 'Silver', threshold: 10_000, perks: { earnMultiplier: 1.25 } },
    {
      name: 'Gold',
      threshold: 50_000,
      perks: {
        earnMultiplier: 1.5,
        freeShipping: true,
        memberCouponPercent: 10,
        partnerPerks: ['Free coffee at Café Max'],
      },
    },
    { name: 'Platinum', threshold: 100_000, perks: { earnMultiplier: 2, freeShipping: true } },
  ],
});

function fieldOf(value: unknown): unknown {
  try {
    parseTierSettings(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_ARGUMENT');
    return (error as RegularsError).details.field;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseTierSettings', () => {
  it('fills perk defaults and keeps the levels in order', () => {
    expect(settings.levels.map((l) => l.name)).toEqual(['Silver', 'Gold', 'Platinum']);
    expect(settings.levels[0].perks).toEqual({
      earnMultiplier: 1.25,
      freeShipping: false,
      memberCouponPercent: null,
      partnerPerks: [],
    });
    expect(settings.levels[1].perks.partnerPerks).toEqual(['Free coffee at Café Max']);
    expect(
      parseTierSettings({ basis: 'lifetime_points', levels: [{ name: 'Fan', threshold: 0 }] }).currency,
    ).toBeNull();
  });

  it('names the field of each mistake', () => {
    const level = { name: 'Silver', threshold: 100 };
    expect(fieldOf(null)).toBe('');
    expect(fieldOf({ basis: 'monthly', levels: [level] })).toBe('basis');
    expect(fieldOf({ basis: 'lifetime_spend', levels: [level] })).toBe('currency');
    expect(fieldOf({ basis: 'lifetime_spend', currency: 'eur', levels: [level] })).toBe('currency');
    expect(fieldOf({ basis: 'lifetime_points', currency: 'EUR', levels: [level] })).toBe('currency');
    expect(fieldOf({ basis: 'lifetime_points', levels: [] })).toBe('levels');
    expect(fieldOf({ basis: 'lifetime_points', levels: [level, { name: 'Gold', threshold: 100 }] })).toBe(
      'levels[1].threshold',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [level, { name: 'Gold', threshold: 50 }] })).toBe(
      'levels[1].threshold',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [level, { name: 'Silver', threshold: 500 }] })).toBe(
      'levels[1].name',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ name: ' Silver', threshold: 1 }] })).toBe('levels[0].name');
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ name: 'Silver', threshold: 1.5 }] })).toBe(
      'levels[0].threshold',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ name: 'Silver', threshold: -1 }] })).toBe(
      'levels[0].threshold',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ name: 'Silver', treshold: 1 }] })).toBe('levels[0].treshold');
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { earnMultiplier: 0.5 } }] })).toBe(
      'levels[0].perks.earnMultiplier',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { freeShipping: 'yes' } }] })).toBe(
      'levels[0].perks.freeShipping',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { memberCouponPercent: 0 } }] })).toBe(
      'levels[0].perks.memberCouponPercent',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { memberCouponPercent: 10.5 } }] })).toBe(
      'levels[0].perks.memberCouponPercent',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { partnerPerks: 'coffee' } }] })).toBe(
      'levels[0].perks.partnerPerks',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [{ ...level, perks: { partnerPerks: ['ok', ''] } }] })).toBe(
      'levels[0].perks.partnerPerks[1]',
    );
    expect(fieldOf({ basis: 'lifetime_points', levels: [level], period: 'year' })).toBe('period');
  });
});

describe('levels', () => {
  it('finds the highest level reached, and what is missing for the next', () => {
    expect(qualifyingLevel(settings, 9_999)).toBe(-1);
    expect(qualifyingLevel(settings, 10_000)).toBe(0);
    expect(qualifyingLevel(settings, 99_999)).toBe(1);
    expect(qualifyingLevel(settings, 1e9)).toBe(2);
    expect(nextLevel(settings, 0)).toMatchObject({ level: { name: 'Silver' }, missing: 10_000 });
    expect(nextLevel(settings, 60_000)).toMatchObject({ level: { name: 'Platinum' }, missing: 40_000 });
    expect(nextLevel(settings, 100_000)).toBeNull();
  });
});

describe('addUtcMonths and the measure window', () => {
  it('keeps the day of the month, or the last day of a shorter month', () => {
    expect(addUtcMonths('2024-03-15T10:20:30.456Z', 12)).toBe('2025-03-15T10:20:30.456Z');
    expect(addUtcMonths('2024-02-29T00:00:00.000Z', 12)).toBe('2025-02-28T00:00:00.000Z');
    expect(addUtcMonths('2024-01-31T23:59:59.999Z', 1)).toBe('2024-02-29T23:59:59.999Z');
    expect(addUtcMonths('2025-03-15T10:00:00.000Z', -12)).toBe('2024-03-15T10:00:00.000Z');
    expect(addUtcMonths('2024-12-31T00:00:00.000Z', 2)).toBe('2025-02-28T00:00:00.000Z');
  });

  it('takes the day at UTC+14 and spans 12 months before the instant', () => {
    expect(latestDayAt('2025-03-15T09:59:59.999Z')).toBe(dayFromIso('2025-03-15'));
    expect(latestDayAt('2025-03-15T10:00:00.000Z')).toBe(dayFromIso('2025-03-16'));
    expect(measureWindow('rolling_12_month_points', '2025-03-15T08:00:00.000Z')).toEqual({
      fromInstant: '2024-03-15T08:00:00.000Z',
      toInstant: '2025-03-15T08:00:00.000Z',
      fromDay: dayFromIso('2024-03-15'),
      toDay: dayFromIso('2025-03-15'),
    });
    expect(measureWindow('lifetime_spend', '2025-03-15T08:00:00.000Z')).toMatchObject({
      fromInstant: null,
      fromDay: null,
    });
  });
});

describe('evaluateTier', () => {
  const t0 = '2025-01-10T12:00:00.000Z';

  it('upgrades at once when the measure reaches a higher level, with a 12-month period', () => {
    expect(evaluateTier(settings, NO_TIER, 9_999, t0)).toEqual({ state: NO_TIER, change: null });
    const silver = evaluateTier(settings, NO_TIER, 10_000, t0);
    expect(silver).toEqual({
      state: { tier: 'Silver', since: t0, periodEnd: '2026-01-10T12:00:00.000Z' },
      change: { from: null, to: 'Silver', direction: 'up', at: t0 },
    });
    // Straight past Gold to Platinum.
    const later = '2025-06-01T00:00:00.000Z';
    expect(evaluateTier(settings, silver.state, 150_000, later).change).toEqual({
      from: 'Silver',
      to: 'Platinum',
      direction: 'up',
      at: later,
    });
  });

  it('keeps the tier while the measure falls, until the period end', () => {
    const gold = { tier: 'Gold', since: t0, periodEnd: '2026-01-10T12:00:00.000Z' };
    expect(evaluateTier(settings, gold, 0, '2026-01-10T11:59:59.999Z')).toEqual({ state: gold, change: null });
    expect(evaluateTier(settings, gold, 20_000, '2026-01-10T12:00:00.000Z')).toEqual({
      state: { tier: 'Silver', since: '2026-01-10T12:00:00.000Z', periodEnd: '2027-01-10T12:00:00.000Z' },
      change: { from: 'Gold', to: 'Silver', direction: 'down', at: '2026-01-10T12:00:00.000Z' },
    });
    // A late run settles at the period end, not at now.
    expect(evaluateTier(settings, gold, 0, '2026-05-01T00:00:00.000Z')).toEqual({
      state: NO_TIER,
      change: { from: 'Gold', to: null, direction: 'down', at: '2026-01-10T12:00:00.000Z' },
    });
  });

  it('renews a tier the customer still reaches at the period end, without a change', () => {
    const gold = { tier: 'Gold', since: t0, periodEnd: '2026-01-10T12:00:00.000Z' };
    expect(evaluateTier(settings, gold, 50_000, '2026-01-10T12:00:00.000Z')).toEqual({
      state: { tier: 'Gold', since: t0, periodEnd: '2027-01-10T12:00:00.000Z' },
      change: null,
    });
    expect(evaluateTier(settings, gold, 100_000, '2026-01-10T12:00:00.000Z').change).toMatchObject({
      from: 'Gold',
      to: 'Platinum',
      direction: 'up',
    });
  });

  it('moves a customer whose tier the settings no longer have', () => {
    const old = { tier: 'Bronze', since: t0, periodEnd: '2026-01-10T12:00:00.000Z' };
    expect(evaluateTier(settings, old, 10_000, '2025-02-01T00:00:00.000Z').change).toMatchObject({
      from: 'Bronze',
      to: 'Silver',
      direction: 'up',
    });
    expect(evaluateTier(settings, old, 0, '2025-02-01T00:00:00.000Z').change).toBeNull();
    expect(evaluateTier(settings, old, 0, '2026-01-10T12:00:00.000Z')).toMatchObject({
      state: NO_TIER,
      change: { from: 'Bronze', to: null, direction: 'down' },
    });
  });
});
