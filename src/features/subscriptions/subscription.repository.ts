import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { ChangeFact } from './churn-report.js';
import { normalizeOfferCode, type OfferTerm, type SubscriptionOffer } from './offer.js';
import type {
  ChangeKind,
  ChangeReason,
  SubscriptionChange,
  SubscriptionState,
  SubscriptionStatus,
} from './subscription-state.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import type { SubscriptionChangeRow, SubscriptionOfferRow, SubscriptionRow } from './subscription.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

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

/** An offer's fields as checked by normalizeOffer: the code lower case, sku and name trimmed. */
export interface CheckedSubscriptionOffer {
  readonly code: string;
  readonly sku: string;
  readonly name: string;
  readonly currency: string;
  readonly baseMonthlyMinor: number;
  readonly deliveryIntervalMonths: number;
  readonly terms: readonly OfferTerm[];
}

/**
 * Inserts the offer, or replaces the fields of the store's offer with the same code. `created`
 * tells which: an update keeps the stored created_at.
 */
export async function upsertSubscriptionOffer(
  db: Kysely<Database>,
  storeId: string,
  offer: CheckedSubscriptionOffer,
  at: string,
): Promise<{ offer: SubscriptionOffer; created: boolean }> {
  const set = {
    sku: offer.sku,
    name: offer.name,
    currency: offer.currency,
    base_monthly_minor: offer.baseMonthlyMinor,
    delivery_interval_months: offer.deliveryIntervalMonths,
    terms: JSON.stringify(offer.terms),
    updated_at: at,
  };
  try {
    const row = await db
      .insertInto('subscription_offers')
      .values({ store_id: storeId, code: offer.code, ...set, created_at: at })
      .onConflict((oc) => oc.columns(['store_id', 'code']).doUpdateSet(set))
      .returningAll()
      .executeTakeFirstOrThrow();
    // An update keeps the stored created_at, so only a new row carries this call's instant.
    return { offer: subscriptionOfferFromRow(row), created: row.created_at === at };
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}

/** The store's offer by code, or SUBSCRIPTION_OFFER_NOT_FOUND. */
export async function getSubscriptionOffer(
  db: Kysely<Database>,
  storeId: string,
  code: string,
): Promise<SubscriptionOffer> {
  const row = await db
    .selectFrom('subscription_offers')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('code', '=', normalizeOfferCode(code))
    .executeTakeFirst();
  if (!row)
    throw new RegularsError('SUBSCRIPTION_OFFER_NOT_FOUND', `store ${storeId} has no subscription offer ${code}`, {
      offer: code,
    });
  return subscriptionOfferFromRow(row);
}

/** The store's offers for a SKU, by code. */
export async function subscriptionOffersForSku(
  db: Kysely<Database>,
  storeId: string,
  sku: string,
): Promise<SubscriptionOffer[]> {
  const rows = await db
    .selectFrom('subscription_offers')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('sku', '=', sku)
    .orderBy('code')
    .execute();
  return rows.map(subscriptionOfferFromRow);
}

export async function listSubscriptionOffers(db: Kysely<Database>, storeId: string): Promise<SubscriptionOffer[]> {
  const rows = await db
    .selectFrom('subscription_offers')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('code')
    .execute();
  return rows.map(subscriptionOfferFromRow);
}

/** Inserts a new subscription (version 1) and returns it as read back from its row. */
export async function insertSubscription(
  db: Kysely<Database>,
  storeId: string,
  subscription: Subscription,
): Promise<Subscription> {
  const row: SubscriptionRow = {
    store_id: storeId,
    id: subscription.id,
    customer_id: subscription.customerId,
    offer_code: subscription.offerCode,
    sku: subscription.sku,
    term_months: subscription.termMonths,
    monthly_minor: subscription.monthlyMinor,
    currency: subscription.currency,
    delivery_interval_months: subscription.deliveryIntervalMonths,
    status: subscription.status,
    started_on: subscription.startedOn,
    commitment_ends_on: subscription.commitmentEndsOn,
    anchor_on: subscription.anchorOn,
    delivery_index: subscription.deliveryIndex,
    next_delivery_on: subscription.nextDeliveryOn,
    paused_until: subscription.pausedUntil,
    cancelled_on: subscription.cancelledOn,
    ends_on: subscription.endsOn,
    cancel_reason: subscription.cancelReason,
    version: 1,
    created_at: subscription.createdAt,
    updated_at: subscription.updatedAt,
  };
  await db.insertInto('subscriptions').values(row).execute();
  return subscriptionFromRow(row);
}

/**
 * Locks the subscription's row until the transaction ends and returns it as stored; undefined when
 * the store has no such subscription. The lock is `UPDATE subscriptions SET version = version + 1
 * ... RETURNING *`: as a transaction's first statement it takes SQLite's write lock at once
 * (Kysely's BEGIN is deferred; reading first would risk SQLITE_BUSY on the upgrade), and on
 * PostgreSQL the row's lock, held to commit; a concurrent change waits, then (READ COMMITTED)
 * re-reads the committed row, so RETURNING gives each holder the latest state.
 */
export async function lockSubscription(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
): Promise<Subscription | undefined> {
  const locked = await db
    .updateTable('subscriptions')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('store_id', '=', storeId)
    .where('id', '=', subscriptionId)
    .returningAll()
    .executeTakeFirst();
  return locked && subscriptionFromRow(locked);
}

/** The seq of the subscription's last recorded change (0 before the first). */
export async function lastChangeSeq(db: Kysely<Database>, storeId: string, subscriptionId: string): Promise<number> {
  const last = await db
    .selectFrom('subscription_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('store_id', '=', storeId)
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0);
}

/** Writes the subscription's state (status, schedule, pause, cancellation) as of `at`. */
export async function updateSubscriptionState(
  db: Kysely<Database>,
  storeId: string,
  subscription: Subscription,
  at: string,
): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({
      status: subscription.status,
      delivery_index: subscription.deliveryIndex,
      next_delivery_on: subscription.nextDeliveryOn,
      paused_until: subscription.pausedUntil,
      cancelled_on: subscription.cancelledOn,
      ends_on: subscription.endsOn,
      cancel_reason: subscription.cancelReason,
      updated_at: at,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', subscription.id)
    .execute();
}

/** Appends one entry to the subscription's history. */
export async function insertSubscriptionChange(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
  seq: number,
  change: SubscriptionChange,
  changedAt: string,
): Promise<RecordedSubscriptionChange> {
  const row: SubscriptionChangeRow = {
    store_id: storeId,
    subscription_id: subscriptionId,
    seq,
    kind: change.kind,
    reason: change.reason,
    note: change.note,
    from_next_delivery: change.fromNextDelivery,
    to_next_delivery: change.toNextDelivery,
    paused_until: change.pausedUntil,
    changed_at: changedAt,
  };
  await db.insertInto('subscription_changes').values(row).execute();
  return changeFromRow(row);
}

/** The ids of the store's subscriptions paused until `today` or earlier. */
export async function pausedSubscriptionsEndingBy(
  db: Kysely<Database>,
  storeId: string,
  today: string,
): Promise<string[]> {
  const due = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'paused')
    .where('paused_until', '<=', today)
    .execute();
  return due.map((r) => r.id);
}

/** The store's subscription as last written, or SUBSCRIPTION_NOT_FOUND. */
export async function readSubscription(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
): Promise<Subscription> {
  const row = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  if (!row)
    throw new RegularsError('SUBSCRIPTION_NOT_FOUND', `store ${storeId} has no subscription ${subscriptionId}`, {
      subscriptionId,
    });
  return subscriptionFromRow(row);
}

/** A customer's subscriptions as last written, newest first. */
export async function readCustomerSubscriptions(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<Subscription[]> {
  const rows = await CUSTOMER_SUBSCRIPTIONS.execute(db, { storeId, customerId });
  return rows.map(subscriptionFromRow);
}

// Read on every shopper's /me and account page: prepared once.
const CUSTOMER_SUBSCRIPTIONS = new PreparedQuery<SubscriptionRow, { storeId: string; customerId: string }>(
  (db, param) =>
    db
      .selectFrom('subscriptions')
      .selectAll()
      .where('store_id', '=', param('storeId'))
      .where('customer_id', '=', param('customerId'))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc'),
);

export async function subscriptionChanges(
  db: Kysely<Database>,
  storeId: string,
  subscriptionId: string,
): Promise<RecordedSubscriptionChange[]> {
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
export async function churnFacts(
  db: Kysely<Database>,
  storeId: string,
  range: { readonly from: string | null; readonly to: string | null },
): Promise<ChangeFact[]> {
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
