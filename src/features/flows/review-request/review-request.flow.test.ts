import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reviewRequestFlow } from './review-request.planner.js';
import { recordOrder } from '../../orders/record-order.service.js';
import type { OrderStatus } from '../../orders/order.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { recordCustomerEvent } from '../../events/customer-event.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import type { Database } from '../../../platform/database/database.table.js';
import { dayWindow, flowContext, testOrder } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

async function placeOrder(
  db: Kysely<Database>,
  storeId: string,
  o: {
    id: string;
    customer: string;
    at: string;
    lines: [string | null, number][];
    status?: OrderStatus;
    refundedMinor?: number;
  },
) {
  return recordOrder(
    db,
    storeId,
    testOrder({
      ...o,
      lines: o.lines.map(([sku, price]) => ({ sku, title: `${sku ?? 'Gift wrap'} title`, priceMinor: price })),
    }),
  );
}

describe.each(dialects)('review-request planner on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('asks 14 days after each paid order about its most expensive item, at 10:00 local, with one-click links', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Reviews' });
    const alice = await placeOrder(db, store.id, {
      id: '1042',
      customer: 'alice',
      at: '2026-02-15T18:00:00+01:00',
      lines: [
        ['BEANS', 1200],
        [null, 9000],
        ['GRINDER', 4500],
      ],
    });
    await placeOrder(db, store.id, {
      id: '1043',
      customer: 'bob',
      at: '2026-02-15T10:00:00Z',
      lines: [['MUG', 900]],
      status: 'refunded',
      refundedMinor: 900,
    });
    const partly = await placeOrder(db, store.id, {
      id: '1044',
      customer: 'bea',
      at: '2026-02-15T10:00:00Z',
      lines: [['MUG', 900]],
      status: 'partially_refunded',
      refundedMinor: 100,
    });
    await placeOrder(db, store.id, {
      id: '1045',
      customer: 'carol',
      at: '2026-02-15T10:00:00Z',
      lines: [['MUG', 900]],
      status: 'cancelled',
    });
    const dan = await placeOrder(db, store.id, {
      id: '1046',
      customer: 'dan',
      at: '2026-02-15T10:00:00Z',
      lines: [['GRINDER', 4500]],
    });
    const erin = await placeOrder(db, store.id, {
      id: '1047',
      customer: 'erin',
      at: '2026-02-15T10:00:00Z',
      lines: [['GRINDER', 4500]],
    });
    await placeOrder(db, store.id, {
      id: '1048',
      customer: 'fred',
      at: '2026-02-14T10:00:00Z',
      lines: [['GRINDER', 4500]],
    });
    await placeOrder(db, store.id, {
      id: '1049',
      customer: 'gina',
      at: '2026-02-15T10:00:00Z',
      lines: [['GRINDER', 4500]],
      status: 'pending',
    });
    // Dan reviewed the grinder after his order (skip); Erin reviewed it before this order (ask again); Gina's review after the window does not count.
    await recordCustomerEvent(db, store.id, dan.customerId, {
      kind: 'review_submitted',
      occurredAt: '2026-02-20T08:00:00Z',
      payload: { sku: 'GRINDER', rating: 5 },
    });
    await recordCustomerEvent(db, store.id, erin.customerId, {
      kind: 'review_submitted',
      occurredAt: '2026-01-20T08:00:00Z',
      payload: { sku: 'GRINDER', rating: 4 },
    });
    await recordCustomerEvent(db, store.id, erin.customerId, {
      kind: 'review_submitted',
      occurredAt: '2026-02-20T08:00:00Z',
      payload: { sku: 'MUG', rating: 4 },
    });

    const ctx = flowContext(db, store.id, 'review-request', dayWindow('2026-03-01'));
    const candidates = await reviewRequestFlow.plan(ctx, reviewRequestFlow.parseSettings({}, 'test'));
    expect(candidates.map((c) => c.triggerKey).sort()).toEqual(
      [alice, partly, erin].map((o) => `order:${o.orderId}`).sort(),
    );

    const first = candidates.find((c) => c.customerId === alice.customerId);
    expect(first).toMatchObject({
      externalId: 'alice',
      sendAt: '2026-03-01T10:00:00.000Z',
      template: 'review-request',
    });
    expect(first?.reason).toBe(
      "ordered #1042 on 2026-02-15 (14 days ago); asks to rate GRINDER (GRINDER title), the order's most expensive item, and whether checkout was easy",
    );
    const c = alice.customerId;
    expect(first?.data).toEqual({
      product: { title: 'GRINDER title' },
      rating_links: [1, 2, 3, 4, 5].map((stars) => ({
        stars,
        url: `https://regulars.example/survey?c=${c}&q=rating&a=${stars}&s=GRINDER`,
      })),
      checkout_feedback: {
        yes_url: `https://regulars.example/survey?c=${c}&q=checkout_easy&a=yes&s=${alice.orderId}`,
        no_url: `https://regulars.example/survey?c=${c}&q=checkout_easy&a=no&s=${alice.orderId}`,
      },
    });

    const sample = JSON.parse(await readFile(`${builtInTemplatesDir()}/review-request/sample.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    const { shop, customer, unsubscribe_url, preferences_url } = sample;
    const rendered = await renderMessage(
      await loadTemplate(builtInTemplatesDir(), 'review-request'),
      { shop, customer, unsubscribe_url, preferences_url, ...first?.data },
      { strict: true },
    );
    expect(rendered.text).toContain('GRINDER title');
    expect(rendered.text).toContain('q=checkout_easy&a=no');

    // A review written after the window (as of 2026-03-01) is not known yet.
    await recordCustomerEvent(db, store.id, alice.customerId, {
      kind: 'review_submitted',
      occurredAt: '2026-03-05T08:00:00Z',
      payload: { sku: 'GRINDER', rating: 5 },
    });
    expect(
      (await reviewRequestFlow.plan(ctx, reviewRequestFlow.parseSettings({}, 'test'))).map((c) => c.customerId),
    ).toContain(alice.customerId);
  });

  it('sends at the local hour in the store zone and honours delayDays and sendHour', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Zones' });
    const order = await placeOrder(db, store.id, {
      id: '7',
      customer: 'z',
      at: '2026-02-22T09:00:00+01:00',
      lines: [['MUG', 900]],
    });
    const settings = reviewRequestFlow.parseSettings({ delayDays: 7, sendHour: 18 }, 'test');
    // 2026-03-01 18:00 in Berlin is 17:00 UTC: inside the UTC day window.
    const berlin = await reviewRequestFlow.plan(
      flowContext(db, store.id, 'review-request', dayWindow('2026-03-01'), { timeZone: 'Europe/Berlin' }),
      settings,
    );
    expect(berlin.map((c) => [c.triggerKey, c.sendAt])).toEqual([
      [`order:${order.orderId}`, '2026-03-01T17:00:00.000Z'],
    ]);
    // In Tokyo, 18:00 on 2026-03-01 is 09:00 UTC the same day; the window of 2026-02-28 plans nothing.
    expect(
      await reviewRequestFlow.plan(
        flowContext(db, store.id, 'review-request', dayWindow('2026-02-28'), { timeZone: 'Asia/Tokyo' }),
        settings,
      ),
    ).toEqual([]);
    expect(
      (
        await reviewRequestFlow.plan(
          flowContext(db, store.id, 'review-request', dayWindow('2026-03-01'), { timeZone: 'Asia/Tokyo' }),
          settings,
        )
      )[0]?.sendAt,
    ).toBe('2026-03-01T09:00:00.000Z');
  });
});
