/**
 * Personal challenges ("the Starbucks pattern"): each customer is challenged from their own
 * habit. The kinds, what a challenge asks and what a stored one carries. Pure: the store layer
 * writes what challenge-plan.ts decides (architecture.md habit 1). Rules: docs/challenges.md.
 */

/**
 * - frequency: a customer who usually visits k days in a window of W days is asked for
 *   max(k + 1, ceil(1.2 k)) visit days in the next W days.
 * - interval: a customer with a longer cycle is asked for one visit before a deadline shorter than
 *   their usual interval between visits.
 * - new_category: one visit that buys a category the customer never bought and similar customers do.
 */
export const CHALLENGE_KINDS = ['frequency', 'interval', 'new_category'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** offered until completed or expired; completed and expired are final. */
export const CHALLENGE_STATUSES = ['offered', 'completed', 'expired'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** What issuing decides for one customer and kind, before it is stored. Days are store calendar day numbers. */
export interface ChallengePlan {
  readonly kind: ChallengeKind;
  /** Visit days (days with a qualifying order) asked for within the window: k-based for frequency, 1 otherwise. */
  readonly targetOrders: number;
  /** interval only: the days within which the next visit is asked for, counted from the last visit. */
  readonly targetDays: number | null;
  /** new_category only: the category the qualifying visit must buy. */
  readonly targetCategory: string | null;
  /** First day of the window (the day after the as-of day). */
  readonly windowStartDay: number;
  /** Last day that counts, inclusive: an order on this day counts, an order the day after does not. */
  readonly deadlineDay: number;
  readonly bonusPoints: number;
  /** The habit the target was derived from, shown to the customer and kept for audit. */
  readonly basis: Readonly<Record<string, number | string>>;
}

export interface Challenge extends ChallengePlan {
  /** 'chl_...' */
  readonly id: string;
  readonly customerId: string;
  readonly status: ChallengeStatus;
  /** Qualifying visit days in the window so far, at most targetOrders. */
  readonly progress: number;
  /** YYYY-MM-DD of the Monday of the as-of day's week: one challenge per customer, kind and week. */
  readonly issuedWeek: string;
  /** UTC instants. */
  readonly issuedAt: string;
  readonly completedAt: string | null;
  readonly expiredAt: string | null;
}

/** Whether a challenge's target is met by this many qualifying visit days. */
export function isMet(targetOrders: number, visits: number): boolean {
  return visits >= targetOrders;
}

/** YYYY-MM-DD of a day number. */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** One sentence for the storefront, in English; stores that translate build their own from the fields. */
export function describeChallenge(plan: ChallengePlan): string {
  const by = isoDate(plan.deadlineDay);
  const bonus = `${plan.bonusPoints} bonus points`;
  switch (plan.kind) {
    case 'frequency':
      return `Order on ${plan.targetOrders} different days from ${isoDate(plan.windowStartDay)} to ${by} for ${bonus}.`;
    case 'interval':
      return `Place your next order by ${by} for ${bonus}.`;
    case 'new_category':
      return `Try something new: order from ${plan.targetCategory} by ${by} for ${bonus}.`;
  }
}
