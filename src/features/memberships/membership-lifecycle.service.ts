/**
 * A membership's life: its start, and the provider's status events (and the job's period end)
 * applied under the membership's row lock. The rules are membership-state.ts's; these use cases
 * lock, decide with them, and write the state, the history entry and the membership_changed event
 * in one transaction.
 */
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { recordDerivedEvent } from '../events/index.js';
import { CHANGE_REASONS, type ChangeReason } from '../subscriptions/index.js';
import {
  applyMembershipEvent,
  type MembershipEvent,
  startMembership as startMembershipState,
} from './membership-state.js';
import type { MembershipPlan } from './plan.js';
import {
  currentMembershipId,
  getMembershipPlan,
  getMembershipPlanById,
  insertCancelReason,
  insertHistoryEntry,
  insertMembership,
  isUniqueViolation,
  lastHistorySeq,
  lockMembership,
  type Membership,
  type MembershipHistoryEntry,
  recordedEventOf,
  updateMembershipState,
} from './membership.repository.js';

/** What a status change did; refusals are values (architecture.md habit 7), the route makes them errors. */
export type MembershipChangeOutcome =
  | { readonly outcome: 'changed' | 'unchanged' | 'duplicate'; readonly membership: Membership }
  | {
      readonly outcome: 'refused';
      readonly code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED' | 'MEMBERSHIP_EVENT_ID_REUSED';
      readonly membership: Membership;
      readonly event: MembershipEvent;
    };

export interface StatusEvent {
  readonly event: MembershipEvent;
  /** The provider's event id; a repeat of it is answered as 'duplicate' and applied once. */
  readonly eventId: string | null;
  /** When it happened at the provider (UTC instant with offset). */
  readonly occurredAt: string;
  /**
   * Why the customer cancelled (a 'cancelled' event only; one of the subscriptions' CHANGE_REASONS)
   * and their own words: kept for the churn-reason report, as a subscription's cancel keeps them.
   */
  readonly reason?: ChangeReason | null;
  readonly note?: string | null;
}

/** The change event for flows, recorded in the change's transaction, once per history entry. */
async function recordChangeEvent(
  db: Kysely<Database>,
  storeId: string,
  membership: Membership,
  plan: MembershipPlan,
  entry: MembershipHistoryEntry,
): Promise<void> {
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
  const membership: Membership = {
    ...state,
    id: newId('mbr'),
    planId: plan.id,
    customerId: input.customerId,
    createdAt: recordedAt,
    updatedAt: recordedAt,
  };
  try {
    return await inTransaction(db, async (trx) => {
      const started = await insertMembership(trx, storeId, membership);
      const entry = await insertHistoryEntry(trx, storeId, started.id, {
        seq: 1,
        event: 'started',
        eventId: null,
        fromStatus: null,
        toStatus: state.status,
        periodEnd: state.currentPeriodEnd,
        occurredAt: startedAt,
        recordedAt,
      });
      await recordChangeEvent(trx, storeId, started, plan, entry);
      return started;
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${input.customerId}`, {
        customerId: input.customerId,
      });
    if (isUniqueViolation(error)) {
      // Read outside the transaction the failed insert rolled back: PostgreSQL runs nothing more in a failed one.
      const current = await currentMembershipId(db, storeId, input.customerId, plan.id);
      throw new RegularsError(
        'MEMBERSHIP_ALREADY_CURRENT',
        `customer ${input.customerId} already has a current ${plan.code} membership`,
        {
          membershipId: current,
          plan: plan.code,
        },
      );
    }
    throw error;
  }
}

/**
 * Applies one status event to a membership, under the membership's row lock (lockMembership), so
 * concurrent events (a webhook retry racing the job, two provider events at once) apply one after
 * another, each seeing the state the previous one left. Under the lock: a known event id is
 * answered from the history ('duplicate', or MEMBERSHIP_EVENT_ID_REUSED for another event under the
 * same id); the state machine decides; the history entry (seq = last + 1), the new state and the
 * membership_changed event are written. A refused transition writes nothing but the version (it is
 * returned, not thrown).
 */
export async function changeMembershipStatus(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  input: StatusEvent,
  now: string,
): Promise<MembershipChangeOutcome> {
  const occurredAt = utcInstant(input.occurredAt, 'occurredAt');
  const recordedAt = utcInstant(now, 'now');
  if (
    input.eventId !== null &&
    (typeof input.eventId !== 'string' || input.eventId === '' || input.eventId.length > 255)
  ) {
    throw invalidField('eventId', 'eventId must be non-empty text of at most 255 characters');
  }
  const reason = input.reason ?? null;
  const note = input.note ?? null;
  if (reason !== null && !(CHANGE_REASONS as readonly string[]).includes(reason))
    throw invalidField('reason', `reason must be one of ${CHANGE_REASONS.join(', ')}, not ${String(reason)}`);
  if ((reason !== null || note !== null) && input.event !== 'cancelled')
    throw invalidField(reason !== null ? 'reason' : 'note', 'a reason or note goes with a cancel only');
  if (note !== null && (typeof note !== 'string' || note.length > 1000))
    throw invalidField('note', 'note must be text of at most 1000 characters');
  return inTransaction(db, async (trx) => {
    const membership = await lockMembership(trx, storeId, membershipId);
    if (!membership)
      throw new RegularsError('MEMBERSHIP_NOT_FOUND', `store ${storeId} has no membership ${membershipId}`, {
        membershipId,
      });

    if (input.eventId !== null) {
      const seen = await recordedEventOf(trx, storeId, membershipId, input.eventId);
      if (seen !== undefined) {
        return seen === input.event
          ? { outcome: 'duplicate', membership }
          : { outcome: 'refused', code: 'MEMBERSHIP_EVENT_ID_REUSED', membership, event: input.event };
      }
    }

    const plan = await getMembershipPlanById(trx, storeId, membership.planId);
    const result = applyMembershipEvent(membership, plan.periodMonths, input.event, occurredAt);
    if (result.outcome === 'refused') return { outcome: 'refused', code: result.code, membership, event: input.event };

    const next = result.state;
    const entry = await insertHistoryEntry(trx, storeId, membershipId, {
      seq: (await lastHistorySeq(trx, storeId, membershipId)) + 1,
      event: input.event,
      eventId: input.eventId,
      fromStatus: membership.status,
      toStatus: next.status,
      periodEnd: next.currentPeriodEnd,
      occurredAt,
      recordedAt,
    });
    if (result.outcome === 'unchanged') return { outcome: 'unchanged', membership };

    const changed = await updateMembershipState(trx, storeId, membershipId, next, recordedAt);
    await recordChangeEvent(trx, storeId, changed, plan, entry);
    if (input.event === 'cancelled')
      await insertCancelReason(trx, storeId, membershipId, {
        seq: entry.seq,
        reason: reason ?? 'unspecified',
        note,
        cancelledAt: occurredAt,
      });
    return { outcome: 'changed', membership: changed };
  });
}
