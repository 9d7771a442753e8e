import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { impliedPointValue, moneyForPoints, parseLoyaltyProgram, pointsForMoney } from './program.js';

const minimal = { currency: 'EUR', earn: { rate: { points: 1, perMinor: 100 } } };

function fieldOf(raw: unknown): string | undefined {
  try {
    parseLoyaltyProgram(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_ARGUMENT');
    return (error as RegularsError).details.field as string;
  }
  return undefined;
}

describe('loyalty program settings', () => {
  it('fills the defaults of a minimal program', () => {
    expect(parseLoyaltyProgram(minimal)).toEqual({
      enabled: true,
      currency: 'EUR',
      startsAt: null,
      earn: { rate: { points: 1, perMinor: 100 }, bySku: {}, byCategory: {} },
      returnWindowDays: 30,
      expiry: { months: 12, warnDays: 30 },
      pointValue: null,
      actions: {},
      firstOrderCashback: null,
      redemption: [],
    });
  });

  it('reads a full program: actions with their default limits, rewards, a point value from the best amount-off option', () => {
    const program = parseLoyaltyProgram({
      ...minimal,
      startsAt: '2025-01-01T01:00:00+01:00',
      earn: { rate: { points: 1, perMinor: 1000 }, bySku: { 'BEAN-1': 2 }, byCategory: { coffee: 1.5 } },
      returnWindowDays: 14,
      expiry: { months: null },
      actions: {
        signup: { points: 50 },
        birthday: { points: 100 },
        review: { points: 10 },
        quiz: { points: 5, limit: 3 },
        newsletter: { points: 20, limit: null },
      },
      firstOrderCashback: { percent: 10 },
      redemption: [
        { id: 'five-off', points: 500, reward: { kind: 'amount', amountMinor: 500 }, validDays: 90 },
        { id: 'ten-off', points: 900, reward: { kind: 'amount', amountMinor: 1000 }, minSubtotalMinor: 3000 },
        { id: 'ship', points: 300, reward: { kind: 'free_shipping' } },
        { id: 'pct', points: 800, reward: { kind: 'percent', percent: 15 } },
        { id: 'mug', points: 1500, reward: { kind: 'free_product', sku: 'MUG' } },
      ],
    });
    expect(program.startsAt).toBe('2025-01-01T00:00:00.000Z');
    expect(program.expiry).toEqual({ months: null, warnDays: 30 });
    expect(program.actions).toEqual({
      signup: { points: 50, limit: 1, per: 'ever' },
      birthday: { points: 100, limit: 1, per: 'year' },
      review: { points: 10, limit: null, per: 'ever' },
      quiz: { points: 5, limit: 3, per: 'ever' },
      newsletter: { points: 20, limit: null, per: 'ever' },
    });
    // 1,000 minor for 900 points beats 500 for 500.
    expect(program.pointValue).toEqual({ points: 900, minor: 1000 });
    expect(program.redemption[0]).toEqual({
      id: 'five-off',
      points: 500,
      reward: { kind: 'amount', amountMinor: 500 },
      minSubtotalMinor: 0,
      validDays: 90,
    });
    expect(program.redemption[2].validDays).toBeNull();
    expect(parseLoyaltyProgram({ ...minimal, pointValue: { points: 100, minor: 50 } }).pointValue).toEqual({
      points: 100,
      minor: 50,
    });
  });

  it('names the field of every mistake', () => {
    expect(fieldOf(null)).toBe('program');
    expect(fieldOf({ ...minimal, currency: 'eur' })).toBe('currency');
    expect(fieldOf({ currency: 'EUR' })).toBe('earn');
    expect(fieldOf({ ...minimal, earn: { rate: { points: 1, perMinor: 0 } } })).toBe('earn.rate.perMinor');
    expect(fieldOf({ ...minimal, earn: { rate: { points: 1.5, perMinor: 100 } } })).toBe('earn.rate.points');
    expect(fieldOf({ ...minimal, earn: { ...minimal.earn, bySku: { X: 0 } } })).toBe('earn.bySku.X');
    expect(fieldOf({ ...minimal, retunWindowDays: 30 })).toBe('retunWindowDays');
    expect(fieldOf({ ...minimal, returnWindowDays: -1 })).toBe('returnWindowDays');
    expect(fieldOf({ ...minimal, expiry: { months: 0 } })).toBe('expiry.months');
    expect(fieldOf({ ...minimal, startsAt: '2025-01-01 00:00' })).toBe('startsAt');
    expect(fieldOf({ ...minimal, actions: { signup: { points: 0 } } })).toBe('actions.signup.points');
    expect(fieldOf({ ...minimal, actions: { 'Sign Up': { points: 5 } } })).toBe('actions.Sign Up');
    expect(fieldOf({ ...minimal, actions: { referral: { points: 5 } } })).toBe('actions.referral');
    expect(fieldOf({ ...minimal, actions: { quiz: { points: 5, per: 'month' } } })).toBe('actions.quiz.per');
    expect(fieldOf({ ...minimal, redemption: {} })).toBe('redemption');
    expect(fieldOf({ ...minimal, redemption: [{ id: 'a', points: 10, reward: { kind: 'cash' } }] })).toBe(
      'redemption[0].reward.kind',
    );
    expect(
      fieldOf({ ...minimal, redemption: [{ id: 'a', points: 10, reward: { kind: 'percent', percent: 101 } }] }),
    ).toBe('redemption[0].reward.percent');
    expect(
      fieldOf({
        ...minimal,
        redemption: [
          { id: 'a', points: 10, reward: { kind: 'free_shipping' } },
          { id: 'a', points: 10, reward: { kind: 'free_shipping' } },
        ],
      }),
    ).toBe('redemption[1].id');
    // Cashback is paid in points, so it needs to know what a point is worth.
    expect(fieldOf({ ...minimal, firstOrderCashback: { percent: 5 } })).toBe('firstOrderCashback');
    expect(fieldOf({ ...minimal, pointValue: { points: 1, minor: 1 }, firstOrderCashback: { percent: 150 } })).toBe(
      'firstOrderCashback.percent',
    );
  });

  it('converts money and points at the point value, rounding against the store only for the liability', () => {
    const value = { points: 100, minor: 50 };
    expect(pointsForMoney(999, value)).toBe(1998);
    expect(pointsForMoney(333, { points: 1, minor: 100 })).toBe(3);
    expect(pointsForMoney(100, null)).toBe(0);
    expect(moneyForPoints(101, value)).toBe(51);
    expect(moneyForPoints(100, null)).toBeNull();
    expect(impliedPointValue([])).toBeNull();
  });
});
