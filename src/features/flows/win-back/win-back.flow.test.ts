import { describe, expect, it } from 'vitest';
import { winBackFlow } from './win-back.planner.js';
import { recordOrderBatch } from '../../orders/record-order-batch.service.js';
import type { IncomingOrder } from '../../orders/record-order.service.js';
import { dayFromIso } from '../../../analytics/day.js';
import { pAliveCrossingDay } from './win-back.js';
import type { PopulationCutoffs } from '../../segments/customer-metrics.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { saveMetricRun } from '../../segments/customer-metrics.repository.js';
import { planMessages } from '../../delivery/index.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext, orderOn } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const MODEL = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
const COUPON = { code: 'COMEBACK-7KQ2', description: '15% off', expires_on: '28 March 2026' };

const order = orderOn;

/** Orders `every` days apart ending on `last`. */
function cadence(customer: string, last: string, count: number, every: number, skus = ['BEANS']): IncomingOrder[] {
  return Array.from({ length: count }, (_, i) =>
    order(customer, `${customer}-${i}`, iso(dayFromIso(last) - (count - 1 - i) * every), skus),
  );
}

describe.each(dialects)('win-back flow (%s)', (dialect) => {
  const database = useTestDatabase(dialect);
  const settings = (raw: Record<string, unknown> = {}) => winBackFlow.parseSettings(raw, 'flows/win-back.json');

  async function storeWith(orders: IncomingOrder[]) {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Beans' });
    await recordOrderBatch(db, store.id, orders);
    return store.id;
  }

  const store = () =>
    storeWith([
      // ann: every 21 days, last on 2026-01-14; a mug once: her highlight is the beans.
      ...cadence('ann', '2026-01-14', 3, 21),
      order('ann', 'ann-mug', '2025-12-24', ['MUG']),
      // ben: the same, but he ordered again on 2026-02-20 (a cancelled order on 2026-01-20 does not count).
      ...cadence('ben', '2026-01-14', 3, 21),
      order('ben', 'ben-x', '2026-01-20', ['BEANS'], { cancelled: true }),
      order('ben', 'ben-late', '2026-02-20', ['BEANS']),
      // cat: once, on 2026-01-14. The store's median first-to-second gap is 21: one-time buyers lapse after 42 days.
      order('cat', 'cat-1', '2026-01-14', ['TEA']),
    ]);

  it('fake clock: step 1 on the first day past twice the own cadence, step 2 14 days later, each exactly once', async () => {
    const { db } = database();
    const storeId = await store();
    const seen: string[] = [];
    for (let day = dayFromIso('2026-01-15'); day <= dayFromIso('2026-03-31'); day++) {
      for (const c of await winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow(iso(day))), settings()))
        seen.push(`${iso(day)} ${c.externalId} ${c.triggerKey}`);
    }
    expect(seen).toEqual([
      '2026-02-26 ann lapse:2026-01-14:step-1',
      '2026-02-26 cat lapse:2026-01-14:step-1',
      '2026-03-12 ann lapse:2026-01-14:step-2',
      '2026-03-12 cat lapse:2026-01-14:step-2',
    ]);
  });

  it('plans step 1 with a coupon gift, the reasons and the stop on order, and step 2 reusing the step-1 coupon from the outbox', async () => {
    const { db } = database();
    const storeId = await store();
    const [ann, cat] = await winBackFlow.plan(
      flowContext(db, storeId, 'win-back', dayWindow('2026-02-26')),
      settings(),
    );
    expect(ann).toMatchObject({
      externalId: 'ann',
      sendAt: '2026-02-26T10:00:00.000Z',
      template: 'win-back-1',
      priority: 55,
      reason: 'usually orders every 21 days; 43 days since the last order on 2026-01-14',
      data: { highlight: { title: 'BEANS title' } },
      gift: {
        kind: 'coupon',
        dataKey: 'coupon',
        coupon: { type: 'percent', value: 15, validDays: 30, prefix: 'COMEBACK', currency: null, minSubtotalMinor: 0 },
      },
      stopOnOrderAfter: '2026-01-14T11:00:00.000Z',
    });
    expect(cat.reason).toBe(
      'ordered once; 43 days since that order on 2026-01-14 (one-time buyers lapse after 42 days)',
    );
    // Without step 1 in the outbox (a dry run), step 2 makes its own coupon.
    const dry = await winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow('2026-03-12')), settings());
    expect(dry.map((c) => [c.externalId, c.template, c.priority, c.gift?.kind, c.reason])).toEqual([
      [
        'ann',
        'win-back-2',
        50,
        'coupon',
        'no order since step 1 on 2026-02-26; usually orders every 21 days; 43 days since the last order on 2026-01-14',
      ],
      [
        'cat',
        'win-back-2',
        50,
        'coupon',
        'no order since step 1 on 2026-02-26; ordered once; 43 days since that order on 2026-01-14 (one-time buyers lapse after 42 days)',
      ],
    ]);
    // Step 1 recorded (the engine put the coupon into its data): step 2 reminds of that code and makes none.
    await planMessages(
      db,
      storeId,
      [
        {
          storeId,
          customerId: ann.customerId,
          flow: 'win-back',
          triggerKey: ann.triggerKey,
          channel: 'email',
          purpose: 'marketing',
          template: ann.template,
          data: { ...ann.data, coupon: COUPON },
          sendAt: ann.sendAt,
        },
      ],
      '2026-02-26T00:00:00Z',
    );
    const [annTwo, catTwo] = await winBackFlow.plan(
      flowContext(db, storeId, 'win-back', dayWindow('2026-03-12')),
      settings(),
    );
    expect(annTwo.data).toEqual({ coupon: COUPON });
    expect(annTwo.gift).toBeUndefined();
    expect(annTwo.stopOnOrderAfter).toBe('2026-01-14T11:00:00.000Z');
    expect(catTwo.gift?.kind).toBe('coupon');
    // Another flow's step 1 is not this flow's.
    expect(
      (await winBackFlow.plan(flowContext(db, storeId, 'win-back-vip', dayWindow('2026-03-12')), settings()))[0].gift
        ?.kind,
    ).toBe('coupon');
  });

  it('a live flow enabled after a step 1 fell does not send its step 2: it would remind of a code never sent', async () => {
    const { db } = database();
    const storeId = await store();
    const since = (activeSince: string) =>
      flowContext(db, storeId, 'win-back', dayWindow('2026-03-12'), { activeSince });
    expect(await winBackFlow.plan(since('2026-03-01T00:00:00.000Z'), settings())).toEqual([]);
    expect((await winBackFlow.plan(since('2026-02-26T09:00:00.000Z'), settings())).map((c) => c.triggerKey)).toEqual([
      'lapse:2026-01-14:step-2',
      'lapse:2026-01-14:step-2',
    ]);
  });

  it('honours the settings: cadenceMultiple, oneTimeBuyerDays, secondStep, maxLapsedDays', async () => {
    const { db } = database();
    const storeId = await store();
    const keys = async (day: string, raw: Record<string, unknown>) =>
      (await winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow(day)), settings(raw))).map(
        (c) => `${c.externalId} ${c.triggerKey}`,
      );
    // k = 3: 21 x 3 = 63 days, so the first day past it is 2026-03-19.
    expect(await keys('2026-03-19', { cadenceMultiple: 3 })).toEqual(['ann lapse:2026-01-14:step-1']);
    expect(await keys('2026-02-14', { oneTimeBuyerDays: 30 })).toEqual(['cat lapse:2026-01-14:step-1']);
    expect(await keys('2026-03-12', { secondStep: false })).toEqual([]);
    expect(await keys('2026-03-05', { secondStepDays: 7 })).toEqual([
      'ann lapse:2026-01-14:step-2',
      'cat lapse:2026-01-14:step-2',
    ]);
    expect(await keys('2026-02-26', { maxLapsedDays: 40 })).toEqual([]);
  });

  it("lapses on the store model's P(alive) when it falls below the threshold before the cadence rule does", async () => {
    const { db } = database();
    // dan: 11 purchase days 10 days apart. With k = 10 the cadence lapses after 100 days; P(alive) falls sooner.
    const storeId = await storeWith(cadence('dan', '2026-01-14', 11, 10));
    const last = dayFromIso('2026-01-14');
    const history = { customerId: '', firstDay: last - 100, lastDay: last, purchaseDays: 11 };
    const crossing = pAliveCrossingDay(MODEL, history, 0.3)!;
    expect(crossing - last).toBeGreaterThan(1);
    expect(crossing - last).toBeLessThan(100);
    const plan = (day: number) =>
      winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow(iso(day))), settings({ cadenceMultiple: 10 }));
    // No fitted model: the condition is off, only the cadence counts.
    expect(await plan(crossing)).toEqual([]);
    expect((await plan(last + 101)).map((c) => c.reason)).toEqual([
      'usually orders every 10 days; 101 days since the last order on 2026-01-14',
    ]);
    await saveMetricRun(db, storeId, {
      asOfDay: last,
      customers: 1,
      model: { countModel: 'bgnbd', params: MODEL, spend: null, fittedCustomers: 500, converged: true, warnings: [] },
      note: null,
      cutoffs: { rfm: {}, value: [], valueBasis: 'total_spent' } as unknown as PopulationCutoffs,
      computedAt: '2026-01-15T00:00:00Z',
    });
    expect(await plan(crossing - 1)).toEqual([]);
    const [dan] = await plan(crossing);
    expect(dan.triggerKey).toBe('lapse:2026-01-14:step-1');
    expect(dan.reason).toMatch(/^P\(alive\) fell to 0\.(2\d|30) \(below 0\.30\); last order on 2026-01-14$/);
    expect(await plan(last + 101)).toEqual([]);
  });

  it('gives both templates exactly what they render', async () => {
    const { db } = database();
    const storeId = await store();
    const [one] = await winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow('2026-02-26')), settings());
    const [two] = await winBackFlow.plan(flowContext(db, storeId, 'win-back', dayWindow('2026-03-12')), settings());
    for (const [candidate, expected] of [
      [one, 'like our BEANS title'],
      [two, 'COMEBACK-7KQ2'],
    ] as const) {
      const template = await loadTemplate(builtInTemplatesDir(), candidate.template);
      const sample = template.sample ?? {};
      const common = {
        shop: sample.shop,
        customer: sample.customer,
        unsubscribe_url: sample.unsubscribe_url,
        preferences_url: sample.preferences_url,
      };
      // The engine fills the gift's fields in when it makes the coupon.
      const rendered = await renderMessage(
        template,
        { ...common, ...candidate.data, coupon: COUPON },
        { strict: true },
      );
      expect(rendered.text).toContain(expected);
    }
  });
});
