import { describe, expect, it } from 'vitest';
import { firstOrderAnniversaryFlow } from './first-order-anniversary.planner.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext, testOrder } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

let orderNo = 0;
function order(
  customer: string,
  orderedAt: string,
  lines: [string | null, string, number][],
  status: 'paid' | 'cancelled' | 'refunded' = 'paid',
) {
  return testOrder({
    id: `o-${++orderNo}`,
    customer,
    at: orderedAt,
    lines: lines.map(([sku, title, quantity]) => ({ sku, title, quantity, priceMinor: 100 })),
    totalMinor: 1000,
    refundedMinor: status === 'refunded' ? 1000 : 0,
    status,
  });
}

describe.each(dialects)('first-order-anniversary flow on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('thanks customers N full years after their first purchase day, with their stats and a coupon', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Anniversaries' });
    const storeId = store.id;
    const settings = firstOrderAnniversaryFlow.parseSettings({}, 'flows/first-order-anniversary.json');
    await upsertCustomerByExternalId(db, storeId, { externalId: 'kim', timeZone: 'America/New_York' });
    const orders = [
      // Ann: first order 1 March 2025 (late evening in her offset: the day is the source's), then three more.
      order('ann', '2025-03-01T23:30:00-05:00', [
        ['BEAN', 'House blend', 1],
        ['MUG', 'Mug', 1],
      ]),
      order('ann', '2025-06-01T10:00:00Z', [['BEAN', 'House blend 500 g', 2]]),
      order('ann', '2025-09-01T10:00:00Z', [['MUG', 'Mug', 1]], 'cancelled'),
      order('ann', '2026-01-10T10:00:00Z', [['FILTER', 'Filters', 1]]),
      // An order after the window's end is not counted (as-of).
      order('ann', '2026-03-05T10:00:00Z', [['MUG', 'Mug', 9]]),
      // Bob's 1 March 2024 order was cancelled: his first purchase is 2 March 2024.
      order('bob', '2024-03-01T10:00:00Z', [['BEAN', 'House blend', 1]], 'cancelled'),
      order('bob', '2024-03-02T10:00:00Z', [['GRINDER', 'Grinder', 1]]),
      // Cy's first order three years ago to the day.
      order('cy', '2023-03-01T08:00:00+01:00', [['BEAN', 'House blend', 1]]),
      // Dot ordered on 1 March 2025, but bought before: no anniversary today.
      order('dot', '2024-12-01T10:00:00Z', [['MUG', 'Mug', 1]]),
      order('dot', '2025-03-01T10:00:00Z', [['MUG', 'Mug', 1]]),
      // Eve's first order was today: not a year yet.
      order('eve', '2026-03-01T08:00:00Z', [['MUG', 'Mug', 1]]),
      // Fay's first order was 29 February 2024: remembered on 28 February 2026.
      order('fay', '2024-02-29T12:00:00Z', [['MUG', 'Mug', 1]]),
      // Kim (New York) first ordered on 1 March 2025 in the store's calendar.
      order('kim', '2025-03-01T12:00:00Z', [[null, 'Gift card', 1]]),
    ];
    for (const o of orders) await recordOrder(db, storeId, o);

    const candidates = await firstOrderAnniversaryFlow.plan(
      flowContext(db, storeId, 'first-order-anniversary', dayWindow('2026-03-01')),
      settings,
    );
    const by = new Map(candidates.map((c) => [c.externalId, c]));
    expect([...by.keys()].sort()).toEqual(['ann', 'cy', 'kim']);
    expect(by.get('ann')).toMatchObject({
      triggerKey: 'year:1',
      sendAt: '2026-03-01T10:00:00.000Z',
      template: 'first-order-anniversary',
      data: { years: 1, stats: { orders: 3, favourite: 'House blend 500 g' } },
      gift: {
        kind: 'coupon',
        dataKey: 'gift',
        coupon: { type: 'percent', value: 10, currency: null, minSubtotalMinor: 0, validDays: 30, prefix: 'THANKYOU' },
      },
      reason: 'first order on 2025-03-01, 1 year ago; 3 orders so far, most bought House blend 500 g',
    });
    expect(by.get('cy')).toMatchObject({
      triggerKey: 'year:3',
      data: { stats: { orders: 1, favourite: 'House blend' } },
    });
    expect(by.get('kim')).toMatchObject({
      sendAt: '2026-03-01T15:00:00.000Z',
      data: { stats: { orders: 1, favourite: 'Gift card' } },
    });

    const feb28 = await firstOrderAnniversaryFlow.plan(
      flowContext(db, storeId, 'first-order-anniversary', dayWindow('2026-02-28')),
      settings,
    );
    expect(feb28.map((c) => [c.externalId, c.triggerKey])).toEqual([['fay', 'year:2']]);
    const mar2 = await firstOrderAnniversaryFlow.plan(
      flowContext(db, storeId, 'first-order-anniversary', dayWindow('2026-03-02')),
      settings,
    );
    expect(mar2.map((c) => [c.externalId, c.triggerKey])).toEqual([['bob', 'year:2']]);

    const template = await loadTemplate(builtInTemplatesDir(), 'first-order-anniversary');
    const common = {
      shop: template.sample!.shop,
      customer: template.sample!.customer,
      unsubscribe_url: 'u',
      preferences_url: 'p',
    };
    const rendered = await renderMessage(
      template,
      {
        ...common,
        ...by.get('ann')!.data,
        gift: { description: '10% off', coupon_code: 'THANKYOU-1', expires_on: '31 March 2026' },
      },
      { strict: true },
    );
    expect(rendered.text).toContain('ordered 3 times');
    expect(rendered.text).toContain('House blend 500 g');
  });
});
