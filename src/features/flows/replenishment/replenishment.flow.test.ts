import { describe, expect, it } from 'vitest';
import { replenishmentFlow } from './replenishment.planner.js';
import { recordOrderBatch } from '../../orders/record-order-batch.service.js';
import type { IncomingOrder } from '../../orders/record-order.service.js';
import { dayFromIso } from '../../../analytics/day.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { upsertProductBySku } from '../../products/product.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext, orderOn } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const order = orderOn;

const product = (sku: string, replenishmentDays: number | null) => ({
  sku,
  title: `${sku} (catalogue)`,
  category: null,
  priceMinor: 1000,
  currency: 'EUR',
  replenishmentDays,
  complements: [],
  upgradeTo: null,
});

describe.each(dialects)('replenishment flow (%s)', (dialect) => {
  const database = useTestDatabase(dialect);
  const settings = (raw: Record<string, unknown> = {}) =>
    replenishmentFlow.parseSettings(raw, 'flows/replenishment.json');

  async function storeWith(orders: IncomingOrder[], products = [product('BEANS', 56)]) {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Beans' });
    for (const p of products) await upsertProductBySku(db, store.id, p);
    await recordOrderBatch(db, store.id, orders);
    return store.id;
  }

  it('fake clock: bought 2026-01-05, an 8-week product is planned on day 44 (2026-02-18) at 10:00 local, and on no day before', async () => {
    const { db } = database();
    const storeId = await storeWith([order('alice', 'o1', '2026-01-05', ['BEANS'])]);
    const bought = dayFromIso('2026-01-05');
    const plannedOn: string[] = [];
    for (let day = bought; day <= bought + 50; day++) {
      const found = await replenishmentFlow.plan(
        flowContext(db, storeId, 'replenishment', dayWindow(iso(day))),
        settings(),
      );
      if (found.length > 0) plannedOn.push(iso(day));
    }
    expect(plannedOn).toEqual(['2026-02-18']);
    const window = dayWindow('2026-02-18');
    const [candidate] = await replenishmentFlow.plan(flowContext(db, storeId, 'replenishment', window), settings());
    expect(candidate).toMatchObject({
      externalId: 'alice',
      triggerKey: 'sku:BEANS:2026-01-05',
      sendAt: '2026-02-18T10:00:00.000Z',
      reason: 'bought BEANS once; it lasts about 56 days; last on 2026-01-05',
      template: 'replenishment-reminder',
      stopOnOrderAfter: window.to,
      data: {
        product: { title: 'BEANS (catalogue)', url: 'https://shop.example/products/BEANS' },
        interval_weeks: 8,
        last_ordered_on: '5 January 2026',
        reorder_url: 'https://shop.example/products/BEANS',
      },
    });
    // In the store's zone: 10:00 in Berlin is 09:00 UTC.
    const berlin = await replenishmentFlow.plan(
      flowContext(db, storeId, 'replenishment', window, { timeZone: 'Europe/Berlin' }),
      settings({ reorderPath: '/cart/add?sku={sku}' }),
    );
    expect(berlin.map((c) => [c.sendAt, c.data.reorder_url])).toEqual([
      ['2026-02-18T09:00:00.000Z', 'https://shop.example/cart/add?sku=BEANS'],
    ]);
  });

  it("uses the customer's own interval, plans only the latest cycle, and ignores cancelled orders and orders after the window", async () => {
    const { db } = database();
    const storeId = await storeWith([
      // Own interval 20 days: due 16 days after the 2026-01-25 purchase, on 2026-02-10; the 2026-01-05 cycle is gone.
      order('bob', 'b1', '2026-01-05', ['BEANS']),
      order('bob', 'b2', '2026-01-25', ['BEANS']),
      // A cancelled rebuy does not start a cycle: carol stays on her 2026-01-05 purchase (configured 56 days).
      order('carol', 'c1', '2026-01-05', ['BEANS']),
      order('carol', 'c2', '2026-02-01', ['BEANS'], { cancelled: true }),
      // dave rebuys at 00:30 local on 2026-02-19, which is 23:30 UTC on the 18th: before the 18th's window ends, so it counts;
      // emil at 02:00 local, 01:00 UTC on the 19th: after it, so a run for the 18th (or a dry run as of then) does not see it.
      order('dave', 'd1', '2026-01-05', ['BEANS']),
      order('dave', 'd2', '2026-02-19', ['BEANS'], { time: '00:30:00' }),
      order('emil', 'e1', '2026-01-05', ['BEANS']),
      order('emil', 'e2', '2026-02-19', ['BEANS'], { time: '02:00:00' }),
    ]);
    const plan = async (day: string, raw: Record<string, unknown> = {}) =>
      (await replenishmentFlow.plan(flowContext(db, storeId, 'replenishment', dayWindow(day)), settings(raw))).map(
        (c) => `${c.externalId} ${c.triggerKey} ${c.reason}`,
      );
    expect(await plan('2026-02-10')).toEqual(['bob sku:BEANS:2026-01-25 buys BEANS every 20 days; last on 2026-01-25']);
    const carol = await plan('2026-02-18');
    expect(carol.map((line) => line.split(' ')[0]).sort()).toEqual(['carol', 'emil']);
    expect(carol).toContain('carol sku:BEANS:2026-01-05 bought BEANS once; it lasts about 56 days; last on 2026-01-05');
    // The rebuy starts a new cycle of 45 days (their own): due 36 days later, on 2026-03-27; the old one is never planned again.
    expect((await plan('2026-03-27')).sort()).toEqual([
      'dave sku:BEANS:2026-02-19 buys BEANS every 45 days; last on 2026-02-19',
      'emil sku:BEANS:2026-02-19 buys BEANS every 45 days; last on 2026-02-19',
    ]);
    expect(await plan('2026-02-18', { excludeSkus: ['BEANS'] })).toEqual([]);
  });

  it('learns a consumable from repurchases (minRepurchasers) and times a one-time buyer by the store median', async () => {
    const { db } = database();
    const repurchasers = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        order(`r${i}`, `r${i}a`, '2025-11-01', ['TEA']),
        order(`r${i}`, `r${i}b`, '2025-12-01', ['TEA']),
      ]).flat();
    // TEA is not configured; 20 customers rebuy it every 30 days; erin bought it once on 2026-01-05: due on day 24.
    const storeId = await storeWith([...repurchasers(20), order('erin', 'e1', '2026-01-05', ['TEA', 'MUG'])], []);
    const found = await replenishmentFlow.plan(
      flowContext(db, storeId, 'replenishment', dayWindow('2026-01-29')),
      settings(),
    );
    expect(
      found.map((c) => [c.externalId, c.triggerKey, c.reason, (c.data.product as { title: string }).title]),
    ).toEqual([
      [
        'erin',
        'sku:TEA:2026-01-05',
        'bought TEA once; customers rebuy it every 30 days; last on 2026-01-05',
        'TEA title',
      ],
    ]);
    expect(
      await replenishmentFlow.plan(
        flowContext(db, storeId, 'replenishment', dayWindow('2026-01-29')),
        settings({ minRepurchasers: 21 }),
      ),
    ).toEqual([]);
    expect(
      await replenishmentFlow.plan(
        flowContext(db, storeId, 'replenishment', dayWindow('2026-01-29')),
        settings({ learnFromRepurchases: false }),
      ),
    ).toEqual([]);
  });

  it('sends one reminder per customer and day unless onePerDay is off', async () => {
    const { db } = database();
    // Both due on 2026-02-18: BEANS (56 days from 2026-01-05) and FILTER (25 days, due day 20 from 2026-01-29).
    const storeId = await storeWith(
      [order('fay', 'f1', '2026-01-05', ['BEANS']), order('fay', 'f2', '2026-01-29', ['FILTER'])],
      [product('BEANS', 56), product('FILTER', 25)],
    );
    const keys = async (raw: Record<string, unknown>) =>
      (
        await replenishmentFlow.plan(flowContext(db, storeId, 'replenishment', dayWindow('2026-02-18')), settings(raw))
      ).map((c) => c.triggerKey);
    expect(await keys({})).toEqual(['sku:BEANS:2026-01-05']);
    expect(await keys({ onePerDay: false })).toEqual(['sku:BEANS:2026-01-05', 'sku:FILTER:2026-01-29']);
    expect(await keys({ skus: ['FILTER'] })).toEqual(['sku:FILTER:2026-01-29']);
  });

  it('gives the template exactly what it renders', async () => {
    const { db } = database();
    const storeId = await storeWith([order('gus', 'g1', '2026-01-05', ['BEANS'])]);
    const [candidate] = await replenishmentFlow.plan(
      flowContext(db, storeId, 'replenishment', dayWindow('2026-02-18')),
      settings(),
    );
    const template = await loadTemplate(builtInTemplatesDir(), 'replenishment-reminder');
    const sample = template.sample ?? {};
    const common = {
      shop: sample.shop,
      customer: sample.customer,
      unsubscribe_url: sample.unsubscribe_url,
      preferences_url: sample.preferences_url,
    };
    const rendered = await renderMessage(template, { ...common, ...candidate.data }, { strict: true });
    expect(rendered.text).toContain('BEANS (catalogue) about every 8 weeks');
    expect(rendered.text).toContain('5 January 2026');
  });
});
