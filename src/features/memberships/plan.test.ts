import { describe, expect, it } from 'vitest';
import { combinePerks, type MembershipPlanInput, membershipPlanProblem, NO_PERKS, normalizePlanCode } from './plan.js';

const plan: MembershipPlanInput = {
  code: 'club-yearly',
  name: 'Coffee Club',
  feeMinor: 4900,
  currency: 'EUR',
  periodMonths: 12,
  renewalReminderDays: 7,
  perks: {
    freeShipping: true,
    extraPointsMultiplier: 1.5,
    memberCouponPercent: 10,
    textPerks: ['Early access to new roasts'],
  },
};

describe('membership plans', () => {
  it('accepts valid terms and normalizes codes', () => {
    expect(membershipPlanProblem(plan)).toBeNull();
    expect(normalizePlanCode('  Club-Yearly ')).toBe('club-yearly');
  });

  it('names the field of the first problem', () => {
    const cases: [Partial<MembershipPlanInput>, string][] = [
      [{ code: 'Club yearly' }, 'code'],
      [{ name: ' ' }, 'name'],
      [{ feeMinor: -1 }, 'feeMinor'],
      [{ feeMinor: 10.5 }, 'feeMinor'],
      [{ currency: 'eur' }, 'currency'],
      [{ periodMonths: 0 }, 'periodMonths'],
      [{ periodMonths: 61 }, 'periodMonths'],
      [{ renewalReminderDays: -1 }, 'renewalReminderDays'],
      [{ perks: { ...plan.perks, extraPointsMultiplier: 0.5 } }, 'perks.extraPointsMultiplier'],
      [{ perks: { ...plan.perks, extraPointsMultiplier: 1.234 } }, 'perks.extraPointsMultiplier'],
      [{ perks: { ...plan.perks, memberCouponPercent: 0 } }, 'perks.memberCouponPercent'],
      [{ perks: { ...plan.perks, textPerks: [''] } }, 'perks.textPerks'],
    ];
    for (const [change, field] of cases) expect(membershipPlanProblem({ ...plan, ...change })?.field).toBe(field);
  });

  it('combines the perks of several memberships in the member favour', () => {
    expect(combinePerks([])).toEqual(NO_PERKS);
    const combined = combinePerks([
      plan.perks,
      {
        freeShipping: false,
        extraPointsMultiplier: 2,
        memberCouponPercent: null,
        textPerks: ['Early access to new roasts', 'Tasting events'],
      },
    ]);
    expect(combined).toEqual({
      freeShipping: true,
      extraPointsMultiplier: 2,
      memberCouponPercent: 10,
      textPerks: ['Early access to new roasts', 'Tasting events'],
    });
  });
});
