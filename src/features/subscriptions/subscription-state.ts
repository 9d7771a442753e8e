/**
 * A subscription's lifecycle: active, paused (until a date), cancelled; skip, pause,
 * resume and cancel, each with a reason kept for the churn-reason report (churn-report.ts).
 *
 * Deliveries follow a schedule counted from the first delivery (anchorOn + k x interval months,
 * day clamped: calendar-months.ts), and `deliveryIndex` is the k of the next one. Deliveries happen
 * on their day unless skipped or paused, so a scheduled day that has passed counts as delivered:
 * subscriptionAsOf rolls the next delivery forward to today, and ends a pause whose date has come.
 * Every change first brings the subscription to `today`, then applies itself.
 *
 *   active ──skip──► active (next delivery one interval later)
 *   active ──pause(until)──► paused ──resume, or the until date──► active
 *   active | paused ──cancel(reason)──► cancelled (ends at the commitment end, or today if later)
 *
 * Dates are calendar dates YYYY-MM-DD (UTC for "today": stores keep no time zone yet).
 */
import { addMonthsToDate } from '../../platform/calendar-months.js';

export const SUBSCRIPTION_STATUSES = ['active', 'paused', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The fixed list of reasons a customer gives (plus free text in `note`). */
export const CHANGE_REASONS = [
  'too_expensive',
  'too_much_product',
  'not_using',
  'quality',
  'delivery_problems',
  'found_alternative',
  'traveling',
  'temporary_break',
  'other',
] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const CHANGE_KINDS = ['started', 'skipped', 'paused', 'resumed', 'cancelled'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface SubscriptionState {
  readonly status: SubscriptionStatus;
  readonly termMonths: number;
  readonly deliveryIntervalMonths: number;
  readonly startedOn: string;
  /** startedOn + termMonths: until then the customer has committed to pay. */
  readonly commitmentEndsOn: string;
  /** The first delivery: the schedule counts from it. */
  readonly anchorOn: string;
  readonly deliveryIndex: number;
  /** The next delivery, or null when none is left (cancelled). */
  readonly nextDeliveryOn: string | null;
  readonly pausedUntil: string | null;
  readonly cancelledOn: string | null;
  /** A cancelled subscription's last day: no delivery on or after it. */
  readonly endsOn: string | null;
}

/** What a change records (the subscription_changes history). */
export interface SubscriptionChange {
  readonly kind: ChangeKind;
  readonly reason: ChangeReason | null;
  readonly note: string | null;
  readonly fromNextDelivery: string | null;
  readonly toNextDelivery: string | null;
  readonly pausedUntil: string | null;
}

export type ChangeOutcome =
  | { readonly outcome: 'changed'; readonly state: SubscriptionState; readonly change: SubscriptionChange }
  | {
      readonly outcome: 'refused';
      readonly code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED';
      readonly status: SubscriptionStatus;
      readonly change: ChangeKind;
      readonly message: string;
    };

export function scheduledDelivery(
  state: Pick<SubscriptionState, 'anchorOn' | 'deliveryIntervalMonths'>,
  index: number,
): string {
  return addMonthsToDate(state.anchorOn, index * state.deliveryIntervalMonths);
}

/** The first delivery index at or after `fromIndex` whose day is not before `notBefore`. */
function firstIndexOnOrAfter(state: SubscriptionState, fromIndex: number, notBefore: string): number {
  // Jump close to the answer by whole months first, so a pause of years costs no long walk:
  // delivery k falls in month anchor + k x interval, so any k whose month is before notBefore's
  // month, by at least one month, is too early.
  const monthsApart =
    (Number(notBefore.slice(0, 4)) - Number(state.anchorOn.slice(0, 4))) * 12 +
    (Number(notBefore.slice(5, 7)) - Number(state.anchorOn.slice(5, 7)));
  let k = Math.max(fromIndex, Math.floor((monthsApart - 1) / state.deliveryIntervalMonths));
  while (scheduledDelivery(state, k) < notBefore) k++;
  return k;
}

/** A cancelled subscription delivers nothing on or after its end. */
function deliveryBeforeEnd(day: string, endsOn: string | null): string | null {
  return endsOn !== null && day >= endsOn ? null : day;
}

/** A new subscription: active, committed for termMonths from startedOn, first delivery on firstDeliveryOn. */
export function startSubscription(input: {
  termMonths: number;
  deliveryIntervalMonths: number;
  startedOn: string;
  firstDeliveryOn: string;
}): SubscriptionState {
  return {
    status: 'active',
    termMonths: input.termMonths,
    deliveryIntervalMonths: input.deliveryIntervalMonths,
    startedOn: input.startedOn,
    commitmentEndsOn: addMonthsToDate(input.startedOn, input.termMonths),
    anchorOn: input.firstDeliveryOn,
    deliveryIndex: 0,
    nextDeliveryOn: input.firstDeliveryOn,
    pausedUntil: null,
    cancelledOn: null,
    endsOn: null,
  };
}

/**
 * The subscription as it stands on `today`: deliveries whose day has passed were made, and a pause
 * whose until date has come is over (resumedAutomatically tells the caller to record the resume).
 */
export function subscriptionAsOf(
  state: SubscriptionState,
  today: string,
): { state: SubscriptionState; resumedAutomatically: boolean } {
  if (state.status === 'paused' && state.pausedUntil !== null && state.pausedUntil <= today) {
    const k = firstIndexOnOrAfter(state, state.deliveryIndex, today);
    return {
      state: {
        ...state,
        status: 'active',
        pausedUntil: null,
        deliveryIndex: k,
        nextDeliveryOn: scheduledDelivery(state, k),
      },
      resumedAutomatically: true,
    };
  }
  if (state.status === 'paused' || state.nextDeliveryOn === null || state.nextDeliveryOn >= today)
    return { state, resumedAutomatically: false };
  const k = firstIndexOnOrAfter(state, state.deliveryIndex, today);
  const next = scheduledDelivery(state, k);
  return {
    state: {
      ...state,
      deliveryIndex: k,
      nextDeliveryOn: state.status === 'cancelled' ? deliveryBeforeEnd(next, state.endsOn) : next,
    },
    resumedAutomatically: false,
  };
}

function refuse(status: SubscriptionStatus, change: ChangeKind, message: string): ChangeOutcome {
  return { outcome: 'refused', code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED', status, change, message };
}

function change(
  kind: ChangeKind,
  from: SubscriptionState,
  to: SubscriptionState,
  reason: ChangeReason | null,
  note: string | null,
): ChangeOutcome {
  return {
    outcome: 'changed',
    state: to,
    change: {
      kind,
      reason,
      note,
      fromNextDelivery: from.nextDeliveryOn,
      toNextDelivery: to.nextDeliveryOn,
      pausedUntil: to.pausedUntil,
    },
  };
}

/** Skips the next delivery: it moves one interval later. Only an active subscription skips. */
export function skipNextDelivery(
  current: SubscriptionState,
  today: string,
  reason: ChangeReason | null,
  note: string | null,
): ChangeOutcome {
  const { state } = subscriptionAsOf(current, today);
  if (state.status !== 'active')
    return refuse(state.status, 'skipped', `a ${state.status} subscription has no delivery to skip`);
  const k = state.deliveryIndex + 1;
  return change(
    'skipped',
    state,
    { ...state, deliveryIndex: k, nextDeliveryOn: scheduledDelivery(state, k) },
    reason,
    note,
  );
}

/**
 * Pauses until a date after today: scheduled deliveries before it are not made, and deliveries
 * start again on the first scheduled day on or after it.
 */
export function pauseSubscription(
  current: SubscriptionState,
  today: string,
  until: string,
  reason: ChangeReason | null,
  note: string | null,
): ChangeOutcome {
  const { state } = subscriptionAsOf(current, today);
  if (state.status !== 'active')
    return refuse(state.status, 'paused', `a ${state.status} subscription cannot be paused`);
  if (until <= today) return refuse(state.status, 'paused', `a pause must end after today (${today}), not on ${until}`);
  // deliveryIndex stays at the delivery the pause holds back, so an early resume brings back
  // exactly the deliveries the pause took, and no delivery skipped before it.
  const next = scheduledDelivery(state, firstIndexOnOrAfter(state, state.deliveryIndex, until));
  return change(
    'paused',
    state,
    { ...state, status: 'paused', pausedUntil: until, nextDeliveryOn: next },
    reason,
    note,
  );
}

/** Ends a pause early: deliveries start again on the first scheduled day from today. */
export function resumeSubscription(current: SubscriptionState, today: string): ChangeOutcome {
  const { state, resumedAutomatically } = subscriptionAsOf(current, today);
  if (state.status !== 'paused') {
    return refuse(
      state.status,
      'resumed',
      resumedAutomatically ? 'the pause has already ended' : `a ${state.status} subscription is not paused`,
    );
  }
  const k = firstIndexOnOrAfter(state, state.deliveryIndex, today);
  return change(
    'resumed',
    state,
    { ...state, status: 'active', pausedUntil: null, deliveryIndex: k, nextDeliveryOn: scheduledDelivery(state, k) },
    null,
    null,
  );
}

/**
 * Cancels with a reason. The customer committed to termMonths, so the subscription ends at the
 * commitment end when that is later than today (deliveries before it are still made; a pause in
 * force is kept), and today otherwise.
 */
export function cancelSubscription(
  current: SubscriptionState,
  today: string,
  reason: ChangeReason,
  note: string | null,
): ChangeOutcome {
  const { state } = subscriptionAsOf(current, today);
  if (state.status === 'cancelled') return refuse(state.status, 'cancelled', 'the subscription is already cancelled');
  const endsOn = state.commitmentEndsOn > today ? state.commitmentEndsOn : today;
  // A pause in force still holds its deliveries back: the next one is the first on or after its end.
  const k =
    state.status === 'paused' && state.pausedUntil !== null
      ? firstIndexOnOrAfter(state, state.deliveryIndex, state.pausedUntil)
      : state.deliveryIndex;
  const next = deliveryBeforeEnd(scheduledDelivery(state, k), endsOn);
  return change(
    'cancelled',
    state,
    {
      ...state,
      status: 'cancelled',
      pausedUntil: null,
      cancelledOn: today,
      endsOn,
      deliveryIndex: k,
      nextDeliveryOn: next,
    },
    reason,
    note,
  );
}

/** The change a caller asks for. */
export type SubscriptionChangeRequest =
  | { readonly kind: 'skip'; readonly reason: ChangeReason | null; readonly note: string | null }
  | {
      readonly kind: 'pause';
      readonly until: string;
      readonly reason: ChangeReason | null;
      readonly note: string | null;
    }
  | { readonly kind: 'resume' }
  | { readonly kind: 'cancel'; readonly reason: ChangeReason; readonly note: string | null };

/** What the requested change does to the subscription on `today`. */
export function applyChangeRequest(
  state: SubscriptionState,
  today: string,
  request: SubscriptionChangeRequest,
): ChangeOutcome {
  switch (request.kind) {
    case 'skip':
      return skipNextDelivery(state, today, request.reason, request.note);
    case 'pause':
      return pauseSubscription(state, today, request.until, request.reason, request.note);
    case 'resume':
      return resumeSubscription(state, today);
    case 'cancel':
      return cancelSubscription(state, today, request.reason, request.note);
  }
}
