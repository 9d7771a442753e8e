import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { MembershipEvent, MembershipState, MembershipStatus } from './membership-state.js';
import { type MembershipPerks, type MembershipPlan, type MembershipPlanInput, normalizePlanCode } from './plan.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { MembershipPlanRow, MembershipRow, MembershipStatusHistoryRow } from './membership.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

export interface Membership extends MembershipState {
  /** 'mbr_...' */
  readonly id: string;
  readonly planId: string;
  /** 'cus_...' */
  readonly customerId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One recorded status event of a membership. */
export interface MembershipHistoryEntry {
  readonly seq: number;
  readonly event: MembershipEvent | 'started';
  readonly eventId: string | null;
  readonly fromStatus: MembershipStatus | null;
  readonly toStatus: MembershipStatus;
  readonly periodEnd: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export function membershipPlanFromRow(row: MembershipPlanRow): MembershipPlan {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    feeMinor: Number(row.fee_minor),
    currency: row.currency,
    periodMonths: row.period_months,
    // Written only by createMembershipPlan, after membershipPlanProblem accepted it.
    perks: JSON.parse(row.perks) as MembershipPerks,
    renewalReminderDays: row.renewal_reminder_days,
    createdAt: row.created_at,
  };
}

export function membershipFromRow(row: MembershipRow): Membership {
  return {
    id: row.id,
    planId: row.plan_id,
    customerId: row.customer_id,
    // Written only from the state machine's MembershipState.
    status: row.status as MembershipStatus,
    anchorAt: row.anchor_at,
    periodIndex: row.period_index,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    cancelledAt: row.cancelled_at,
    endedAt: row.ended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function historyFromRow(row: MembershipStatusHistoryRow): MembershipHistoryEntry {
  return {
    seq: row.seq,
    event: row.event as MembershipHistoryEntry['event'],
    eventId: row.event_id,
    fromStatus: row.from_status as MembershipStatus | null,
    toStatus: row.to_status as MembershipStatus,
    periodEnd: row.period_end,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
  };
}

/** A unique or primary key violation, as either driver reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Inserts a plan whose terms membershipPlanProblem accepted (code lower case). A code the store
 * already has is MEMBERSHIP_PLAN_CODE_TAKEN: the unique index decides between concurrent creates.
 */
export async function insertMembershipPlan(
  db: Kysely<Database>,
  storeId: string,
  terms: MembershipPlanInput,
  createdAt: string,
): Promise<MembershipPlan> {
  const row: MembershipPlanRow = {
    store_id: storeId,
    id: newId('mpl'),
    code: terms.code,
    name: terms.name.trim(),
    fee_minor: terms.feeMinor,
    currency: terms.currency,
    period_months: terms.periodMonths,
    perks: JSON.stringify({
      freeShipping: terms.perks.freeShipping,
      extraPointsMultiplier: terms.perks.extraPointsMultiplier,
      memberCouponPercent: terms.perks.memberCouponPercent,
      textPerks: terms.perks.textPerks,
    }),
    renewal_reminder_days: terms.renewalReminderDays,
    created_at: createdAt,
  };
  try {
    await db.insertInto('membership_plans').values(row).execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    if (isUniqueViolation(error))
      throw new RegularsError(
        'MEMBERSHIP_PLAN_CODE_TAKEN',
        `store ${storeId} already has a membership plan ${row.code}`,
        { code: row.code },
      );
    throw error;
  }
  return membershipPlanFromRow(row);
}

/** The store's plans, oldest first. */
export async function listMembershipPlans(db: Kysely<Database>, storeId: string): Promise<MembershipPlan[]> {
  const rows = await PLANS.execute(db, { storeId });
  return rows.map(membershipPlanFromRow);
}

// The reads of a customer's memberships (the shopper's /me on every page view): prepared once.
const PLANS = new PreparedQuery<MembershipPlanRow, { storeId: string }>((db, param) =>
  db
    .selectFrom('membership_plans')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .orderBy('created_at')
    .orderBy('id'),
);
const CUSTOMER_MEMBERSHIPS = new PreparedQuery<MembershipRow, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('memberships')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc'),
);

/** The store's plan by id ('mpl_...') or code (any case); MEMBERSHIP_PLAN_NOT_FOUND otherwise. */
export async function getMembershipPlan(
  db: Kysely<Database>,
  storeId: string,
  idOrCode: string,
): Promise<MembershipPlan> {
  const row = await db
    .selectFrom('membership_plans')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', normalizePlanCode(idOrCode))]))
    .executeTakeFirst();
  if (!row)
    throw new RegularsError('MEMBERSHIP_PLAN_NOT_FOUND', `store ${storeId} has no membership plan ${idOrCode}`, {
      plan: idOrCode,
    });
  return membershipPlanFromRow(row);
}

/** The store's membership, or MEMBERSHIP_NOT_FOUND (another store's answers the same). */
export async function getMembership(db: Kysely<Database>, storeId: string, membershipId: string): Promise<Membership> {
  const row = await db
    .selectFrom('memberships')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', membershipId)
    .executeTakeFirst();
  if (!row)
    throw new RegularsError('MEMBERSHIP_NOT_FOUND', `store ${storeId} has no membership ${membershipId}`, {
      membershipId,
    });
  return membershipFromRow(row);
}

/** A customer's memberships, newest first. */
export async function listCustomerMemberships(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<Membership[]> {
  const rows = await CUSTOMER_MEMBERSHIPS.execute(db, { storeId, customerId });
  return rows.map(membershipFromRow);
}

/** A membership's recorded events, in order. */
export async function membershipHistory(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
): Promise<MembershipHistoryEntry[]> {
  const rows = await db
    .selectFrom('membership_status_history')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('membership_id', '=', membershipId)
    .orderBy('seq')
    .execute();
  return rows.map(historyFromRow);
}

/** The store's plan by its id ('mpl_...'), read in the caller's transaction. */
export async function getMembershipPlanById(
  db: Kysely<Database>,
  storeId: string,
  planId: string,
): Promise<MembershipPlan> {
  return membershipPlanFromRow(
    await db
      .selectFrom('membership_plans')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '=', planId)
      .executeTakeFirstOrThrow(),
  );
}

/** Inserts a new membership (version 1) and returns it as read back from its row. */
export async function insertMembership(
  db: Kysely<Database>,
  storeId: string,
  membership: Membership,
): Promise<Membership> {
  const row: MembershipRow = {
    store_id: storeId,
    id: membership.id,
    plan_id: membership.planId,
    customer_id: membership.customerId,
    status: membership.status,
    anchor_at: membership.anchorAt,
    period_index: membership.periodIndex,
    current_period_start: membership.currentPeriodStart,
    current_period_end: membership.currentPeriodEnd,
    cancelled_at: membership.cancelledAt,
    ended_at: membership.endedAt,
    version: 1,
    created_at: membership.createdAt,
    updated_at: membership.updatedAt,
  };
  await db.insertInto('memberships').values(row).execute();
  return membershipFromRow(row);
}

/** The id of the customer's current (not expired) membership of the plan, if any. */
export async function currentMembershipId(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  planId: string,
): Promise<string | null> {
  const current = await db
    .selectFrom('memberships')
    .select('id')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('plan_id', '=', planId)
    .where('status', '<>', 'expired')
    .executeTakeFirst();
  return current?.id ?? null;
}

/**
 * Locks the membership's row until the transaction ends and returns it as stored; undefined when
 * the store has no such membership. The lock is `UPDATE memberships SET version = version + 1 ...
 * RETURNING *`. On SQLite it is a write, so the transaction takes the database's write lock at once
 * (Kysely's BEGIN is deferred; reading first would risk SQLITE_BUSY on the upgrade). On PostgreSQL
 * the UPDATE takes the row's lock, held to commit; a concurrent UPDATE of the row waits, then (READ
 * COMMITTED) re-reads the committed row, so RETURNING gives each holder the latest state.
 */
export async function lockMembership(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
): Promise<Membership | undefined> {
  const locked = await db
    .updateTable('memberships')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('store_id', '=', storeId)
    .where('id', '=', membershipId)
    .returningAll()
    .executeTakeFirst();
  return locked && membershipFromRow(locked);
}

/** The event the membership's history recorded under the provider's event id, if any. */
export async function recordedEventOf(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  eventId: string,
): Promise<string | undefined> {
  const seen = await db
    .selectFrom('membership_status_history')
    .select('event')
    .where('store_id', '=', storeId)
    .where('membership_id', '=', membershipId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return seen?.event;
}

/** The seq of the membership's last history entry (0 before the first). */
export async function lastHistorySeq(db: Kysely<Database>, storeId: string, membershipId: string): Promise<number> {
  const last = await db
    .selectFrom('membership_status_history')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('store_id', '=', storeId)
    .where('membership_id', '=', membershipId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0);
}

/** Appends one entry to the membership's history. */
export async function insertHistoryEntry(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  entry: MembershipHistoryEntry,
): Promise<MembershipHistoryEntry> {
  const row: MembershipStatusHistoryRow = {
    store_id: storeId,
    membership_id: membershipId,
    seq: entry.seq,
    event: entry.event,
    event_id: entry.eventId,
    from_status: entry.fromStatus,
    to_status: entry.toStatus,
    period_end: entry.periodEnd,
    occurred_at: entry.occurredAt,
    recorded_at: entry.recordedAt,
  };
  await db.insertInto('membership_status_history').values(row).execute();
  return historyFromRow(row);
}

/** Writes the membership's new state as of `at` and returns the updated membership. */
export async function updateMembershipState(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  state: MembershipState,
  at: string,
): Promise<Membership> {
  const updated = await db
    .updateTable('memberships')
    .set({
      status: state.status,
      period_index: state.periodIndex,
      current_period_start: state.currentPeriodStart,
      current_period_end: state.currentPeriodEnd,
      cancelled_at: state.cancelledAt,
      ended_at: state.endedAt,
      updated_at: at,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', membershipId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return membershipFromRow(updated);
}

/** Cancelled memberships whose paid period ended at or before `now`: the job expires them. */
export async function cancelledMembershipsEndedBy(
  db: Kysely<Database>,
  storeId: string,
  now: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'cancelled')
    .where('current_period_end', '<=', utcInstant(now, 'now'))
    .orderBy('current_period_end')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Active memberships renewing after `now` and at most `withinDays` days later, with their plan:
 * the candidates for a renewal reminder (the job asks the domain which are due).
 */
export async function activeMembershipsRenewingWithin(
  db: Kysely<Database>,
  storeId: string,
  now: string,
  withinDays: number,
): Promise<{ membership: Membership; plan: MembershipPlan }[]> {
  const from = utcInstant(now, 'now');
  const until = new Date(Date.parse(from) + withinDays * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('membership_plans as p', (join) =>
      join.onRef('p.store_id', '=', 'm.store_id').onRef('p.id', '=', 'm.plan_id'),
    )
    .selectAll('m')
    .select([
      'p.code as plan_code',
      'p.name as plan_name',
      'p.fee_minor',
      'p.currency',
      'p.period_months',
      'p.perks',
      'p.renewal_reminder_days',
      'p.created_at as plan_created_at',
    ])
    .where('m.store_id', '=', storeId)
    .where('m.status', '=', 'active')
    .where('m.current_period_end', '>', from)
    .where('m.current_period_end', '<=', until)
    .orderBy('m.current_period_end')
    .execute();
  return rows.map((row) => ({
    membership: membershipFromRow(row),
    plan: membershipPlanFromRow({
      store_id: row.store_id,
      id: row.plan_id,
      code: row.plan_code,
      name: row.plan_name,
      fee_minor: row.fee_minor,
      currency: row.currency,
      period_months: row.period_months,
      perks: row.perks,
      renewal_reminder_days: row.renewal_reminder_days,
      created_at: row.plan_created_at,
    }),
  }));
}

/** The customer's memberships that may give benefits (active or cancelled), with their plans' perks. */
export async function membershipsWithPerks(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<{ membership: Membership; perks: MembershipPerks }[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('membership_plans as p', (join) =>
      join.onRef('p.store_id', '=', 'm.store_id').onRef('p.id', '=', 'm.plan_id'),
    )
    .selectAll('m')
    .select('p.perks')
    .where('m.store_id', '=', storeId)
    .where('m.customer_id', '=', customerId)
    .where('m.status', 'in', ['active', 'cancelled'])
    .execute();
  return rows.map((row) => ({ membership: membershipFromRow(row), perks: JSON.parse(row.perks) as MembershipPerks }));
}

/** The reason a cancel was given with (entry `seq` of the history); 'unspecified' when none was. */
export async function insertCancelReason(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  row: { readonly seq: number; readonly reason: string; readonly note: string | null; readonly cancelledAt: string },
): Promise<void> {
  await db
    .insertInto('membership_cancel_reasons')
    .values({
      store_id: storeId,
      membership_id: membershipId,
      seq: row.seq,
      reason: row.reason,
      note: row.note,
      cancelled_at: row.cancelledAt,
    })
    .execute();
}

/** The store's membership cancels in [from, to) (UTC instants; either may be null), for the churn-reason report. */
export async function membershipChurnFacts(
  db: Kysely<Database>,
  storeId: string,
  range: { readonly from: string | null; readonly to: string | null },
): Promise<{ kind: 'cancelled'; reason: string | null; at: string }[]> {
  const rows = await db
    .selectFrom('membership_cancel_reasons')
    .select(['reason', 'cancelled_at'])
    .where('store_id', '=', storeId)
    .$if(range.from !== null, (qb) => qb.where('cancelled_at', '>=', range.from!))
    .$if(range.to !== null, (qb) => qb.where('cancelled_at', '<', range.to!))
    .orderBy('cancelled_at')
    .execute();
  // 'unspecified' is stored for a cancel without a reason; the report names it so itself.
  return rows.map((r) => ({
    kind: 'cancelled' as const,
    reason: r.reason === 'unspecified' ? null : r.reason,
    at: r.cancelled_at,
  }));
}
