import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import {
  normalizeEmail,
  parseReferralSettings,
  referralRefusal,
  referralRewardDecision,
  type ReferralAttempt,
} from './referrals.js';

const settings = parseReferralSettings({ referrerPoints: 500, referredPoints: 250, maxReferralsPerIpPer30Days: 3 });

function fieldOf(value: unknown): unknown {
  try {
    parseReferralSettings(value);
  } catch (error) {
    expect((error as RegularsError).code).toBe('INVALID_ARGUMENT');
    return (error as RegularsError).details.field;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseReferralSettings', () => {
  it('fills defaults', () => {
    expect(parseReferralSettings({ referrerPoints: 100, referredPoints: 0 })).toEqual({
      referrerPoints: 100,
      referredPoints: 0,
      maxReferralsPerIpPer30Days: 5,
      pointsAvailableAfterDays: 0,
    });
    expect(
      parseReferralSettings({ referrerPoints: 1, referredPoints: 1, maxReferralsPerIpPer30Days: null })
        .maxReferralsPerIpPer30Days,
    ).toBeNull();
  });

  it('names the field of each mistake', () => {
    expect(fieldOf([])).toBe('');
    expect(fieldOf({ referredPoints: 1 })).toBe('referrerPoints');
    expect(fieldOf({ referrerPoints: 1.5, referredPoints: 1 })).toBe('referrerPoints');
    expect(fieldOf({ referrerPoints: 1, referredPoints: -1 })).toBe('referredPoints');
    expect(fieldOf({ referrerPoints: 1, referredPoints: 1, maxReferralsPerIpPer30Days: 0 })).toBe(
      'maxReferralsPerIpPer30Days',
    );
    expect(fieldOf({ referrerPoints: 1, referredPoints: 1, pointsAvailableAfterDays: 400 })).toBe(
      'pointsAvailableAfterDays',
    );
    expect(fieldOf({ referrerPoints: 1, referredPoints: 1, bonus: 3 })).toBe('bonus');
  });
});

describe('normalizeEmail', () => {
  it('lower-cases, trims and drops +tags for every domain', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(normalizeEmail('alice+shop@example.com')).toBe('alice@example.com');
    expect(normalizeEmail('a.lice@example.com')).toBe('a.lice@example.com');
  });

  it('drops dots for gmail.com and googlemail.com, which are one mailbox', () => {
    expect(normalizeEmail('A.Li.Ce+ref@GoogleMail.com')).toBe('alice@gmail.com');
    expect(normalizeEmail('alice@gmail.com')).toBe('alice@gmail.com');
  });

  it('answers null for what is not an address', () => {
    expect(normalizeEmail('alice')).toBeNull();
    expect(normalizeEmail('@example.com')).toBeNull();
    expect(normalizeEmail('alice@')).toBeNull();
    expect(normalizeEmail('+tag@example.com')).toBeNull();
    expect(normalizeEmail('...@gmail.com')).toBeNull();
  });
});

describe('referralRefusal', () => {
  const ok: ReferralAttempt = {
    referrerCustomerId: 'cus_a',
    referredCustomerId: 'cus_b',
    referrerEmail: 'alice@gmail.com',
    referredEmail: 'bob@example.com',
    referralsFromIp: 0,
    referredHasOrdered: false,
  };

  it('accepts a new customer with another mailbox', () => {
    expect(referralRefusal(ok, settings)).toBeNull();
    expect(referralRefusal({ ...ok, referrerEmail: null, referredEmail: null }, settings)).toBeNull();
  });

  it('refuses each fraud case with its code', () => {
    expect(referralRefusal({ ...ok, referredCustomerId: 'cus_a' }, settings)).toBe('REFERRAL_SELF');
    expect(referralRefusal({ ...ok, referredEmail: 'A.L.I.C.E+friend@googlemail.com' }, settings)).toBe(
      'REFERRAL_SAME_EMAIL',
    );
    expect(referralRefusal({ ...ok, referredHasOrdered: true }, settings)).toBe('REFERRAL_NOT_FIRST_ORDER');
    expect(referralRefusal({ ...ok, referralsFromIp: 2 }, settings)).toBeNull();
    expect(referralRefusal({ ...ok, referralsFromIp: 3 }, settings)).toBe('REFERRAL_IP_LIMIT_REACHED');
    expect(
      referralRefusal({ ...ok, referralsFromIp: 1000 }, { ...settings, maxReferralsPerIpPer30Days: null }),
    ).toBeNull();
  });
});

describe('referralRewardDecision', () => {
  it('rewards the first paid order that is not cancelled', () => {
    expect(referralRewardDecision({ id: 'o1', status: 'paid', cancelledAt: null }, 'o1')).toBe('reward');
    expect(referralRewardDecision({ id: 'o1', status: 'partially_refunded', cancelledAt: null }, 'o1')).toBe('reward');
  });

  it('waits for an unpaid first order; a cancelled or refunded one rewards nothing', () => {
    expect(referralRewardDecision({ id: 'o1', status: 'pending', cancelledAt: null }, 'o1')).toBe('wait');
    expect(referralRewardDecision({ id: 'o1', status: 'cancelled', cancelledAt: null }, null)).toBe('wait');
    expect(referralRewardDecision({ id: 'o1', status: 'paid', cancelledAt: '2025-01-01T00:00:00Z' }, 'o2')).toBe(
      'wait',
    );
    expect(referralRewardDecision({ id: 'o1', status: 'refunded', cancelledAt: null }, 'o1')).toBe('wait');
  });

  it('rejects an order that is not the first', () => {
    expect(referralRewardDecision({ id: 'o2', status: 'paid', cancelledAt: null }, 'o1')).toBe('reject');
  });
});
