import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMembershipJob } from '../memberships/membership.job.js';
import { churnReasonReport } from './churn-report.js';
import { quoteOffer, type SubscriptionOfferInput } from './offer.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { churnFacts, getSubscriptionOffer, type Subscription, subscriptionChanges } from './subscription.repository.js';
import { changeSubscription, startSubscription } from './subscription-lifecycle.service.js';
import { getSubscriptionOfferBySku, saveSubscriptionOffer } from './subscription-offers.service.js';
import { getSubscription, listCustomerSubscriptions } from './subscriptions.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const offerInput: SubscriptionOfferInput = {
  code: 'House-Blend',
  sku: 'BEAN-1',
  name: 'House blend, 1 kg a month',
  currency: 'EUR',
  baseMonthlyMinor: 2999,
  deliveryIntervalMonths: 1,
  terms: [
    { months: 1, discountPercent: 0 },
    { months: 3, discountPercent: 5 },
    { months: 6, discountPercent: 10 },
    { months: 24, discountPercent: 20 },
  ],
};

const at = (date: string) => `${date}T12:00:00.000Z`;

async function setup(db: Kysely<Database>, name: string, customers = 1) {
  const { store } = await createStore(db, { name });
  const customerIds: string[] = [];
  for (let i = 0; i < customers; i++)
    customerIds.push((await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` })).id);
  const { offer } = await saveSubscriptionOffer(db, store.id, offerInput, at('2024-01-01'));
  return { storeId: store.id, customerIds, offer };
}

describe.each(dialects)('subscriptions on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('saves an offer, replaces its terms by code, and finds it by sku', async () => {
    const { db } = database();
    const { storeId, offer } = await setup(db, 'Offers');
    expect(offer).toMatchObject({ code: 'house-blend', sku: 'BEAN-1', baseMonthlyMinor: 2999 });
    expect(quoteOffer(offer).terms.map((t) => t.monthlyMinor)).toEqual([2999, 2849, 2699, 2399]);
    const again = await saveSubscriptionOffer(db, storeId, { ...offerInput, baseMonthlyMinor: 3199 }, at('2024-01-02'));
    expect(again).toMatchObject({ created: false, offer: { baseMonthlyMinor: 3199, createdAt: at('2024-01-01') } });
    expect((await getSubscriptionOfferBySku(db, storeId, 'BEAN-1')).code).toBe('house-blend');
    await expect(getSubscriptionOffer(db, storeId, 'nope')).rejects.toMatchObject({
      code: 'SUBSCRIPTION_OFFER_NOT_FOUND',
    });
    await expect(getSubscriptionOfferBySku(db, storeId, 'NOPE')).rejects.toMatchObject({
      code: 'SUBSCRIPTION_OFFER_NOT_FOUND',
    });
    await saveSubscriptionOffer(db, storeId, { ...offerInput, code: 'house-blend-2' }, at('2024-01-02'));
    await expect(getSubscriptionOfferBySku(db, storeId, 'BEAN-1')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { offers: ['house-blend', 'house-blend-2'] },
    });
    await expect(
      saveSubscriptionOffer(
        db,
        storeId,
        { ...offerInput, terms: [{ months: 3, monthlyMinor: 4000 }] },
        at('2024-01-02'),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'terms/0/monthlyMinor' },
    });
  });

  it('starts a subscription at the term price, with the commitment from the term', async () => {
    const { db } = database();
    const { storeId, customerIds, offer } = await setup(db, 'Start');
    const sub = await startSubscription(
      db,
      storeId,
      { offer, customerId: customerIds[0], termMonths: 6, startedOn: '2024-01-31', firstDeliveryOn: '2024-01-31' },
      at('2024-01-31'),
    );
    expect(sub).toMatchObject({
      status: 'active',
      termMonths: 6,
      monthlyMinor: 2699,
      currency: 'EUR',
      commitmentEndsOn: '2024-07-31',
      nextDeliveryOn: '2024-01-31',
    });
    expect(sub.id).toMatch(/^sub_/);
    await expect(
      startSubscription(
        db,
        storeId,
        { offer, customerId: customerIds[0], termMonths: 12, startedOn: '2024-01-31', firstDeliveryOn: '2024-01-31' },
        at('2024-01-31'),
      ),
    ).rejects.toMatchObject({
      code: 'SUBSCRIPTION_TERM_NOT_OFFERED',
      details: { terms: [1, 3, 6, 24] },
    });
    await expect(
      startSubscription(
        db,
        storeId,
        { offer, customerId: 'cus_nope', termMonths: 1, startedOn: '2024-01-31', firstDeliveryOn: '2024-01-31' },
        at('2024-01-31'),
      ),
    ).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    // Shown as of a later day: passed deliveries were made, month ends stay on the schedule.
    expect((await getSubscription(db, storeId, sub.id, '2024-03-01')).nextDeliveryOn).toBe('2024-03-31');
    expect(
      (await listCustomerSubscriptions(db, storeId, customerIds[0], '2024-02-01')).map((s) => s.nextDeliveryOn),
    ).toEqual(['2024-02-29']);
  });

  it('skips, pauses, resumes and cancels with reasons, keeping every change', async () => {
    const { db } = database();
    const { storeId, customerIds, offer } = await setup(db, 'Lifecycle');
    const sub = await startSubscription(
      db,
      storeId,
      { offer, customerId: customerIds[0], termMonths: 3, startedOn: '2024-01-10', firstDeliveryOn: '2024-01-15' },
      at('2024-01-10'),
    );
    const skip = await changeSubscription(
      db,
      storeId,
      sub.id,
      { kind: 'skip', reason: 'too_much_product', note: 'still have a bag' },
      at('2024-01-12'),
    );
    expect(skip).toMatchObject({
      outcome: 'changed',
      subscription: { nextDeliveryOn: '2024-02-15' },
      change: {
        seq: 2,
        kind: 'skipped',
        reason: 'too_much_product',
        fromNextDelivery: '2024-01-15',
        toNextDelivery: '2024-02-15',
      },
    });
    const pause = await changeSubscription(
      db,
      storeId,
      sub.id,
      { kind: 'pause', until: '2024-04-01', reason: 'traveling', note: null },
      at('2024-01-20'),
    );
    expect(pause).toMatchObject({
      outcome: 'changed',
      subscription: { status: 'paused', pausedUntil: '2024-04-01', nextDeliveryOn: '2024-04-15' },
    });
    expect(
      await changeSubscription(db, storeId, sub.id, { kind: 'skip', reason: null, note: null }, at('2024-01-21')),
    ).toMatchObject({
      outcome: 'refused',
      code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED',
      status: 'paused',
    });
    const resume = await changeSubscription(db, storeId, sub.id, { kind: 'resume' }, at('2024-02-01'));
    expect(resume).toMatchObject({
      outcome: 'changed',
      subscription: { status: 'active', nextDeliveryOn: '2024-02-15' },
    });
    const cancel = await changeSubscription(
      db,
      storeId,
      sub.id,
      { kind: 'cancel', reason: 'too_expensive', note: 'cheaper elsewhere' },
      at('2024-02-20'),
    );
    expect(cancel).toMatchObject({
      outcome: 'changed',
      subscription: {
        status: 'cancelled',
        cancelReason: 'too_expensive',
        cancelledOn: '2024-02-20',
        endsOn: '2024-04-10',
        nextDeliveryOn: '2024-03-15',
      },
    });
    expect(
      await changeSubscription(db, storeId, sub.id, { kind: 'cancel', reason: 'other', note: null }, at('2024-02-21')),
    ).toMatchObject({ outcome: 'refused', status: 'cancelled' });
    await expect(
      changeSubscription(
        db,
        storeId,
        sub.id,
        { kind: 'cancel', reason: 'bored' as never, note: null },
        at('2024-02-21'),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'reason' } });
    await expect(
      changeSubscription(db, storeId, sub.id, { kind: 'cancel', reason: null as never, note: null }, at('2024-02-21')),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      changeSubscription(db, storeId, 'sub_nope', { kind: 'resume' }, at('2024-02-21')),
    ).rejects.toMatchObject({ code: 'SUBSCRIPTION_NOT_FOUND' });

    const changes = await subscriptionChanges(db, storeId, sub.id);
    expect(changes.map((c) => [c.seq, c.kind, c.reason])).toEqual([
      [1, 'started', null],
      [2, 'skipped', 'too_much_product'],
      [3, 'paused', 'traveling'],
      [4, 'resumed', null],
      [5, 'cancelled', 'too_expensive'],
    ]);
    expect(changes[4].note).toBe('cheaper elsewhere');
    const events = (await listCustomerEvents(db, storeId, customerIds[0], { limit: 50 })).filter(
      (e) => e.kind === 'subscription_changed',
    );
    expect(events.map((e) => e.payload.change).sort()).toEqual([
      'cancelled',
      'paused',
      'resumed',
      'skipped',
      'started',
    ]);
  });

  it('ends a pause on its date: by the job, or recorded before the next change', async () => {
    const { db } = database();
    const { storeId, customerIds, offer } = await setup(db, 'Pause ends', 2);
    const a = await startSubscription(
      db,
      storeId,
      { offer, customerId: customerIds[0], termMonths: 1, startedOn: '2024-01-01', firstDeliveryOn: '2024-01-05' },
      at('2024-01-01'),
    );
    const b = await startSubscription(
      db,
      storeId,
      { offer, customerId: customerIds[1], termMonths: 1, startedOn: '2024-01-01', firstDeliveryOn: '2024-01-05' },
      at('2024-01-01'),
    );
    for (const s of [a, b])
      await changeSubscription(
        db,
        storeId,
        s.id,
        { kind: 'pause', until: '2024-03-01', reason: 'temporary_break', note: null },
        at('2024-01-02'),
      );
    expect(await runMembershipJob(db, storeId, '2024-02-29T23:59:59.999Z')).toMatchObject({ resumed: 0 });
    // b's next change comes first: the resume is recorded before the skip.
    const skipped = await changeSubscription(
      db,
      storeId,
      b.id,
      { kind: 'skip', reason: null, note: null },
      at('2024-03-02'),
    );
    expect(skipped).toMatchObject({
      outcome: 'changed',
      subscription: { status: 'active', nextDeliveryOn: '2024-04-05' },
    });
    expect((await subscriptionChanges(db, storeId, b.id)).map((c) => c.kind)).toEqual([
      'started',
      'paused',
      'resumed',
      'skipped',
    ]);
    expect(await runMembershipJob(db, storeId, '2024-03-01T00:00:00.000Z')).toMatchObject({ resumed: 1 });
    expect(await runMembershipJob(db, storeId, '2024-03-01T00:00:00.000Z')).toMatchObject({ resumed: 0 });
    expect(await getSubscription(db, storeId, a.id, '2024-03-01')).toMatchObject({
      status: 'active',
      pausedUntil: null,
      nextDeliveryOn: '2024-03-05',
    });
    expect((await subscriptionChanges(db, storeId, a.id)).map((c) => c.kind)).toEqual(['started', 'paused', 'resumed']);
  });

  it('reports churn reasons by month with counts and shares', async () => {
    const { db } = database();
    const { storeId, customerIds, offer } = await setup(db, 'Churn', 6);
    const subs: Subscription[] = [];
    for (const c of customerIds)
      subs.push(
        await startSubscription(
          db,
          storeId,
          { offer, customerId: c, termMonths: 1, startedOn: '2024-01-01', firstDeliveryOn: '2024-01-05' },
          at('2024-01-01'),
        ),
      );
    const cancel = (i: number, reason: 'too_expensive' | 'quality' | 'not_using', day: string) =>
      changeSubscription(db, storeId, subs[i].id, { kind: 'cancel', reason, note: null }, at(day));
    await cancel(0, 'too_expensive', '2024-02-03');
    await cancel(1, 'too_expensive', '2024-02-10');
    await cancel(2, 'quality', '2024-02-28');
    await cancel(3, 'not_using', '2024-03-01');
    await changeSubscription(
      db,
      storeId,
      subs[4].id,
      { kind: 'skip', reason: 'traveling', note: null },
      at('2024-02-01'),
    );
    await changeSubscription(db, storeId, subs[4].id, { kind: 'skip', reason: null, note: null }, at('2024-02-02'));
    await changeSubscription(
      db,
      storeId,
      subs[5].id,
      { kind: 'pause', until: '2024-06-01', reason: 'traveling', note: null },
      at('2024-03-05'),
    );

    const report = churnReasonReport(await churnFacts(db, storeId, { from: null, to: null }));
    expect(report.months.map((m) => [m.month, m.cancelled.count, m.skipped.count, m.paused.count])).toEqual([
      ['2024-02', 3, 2, 0],
      ['2024-03', 1, 0, 1],
    ]);
    expect(report.months[0].cancelled.reasons).toEqual([
      { reason: 'too_expensive', count: 2, share: 0.6667 },
      { reason: 'quality', count: 1, share: 0.3333 },
    ]);
    expect(report.total.cancelled.reasons.map((r) => [r.reason, r.share])).toEqual([
      ['too_expensive', 0.5],
      ['not_using', 0.25],
      ['quality', 0.25],
    ]);
    const march = churnReasonReport(
      await churnFacts(db, storeId, { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' }),
    );
    expect(march.total.cancelled.count).toBe(1);
    const other = await setup(db, 'Churn other');
    expect(await churnFacts(db, other.storeId, { from: null, to: null })).toEqual([]);
  });

  it('serializes concurrent changes of one subscription: each skip moves the delivery once', async () => {
    const { db } = database();
    const { storeId, customerIds, offer } = await setup(db, 'Concurrent');
    const sub = await startSubscription(
      db,
      storeId,
      { offer, customerId: customerIds[0], termMonths: 24, startedOn: '2024-01-31', firstDeliveryOn: '2024-01-31' },
      at('2024-01-01'),
    );
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        changeSubscription(
          db,
          storeId,
          sub.id,
          { kind: 'skip', reason: 'too_much_product', note: null },
          at('2024-01-02'),
        ),
      ),
    );
    expect(results.every((r) => r.outcome === 'changed')).toBe(true);
    // 30 skips from Jan 31: delivery index 30, Jul 31 2026.
    expect(await getSubscription(db, storeId, sub.id, '2024-01-02')).toMatchObject({
      deliveryIndex: 30,
      nextDeliveryOn: '2026-07-31',
    });
    const changes = await subscriptionChanges(db, storeId, sub.id);
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    for (let i = 2; i < changes.length; i++) expect(changes[i].fromNextDelivery).toBe(changes[i - 1].toNextDelivery);

    // Racing cancels: exactly one wins, the others are refused.
    const cancels = await Promise.all(
      Array.from({ length: 10 }, () =>
        changeSubscription(db, storeId, sub.id, { kind: 'cancel', reason: 'other', note: null }, at('2024-01-03')),
      ),
    );
    expect(cancels.filter((r) => r.outcome === 'changed')).toHaveLength(1);
    expect(cancels.filter((r) => r.outcome === 'refused')).toHaveLength(9);
  });
});
