import { describe, expect, it } from 'vitest';
import {
  applyMembershipEvent,
  hasBenefits,
  isRenewalReminderDue,
  MEMBERSHIP_STATUSES,
  type MembershipEvent,
  type MembershipState,
  membershipEventOf,
  renewalReminderDueAt,
  startMembership,
} from './membership-state.js';

const start = '2024-01-31T09:00:00.000Z';
const yearly = startMembership(start, 12);
const monthly = startMembership(start, 1);

function changed(state: MembershipState, event: MembershipEvent, at: string, months = 12): MembershipState {
  const result = applyMembershipEvent(state, months, event, at);
  if (result.outcome !== 'changed') throw new Error(`expected a change, got ${JSON.stringify(result)}`);
  return result.state;
}

describe('membership state machine', () => {
  it('starts active with its first period from the start', () => {
    expect(yearly).toEqual({
      status: 'active',
      anchorAt: start,
      periodIndex: 0,
      currentPeriodStart: start,
      currentPeriodEnd: '2025-01-31T09:00:00.000Z',
      cancelledAt: null,
      endedAt: null,
    });
    expect(monthly.currentPeriodEnd).toBe('2024-02-29T09:00:00.000Z');
  });

  it('renews by calendar months from the anchor, clamping at month ends', () => {
    let state = monthly;
    const ends: string[] = [];
    for (let i = 0; i < 4; i++) {
      state = changed(state, 'renewed', state.currentPeriodEnd, 1);
      ends.push(state.currentPeriodEnd.slice(0, 10));
    }
    expect(ends).toEqual(['2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']);
    expect(state.periodIndex).toBe(4);
    expect(state.currentPeriodStart).toBe('2024-05-31T09:00:00.000Z');
  });

  it('goes past_due on a failed payment and back to active on payment, without shifting the renewal date', () => {
    const due = changed(yearly, 'payment_failed', '2025-01-31T09:00:01.000Z');
    expect(due.status).toBe('past_due');
    expect(applyMembershipEvent(due, 12, 'payment_failed', '2025-02-03T00:00:00.000Z')).toEqual({
      outcome: 'unchanged',
      state: due,
    });
    const paid = changed(due, 'renewed', '2025-02-05T00:00:00.000Z');
    expect(paid).toMatchObject({
      status: 'active',
      periodIndex: 1,
      currentPeriodStart: '2025-01-31T09:00:00.000Z',
      currentPeriodEnd: '2026-01-31T09:00:00.000Z',
    });
    expect(membershipEventOf('paid')).toBe('renewed');
  });

  it('past_due may be cancelled or expired', () => {
    const due = changed(yearly, 'payment_failed', '2025-01-31T10:00:00.000Z');
    expect(changed(due, 'cancelled', '2025-02-01T00:00:00.000Z')).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2025-02-01T00:00:00.000Z',
    });
    expect(changed(due, 'expired', '2025-02-01T00:00:00.000Z')).toMatchObject({
      status: 'expired',
      endedAt: '2025-02-01T00:00:00.000Z',
    });
  });

  it('a cancelled membership keeps its benefits until the paid period ends, then expires', () => {
    const cancelled = changed(yearly, 'cancelled', '2024-06-01T00:00:00.000Z');
    expect(hasBenefits(cancelled, '2025-01-31T08:59:59.999Z')).toBe(true);
    expect(hasBenefits(cancelled, '2025-01-31T09:00:00.000Z')).toBe(false);
    expect(applyMembershipEvent(cancelled, 12, 'period_ended', '2025-01-31T08:59:59.999Z')).toMatchObject({
      outcome: 'refused',
      from: 'cancelled',
    });
    const expired = changed(cancelled, 'period_ended', '2025-02-02T00:00:00.000Z');
    expect(expired).toMatchObject({ status: 'expired', endedAt: '2025-01-31T09:00:00.000Z' });
    expect(hasBenefits(expired, '2024-07-01T00:00:00.000Z')).toBe(false);
    // A second cancel is a repeat, not an error; a renewal reactivates for the next period.
    expect(applyMembershipEvent(cancelled, 12, 'cancelled', '2024-06-02T00:00:00.000Z').outcome).toBe('unchanged');
    expect(changed(cancelled, 'renewed', '2025-01-31T09:00:00.000Z')).toMatchObject({
      status: 'active',
      periodIndex: 1,
      cancelledAt: null,
    });
  });

  it('refuses every transition the table does not allow', () => {
    const cancelled = changed(yearly, 'cancelled', '2024-06-01T00:00:00.000Z');
    const expired = changed(yearly, 'expired', '2024-06-01T00:00:00.000Z');
    const pastDue = changed(yearly, 'payment_failed', '2024-06-01T00:00:00.000Z');
    const refusals: [MembershipState, MembershipEvent][] = [
      [yearly, 'period_ended'],
      [pastDue, 'period_ended'],
      [cancelled, 'payment_failed'],
      [expired, 'renewed'],
      [expired, 'payment_failed'],
      [expired, 'cancelled'],
      [expired, 'period_ended'],
    ];
    for (const [state, event] of refusals) {
      expect(applyMembershipEvent(state, 12, event, '2030-01-01T00:00:00.000Z')).toEqual({
        outcome: 'refused',
        code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED',
        from: state.status,
        event,
      });
    }
    expect(applyMembershipEvent(expired, 12, 'expired', '2030-01-01T00:00:00.000Z').outcome).toBe('unchanged');
  });

  it('gives benefits only while active or cancelled within the paid period', () => {
    const at = '2024-06-01T00:00:00.000Z';
    const byStatus = Object.fromEntries(
      MEMBERSHIP_STATUSES.map((status) => [
        status,
        hasBenefits({ status, currentPeriodEnd: '2025-01-31T09:00:00.000Z' }, at),
      ]),
    );
    expect(byStatus).toEqual({ active: true, past_due: false, cancelled: true, expired: false });
  });
});

describe('renewal reminder', () => {
  it('is due exactly N days before the renewal date, until the renewal', () => {
    expect(renewalReminderDueAt(yearly, 7)).toBe('2025-01-24T09:00:00.000Z');
    expect(isRenewalReminderDue(yearly, 7, '2025-01-24T08:59:59.999Z')).toBe(false);
    expect(isRenewalReminderDue(yearly, 7, '2025-01-24T09:00:00.000Z')).toBe(true);
    expect(isRenewalReminderDue(yearly, 7, '2025-01-31T08:59:59.999Z')).toBe(true);
    expect(isRenewalReminderDue(yearly, 7, '2025-01-31T09:00:00.000Z')).toBe(false);
  });

  it('is never due for a membership that will not renew, or a plan without reminders', () => {
    const cancelled = changed(yearly, 'cancelled', '2024-06-01T00:00:00.000Z');
    expect(renewalReminderDueAt(cancelled, 7)).toBeNull();
    expect(isRenewalReminderDue(cancelled, 7, '2025-01-30T00:00:00.000Z')).toBe(false);
    expect(isRenewalReminderDue(yearly, 0, '2025-01-30T00:00:00.000Z')).toBe(false);
    expect(isRenewalReminderDue({ ...yearly, status: 'past_due' }, 7, '2025-01-30T00:00:00.000Z')).toBe(false);
  });
});
