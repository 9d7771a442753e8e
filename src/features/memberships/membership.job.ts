import type { Kysely } from 'kysely';
import { isRenewalReminderDue, renewalReminderDueAt } from './membership-state.js';
import { MAX_REMINDER_DAYS } from './plan.js';
import { recordDerivedEvent } from '../events/index.js';
import { changeMembershipStatus } from './membership-lifecycle.service.js';
import { activeMembershipsRenewingWithin, cancelledMembershipsEndedBy } from './membership.repository.js';
import { resumeEndedPauses } from '../subscriptions/index.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ScheduledJob } from '../orders/index.js';

/**
 * Expires the store's cancelled memberships whose paid period has ended at `now`. Each goes through
 * changeMembershipStatus ('period_ended', under the row lock), which records the history entry and
 * the membership_changed event; a membership reactivated meanwhile is refused there and left alone.
 */
export async function expireEndedMemberships(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  let expired = 0;
  for (const id of await cancelledMembershipsEndedBy(db, storeId, now)) {
    const result = await changeMembershipStatus(
      db,
      storeId,
      id,
      { event: 'period_ended', eventId: null, occurredAt: now },
      now,
    );
    if (result.outcome === 'changed') expired++;
  }
  return expired;
}

/**
 * Records a 'membership_renewal_due' event for every active membership whose reminder is due at
 * `now` (the plan's renewalReminderDays before the renewal date, until the renewal). The source key
 * names the membership and its period, so a period gets one reminder however often the job runs,
 * and the next period its own. The event's occurredAt is the due instant, not the job's clock, so a
 * late run records the same event an on-time one would.
 */
export async function remindRenewals(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  let recorded = 0;
  for (const { membership, plan } of await activeMembershipsRenewingWithin(db, storeId, now, MAX_REMINDER_DAYS)) {
    if (!isRenewalReminderDue(membership, plan.renewalReminderDays, now)) continue;
    const inserted = await recordDerivedEvent(
      db,
      storeId,
      membership.customerId,
      `membership:${membership.id}:renewal_due:${membership.periodIndex}`,
      {
        kind: 'membership_renewal_due',
        occurredAt: renewalReminderDueAt(membership, plan.renewalReminderDays)!,
        payload: {
          membershipId: membership.id,
          planId: plan.id,
          planCode: plan.code,
          planName: plan.name,
          renewsAt: membership.currentPeriodEnd,
          feeMinor: plan.feeMinor,
          currency: plan.currency,
          periodIndex: membership.periodIndex,
        },
      },
    );
    if (inserted) recorded++;
  }
  return recorded;
}

export interface MembershipJobReport {
  readonly expired: number;
  readonly reminded: number;
  readonly resumed: number;
}

/**
 * One run of the memberships and subscriptions work at `now`: expire cancelled memberships at their
 * period end, record renewal reminders, end subscription pauses whose date has come. Every step is
 * idempotent, so a run again at the same `now` does nothing more.
 */
export async function runMembershipJob(
  db: Kysely<Database>,
  storeId: string,
  now: string,
): Promise<MembershipJobReport> {
  const expired = await expireEndedMemberships(db, storeId, now);
  const reminded = await remindRenewals(db, storeId, now);
  const resumed = await resumeEndedPauses(db, storeId, now);
  return { expired, reminded, resumed };
}

/** The job `regulars serve` runs hourly for every store (and `regulars memberships remind` once). */
export const membershipJob: ScheduledJob = {
  name: 'memberships',
  everyMs: 60 * 60 * 1000,
  async run(db, storeId, now) {
    const { expired, reminded, resumed } = await runMembershipJob(db, storeId, now);
    return expired + reminded + resumed;
  },
};
