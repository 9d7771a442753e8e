import { type ChallengeKind, type ChallengePlan, isoDate } from './challenge.js';
import type { ChallengeSettings } from './challenge-settings.js';
import { frequencyTarget, type Habit, intervalTargetDays, measureHabit } from './habit.js';
import type { CategorySuggestion } from './new-category.js';

/**
 * Why a customer got no challenge of a kind (counted in the issuing summary):
 * - history: fewer visit days than minOrderDays (every kind);
 * - lapsed: a frequent buyer with no visit in the lookback windows (a win-back flow suits them better);
 * - saturated: already visits every day of the window, so no higher target fits in it;
 * - no_category: no category has enough votes from similar customers;
 * - other_cycle: the kind is for the other cycle (frequency for frequent buyers, interval for long cycles).
 */
export type SkipReason = 'history' | 'lapsed' | 'saturated' | 'no_category' | 'other_cycle';

export interface KindDecision {
  readonly kind: ChallengeKind;
  readonly plan: ChallengePlan | null;
  readonly skipped: SkipReason | null;
}

export interface CustomerHistory {
  /** Visit days (store calendar day numbers), ascending; days after the as-of day are ignored. */
  readonly visitDays: readonly number[];
}

/**
 * The challenges of one customer as of a day (the last day of history; challenges start the next
 * day), one decision per enabled kind. `suggestion` is the new-category pick for this customer
 * (suggestNewCategory, computed by the caller once per distinct category set), or null.
 */
export function planChallenges(
  history: CustomerHistory,
  suggestion: CategorySuggestion | null,
  asOfDay: number,
  settings: ChallengeSettings,
): KindDecision[] {
  const habit = measureHabit(history.visitDays, asOfDay, settings);
  return settings.kinds.map((kind) => {
    if (habit === null) return { kind, plan: null, skipped: 'history' };
    const outcome = planKind(kind, habit, suggestion, asOfDay, settings);
    return typeof outcome === 'string'
      ? { kind, plan: null, skipped: outcome }
      : { kind, plan: outcome, skipped: null };
  });
}

function planKind(
  kind: ChallengeKind,
  habit: Habit,
  suggestion: CategorySuggestion | null,
  asOfDay: number,
  settings: ChallengeSettings,
): ChallengePlan | SkipReason {
  const start = asOfDay + 1;
  const W = settings.windowDays;
  const bonusPoints = settings.bonusPoints[kind];
  switch (kind) {
    case 'frequency': {
      if (habit.cycle !== 'frequent') return 'other_cycle';
      const k = habit.typicalVisits;
      if (k === null) return 'lapsed';
      // At most one visit a day: a target beyond W days cannot be met.
      const target = Math.min(frequencyTarget(k), W);
      if (target <= k) return 'saturated';
      return {
        kind,
        targetOrders: target,
        targetDays: null,
        targetCategory: null,
        windowStartDay: start,
        deadlineDay: start + W - 1,
        bonusPoints,
        basis: {
          typicalVisits: k,
          windowDays: W,
          activeWindows: habit.activeWindows,
          medianIntervalDays: habit.medianIntervalDays,
        },
      };
    }
    case 'interval': {
      if (habit.cycle !== 'long') return 'other_cycle';
      const days = intervalTargetDays(habit.medianIntervalDays, settings.intervalFactor);
      // Counted from the last visit; an overdue customer still gets minWindowDays from the start.
      const deadlineDay = Math.max(habit.lastVisitDay + days, start + settings.minWindowDays - 1);
      return {
        kind,
        targetOrders: 1,
        targetDays: days,
        targetCategory: null,
        windowStartDay: start,
        deadlineDay,
        bonusPoints,
        basis: {
          medianIntervalDays: habit.medianIntervalDays,
          lastVisit: isoDate(habit.lastVisitDay),
          intervalFactor: settings.intervalFactor,
        },
      };
    }
    case 'new_category': {
      if (suggestion === null) return 'no_category';
      return {
        kind,
        targetOrders: 1,
        targetDays: null,
        targetCategory: suggestion.category,
        windowStartDay: start,
        deadlineDay: start + W - 1,
        bonusPoints,
        basis: { support: suggestion.support, neighbours: suggestion.neighbours },
      };
    }
  }
}
