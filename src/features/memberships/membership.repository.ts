import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import {
  applyMembershipEvent,
  type MembershipEvent,
  type MembershipState,
  type MembershipStatus,
  startMembership as startMembershipState,
} from './membership-state.js';
import { type MembershipPerks, type MembershipPlan, type MembershipPlanInput, membershipPlanProblem, normalizePlanCode } from './plan.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { MembershipPlanRow, MembershipRow, MembershipStatusHistoryRow } from './membership.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { recordDerivedEvent } from '../events/index.js';

/** A customer's membership of a plan, with where it stands. */
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

/** What a status change did; refusals are values (architecture.md habit 7), the route makes them errors. */
export type MembershipChangeOutcome =
  | { readonly outcome: 'changed' | 'unchanged' | 'duplicate'; readonly membership: Membership }
  | {
      readonly outcome: 'refused';
      readonly code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED' | 'MEMBERSHIP_EVENT_ID_REUSED';
      readonly membership: Membership;
      readonly event: MembershipEvent;
    };

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

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Creates a plan; its code is stored in lower case and must be new to the store (MEMBERSHIP_PLAN_CODE_TAKEN). */
export async function createMembershipPlan(db: Kysely<Database>, storeId: string, input: MembershipPlanInput, now: string): Promise<MembershipPlan> {
  const terms: MembershipPlanInput = { ...input, code: typeof input.code === 'string' ? normalizePlanCode(input.code) : input.code };
  const problem = membershipPlanProblem(terms);
  if (problem) throw invalidField(problem.field, problem.message);
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
    created_at: utcInstant(now, 'now'),
  };
  try {
    await db.insertInto('membership_plans').values(row).execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    if (isUniqueViolation(error)) throw new RegularsError('MEMBERSHIP_PLAN_CODE_TAKEN', `store ${storeId} already has a membership plan ${row.code}`, { code: row.code });
    throw error;
  }
  return membershipPlanFromRow(row);
}

/** The store's plans, oldest first. */
export async function listMembershipPlans(db: Kysely<Database>, storeId: string): Promise<MembershipPlan[]> {
  const rows = await db.selectFrom('membership_plans').selectAll().where('store_id', '=', storeId).orderBy('created_at').orderBy('id').execute();
  return rows.map(membershipPlanFromRow);
}

/** The store's plan by id ('mpl_...') or code (any case); MEMBERSHIP_PLAN_NOT_FOUND otherwise. */
export async function getMembershipPlan(db: Kysely<Database>, storeId: string, idOrCode: string): Promise<MembershipPlan> {
  const row = await db
    .selectFrom('membership_plans')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', normalizePlanCode(idOrCode))]))
    .executeTakeFirst();
  if (!row) throw new RegularsError('MEMBERSHIP_PLAN_NOT_FOUND', `store ${storeId} has no membership plan ${idOrCode}`, { plan: idOrCode });
  return membershipPlanFromRow(row);
}

/** The store's membership, or MEMBERSHIP_NOT_FOUND (another store's answers the same). */
export async function getMembership(db: Kysely<Database>, storeId: string, membershipId: string): Promise<Membership> {
  const row = await db.selectFrom('memberships').selectAll().where('store_id', '=', storeId).where('id', '=', membershipId).executeTakeFirst();
  if (!row) throw new RegularsError('MEMBERSHIP_NOT_FOUND', `store ${storeId} has no membership ${membershipId}`, { membershipId });
  return membershipFromRow(row);
}

/** A customer's memberships, newest first. */
export async function listCustomerMemberships(db: Kysely<Database>, storeId: string, customerId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(membershipFromRow);
}

/** A membership's recorded events, in order. */
export async function membershipHistory(db: Kysely<Database>, storeId: string, membershipId: string): Promise<MembershipHistoryEntry[]> {
  const rows = await db
    .selectFrom('membership_status_history')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('membership_id', '=', membershipId)
    .orderBy('seq')
    .execute();
  return rows.map(historyFromRow);
}

/** The change event for flows, recorded in the change's transaction, once per history entry. */
async function recordChangeEvent(db: Kysely<Database>, storeId: string, membership: Membership, plan: MembershipPlan, entry: MembershipHistoryEntry): Promise<void> {
  await recordDerivedEvent(db, storeId, membership.customerId, `membership:${membership.id}:${entry.seq}`, {
    kind: 'membership_changed',
    occurredAt: entry.occurredAt,
    payload: {
      membershipId: membership.id,
      planId: plan.id,
      planCode: plan.code,
      event: entry.event,
      from: entry.fromStatus,
      to: entry.toStatus,
      currentPeriodEnd: membership.currentPeriodEnd,
    },
  });
}

/**
 * Starts a membership of the plan for the customer ('cus_...'), active for its first period from
 * `startedAt`, with its 'started' history entry and a membership_changed event, in one transaction.
 * The customer may hold one current (not expired) membership per plan: the partial unique index
 * memberships_current decides between concurrent starts, and the loser gets MEMBERSHIP_ALREADY_CURRENT.
 */
export async function startMembership(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly plan: string; readonly customerId: string; readonly startedAt: string },
  now: string,
): Promise<Membership> {
  const startedAt = utcInstant(input.startedAt, 'startedAt');
  const recordedAt = utcInstant(now, 'now');
  const plan = await getMembershipPlan(db, storeId, input.plan);
  const state = startMembershipState(startedAt, plan.periodMonths);
  const row: MembershipRow = {
    store_id: storeId,
    id: newId('mbr'),
    plan_id: plan.id,
    customer_id: input.customerId,
    status: state.status,
    anchor_at: state.anchorAt,
    period_index: state.periodIndex,
    current_period_start: state.currentPeriodStart,
    current_period_end: state.currentPeriodEnd,
    cancelled_at: null,
    ended_at: null,
    version: 1,
    created_at: recordedAt,
    updated_at: recordedAt,
  };
  try {
    return await inTransaction(db, async (trx) => {
      await trx.insertInto('memberships').values(row).execute();
      const entry: MembershipStatusHistoryRow = {
        store_id: storeId,
        membership_id: row.id,
        seq: 1,
        event: 'started',
        event_id: null,
        from_status: null,
        to_status: state.status,
        period_end: state.currentPeriodEnd,
        occurred_at: startedAt,
        recorded_at: recordedAt,
      };
      await trx.insertInto('membership_status_history').values(entry).execute();
      const membership = membershipFromRow(row);
      await recordChangeEvent(trx, storeId, membership, plan, historyFromRow(entry));
      return membership;
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.customerId}`, { customerId: input.customerId });
    if (isUniqueViolation(error)) {
      const current = await db
        .selectFrom('memberships')
        .select('id')
        .where('store_id', '=', storeId)
        .where('customer_id', '=', input.customerId)
        .where('plan_id', '=', plan.id)
        .where('status', '<>', 'expired')
        .executeTakeFirst();
      throw new RegularsError('MEMBERSHIP_ALREADY_CURRENT', `customer ${input.customerId} already has a current ${plan.code} membership`, {
        membershipId: current?.id ?? null,
        plan: plan.code,
      });
    }
    throw error;
  }
}

export interface StatusEvent {
  readonly event: MembershipEvent;
  /** The provider's event id; a repeat of it is answered as 'duplicate' and applied once. */
  readonly eventId: string | null;
  /** When it happened at the provider (UTC instant with offset). */
  readonly occurredAt: string;
}

/**
 * Applies one status event to a membership, under the membership's row lock, so concurrent events
 * (a webhook retry racing the job, two provider events at once) apply one after another, each seeing
 * the state the previous one left:
 * - The first statement is `UPDATE memberships SET version = version + 1 ... RETURNING *`. On
 *   SQLite it is a write, so the transaction takes the database's write lock at once (Kysely's BEGIN
 *   is deferred; reading first would risk SQLITE_BUSY on the upgrade). On PostgreSQL the UPDATE
 *   takes the row's lock, held to commit; a concurrent UPDATE of the row waits, then (READ
 *   COMMITTED) re-reads the committed row, so RETURNING gives each holder the latest state.
 * - Under the lock: a known event id is answered from the history ('duplicate', or
 *   MEMBERSHIP_EVENT_ID_REUSED for another event under the same id); the state machine decides;
 *   the history entry (seq = last + 1), the new state and the membership_changed event are written.
 * A refused transition writes nothing but the version (it is returned, not thrown).
 */
export async function changeMembershipStatus(db: Kysely<Database>, storeId: string, membershipId: string, input: StatusEvent, now: string): Promise<MembershipChangeOutcome> {
  const occurredAt = utcInstant(input.occurredAt, 'occurredAt');
  const recordedAt = utcInstant(now, 'now');
  if (input.eventId !== null && (typeof input.eventId !== 'string' || input.eventId === '' || input.eventId.length > 255)) {
    throw invalidField('eventId', 'eventId must be non-empty text of at most 255 characters');
  }
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .updateTable('memberships')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('store_id', '=', storeId)
      .where('id', '=', membershipId)
      .returningAll()
      .executeTakeFirst();
    if (!locked) throw new RegularsError('MEMBERSHIP_NOT_FOUND', `store ${storeId} has no membership ${membershipId}`, { membershipId });
    const membership = membershipFromRow(locked);

    if (input.eventId !== null) {
      const seen = await trx
        .selectFrom('membership_status_history')
        .select('event')
        .where('store_id', '=', storeId)
        .where('membership_id', '=', membershipId)
        .where('event_id', '=', input.eventId)
        .executeTakeFirst();
      if (seen) {
        return seen.event === input.event
          ? { outcome: 'duplicate', membership }
          : { outcome: 'refused', code: 'MEMBERSHIP_EVENT_ID_REUSED', membership, event: input.event };
      }
    }

    const plan = membershipPlanFromRow(
      await trx.selectFrom('membership_plans').selectAll().where('store_id', '=', storeId).where('id', '=', membership.planId).executeTakeFirstOrThrow(),
    );
    const result = applyMembershipEvent(membership, plan.periodMonths, input.event, occurredAt);
    if (result.outcome === 'refused') return { outcome: 'refused', code: result.code, membership, event: input.event };

    const last = await trx
      .selectFrom('membership_status_history')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('store_id', '=', storeId)
      .where('membership_id', '=', membershipId)
      .executeTakeFirst();
    const next = result.state;
    const entry: MembershipStatusHistoryRow = {
      store_id: storeId,
      membership_id: membershipId,
      seq: Number(last?.seq ?? 0) + 1,
      event: input.event,
      event_id: input.eventId,
      from_status: membership.status,
      to_status: next.status,
      period_end: next.currentPeriodEnd,
      occurred_at: occurredAt,
      recorded_at: recordedAt,
    };
    await trx.insertInto('membership_status_history').values(entry).execute();
    if (result.outcome === 'unchanged') return { outcome: 'unchanged', membership };

    const updated = await trx
      .updateTable('memberships')
      .set({
        status: next.status,
        period_index: next.periodIndex,
        current_period_start: next.currentPeriodStart,
        current_period_end: next.currentPeriodEnd,
        cancelled_at: next.cancelledAt,
        ended_at: next.endedAt,
        updated_at: recordedAt,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', membershipId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = membershipFromRow(updated);
    await recordChangeEvent(trx, storeId, changed, plan, historyFromRow(entry));
    return { outcome: 'changed', membership: changed };
  });
}

/** Cancelled memberships whose paid period ended at or before `now`: the job expires them. */
export async function cancelledMembershipsEndedBy(db: Kysely<Database>, storeId: string, now: string): Promise<string[]> {
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
    .innerJoin('membership_plans as p', (join) => join.onRef('p.store_id', '=', 'm.store_id').onRef('p.id', '=', 'm.plan_id'))
    .selectAll('m')
    .select(['p.code as plan_code', 'p.name as plan_name', 'p.fee_minor', 'p.currency', 'p.period_months', 'p.perks', 'p.renewal_reminder_days', 'p.created_at as plan_created_at'])
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
export async function membershipsWithPerks(db: Kysely<Database>, storeId: string, customerId: string): Promise<{ membership: Membership; perks: MembershipPerks }[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('membership_plans as p', (join) => join.onRef('p.store_id', '=', 'm.store_id').onRef('p.id', '=', 'm.plan_id'))
    .selectAll('m')
    .select('p.perks')
    .where('m.store_id', '=', storeId)
    .where('m.customer_id', '=', customerId)
    .where('m.status', 'in', ['active', 'cancelled'])
    .execute();
  return rows.map((row) => ({ membership: membershipFromRow(row), perks: JSON.parse(row.perks) as MembershipPerks }));
}
