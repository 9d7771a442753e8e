import { describe, expect, it } from 'vitest';
import {
  cancelSubscription,
  type ChangeOutcome,
  pauseSubscription,
  resumeSubscription,
  scheduledDelivery,
  skipNextDelivery,
  startSubscription,
  subscriptionAsOf,
  type SubscriptionState,
} from './subscription-state.js';

const monthly6 = startSubscription({
  termMonths: 6,
  deliveryIntervalMonths: 1,
  startedOn: '2024-01-20',
  firstDeliveryOn: '2024-01-31',
});

function ok(outcome: ChangeOutcome): SubscriptionState {
  if (outcome.outcome !== 'changed') throw new Error(outcome.message);
  return outcome.state;
}

describe('subscription lifecycle', () => {
  it('starts active with the commitment from the term', () => {
    expect(monthly6).toMatchObject({
      status: 'active',
      commitmentEndsOn: '2024-07-20',
      nextDeliveryOn: '2024-01-31',
      deliveryIndex: 0,
    });
    expect(
      startSubscription({
        termMonths: 24,
        deliveryIntervalMonths: 2,
        startedOn: '2024-02-29',
        firstDeliveryOn: '2024-03-01',
      }).commitmentEndsOn,
    ).toBe('2026-02-28');
  });

  it('counts passed deliveries as made and keeps month ends on the schedule', () => {
    expect(subscriptionAsOf(monthly6, '2024-01-31').state.nextDeliveryOn).toBe('2024-01-31');
    const later = subscriptionAsOf(monthly6, '2024-03-01').state;
    expect(later).toMatchObject({ deliveryIndex: 2, nextDeliveryOn: '2024-03-31' });
  });

  it('skip moves the next delivery by one interval, each time', () => {
    const once = skipNextDelivery(monthly6, '2024-01-25', 'too_much_product', null);
    expect(once).toMatchObject({
      outcome: 'changed',
      change: {
        kind: 'skipped',
        reason: 'too_much_product',
        fromNextDelivery: '2024-01-31',
        toNextDelivery: '2024-02-29',
      },
    });
    const twice = ok(skipNextDelivery(ok(once), '2024-01-26', null, 'on holiday'));
    expect(twice.nextDeliveryOn).toBe('2024-03-31');
    const bimonthly = startSubscription({
      termMonths: 6,
      deliveryIntervalMonths: 2,
      startedOn: '2024-01-01',
      firstDeliveryOn: '2024-01-15',
    });
    expect(ok(skipNextDelivery(bimonthly, '2024-01-02', null, null)).nextDeliveryOn).toBe('2024-03-15');
  });

  it('pause holds deliveries back until its date; an early resume brings them back from today', () => {
    const paused = pauseSubscription(monthly6, '2024-01-25', '2024-04-10', 'traveling', 'three months abroad');
    expect(paused).toMatchObject({
      outcome: 'changed',
      state: { status: 'paused', pausedUntil: '2024-04-10', nextDeliveryOn: '2024-04-30' },
      change: { kind: 'paused', reason: 'traveling' },
    });
    const state = ok(paused);
    expect(skipNextDelivery(state, '2024-02-01', null, null)).toMatchObject({
      outcome: 'refused',
      code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED',
      status: 'paused',
      change: 'skipped',
    });
    const resumed = ok(resumeSubscription(state, '2024-02-15'));
    expect(resumed).toMatchObject({ status: 'active', pausedUntil: null, nextDeliveryOn: '2024-02-29' });
  });

  it('a skip before a pause stays skipped after an early resume', () => {
    const skipped = ok(skipNextDelivery(monthly6, '2024-01-25', null, null));
    const paused = ok(pauseSubscription(skipped, '2024-01-26', '2024-06-01', null, null));
    expect(ok(resumeSubscription(paused, '2024-01-27')).nextDeliveryOn).toBe('2024-02-29');
  });

  it('a pause ends by itself on its date', () => {
    const paused = ok(pauseSubscription(monthly6, '2024-01-25', '2024-04-10', null, null));
    expect(subscriptionAsOf(paused, '2024-04-09')).toMatchObject({
      resumedAutomatically: false,
      state: { status: 'paused' },
    });
    const { state, resumedAutomatically } = subscriptionAsOf(paused, '2024-04-10');
    expect(resumedAutomatically).toBe(true);
    expect(state).toMatchObject({ status: 'active', pausedUntil: null, nextDeliveryOn: '2024-04-30' });
    expect(resumeSubscription(paused, '2024-05-01')).toMatchObject({
      outcome: 'refused',
      message: 'the pause has already ended',
    });
  });

  it('refuses a pause that does not end after today, and a resume of an active subscription', () => {
    expect(pauseSubscription(monthly6, '2024-01-25', '2024-01-25', null, null)).toMatchObject({
      outcome: 'refused',
      change: 'paused',
    });
    expect(resumeSubscription(monthly6, '2024-01-25')).toMatchObject({
      outcome: 'refused',
      status: 'active',
      change: 'resumed',
    });
  });

  it('cancel ends at the commitment end, or today when the commitment is over', () => {
    const early = ok(cancelSubscription(monthly6, '2024-03-05', 'too_expensive', 'found it cheaper'));
    expect(early).toMatchObject({
      status: 'cancelled',
      cancelledOn: '2024-03-05',
      endsOn: '2024-07-20',
      nextDeliveryOn: '2024-03-31',
    });
    // Deliveries go on until the end, then none.
    expect(subscriptionAsOf(early, '2024-07-01').state.nextDeliveryOn).toBeNull();
    expect(subscriptionAsOf(early, '2024-06-15').state.nextDeliveryOn).toBe('2024-06-30');
    const late = ok(cancelSubscription(monthly6, '2024-08-05', 'not_using', null));
    expect(late).toMatchObject({ endsOn: '2024-08-05', nextDeliveryOn: null });
    expect(cancelSubscription(late, '2024-08-06', 'other', null)).toMatchObject({
      outcome: 'refused',
      status: 'cancelled',
      change: 'cancelled',
    });
    expect(skipNextDelivery(late, '2024-08-06', null, null)).toMatchObject({ outcome: 'refused' });
    expect(pauseSubscription(late, '2024-08-06', '2024-09-01', null, null)).toMatchObject({ outcome: 'refused' });
  });

  it('cancelling a paused subscription keeps the pause holding its deliveries back', () => {
    const paused = ok(pauseSubscription(monthly6, '2024-01-25', '2024-04-10', null, null));
    const cancelled = ok(cancelSubscription(paused, '2024-02-01', 'temporary_break', null));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      pausedUntil: null,
      nextDeliveryOn: '2024-04-30',
      endsOn: '2024-07-20',
    });
  });
});

describe('delivery schedule jumps', () => {
  it('finds the first delivery after a long pause without walking, on every interval', () => {
    for (const interval of [1, 2, 3, 12]) {
      const s = startSubscription({
        termMonths: 1,
        deliveryIntervalMonths: interval,
        startedOn: '2024-01-31',
        firstDeliveryOn: '2024-01-31',
      });
      for (const until of ['2024-02-01', '2024-03-30', '2024-03-31', '2030-02-28', '2999-12-31']) {
        const paused = ok(pauseSubscription(s, '2024-01-31', until, null, null));
        // The walk from index 0 gives the same answer as the jump.
        let k = 0;
        while (scheduledDelivery(s, k) < until) k++;
        expect(paused.nextDeliveryOn).toBe(scheduledDelivery(s, k));
      }
    }
  });
});
