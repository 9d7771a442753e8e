import type { ChallengeView } from '../challenges/index.js';
import type { LedgerEntry } from '../loyalty/index.js';

/** What a pending answer asks the snippet to wait before asking again. */
export const RETRY_AFTER_SECONDS = 3;

/**
 * The points an order brought: every ledger entry the order posted (its earn, a cashback, the
 * reversals of a refund share the key `order:<shop's id>:`), net; `availableAt` is when the last of
 * them can be spent (null when they all can now or there are none).
 */
export function orderPoints(
  ledger: readonly LedgerEntry[],
  orderExternalId: string,
  now: string,
): { earned: number; availableAt: string | null } {
  const prefix = `order:${orderExternalId}:`;
  let earned = 0;
  let availableAt: string | null = null;
  const at = Date.parse(now);
  for (const entry of ledger) {
    if (!entry.sourceKey.startsWith(prefix)) continue;
    earned += entry.points;
    if (
      entry.points > 0 &&
      Date.parse(entry.availableAt) > at &&
      (availableAt === null || entry.availableAt > availableAt)
    )
      availableAt = entry.availableAt;
  }
  return { earned, availableAt: earned > 0 ? availableAt : null };
}

/** The open challenge to show next: the one whose deadline comes first (then the newest). */
export function nextChallenge(challenges: readonly ChallengeView[]) {
  const open = challenges.filter((c) => c.status === 'offered');
  if (open.length === 0) return null;
  const first = [...open].sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0))[0];
  return {
    id: first.id,
    description: first.description,
    progress: first.progress,
    target: first.target.orders,
    deadline: first.deadline,
    bonusPoints: first.bonusPoints,
  };
}
