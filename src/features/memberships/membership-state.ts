/**
 * The membership state machine. Payment stays with the store's payment provider, which tells
 * Regulars what happened (by API or webhook); these rules decide what that means for the member.
 *
 *              renewed                 payment_failed
 *   start ──► active ◄──────────────────────────────► past_due
 *              │  ▲ renewed (reactivates)    renewed      │
 *    cancelled │  │                                       │ cancelled
 *              ▼  │                                       ▼
 *            cancelled ◄──────────────────────────────────┘
 *              │ period_ended (at the end of the paid period; the scheduled job)
 *              ▼
 *            expired ◄── expired (from any status, when the provider says so)
 *
 * Allowed, per status and event (anything else is MEMBERSHIP_TRANSITION_NOT_ALLOWED):
 * | from \ event | renewed            | payment_failed | cancelled | expired   | period_ended                 |
 * |--------------|--------------------|----------------|-----------|-----------|------------------------------|
 * | active       | active, next period| past_due       | cancelled | expired   | refused                      |
 * | past_due     | active, next period| unchanged      | cancelled | expired   | refused                      |
 * | cancelled    | active, next period| refused        | unchanged | expired   | expired, once the period ends|
 * | expired      | refused            | refused        | refused   | unchanged | refused                      |
 *
 * 'unchanged' is accepted and recorded, because providers repeat a state (a retried payment failing
 * again, a second cancel): refusing it would make their webhook retry for ever.
 * Benefits (the plan's perks) hold while active, and after a cancel until the paid period ends;
 * a past_due member has none until the payment goes through (hasBenefits).
 */
import { addMonthsToInstant, subtractDays } from '../../platform/calendar-months.js';

export const MEMBERSHIP_STATUSES = ['active', 'past_due', 'cancelled', 'expired'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** What a payment provider reports; 'paid' is another name for 'renewed'. */
export const PROVIDER_STATUSES = ['renewed', 'paid', 'payment_failed', 'cancelled', 'expired'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** Events the state machine knows: the provider's (with 'paid' read as 'renewed') and the job's period end. */
export type MembershipEvent = 'renewed' | 'payment_failed' | 'cancelled' | 'expired' | 'period_ended';

export function membershipEventOf(status: ProviderStatus): MembershipEvent {
  return status === 'paid' ? 'renewed' : status;
}

/** Where a membership stands. Instants are UTC (YYYY-MM-DDTHH:MM:SS.sssZ). */
export interface MembershipState {
  readonly status: MembershipStatus;
  /** The start of the first period: every period is counted from it (calendar-months.ts). */
  readonly anchorAt: string;
  /** 0 for the first period, +1 for each renewal. */
  readonly periodIndex: number;
  readonly currentPeriodStart: string;
  /** When the paid period ends: the renewal date. */
  readonly currentPeriodEnd: string;
  readonly cancelledAt: string | null;
  readonly endedAt: string | null;
}

/** Period k (0-based) of a membership anchored at anchorAt: [anchor + k x months, anchor + (k+1) x months). */
export function periodBounds(anchorAt: string, periodMonths: number, index: number): { start: string; end: string } {
  return {
    start: addMonthsToInstant(anchorAt, index * periodMonths),
    end: addMonthsToInstant(anchorAt, (index + 1) * periodMonths),
  };
}

/** A new membership: active, in its first paid period from `startedAt`. */
export function startMembership(startedAt: string, periodMonths: number): MembershipState {
  const { start, end } = periodBounds(startedAt, periodMonths, 0);
  return {
    status: 'active',
    anchorAt: startedAt,
    periodIndex: 0,
    currentPeriodStart: start,
    currentPeriodEnd: end,
    cancelledAt: null,
    endedAt: null,
  };
}

export type TransitionResult =
  | { readonly outcome: 'changed'; readonly state: MembershipState }
  | { readonly outcome: 'unchanged'; readonly state: MembershipState }
  | {
      readonly outcome: 'refused';
      readonly code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED';
      readonly from: MembershipStatus;
      readonly event: MembershipEvent;
    };

function nextPeriod(state: MembershipState, periodMonths: number): MembershipState {
  const index = state.periodIndex + 1;
  const { start, end } = periodBounds(state.anchorAt, periodMonths, index);
  return {
    ...state,
    status: 'active',
    periodIndex: index,
    currentPeriodStart: start,
    currentPeriodEnd: end,
    cancelledAt: null,
    endedAt: null,
  };
}

/**
 * What an event does to a membership at `at` (a UTC instant), by the table above. A renewal pays for
 * exactly one more period, counted from the anchor, whenever it arrives: a late payment does not
 * shift the renewal date, an early one does not lose days.
 */
export function applyMembershipEvent(
  state: MembershipState,
  periodMonths: number,
  event: MembershipEvent,
  at: string,
): TransitionResult {
  const refused = { outcome: 'refused', code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED', from: state.status, event } as const;
  const unchanged = { outcome: 'unchanged', state } as const;
  const changed = (next: MembershipState) => ({ outcome: 'changed', state: next }) as const;
  switch (state.status) {
    case 'active':
    case 'past_due':
      if (event === 'renewed') return changed(nextPeriod(state, periodMonths));
      if (event === 'payment_failed')
        return state.status === 'past_due' ? unchanged : changed({ ...state, status: 'past_due' });
      if (event === 'cancelled') return changed({ ...state, status: 'cancelled', cancelledAt: at });
      if (event === 'expired') return changed({ ...state, status: 'expired', endedAt: at });
      return refused;
    case 'cancelled':
      if (event === 'renewed') return changed(nextPeriod(state, periodMonths));
      if (event === 'cancelled') return unchanged;
      if (event === 'expired') return changed({ ...state, status: 'expired', endedAt: at });
      // The job's expiry: the member keeps the benefits paid for until the period ends, not a moment less.
      if (event === 'period_ended' && Date.parse(at) >= Date.parse(state.currentPeriodEnd))
        return changed({ ...state, status: 'expired', endedAt: state.currentPeriodEnd });
      return refused;
    case 'expired':
      return event === 'expired' ? unchanged : refused;
  }
}

/** Whether the member gets the plan's perks at `now`. */
export function hasBenefits(state: Pick<MembershipState, 'status' | 'currentPeriodEnd'>, now: string): boolean {
  if (state.status === 'active') return true;
  if (state.status === 'cancelled') return Date.parse(now) < Date.parse(state.currentPeriodEnd);
  return false;
}

/**
 * When the renewal reminder of the current period is due: `days` days (of 24 h) before the renewal
 * date; null when none is due for this membership (not active, or the plan sends none). The job
 * records it once per period, keyed by the period index.
 */
export function renewalReminderDueAt(
  state: Pick<MembershipState, 'status' | 'currentPeriodEnd'>,
  days: number,
): string | null {
  if (state.status !== 'active' || days <= 0) return null;
  return subtractDays(state.currentPeriodEnd, days);
}

/** Whether the reminder is due at `now`: from its due instant (inclusive) until the renewal date (exclusive). */
export function isRenewalReminderDue(
  state: Pick<MembershipState, 'status' | 'currentPeriodEnd'>,
  days: number,
  now: string,
): boolean {
  const dueAt = renewalReminderDueAt(state, days);
  if (dueAt === null) return false;
  const t = Date.parse(now);
  return t >= Date.parse(dueAt) && t < Date.parse(state.currentPeriodEnd);
}
