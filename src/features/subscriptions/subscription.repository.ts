import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { isCalendarDate } from '../memberships/index.js';
import type { ChangeFact } from './churn-report.js';
import { normalizeOffer, normalizeOfferCode, type OfferTerm, type SubscriptionOffer, type SubscriptionOfferInput, termMonthlyMinor } from './offer.js';
import {
  CHANGE_REASONS,
  type ChangeKind,
  type ChangeOutcome,
  type ChangeReason,
  cancelSubscription,
  pauseSubscription,
  resumeSubscription,
  skipNextDelivery,
  startSubscription as startSubscriptionState,
  type SubscriptionChange,
  type SubscriptionState,
  type SubscriptionStatus,
  subscriptionAsOf,
} from './subscription-state.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { SubscriptionChangeRow, SubscriptionOfferRow, SubscriptionRow } from './subscription.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { recordDerivedEvent } from '../events/index.js';

export interface Subscription extends SubscriptionState {
  /** 'sub_...' */
  readonly id: string;
  /** 'cus_...' */
  readonly customerId: string;
  readonly offerCode: string;
  readonly sku: string;
  /** The monthly price agreed at the start, minor units of currency. */
  readonly monthlyMinor: number;
  readonly currency: string;
  readonly cancelReason: ChangeReason | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RecordedSubscriptionChange extends SubscriptionChange {
  readonly seq: number;
  readonly changedAt: string;
}

/** The change a caller asks for. */
export type SubscriptionChangeRequest =
  | { readonly kind: 'skip'; readonly reason: ChangeReason | null; readonly note: string | null }
  | { readonly kind: 'pause'; readonly until: string; readonly reason: ChangeReason | null; readonly note: string | null }
  | { readonly kind: 'resume' }
  | { readonly kind: 'cancel'; readonly reason: ChangeReason; readonly note: string | null };

export type SubscriptionChangeOutcome =
  | { readonly outcome: 'changed'; readonly subscription: Subscription; readonly change: RecordedSubscriptionChange }
  | { readonly outcome: 'refused'; readonly code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED'; readonly message: string; readonly status: SubscriptionStatus; readonly change: ChangeKind };

export function subscriptionOfferFromRow(row: SubscriptionOfferRow): SubscriptionOffer {
  return {
    code: row.code,
    sku: row.sku,
    name: row.name,
    currency: row.currency,
    baseMonthlyMinor: Number(row.base_monthly_minor),
    deliveryIntervalMonths: row.delivery_interval_months,
    // Written only by saveSubscriptionOffer, after normalizeOffer accepted them.
    terms: JSON.parse(row.terms) as OfferTerm[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function subscriptionFromRow(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    customerId: row.customer_id,
    offerCode: row.offer_code,
    sku: row.sku,
    monthlyMinor: Number(row.monthly_minor),
    currency: row.currency,
    // Written only from the domain's SubscriptionState.
    status: row.status as SubscriptionStatus,
    termMonths: row.term_months,
    deliveryIntervalMonths: row.delivery_interval_months,
    startedOn: row.started_on,
    commitmentEndsOn: row.commitment_ends_on,
    anchorOn: row.anchor_on,
    deliveryIndex: row.delivery_index,
    nextDeliveryOn: row.next_delivery_on,
    pausedUntil: row.paused_until,
    cancelledOn: row.cancelled_on,
    endsOn: row.ends_on,
    cancelReason: row.cancel_reason as ChangeReason | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function changeFromRow(row: SubscriptionChangeRow): RecordedSubscriptionChange {
  return {
    seq: row.seq,
    kind: row.kind as ChangeKind,
    reason: row.reason as ChangeReason | null,
    note: row.note,
    fromNextDelivery: row.from_next_delivery,
    toNextDelivery: row.to_next_delivery,
    pausedUntil: row.paused_until,
    changedAt: row.changed_at,
  };
}

/**
 * Creates the offer, or replaces the terms of the store's offer with the same code (the code is
 * stored lower case). Subscriptions keep the price they started with.
 */
export async function saveSubscriptionOffer(db: Kysely<Database>, storeId: string, input: SubscriptionOfferInput, now: string): Promise<{ offer: SubscriptionOffer; created: boolean }> {
  const normalized = { ...input, code: typeof input.code === 'string' ? normalizeOfferCode(input.code) : input.code };
  const result = normalizeOffer(normalized);
  if ('problem' in result) throw invalidField(result.problem.field, result.problem.message);
  const at = utcInstant(now, 'now');
  const set = {
    sku: normalized.sku.trim(),
    name: normalized.name.trim(),
    currency: normalized.currency,
    base_monthly_minor: normalized.baseMonthlyMinor,
    delivery_interval_months: normalized.deliveryIntervalMonths,
    terms: JSON.stringify(result.terms),
    updated_at: at,
  };
  try {
    const row = await db
      .insertInto('subscription_offers')
      .values({ store_id: storeId, code: normalized.code, ...set, created_at: at })
      .onConflict((oc) => oc.columns(['store_id', 'code']).doUpdateSet(set))
      .returningAll()
      .executeTakeFirstOrThrow();
    // An update keeps the stored created_at, so only a new row carries this call's instant.
    return { offer: subscriptionOfferFromRow(row), created: row.created_at === at };
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}

/** The store's offer by code, or SUBSCRIPTION_OFFER_NOT_FOUND. */
export async function getSubscriptionOffer(db: Kysely<Database>, storeId: string, code: string): Promise<SubscriptionOffer> {
  const row = await db.selectFrom('subscription_offers').selectAll().where('store_id', '=', storeId).where('code', '=', normalizeOfferCode(code)).executeTakeFirst();
  if (!row) throw new RegularsError('SUBSCRIPTION_OFFER_NOT_FOUND', `store ${storeId} has no subscription offer ${code}`, { offer: code });
  return subscriptionOfferFromRow(row);
}

/**
 * The store's one offer for a SKU. None is SUBSCRIPTION_OFFER_NOT_FOUND; several are INVALID_ARGUMENT
 * naming their codes, because guessing which price table a storefront meant would be wrong half the time.
 */
export async function getSubscriptionOfferBySku(db: Kysely<Database>, storeId: string, sku: string): Promise<SubscriptionOffer> {
  const rows = await db.selectFrom('subscription_offers').selectAll().where('store_id', '=', storeId).where('sku', '=', sku).orderBy('code').execute();
  if (rows.length === 0) throw new RegularsError('SUBSCRIPTION_OFFER_NOT_FOUND', `store ${storeId} has no subscription offer for sku ${sku}`, { sku });
  if (rows.length > 1) {
    throw new RegularsError('INVALID_ARGUMENT', `sku ${sku} has ${rows.length} offers (${rows.map((r) => r.code).join(', ')}): ask by offer code`, {
      field: 'sku',
      offers: rows.map((r) => r.code),
    });
  }
  return subscriptionOfferFromRow(rows[0]);
}

export async function listSubscriptionOffers(db: Kysely<Database>, storeId: string): Promise<SubscriptionOffer[]> {
  const rows = await db.selectFrom('subscription_offers').selectAll().where('store_id', '=', storeId).orderBy('code').execute();
  return rows.map(subscriptionOfferFromRow);
}

function checkDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw invalidField(field, `${field} must be a calendar date YYYY-MM-DD, not ${value}`);
  return value;
}

function checkReason(reason: unknown, field: string, required: boolean): ChangeReason | null {
  if (reason === null || reason === undefined) {
    if (required) throw invalidField(field, `a ${field} is required: one of ${CHANGE_REASONS.join(', ')}`);
    return null;
  }
  if (!(CHANGE_REASONS as readonly unknown[]).includes(reason)) throw invalidField(field, `${field} must be one of ${CHANGE_REASONS.join(', ')}, not ${String(reason)}`);
  return reason as ChangeReason;
}

function checkNote(note: unknown): string | null {
  if (note === null || note === undefined) return null;
  if (typeof note !== 'string' || note.length > 1000) throw invalidField('note', 'note must be text of at most 1000 characters');
  return note.trim() === '' ? null : note;
}

async function recordChange(
  trx: Kysely<Database>,
  storeId: string,
  subscription: Subscription,
  seq: number,
  change: SubscriptionChange,
  changedAt: string,
): Promise<RecordedSubscriptionChange> {
  const row: SubscriptionChangeRow = {
    store_id: storeId,
    subscription_id: subscription.id,
    seq,
    kind: change.kind,
    reason: change.reason,
    note: change.note,
    from_next_delivery: change.fromNextDelivery,
    to_next_delivery: change.toNextDelivery,
    paused_until: change.pausedUntil,
    changed_at: changedAt,
  };
  await trx.insertInto('subscription_changes').values(row).execute();
  // The flows' event, in the change's transaction, once per history entry.
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
  return changeFromRow(row);
}

/**
 * Starts a subscription of the offer for the customer ('cus_...') on the term given, at the term's
 * monthly price today (kept: a later change of the offer does not reprice it), with its 'started'
 * change and a subscription_changed event, in one transaction.
 */
export async function startSubscription(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly offer: SubscriptionOffer; readonly customerId: string; readonly termMonths: number; readonly startedOn: string; readonly firstDeliveryOn: string },
  now: string,
): Promise<Subscription> {
  const at = utcInstant(now, 'now');
  const { offer } = input;
  const term = offer.terms.find((t) => t.months === input.termMonths);
  if (!term) {
    throw new RegularsError('SUBSCRIPTION_TERM_NOT_OFFERED', `offer ${offer.code} has no ${input.termMonths}-month term`, {
      termMonths: input.termMonths,
      terms: offer.terms.map((t) => t.months),
    });
  }
  const startedOn = checkDate(input.startedOn, 'startedOn');
  const firstDeliveryOn = checkDate(input.firstDeliveryOn, 'firstDeliveryOn');
  if (firstDeliveryOn < startedOn) throw invalidField('firstDeliveryOn', `the first delivery ${firstDeliveryOn} is before the start ${startedOn}`);
  const state = startSubscriptionState({ termMonths: term.months, deliveryIntervalMonths: offer.deliveryIntervalMonths, startedOn, firstDeliveryOn });
  const row: SubscriptionRow = {
    store_id: storeId,
    id: newId('sub'),
    customer_id: input.customerId,
    offer_code: offer.code,
    sku: offer.sku,
    term_months: state.termMonths,
    monthly_minor: termMonthlyMinor(offer.baseMonthlyMinor, term),
    currency: offer.currency,
    delivery_interval_months: state.deliveryIntervalMonths,
    status: state.status,
    started_on: state.startedOn,
    commitment_ends_on: state.commitmentEndsOn,
    anchor_on: state.anchorOn,
    delivery_index: state.deliveryIndex,
    next_delivery_on: state.nextDeliveryOn,
    paused_until: null,
    cancelled_on: null,
    ends_on: null,
    cancel_reason: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  try {
    return await inTransaction(db, async (trx) => {
      await trx.insertInto('subscriptions').values(row).execute();
      const subscription = subscriptionFromRow(row);
      const started: SubscriptionChange = { kind: 'started', reason: null, note: null, fromNextDelivery: null, toNextDelivery: state.nextDeliveryOn, pausedUntil: null };
      await recordChange(trx, storeId, subscription, 1, started, at);
      return subscription;
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.customerId}`, { customerId: input.customerId });
    throw error;
  }
}

function stateColumns(state: Subscription, at: string) {
  return {
    status: state.status,
    delivery_index: state.deliveryIndex,
    next_delivery_on: state.nextDeliveryOn,
    paused_until: state.pausedUntil,
    cancelled_on: state.cancelledOn,
    ends_on: state.endsOn,
    cancel_reason: state.cancelReason,
    updated_at: at,
  };
}

function applyRequest(state: Subscription, today: string, request: SubscriptionChangeRequest): ChangeOutcome {
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

function checkRequest(request: SubscriptionChangeRequest): SubscriptionChangeRequest {
  switch (request.kind) {
    case 'skip':
      return { kind: 'skip', reason: checkReason(request.reason, 'reason', false), note: checkNote(request.note) };
    case 'pause':
      return { kind: 'pause', until: checkDate(request.until, 'until'), reason: checkReason(request.reason, 'reason', false), note: checkNote(request.note) };
    case 'resume':
      return request;
    case 'cancel':
      return { kind: 'cancel', reason: checkReason(request.reason, 'reason', true)!, note: checkNote(request.note) };
    default:
      throw invalidField('kind', 'kind must be skip, pause, resume or cancel');
  }
}

/**
 * Applies one change (skip, pause, resume, cancel) to a subscription on `now`'s UTC date, under the
 * subscription's row lock: the first statement, `UPDATE subscriptions SET version = version + 1
 * ... RETURNING *`, takes SQLite's write lock at once and PostgreSQL's row lock (a concurrent change
 * waits and then reads the committed row), so two changes never both start from the same state.
 * A pause that ended by its date is recorded as a 'resumed' change first, so the history reads in
 * order. A refusal writes nothing but the version and is returned, not thrown.
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
    const locked = await trx
      .updateTable('subscriptions')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('store_id', '=', storeId)
      .where('id', '=', subscriptionId)
      .returningAll()
      .executeTakeFirst();
    if (!locked) throw new RegularsError('SUBSCRIPTION_NOT_FOUND', `store ${storeId} has no subscription ${subscriptionId}`, { subscriptionId });
    const stored = subscriptionFromRow(locked);
    const last = await trx
      .selectFrom('subscription_changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('store_id', '=', storeId)
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);

    const { state: current, resumedAutomatically } = subscriptionAsOf(stored, today);
    let subscription: Subscription = { ...stored, ...current };
    if (resumedAutomatically) {
      const resumed: SubscriptionChange = { kind: 'resumed', reason: null, note: 'the pause ended on its date', fromNextDelivery: stored.nextDeliveryOn, toNextDelivery: current.nextDeliveryOn, pausedUntil: null };
      await recordChange(trx, storeId, subscription, ++seq, resumed, at);
    }
    const result = applyRequest(subscription, today, request);
    if (result.outcome === 'refused') {
      if (resumedAutomatically || current.nextDeliveryOn !== stored.nextDeliveryOn) await trx.updateTable('subscriptions').set(stateColumns(subscription, at)).where('store_id', '=', storeId).where('id', '=', subscriptionId).execute();
      return { outcome: 'refused', code: result.code, message: result.message, status: result.status, change: result.change };
    }
    subscription = { ...subscription, ...result.state, cancelReason: result.change.kind === 'cancelled' ? result.change.reason : subscription.cancelReason, updatedAt: at };
    await trx.updateTable('subscriptions').set(stateColumns(subscription, at)).where('store_id', '=', storeId).where('id', '=', subscriptionId).execute();
    const change = await recordChange(trx, storeId, subscription, ++seq, result.change, at);
    return { outcome: 'changed', subscription, change };
  });
}

/** Ends the store's pauses whose date has come (the job): each recorded as a 'resumed' change. */
export async function resumeEndedPauses(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const at = utcInstant(now, 'now');
  const today = at.slice(0, 10);
  const due = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'paused')
    .where('paused_until', '<=', today)
    .execute();
  let resumed = 0;
  for (const { id } of due) {
    const done = await inTransaction(db, async (trx) => {
      const locked = await trx
        .updateTable('subscriptions')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('store_id', '=', storeId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const stored = subscriptionFromRow(locked);
      const { state, resumedAutomatically } = subscriptionAsOf(stored, today);
      // Another change may have resumed it since the list was read.
      if (!resumedAutomatically) return false;
      const subscription: Subscription = { ...stored, ...state, updatedAt: at };
      const last = await trx
        .selectFrom('subscription_changes')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('store_id', '=', storeId)
        .where('subscription_id', '=', id)
        .executeTakeFirst();
      await trx.updateTable('subscriptions').set(stateColumns(subscription, at)).where('store_id', '=', storeId).where('id', '=', id).execute();
      const change: SubscriptionChange = { kind: 'resumed', reason: null, note: 'the pause ended on its date', fromNextDelivery: stored.nextDeliveryOn, toNextDelivery: state.nextDeliveryOn, pausedUntil: null };
      await recordChange(trx, storeId, subscription, Number(last?.seq ?? 0) + 1, change, at);
      return true;
    });
    if (done) resumed++;
  }
  return resumed;
}

/** The store's subscription as it stands on `today` (deliveries passed, pauses ended), or SUBSCRIPTION_NOT_FOUND. */
export async function getSubscription(db: Kysely<Database>, storeId: string, subscriptionId: string, today: string): Promise<Subscription> {
  const row = await db.selectFrom('subscriptions').selectAll().where('store_id', '=', storeId).where('id', '=', subscriptionId).executeTakeFirst();
  if (!row) throw new RegularsError('SUBSCRIPTION_NOT_FOUND', `store ${storeId} has no subscription ${subscriptionId}`, { subscriptionId });
  const stored = subscriptionFromRow(row);
  return { ...stored, ...subscriptionAsOf(stored, today).state };
}

/** A customer's subscriptions as they stand on `today`, newest first. */
export async function listCustomerSubscriptions(db: Kysely<Database>, storeId: string, customerId: string, today: string): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => {
    const stored = subscriptionFromRow(row);
    return { ...stored, ...subscriptionAsOf(stored, today).state };
  });
}

export async function subscriptionChanges(db: Kysely<Database>, storeId: string, subscriptionId: string): Promise<RecordedSubscriptionChange[]> {
  const rows = await db
    .selectFrom('subscription_changes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('seq')
    .execute();
  return rows.map(changeFromRow);
}

/** The store's skips, pauses and cancels in [from, to) (UTC instants; either may be null), for the churn-reason report. */
export async function churnFacts(db: Kysely<Database>, storeId: string, range: { readonly from: string | null; readonly to: string | null }): Promise<ChangeFact[]> {
  const from = range.from === null ? null : utcInstant(range.from, 'from');
  const to = range.to === null ? null : utcInstant(range.to, 'to');
  const rows = await db
    .selectFrom('subscription_changes')
    .select(['kind', 'reason', 'changed_at'])
    .where('store_id', '=', storeId)
    .where('kind', 'in', ['skipped', 'paused', 'cancelled'])
    .$if(from !== null, (qb) => qb.where('changed_at', '>=', from!))
    .$if(to !== null, (qb) => qb.where('changed_at', '<', to!))
    .orderBy('changed_at')
    .execute();
  return rows.map((r) => ({ kind: r.kind as ChangeFact['kind'], reason: r.reason, at: r.changed_at }));
}
