import { describe, expect, it } from 'vitest';
import type { ChallengeView } from '../challenges/index.js';
import type { LedgerEntry } from '../loyalty/index.js';
import { nextChallenge, orderPoints } from './shopper-offers.js';

const entry = (sourceKey: string, points: number, availableAt: string): LedgerEntry => ({
  kind: points > 0 ? 'earn' : 'reverse',
  points,
  sourceKey,
  reason: 'test',
  postedAt: '2026-12-01T00:00:00.000Z',
  availableAt,
});

describe("the thank-you offer's pure parts", () => {
  it("sums the order's own entries, net of reversals, and says when pending points become available", () => {
    const ledger = [
      entry('order:1001:earn', 40, '2026-12-31T00:00:00.000Z'),
      entry('order:1001:earn:reverse:10', -10, '2026-12-01T00:00:00.000Z'),
      entry('order:10011:earn', 99, '2026-12-01T00:00:00.000Z'),
      entry('seed', 5, '2026-12-01T00:00:00.000Z'),
    ];
    expect(orderPoints(ledger, '1001', '2026-12-07T00:00:00.000Z')).toEqual({
      earned: 30,
      availableAt: '2026-12-31T00:00:00.000Z',
    });
    expect(orderPoints(ledger, '1001', '2027-01-07T00:00:00.000Z')).toEqual({ earned: 30, availableAt: null });
    expect(orderPoints(ledger, '2002', '2026-12-07T00:00:00.000Z')).toEqual({ earned: 0, availableAt: null });
  });

  it('picks the open challenge whose deadline comes first', () => {
    const challenge = (id: string, status: ChallengeView['status'], deadline: string) =>
      ({
        id,
        status,
        deadline,
        description: id,
        progress: 1,
        target: { orders: 3, days: null, category: null },
        bonusPoints: 100,
      }) as unknown as ChallengeView;
    expect(nextChallenge([])).toBeNull();
    expect(
      nextChallenge([
        challenge('late', 'offered', '2026-12-31'),
        challenge('done', 'completed', '2026-12-08'),
        challenge('soon', 'offered', '2026-12-20'),
      ]),
    ).toEqual({ id: 'soon', description: 'soon', progress: 1, target: 3, deadline: '2026-12-20', bonusPoints: 100 });
  });
});
