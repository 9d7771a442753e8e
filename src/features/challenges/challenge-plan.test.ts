import { describe, expect, it } from 'vitest';
import { describeChallenge } from './challenge.js';
import { planChallenges } from './challenge-plan.js';
import { DEFAULT_CHALLENGE_SETTINGS as settings } from './challenge-settings.js';

const AS_OF = 1000;

function perWindow(offsets: readonly number[], windows = 6): number[] {
  const days: number[] = [];
  for (let j = 0; j < windows; j++) for (const o of offsets) days.push(AS_OF - 28 * j - o);
  return days.sort((a, b) => a - b);
}

const plan = (visitDays: number[], kind: string, suggestion = null as Parameters<typeof planChallenges>[1]) =>
  planChallenges({ visitDays }, suggestion, AS_OF, settings).find((d) => d.kind === kind)!;

describe('planChallenges', () => {
  it('asks a frequent buyer for max(k + 1, ceil(1.2 k)) visit days in the next W days', () => {
    for (const [offsets, k, target] of [
      [[3, 17], 2, 3],
      [[1, 6, 11, 16, 21], 5, 6],
      [[0, 2, 4, 6, 8, 10, 12, 14, 16, 18], 10, 12],
    ] as const) {
      const decision = plan(perWindow(offsets), 'frequency');
      expect(decision.plan).toMatchObject({
        targetOrders: target,
        windowStartDay: AS_OF + 1,
        deadlineDay: AS_OF + 28,
        bonusPoints: 100,
      });
      expect(decision.plan?.basis.typicalVisits).toBe(k);
      expect(plan(perWindow(offsets), 'interval').skipped).toBe('other_cycle');
    }
  });

  it('asks a long-cycle buyer for the next visit within 0.8 x the median interval of the last one', () => {
    const days = [AS_OF - 240, AS_OF - 180, AS_OF - 120, AS_OF - 60, AS_OF - 10];
    // Intervals 60, 60, 60, 50: median 60, so 48 days from the last visit.
    const decision = plan(days, 'interval');
    expect(decision.plan).toMatchObject({
      targetOrders: 1,
      targetDays: 48,
      windowStartDay: AS_OF + 1,
      deadlineDay: AS_OF - 10 + 48,
    });
    expect(plan(days, 'frequency').skipped).toBe('other_cycle');
  });

  it('gives an overdue long-cycle buyer at least minWindowDays', () => {
    const decision = plan([AS_OF - 300, AS_OF - 200, AS_OF - 100], 'interval');
    // 80 days after the last visit was day 980, already past: the window is days 1001-1007.
    expect(decision.plan).toMatchObject({ targetDays: 80, windowStartDay: AS_OF + 1, deadlineDay: AS_OF + 7 });
  });

  it('gives nothing to customers without enough history', () => {
    for (const days of [[], [AS_OF - 3], [AS_OF - 30, AS_OF - 3]]) {
      const decisions = planChallenges(
        { visitDays: days },
        { category: 'mugs', support: 3, neighbours: 5 },
        AS_OF,
        settings,
      );
      expect(decisions.map((d) => [d.kind, d.plan, d.skipped])).toEqual([
        ['frequency', null, 'history'],
        ['interval', null, 'history'],
        ['new_category', null, 'history'],
      ]);
    }
  });

  it('skips a lapsed frequent buyer and one who already visits every day', () => {
    expect(plan([100, 110, 120], 'frequency').skipped).toBe('lapsed');
    const daily = Array.from({ length: 168 }, (_, i) => AS_OF - i);
    expect(plan(daily, 'frequency').skipped).toBe('saturated');
  });

  it('issues the new-category challenge from the suggestion', () => {
    const days = perWindow([3, 17]);
    expect(plan(days, 'new_category').skipped).toBe('no_category');
    const decision = plan(days, 'new_category', { category: 'mugs', support: 3, neighbours: 12 });
    expect(decision.plan).toMatchObject({
      targetOrders: 1,
      targetCategory: 'mugs',
      deadlineDay: AS_OF + 28,
      bonusPoints: 50,
      basis: { support: 3, neighbours: 12 },
    });
  });

  it('issues only the enabled kinds, with their bonus', () => {
    const decisions = planChallenges({ visitDays: perWindow([3, 17]) }, null, AS_OF, {
      ...settings,
      kinds: ['frequency'],
      bonusPoints: { ...settings.bonusPoints, frequency: 7 },
    });
    expect(decisions).toHaveLength(1);
    expect(decisions[0].plan?.bonusPoints).toBe(7);
  });

  it('describes each kind in one sentence', () => {
    const frequency = plan(perWindow([3, 17]), 'frequency').plan!;
    expect(describeChallenge(frequency)).toBe(
      'Order on 3 different days from 1972-09-28 to 1972-10-25 for 100 bonus points.',
    );
    const interval = plan([AS_OF - 300, AS_OF - 200, AS_OF - 100], 'interval').plan!;
    expect(describeChallenge(interval)).toBe('Place your next order by 1972-10-04 for 100 bonus points.');
    const category = plan(perWindow([3, 17]), 'new_category', { category: 'Mugs', support: 2, neighbours: 2 }).plan!;
    expect(describeChallenge(category)).toBe('Try something new: order from Mugs by 1972-10-25 for 50 bonus points.');
  });
});
