import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../analytics/day.js';
import type { Database } from '../../platform/database/database.table.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { recordCustomerEvent } from '../events/customer-event.repository.js';
import { postPoints } from '../loyalty/post-points.service.js';
import type { OrderInput } from '../orders/order.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { upsertCustomerByExternalId } from './customer.repository.js';
import type { TimelineEntry } from './customer-timeline.js';
import { customerTimeline } from './customer-timeline.service.js';

function order(customerId: string, externalId: string, orderedAt: string, overrides: Partial<OrderInput> = {}) {
  return {
    externalId,
    customerId,
    orderedAt,
    orderDay: dayFromIso(orderedAt.slice(0, 10)),
    currency: 'EUR',
    subtotalMinor: 4_000,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: 4_000,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [{ sku: 'BEANS', title: 'Beans', category: 'coffee', quantity: 1, priceMinor: 4_000, totalMinor: 4_000 }],
    ...overrides,
  } satisfies OrderInput;
}

/** A customer with one of everything the timeline shows, at known instants. */
async function customerWithHistory(db: Kysely<Database>, name: string) {
  const { store } = await createStore(db, { name });
  const storeId = store.id;
  const customer = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-1', email: 'ada@example.com' });
  const customerId = customer.id;
  await recordConsent(db, storeId, customerId, {
    channel: 'email',
    purpose: 'marketing',
    status: 'granted',
    source: 'checkout',
    recordedAt: '2025-01-01T08:00:00.000Z',
    ip: null,
    doubleOptInAt: null,
  });
  // 10:00 in UTC+09:00 is 01:00 UTC: the timeline orders it by its instant, before the 02:00 one.
  await upsertOrderByExternalId(db, storeId, order(customerId, 'o-1', '2025-01-02T10:00:00+09:00'));
  await upsertOrderByExternalId(
    db,
    storeId,
    order(customerId, 'o-2', '2025-01-02T02:00:00Z', { status: 'partially_refunded', refundedMinor: 1_000 }),
  );
  await postPoints(db, storeId, customerId, {
    kind: 'earn',
    points: 40,
    sourceKey: 'order:o-2:earn',
    reason: 'order o-2',
    postedAt: '2025-01-02T03:00:00.000Z',
    availableAt: '2025-02-01T03:00:00.000Z',
  });
  await recordCustomerEvent(db, storeId, customerId, {
    kind: 'tier_changed',
    occurredAt: '2025-01-02T04:00:00.000Z',
    payload: { from: null, to: 'Gold', direction: 'up', basis: 'spend' },
  });
  await db
    .insertInto('challenges')
    .values({
      store_id: storeId,
      id: 'chl_00000000000000000000000001',
      customer_id: customerId,
      kind: 'habit',
      target_orders: 2,
      target_days: null,
      target_category: null,
      window_start_day: dayFromIso('2025-01-06'),
      deadline_day: dayFromIso('2025-02-02'),
      bonus_points: 100,
      progress: 2,
      status: 'completed',
      issued_week: '2025-01-06',
      basis: '{}',
      issued_at: '2025-01-03T00:00:00.000Z',
      completed_at: '2025-01-20T00:00:00.000Z',
      expired_at: null,
    })
    .execute();
  await db
    .insertInto('coupons')
    .values({
      store_id: storeId,
      id: 'cpn_00000000000000000000000001',
      code: 'ADA-5',
      kind: 'fixed',
      value: 500,
      min_subtotal_minor: 0,
      currency: 'EUR',
      usage_limit: 1,
      per_customer_limit: 1,
      uses: 1,
      valid_from: null,
      valid_until: null,
      created_at: '2025-01-04T00:00:00.000Z',
      scope_skus: null,
      scope_categories: null,
      customer_id: customerId,
      eligible_tiers: '[]',
      eligible_segments: '[]',
      combinable: 0,
      held: 0,
    })
    .execute();
  const third = await upsertOrderByExternalId(db, storeId, order(customerId, 'o-3', '2025-01-21T09:00:00Z'));
  await db
    .insertInto('coupon_redemptions')
    .values({
      store_id: storeId,
      coupon_id: 'cpn_00000000000000000000000001',
      order_id: third.orderId,
      customer_id: customerId,
      redeemed_at: '2025-01-21T09:00:00.000Z',
      released_at: null,
      cart_id: null,
    })
    .execute();
  const message = (triggerKey: string, holdoutShare: number) => ({
    storeId,
    customerId,
    flow: 'win-back',
    triggerKey,
    channel: 'email' as const,
    purpose: 'marketing' as const,
    template: 'win-back-1',
    data: {},
    sendAt: '2025-01-25T00:00:00.000Z',
    holdoutShare,
  });
  await planMessages(db, storeId, [message('held', 1)], '2025-01-25T00:00:00.000Z');
  await planMessages(db, storeId, [message('suppressed', 0)], '2025-01-26T00:00:00.000Z');
  // What the delivery worker writes when the address is on the suppression list.
  await db
    .updateTable('outbox_messages')
    .set({ status: 'skipped', reason: 'suppressed: unsubscribed', updated_at: '2025-01-26T06:00:00.000Z' })
    .where('store_id', '=', storeId)
    .where('trigger_key', '=', 'suppressed')
    .execute();
  await recordConsent(db, storeId, customerId, {
    channel: 'email',
    purpose: 'marketing',
    status: 'revoked',
    source: 'unsubscribe_link',
    recordedAt: '2025-01-26T05:00:00.000Z',
    ip: null,
    doubleOptInAt: null,
  });
  return { storeId, customerId };
}

const summary = (entries: readonly TimelineEntry[]) => entries.map((e) => `${e.kind}:${e.event}`);

describe.each(dialects)('customer timeline on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('merges orders, messages, points, tier, challenges, coupons and consent newest first', async () => {
    const { db } = database();
    const { storeId, customerId } = await customerWithHistory(db, 'Timeline');
    const timeline = await customerTimeline(db, storeId, 'c-1', { limit: 50 });
    expect(timeline.customerId).toBe(customerId);
    expect(timeline.nextCursor).toBeNull();
    expect(summary(timeline.entries)).toEqual([
      'message:suppressed',
      'consent:revoked',
      'message:held_out',
      'coupon:redeemed',
      'order:placed',
      'challenge:completed',
      'coupon:issued',
      'challenge:offered',
      'tier:up',
      'points:earn',
      'order:partially_refunded',
      'order:placed',
      'consent:granted',
    ]);
    const byEvent = (kind: string, event: string) =>
      timeline.entries.find((e) => e.kind === kind && e.event === event)!;
    expect(byEvent('order', 'partially_refunded').detail).toMatchObject({
      externalId: 'o-2',
      totalMinor: 4_000,
      refundedMinor: 1_000,
      currency: 'EUR',
    });
    // The order written in UTC+09:00 is at its UTC instant.
    expect(timeline.entries.at(-2)).toMatchObject({ at: '2025-01-02T01:00:00.000Z', detail: { externalId: 'o-1' } });
    expect(byEvent('message', 'suppressed').detail).toMatchObject({
      flow: 'win-back',
      status: 'skipped',
      reason: 'suppressed: unsubscribed',
    });
    expect(byEvent('points', 'earn').detail).toMatchObject({ points: 40, reason: 'order o-2' });
    expect(byEvent('tier', 'up').detail).toMatchObject({ from: null, to: 'Gold' });
    expect(byEvent('challenge', 'completed').detail).toMatchObject({ progress: 2, targetOrders: 2, bonusPoints: 100 });
    expect(byEvent('coupon', 'redeemed').detail).toMatchObject({ code: 'ADA-5', value: 500 });
    expect(byEvent('consent', 'revoked').detail).toMatchObject({ channel: 'email', source: 'unsubscribe_link' });
    // By Regulars' id too.
    expect((await customerTimeline(db, storeId, customerId, { limit: 50 })).entries).toEqual(timeline.entries);
  });

  it('pages with the cursor: every entry once, in order, whatever the page size', async () => {
    const { db } = database();
    const { storeId } = await customerWithHistory(db, 'Paging');
    const whole = (await customerTimeline(db, storeId, 'c-1', { limit: 200 })).entries;
    for (const limit of [1, 2, 3, 5]) {
      const seen: TimelineEntry[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof customerTimeline>> = await customerTimeline(db, storeId, 'c-1', {
          limit,
          before,
        });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        seen.push(...page.entries);
        before = page.nextCursor;
        pages++;
      } while (before !== null && pages < 50);
      expect(seen, `limit ${limit}`).toEqual(whole);
      expect(pages).toBe(Math.ceil(whole.length / limit));
    }
  });

  it('keeps entries at the same instant apart by source and id across pages', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Ties' });
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 't-1' });
    for (let i = 0; i < 7; i++)
      await postPoints(db, store.id, customer.id, {
        kind: 'adjust',
        points: i + 1,
        sourceKey: `adjust:${i}`,
        reason: `adjust ${i}`,
        postedAt: '2025-03-01T00:00:00.000Z',
        availableAt: '2025-03-01T00:00:00.000Z',
      });
    const first = await customerTimeline(db, store.id, 't-1', { limit: 3 });
    const second = await customerTimeline(db, store.id, 't-1', { limit: 3, before: first.nextCursor });
    const third = await customerTimeline(db, store.id, 't-1', { limit: 3, before: second.nextCursor });
    const points = [...first.entries, ...second.entries, ...third.entries].map((e) => e.detail.points);
    expect(points.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(third.nextCursor).toBeNull();
  });

  it("does not show another store's customer, by either id", async () => {
    const { db } = database();
    const { customerId } = await customerWithHistory(db, 'Theirs');
    const { store: other } = await createStore(db, { name: 'Ours' });
    for (const reference of ['c-1', customerId])
      await expect(customerTimeline(db, other.id, reference, { limit: 10 })).rejects.toMatchObject({
        code: 'CUSTOMER_NOT_FOUND',
      });
    // The other store's own customer with the same external id sees none of the first one's history.
    await upsertCustomerByExternalId(db, other.id, { externalId: 'c-1' });
    expect((await customerTimeline(db, other.id, 'c-1', { limit: 10 })).entries).toEqual([]);
  });

  it('refuses a cursor it did not write and a page size out of range', async () => {
    const { db } = database();
    const { storeId } = await customerWithHistory(db, 'Bad input');
    await expect(customerTimeline(db, storeId, 'c-1', { limit: 10, before: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject(
      { code: 'VALIDATION_FAILED', details: { path: '/before' } },
    );
    await expect(customerTimeline(db, storeId, 'c-1', { limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
