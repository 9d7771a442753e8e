import { describe, expect, it } from 'vitest';
import { balanceOf, checkPosting, type LedgerEntry } from './ledger.js';

const at = (day: number) => `2024-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;

function entry(
  kind: LedgerEntry['kind'],
  points: number,
  sourceKey: string,
  day: number,
  availableDay = day,
): LedgerEntry {
  return { kind, points, sourceKey, reason: kind, postedAt: at(day), availableAt: at(availableDay) };
}

describe('points ledger', () => {
  const ledger = [
    entry('earn', 100, 'order:1:earn', 1),
    entry('earn', 50, 'order:2:earn', 5, 20),
    entry('redeem', -30, 'redeem:1', 6),
  ];

  it('derives the balance, keeping earned points pending until their return window ends', () => {
    expect(balanceOf(ledger, at(6))).toEqual({ available: 70, pending: 50 });
    expect(balanceOf(ledger, at(20))).toEqual({ available: 120, pending: 0 });
    // Entries after the as-of instant do not count.
    expect(balanceOf(ledger, at(4))).toEqual({ available: 100, pending: 0 });
  });

  it('posts a source key once', () => {
    expect(checkPosting(ledger, entry('earn', 100, 'order:1:earn', 7))).toBe('DUPLICATE_SOURCE_KEY');
    expect(checkPosting(ledger, entry('earn', 10, 'review:9', 7))).toBeNull();
  });

  it('never lets the available balance go below zero, and pending points cannot be spent', () => {
    expect(checkPosting(ledger, entry('redeem', -70, 'redeem:2', 7))).toBeNull();
    expect(checkPosting(ledger, entry('redeem', -71, 'redeem:2', 7))).toBe('INSUFFICIENT_POINTS');
    expect(checkPosting(ledger, entry('redeem', -120, 'redeem:2', 20))).toBeNull();
    expect(checkPosting([], entry('adjust', -1, 'adjust:1', 1))).toBe('INSUFFICIENT_POINTS');
  });

  it('refuses fractional, zero and wrongly signed points', () => {
    expect(checkPosting(ledger, entry('earn', 1.5, 'x', 7))).toBe('NOT_WHOLE_POINTS');
    expect(checkPosting(ledger, entry('earn', 0, 'x', 7))).toBe('NOT_WHOLE_POINTS');
    expect(checkPosting(ledger, entry('earn', -5, 'x', 7))).toBe('WRONG_SIGN');
    expect(checkPosting(ledger, entry('redeem', 5, 'x', 7))).toBe('WRONG_SIGN');
    expect(checkPosting(ledger, entry('reverse', 5, 'x', 7))).toBe('WRONG_SIGN');
    expect(checkPosting(ledger, entry('adjust', 5, 'x', 7))).toBeNull();
  });
});

describe('back-dated spends', () => {
  it('refuses a spend that leaves points at its own instant but overdraws a later one', () => {
    const ledger = [entry('earn', 100, 'order:1:earn', 1), entry('redeem', -80, 'redeem:late', 10)];
    // On day 5, 100 points are available; spending 30 then leaves day 10's redemption short.
    expect(checkPosting(ledger, entry('redeem', -30, 'redeem:early', 5))).toBe('INSUFFICIENT_POINTS');
    expect(checkPosting(ledger, entry('redeem', -20, 'redeem:early', 5))).toBeNull();
  });
});

describe('reversals of pending points', () => {
  it('take the points back from pending, so a refund inside the return window needs no available points', () => {
    const ledger = [entry('earn', 45, 'order:1:earn', 1, 30)];
    const reversal: LedgerEntry = {
      kind: 'reverse',
      points: -15,
      sourceKey: 'order:1:reverse:15',
      reason: 'refund',
      postedAt: at(5),
      availableAt: at(30),
    };
    expect(checkPosting(ledger, reversal)).toBeNull();
    const after = [...ledger, reversal];
    expect(balanceOf(after, at(4))).toEqual({ available: 0, pending: 45 });
    expect(balanceOf(after, at(5))).toEqual({ available: 0, pending: 30 });
    expect(balanceOf(after, at(30))).toEqual({ available: 30, pending: 0 });
    // A reversal of available points is taken from available, and refused if spent.
    const spent = [entry('earn', 45, 'order:1:earn', 1), entry('redeem', -40, 'redeem:1', 2)];
    expect(checkPosting(spent, entry('reverse', -15, 'order:1:reverse:15', 3))).toBe('INSUFFICIENT_POINTS');
  });
});
