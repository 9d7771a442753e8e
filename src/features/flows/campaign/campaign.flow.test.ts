import { describe, expect, it } from 'vitest';
import { campaignFlow } from './campaign.planner.js';
import { RegularsError } from '../../../platform/errors.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { createSegment } from '../../segments/segments.service.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

const data = {
  campaign: {
    subject: 'Our spring roasts are here',
    intro: 'Two new coffees from this year’s harvest.',
    sections: [
      {
        title: 'Colombia La Esperanza',
        body: 'Bright and juicy.',
        url: 'https://shop.example/products/col',
        link_text: 'Read about it',
      },
      { title: 'Workshop', body: 'On 18 April at the roastery.' },
    ],
  },
};

describe.each(dialects)('campaign flow on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function store() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Campaigns' });
    const people = [
      { externalId: 'ann', tags: ['newsletter'], timeZone: 'Europe/Paris' },
      { externalId: 'ben', tags: ['newsletter', 'wholesale'], timeZone: 'America/New_York' },
      { externalId: 'cy', tags: [], timeZone: 'Asia/Tokyo' },
      { externalId: 'dot', tags: ['newsletter'], timeZone: null },
    ];
    const ids = new Map<string, string>();
    for (const p of people)
      ids.set(
        p.externalId,
        (await upsertCustomerByExternalId(db, store.id, { ...p, email: `${p.externalId}@example.com` })).id,
      );
    return { db, storeId: store.id, ids };
  }

  it("sends to the segment's members at sendAt, in the window that holds it, with the same data for all", async () => {
    const { db, storeId, ids } = await store();
    const segment = await createSegment(
      db,
      storeId,
      { name: 'Newsletter readers', rule: { field: 'tag', op: 'contains', value: 'newsletter' } },
      '2026-01-01T00:00:00.000Z',
    );
    const settings = campaignFlow.parseSettings(
      { sendAt: '2026-03-01T09:00:00+01:00', segment: segment.id, data },
      'flows/spring.json',
    );
    const ctx = flowContext(db, storeId, 'spring', dayWindow('2026-03-01'), { timeZone: 'Europe/Paris' });
    const candidates = await campaignFlow.plan(ctx, settings);
    expect(candidates.map((c) => c.externalId).sort()).toEqual(['ann', 'ben', 'dot']);
    for (const c of candidates) {
      expect(c).toEqual({
        customerId: ids.get(c.externalId),
        externalId: c.externalId,
        triggerKey: 'campaign:spring',
        sendAt: '2026-03-01T08:00:00.000Z',
        reason: "member of segment 'Newsletter readers' when the campaign went out on 2026-03-01",
        template: 'newsletter',
        data,
      });
    }
    // Other windows plan nothing.
    expect(await campaignFlow.plan({ ...ctx, window: dayWindow('2026-03-02') }, settings)).toEqual([]);
    expect(
      await campaignFlow.plan(
        { ...ctx, window: { from: '2026-03-01T08:00:00.001Z', to: '2026-03-02T00:00:00.000Z' } },
        settings,
      ),
    ).toEqual([]);

    const template = await loadTemplate(builtInTemplatesDir(), 'newsletter');
    const common = {
      shop: template.sample!.shop,
      customer: template.sample!.customer,
      unsubscribe_url: 'u',
      preferences_url: 'p',
    };
    const rendered = await renderMessage(template, { ...common, ...candidates[0].data }, { strict: true });
    expect(rendered.subject).toBe('Our spring roasts are here');
    expect(rendered.text).toContain('Read about it: https://shop.example/products/col');
  });

  it('sends to every customer without a segment, and to a built-in segment by its key', async () => {
    const { db, storeId, ids } = await store();
    const everyone = campaignFlow.parseSettings({ sendAt: '2026-03-01T12:00:00Z', data }, 'f');
    const all = await campaignFlow.plan(flowContext(db, storeId, 'all-hands', dayWindow('2026-03-01')), everyone);
    expect(all.map((c) => c.externalId).sort()).toEqual(['ann', 'ben', 'cy', 'dot']);
    expect(all[0].reason).toBe('a customer of the store when the campaign went out on 2026-03-01');

    // Cy is in the top 5% (value_percentile 97) by the last metrics refresh.
    await db
      .insertInto('customer_metrics')
      .values({
        store_id: storeId,
        customer_id: ids.get('cy')!,
        as_of_day: 20_500,
        orders_count: 3,
        purchase_days: 3,
        total_spent_minor: 9000,
        currency: 'EUR',
        first_order_day: 20_400,
        last_order_day: 20_490,
        avg_interval_days: 45,
        rfm_recency: 5,
        rfm_frequency: 5,
        rfm_monetary: 5,
        rfm_segment: 'Champions',
        value_percentile: 97,
        p_alive: 0.9,
        p_alive_previous: null,
        p_alive_previous_day: null,
        expected_orders: 1,
        predicted_clv_minor: 5000,
        expected_next_order_day: 20_535,
        computed_at: '2026-02-28T00:00:00.000Z',
      })
      .execute();
    const vip = campaignFlow.parseSettings({ sendAt: '2026-03-01T12:00:00Z', segment: 'vip', data }, 'f');
    const vips = await campaignFlow.plan(flowContext(db, storeId, 'vip-preview', dayWindow('2026-03-01')), vip);
    expect(vips.map((c) => [c.externalId, c.reason])).toEqual([
      ['cy', "member of segment 'VIP' when the campaign went out on 2026-03-01"],
    ]);
  });

  it('refuses a segment the store does not have', async () => {
    const { db, storeId } = await store();
    const settings = campaignFlow.parseSettings({ sendAt: '2026-03-01T12:00:00Z', segment: 'seg_missing', data }, 'f');
    const error = await campaignFlow
      .plan(flowContext(db, storeId, 'lost', dayWindow('2026-03-01')), settings)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('SEGMENT_NOT_FOUND');
    // ...but only when the window holds the campaign: other runs do not read the segment.
    expect(await campaignFlow.plan(flowContext(db, storeId, 'lost', dayWindow('2026-03-05')), settings)).toEqual([]);
  });

  it("with localTime, sends at sendAt's wall time in each customer's zone, each in one window", async () => {
    const { db, storeId } = await store();
    const settings = campaignFlow.parseSettings({ sendAt: '2026-03-01T09:00:00+01:00', localTime: true, data }, 'f');
    const planned: [string, string][] = [];
    for (const day of ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']) {
      const got = await campaignFlow.plan(
        flowContext(db, storeId, 'local', dayWindow(day), { timeZone: 'Europe/Paris' }),
        settings,
      );
      planned.push(...got.map((c): [string, string] => [c.externalId, c.sendAt]));
    }
    expect(planned.sort()).toEqual([
      ['ann', '2026-03-01T08:00:00.000Z'],
      ['ben', '2026-03-01T14:00:00.000Z'],
      ['cy', '2026-03-01T00:00:00.000Z'],
      // No zone of her own: the store's.
      ['dot', '2026-03-01T08:00:00.000Z'],
    ]);
  });

  it('plans tens of thousands of recipients in one query, sharing one data object', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Big list' });
    const n = 20_000;
    for (let start = 0; start < n; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - start) }, (_, i) => ({
        store_id: store.id,
        id: `cus_${String(start + i).padStart(26, '0')}`,
        external_id: `x-${start + i}`,
        email: null,
        phone: null,
        first_name: null,
        last_name: null,
        birthday: null,
        time_zone: (start + i) % 2 === 0 ? 'Asia/Tokyo' : 'America/Denver',
        locale: null,
        tags: '["newsletter"]',
        attributes: '{}',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      }));
      await db.insertInto('customers').values(rows).execute();
    }
    const segment = await createSegment(
      db,
      store.id,
      { name: 'Readers', rule: { field: 'tag', op: 'contains', value: 'newsletter' } },
      '2026-01-01T00:00:00.000Z',
    );
    const settings = campaignFlow.parseSettings(
      { sendAt: '2026-03-01T09:00:00Z', segment: segment.id, localTime: true, data },
      'f',
    );
    const started = Date.now();
    const tokyo = await campaignFlow.plan(
      flowContext(db, store.id, 'big', { from: '2026-02-28T12:00:00.000Z', to: '2026-03-01T12:00:00.000Z' }),
      settings,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(tokyo).toHaveLength(n / 2);
    expect(new Set(tokyo.map((c) => c.sendAt))).toEqual(new Set(['2026-03-01T00:00:00.000Z']));
    expect(tokyo.every((c) => c.data === tokyo[0].data)).toBe(true);
  });
});
