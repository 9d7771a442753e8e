import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { upgradeOfferFlow } from './upgrade-offer.planner.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { dayFromIso, ymdFromDay } from '../../../analytics/day.js';
import type { OrderStatus } from '../../orders/order.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { upsertProductBySku } from '../../products/product.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import type { Database } from '../../../platform/database/database.table.js';
import { dayWindow, flowContext, testOrder } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

let seq = 0;
async function buy(
  db: Kysely<Database>,
  storeId: string,
  customer: string,
  day: string,
  skus: string[],
  status: OrderStatus = 'paid',
) {
  return recordOrder(
    db,
    storeId,
    testOrder({
      id: `u-${++seq}`,
      customer,
      at: `${day}T12:00:00+02:00`,
      status,
      cancelledAt: `${day}T13:00:00Z`,
      lines: skus.map((sku) => ({ sku, title: sku, priceMinor: 5000 })),
    }),
  );
}

describe.each(dialects)('upgrade-offer planner on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('offers the upgrade 180 days after the last purchase of the product, unless the upgrade was bought since', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Grinders' });
    const product = (sku: string, title: string, upgradeTo: string | null) =>
      upsertProductBySku(db, store.id, {
        sku,
        title,
        category: null,
        priceMinor: 5000,
        currency: 'EUR',
        replenishmentDays: null,
        complements: [],
        upgradeTo,
      });
    await product('HAND', 'Hand grinder', 'ELECTRIC');
    await product('ELECTRIC', 'Electric burr grinder', null);
    await product('MUG', 'Mug', 'NOT-IN-CATALOGUE');
    const bought = ymdFromDay(dayFromIso('2026-03-01') - 180);
    expect(bought).toBe('2025-09-02');

    const alice = await buy(db, store.id, 'alice', bought, ['HAND', 'MUG']);
    await buy(db, store.id, 'bob', bought, ['HAND']);
    await buy(db, store.id, 'bob', '2025-12-01', ['ELECTRIC']);
    await buy(db, store.id, 'carol', bought, ['HAND']);
    await buy(db, store.id, 'carol', '2025-11-01', ['HAND']);
    const dan = await buy(db, store.id, 'dan', bought, ['HAND']);
    await buy(db, store.id, 'dan', '2026-03-05', ['ELECTRIC']);
    const erin = await buy(db, store.id, 'erin', bought, ['HAND']);
    await buy(db, store.id, 'erin', bought, ['HAND']);
    await buy(db, store.id, 'erin', '2025-06-01', ['ELECTRIC']);
    await buy(db, store.id, 'fred', '2025-09-03', ['HAND']);
    await buy(db, store.id, 'gina', bought, ['HAND'], 'cancelled');

    const window = dayWindow('2026-03-01');
    const candidates = await upgradeOfferFlow.plan(
      flowContext(db, store.id, 'upgrade-offer', window),
      upgradeOfferFlow.parseSettings({}, 'test'),
    );
    // Dan's upgrade came after the window; Erin owned the upgrade before this purchase: both are offered.
    expect(candidates.map((c) => c.externalId).sort()).toEqual(['alice', 'dan', 'erin']);
    expect(candidates.map((c) => c.customerId).sort()).toEqual(
      [alice.customerId, dan.customerId, erin.customerId].sort(),
    );
    const first = candidates.find((c) => c.externalId === 'alice');
    expect(first).toEqual({
      customerId: alice.customerId,
      externalId: 'alice',
      triggerKey: 'sku:HAND:2025-09-02',
      sendAt: '2026-03-01T10:00:00.000Z',
      reason: 'bought HAND on 2025-09-02 (180 days ago), not bought the upgrade ELECTRIC since',
      template: 'upgrade-offer',
      data: {
        owned: { title: 'Hand grinder', months: 6 },
        upgrade: {
          title: 'Electric burr grinder',
          url: 'https://shop.example/products/ELECTRIC',
          pitch: 'it does everything yours does, with more room to grow.',
        },
      },
      stopOnOrderAfter: window.to,
    });

    const sample = JSON.parse(await readFile(`${builtInTemplatesDir()}/upgrade-offer/sample.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    const { shop, customer, unsubscribe_url, preferences_url } = sample;
    const rendered = await renderMessage(
      await loadTemplate(builtInTemplatesDir(), 'upgrade-offer'),
      { shop, customer, unsubscribe_url, preferences_url, ...first?.data },
      { strict: true },
    );
    expect(rendered.text).toContain('about 6 months ago');

    // Settings: a year, 08:00 in Berlin (07:00 UTC in winter), a pitch of the store's own.
    const settings = upgradeOfferFlow.parseSettings(
      { afterDays: 365, sendHour: 8, pitch: 'Forty grind settings.' },
      'test',
    );
    await buy(db, store.id, 'hana', '2025-03-01', ['HAND']);
    const yearly = await upgradeOfferFlow.plan(
      flowContext(db, store.id, 'upgrade-offer', window, { timeZone: 'Europe/Berlin' }),
      settings,
    );
    expect(yearly.map((c) => [c.externalId, c.triggerKey, c.sendAt])).toEqual([
      ['hana', 'sku:HAND:2025-03-01', '2026-03-01T07:00:00.000Z'],
    ]);
    expect(yearly[0].data).toMatchObject({ owned: { months: 12 }, upgrade: { pitch: 'Forty grind settings.' } });
  });

  it('plans nothing for a store without upgrade paths', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Plain' });
    await buy(db, store.id, 'x', '2025-09-02', ['HAND']);
    expect(
      await upgradeOfferFlow.plan(
        flowContext(db, store.id, 'upgrade-offer', dayWindow('2026-03-01')),
        upgradeOfferFlow.parseSettings({}, 'test'),
      ),
    ).toEqual([]);
  });
});
