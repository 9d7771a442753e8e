import { type Challenge, describeChallenge, isoDate } from './challenge.js';

/** A challenge as the API and `regulars challenges list --json` show it (docs/challenges.md, "API"). */
export interface ChallengeView {
  readonly id: string;
  readonly customerId: string;
  readonly kind: Challenge['kind'];
  readonly status: Challenge['status'];
  readonly description: string;
  readonly target: { readonly orders: number; readonly days: number | null; readonly category: string | null };
  /** Visit days counted so far, at most target.orders. */
  readonly progress: number;
  /** YYYY-MM-DD, store calendar, both inclusive. */
  readonly windowStart: string;
  readonly deadline: string;
  readonly bonusPoints: number;
  readonly basis: Readonly<Record<string, number | string>>;
  readonly issuedWeek: string;
  readonly issuedAt: string;
  readonly completedAt: string | null;
  readonly expiredAt: string | null;
}

export function challengeView(challenge: Challenge): ChallengeView {
  return {
    id: challenge.id,
    customerId: challenge.customerId,
    kind: challenge.kind,
    status: challenge.status,
    description: describeChallenge(challenge),
    target: { orders: challenge.targetOrders, days: challenge.targetDays, category: challenge.targetCategory },
    progress: challenge.progress,
    windowStart: isoDate(challenge.windowStartDay),
    deadline: isoDate(challenge.deadlineDay),
    bonusPoints: challenge.bonusPoints,
    basis: challenge.basis,
    issuedWeek: challenge.issuedWeek,
    issuedAt: challenge.issuedAt,
    completedAt: challenge.completedAt,
    expiredAt: challenge.expiredAt,
  };
}
