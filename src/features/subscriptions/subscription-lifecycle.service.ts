/**
 * A subscription's life under its row lock: start, the customer's changes (skip, pause, resume,
 * cancel) and the job that ends pauses on their date. The rules are subscription-state.ts's; these
 * use cases lock, decide with them, and write the state, the history entry and the
 * subscription_changed event in one transaction.
 */
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { isCalendarDate } from '../../platform/calendar-months.js';
import { recordDerivedEvent } from '../events/index.js';
import { type SubscriptionOffer, termMonthlyMinor } from './offer.js';
import {
  applyChangeRequest,
  CHANGE_REASONS,
  type ChangeKind,
  type ChangeReason,
  startSubscription as startSubscriptionState,
  type SubscriptionChange,
  type SubscriptionChangeRequest,
  type SubscriptionStatus,
  subscriptionAsOf,
} from './subscription-state.js';
import {
  insertSubscription,
  insertSubscriptionChange,
  lastChangeSeq,
  lockSubscription,
  pausedSubscriptionsEndingBy,
  type RecordedSubscriptionChange,
  type Subscription,
  updateSubscriptionState,
} from './subscription.repository.js';

export type SubscriptionChangeOutcome =
  | { readonly outcome: 'changed'; readonly subscription: Subscription; readonly change: RecordedSubscriptionChange }
  | {
      readonly outcome: 'refused';
      readonly code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED';
      readonly message: string;
      readonly status: SubscriptionStatus;
      readonly change: ChangeKind;
    };

function checkDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw invalidField(field, `${field} must be a calendar date YYYY-MM-DD, not ${value}`);
  return value;
}

function checkReason(reason: unknown, field: string, required: boolean): ChangeReason | null {
  if (reason === null || reason === undefined) {
    if (required) throw invalidField(field, `a ${field} is required: one of ${CHANGE_REASONS.join(', ')}`);
    return null;
  }
  if (!(CHANGE_REASONS as readonly unknown[]).includes(reason))
    throw invalidField(field, `${field} must be one of ${CHANGE_REASONS.join(', ')}, not ${String(reason)}`);
  return reason as ChangeReason;
}

function checkNote(note: unknown): string | null {
  if (note === null || note === undefined) return null;
  if (typeof note !== 'string' || note.length > 1000)
    throw invalidField('note', 'note must be text of at most 1000 characters');
  return note.trim() === '' ? null : note;
}

function checkRequest(request: SubscriptionChangeRequest): SubscriptionChangeRequest {
  switch (request.kind) {
    case 'skip':
      return { kind: 'skip', reason: checkReason(request.reason, 'reason', false), note: checkNote(request.note) };
    case 'pause':
      return {
        kind: 'pause',
        until: checkDate(request.until, 'until'),
        reason: checkReason(request.reason, 'reason', false),
        note: checkNote(request.note),
      };
    case 'resume':
      return request;
    case 'cancel':
      return { kind: 'cancel', reason: checkReason(request.reason, 'reason', true)!, note: checkNote(request.note) };
    default:
      throw invalidField('kind', 'kind must be skip, pause, resume or cancel');
  }
}

function subscriptionNotFound(storeId: string, subscriptionId: string): RegularsError {
  return new RegularsError('SUBSCRIPTION_NOT_FOUND', `store ${storeId} has no subscription ${subscriptionId}`, {
    subscriptionId,
  });
}

/** The history entry and, in the same transaction, the flows' event: once per entry. */
async function recordChange(
  trx: Kysely<Database>,
  storeId: string,
  subscription: Subscription,
  seq: number,
  change: SubscriptionChange,
  changedAt: string,
): Promise<RecordedSubscriptionChange> {
  const recorded = await insertSubscriptionChange(trx, storeId, subscription.id, seq, change, changedAt);
  await recordDerivedEvent(trx, storeId, subscription.customerId, `subscription:${subscription.id}:${seq}`, {
    kind: 'subscription_changed',
    occurredAt: changedAt,
    payload: {
      subscriptionId: subscription.id,
      offer: subscription.offerCode,
      sku: subscription.sku,
      change: change.kind,
      reason: change.reason,
      status: subscription.status,
      nextDeliveryOn: subscription.nextDeliveryOn,
      pausedUntil: subscription.pausedUntil,
      endsOn: subscription.endsOn,
    },
  });
  return recorded;
}

/**
 * Starts a subscription of the offer for the customer ('cus_...') on the term given, at the term's
 * monthly price today (kept: a later change of the offer does not reprice it), with its 'started'
 * change and a subscription_changed event, in one transaction.
 */
export async function startSubscription(
  db: Kysely<Database>,
  storeId: string,
  input: {
    readonly offer: SubscriptionOffer;
    readonly customerId: string;
    readonly termMonths: number;
    readonly startedOn: string;
    readonly firstDeliveryOn: string;
  },
  now: string,
): Promise<Subscription> {
  const at = utcInstant(now, 'now');
  const { offer } = input;
  const term = offer.terms.find((t) => t.months === input.termMonths);
  if (!term) {
    throw new RegularsError(
      'SUBSCRIPTION_TERM_NOT_OFFERED',
      `offer ${offer.code} has no ${input.termMonths}-month term`,
      {
        termMonths: input.termMonths,
        terms: offer.terms.map((t) => t.months),
      },
    );
  }
  const startedOn = checkDate(input.startedOn, 'startedOn');
  const firstDeliveryOn = checkDate(input.firstDeliveryOn, 'firstDeliveryOn');
  if (firstDeliveryOn < startedOn)
    throw invalidField('firstDeliveryOn', `the first delivery ${firstDeliveryOn} is before the start ${startedOn}`);
  const state = startSubscriptionState({
    termMonths: term.months,
    deliveryIntervalMonths: offer.deliveryIntervalMonths,
    startedOn,
    firstDeliveryOn,
  });
  const subscription: Subscription = {
    ...state,
    id: newId('sub'),
    customerId: input.customerId,
    offerCode: offer.code,
    sku: offer.sku,
    monthlyMinor: termMonthlyMinor(offer.baseMonthlyMinor, term),
    currency: offer.currency,
    cancelReason: null,
    createdAt: at,
    updatedAt: at,
  };
  try {
    return await inTransaction(db, async (trx) => {
      const started = await insertSubscription(trx, storeId, subscription);
      const change: SubscriptionChange = {
        kind: 'started',
        reason: null,
        note: null,
        fromNextDelivery: null,
        toNextDelivery: state.nextDeliveryOn,
        pausedUntil: null,
      };
      await recordChange(trx, storeId, started, 1, change, at);
      return started;
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.customerId}`, {
        customerId: input.customerId,
      });
    throw error;
  }
}

/**
 * Applies one change (skip, pause, resume, cancel) to a subscription on `now`'s UTC date, under the
 * subscription's row lock (lockSubscription), so two changes never both start from the same state.
 * A pause that ended by its date is recorded as a 'resumed' change first, so the history reads in
 * order. A refusal writes nothing but the version (and the schedule brought to today) and is
 * returned, not thrown.
 */
export async function changeSubscription(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
  input: SubscriptionChangeRequest,
  now: string,
): Promise<SubscriptionChangeOutcome> {
  const request = checkRequest(input);
  const at = utcInstant(now, 'now');
  const today = at.slice(0, 10);
  return inTransaction(db, async (trx) => {
    const stored = await lockSubscription(trx, storeId, subscriptionId);
    if (!stored) throw subscriptionNotFound(storeId, subscriptionId);
    let seq = await lastChangeSeq(trx, storeId, subscriptionId);

    const { state: current, resumedAutomatically } = subscriptionAsOf(stored, today);
    let subscription: Subscription = { ...stored, ...current };
    if (resumedAutomatically) {
      const resumed: SubscriptionChange = {
        kind: 'resumed',
        reason: null,
        note: 'the pause ended on its date',
        fromNextDelivery: stored.nextDeliveryOn,
        toNextDelivery: current.nextDeliveryOn,
        pausedUntil: null,
      };
      await recordChange(trx, storeId, subscription, ++seq, resumed, at);
    }
    const result = applyChangeRequest(subscription, today, request);
    if (result.outcome === 'refused') {
      if (resumedAutomatically || current.nextDeliveryOn !== stored.nextDeliveryOn)
        await updateSubscriptionState(trx, storeId, subscription, at);
      return {
        outcome: 'refused',
        code: result.code,
        message: result.message,
        status: result.status,
        change: result.change,
      };
    }
    subscription = {
      ...subscription,
      ...result.state,
      cancelReason: result.change.kind === 'cancelled' ? result.change.reason : subscription.cancelReason,
      updatedAt: at,
    };
    await updateSubscriptionState(trx, storeId, subscription, at);
    const change = await recordChange(trx, storeId, subscription, ++seq, result.change, at);
    return { outcome: 'changed', subscription, change };
  });
}

/** Ends the store's pauses whose date has come (the job): each recorded as a 'resumed' change. */
export async function resumeEndedPauses(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const at = utcInstant(now, 'now');
  const today = at.slice(0, 10);
  let resumed = 0;
  for (const id of await pausedSubscriptionsEndingBy(db, storeId, today)) {
    const done = await inTransaction(db, async (trx) => {
      const stored = await lockSubscription(trx, storeId, id);
      if (!stored) throw subscriptionNotFound(storeId, id);
      const { state, resumedAutomatically } = subscriptionAsOf(stored, today);
      // Another change may have resumed it since the list was read.
      if (!resumedAutomatically) return false;
      const subscription: Subscription = { ...stored, ...state, updatedAt: at };
      const last = await lastChangeSeq(trx, storeId, id);
      await updateSubscriptionState(trx, storeId, subscription, at);
      const change: SubscriptionChange = {
        kind: 'resumed',
        reason: null,
        note: 'the pause ended on its date',
        fromNextDelivery: stored.nextDeliveryOn,
        toNextDelivery: state.nextDeliveryOn,
        pausedUntil: null,
      };
      await recordChange(trx, storeId, subscription, last + 1, change, at);
      return true;
    });
    if (done) resumed++;
  }
  return resumed;
}
