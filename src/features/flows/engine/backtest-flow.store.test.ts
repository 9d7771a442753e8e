import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backtestFlow } from './backtest-flow.service.js';
import { builtInFlowSources } from './flow-sources.reader.js';
import { enableFlow } from './manage-flows.service.js';
import { runFlows } from './plan-flows.service.js';
import { testOrder } from './flow-context.fixtures.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { recordConsent } from '../../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { DELIVERY_SETTING, runDeliveryWorker } from '../../delivery/index.js';
import { deps, fakeClock, recordingChannel } from '../../delivery/delivery.fixtures.js';
import { updateShopProfile } from '../../stores/shop-profile.service.js';
import { loadConfig } from '../../../platform/config.js';
import type { Database } from '../../../platform/database/database.table.js';
import { acrossStores } from '../../../platform/database/citus.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { writeSetting } from '../../../platform/stores/store-settings.repository.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

/**
 * Every table's row count: a dry run must leave each one as it was. Counting whole tables reads
 * every store's shards on Citus, on purpose.
 */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables()).filter((table) => !table.isView);
  return acrossStores(db, async (trx) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(
        trx,
      );
      counts[table.name] = Number(rows[0].n);
    }
    return counts;
  });
}

describe.each(dialects)('the flow backtest on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('writes nothing, and forecasts what the flow then plans and the worker then does on the same data', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Backtest beans' });
    await updateShopProfile(
      db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street' },
      '2026-01-01T00:00:00Z',
    );
    // Half held out, so both sides of the holdout show among a dozen customers.
    await writeSetting(
      db,
      store.id,
      DELIVERY_SETTING,
      { flowHoldoutShares: { 'review-request': 0.5 } },
      '2026-01-01T00:00:00Z',
    );
    const customers = Array.from({ length: 12 }, (_, i) => `c-${i}`);
    for (const [i, customer] of customers.entries()) {
      // Review requests go 14 days after the order, at 10:00 in the store's zone (UTC here).
      await recordOrder(
        db,
        store.id,
        testOrder({
          id: `o-${i}`,
          customer,
          email: `${customer}@example.com`,
          at: '2026-03-01T12:00:00Z',
          lines: [{ sku: 'BEANS', title: 'House blend', priceMinor: 1200 }],
        }),
      );
      const row = await upsertCustomerByExternalId(db, store.id, {
        externalId: customer,
        // 10:00 UTC is 23:00 in Auckland: quiet hours hold those messages to the morning.
        timeZone: i % 4 === 1 ? 'Pacific/Auckland' : null,
      });
      // Every third customer never consented to marketing email.
      if (i % 3 !== 0)
        await recordConsent(db, store.id, row.id, {
          channel: 'email',
          purpose: 'marketing',
          status: 'granted',
          source: 'checkout',
          recordedAt: '2026-03-01T12:00:00Z',
          ip: null,
          doubleOptInAt: null,
        });
    }
    const sources = await builtInFlowSources(loadConfig({ REGULARS_SPAMASSASSIN: 'off' }));

    const before = await rowCounts(db);
    const backtest = await backtestFlow(db, store.id, 'review-request', sources, {
      days: 1,
      firstDay: '2026-03-15',
      now: '2026-06-01T00:00:00Z',
      publicUrl: null,
    });
    expect(await rowCounts(db)).toEqual(before);
    expect(backtest).toMatchObject({
      firstDay: '2026-03-15',
      lastDay: '2026-03-15',
      timeZone: 'UTC',
      truncated: false,
    });
    expect(backtest.rows).toHaveLength(12);
    expect(backtest.totals.planned).toBe(12);
    const outcomes = new Set(backtest.rows.map((r) => r.outcome));
    expect(outcomes.has('held_out')).toBe(true);
    expect(backtest.rows.filter((r) => r.outcome === 'skip').every((r) => r.why?.startsWith('no_consent'))).toBe(true);
    expect(backtest.rows.filter((r) => r.outcome === 'postpone').every((r) => r.why?.startsWith('quiet_hours'))).toBe(
      true,
    );
    for (const row of backtest.rows) {
      const i = Number(row.customerId.slice(2));
      if (row.outcome === 'held_out') continue;
      expect(row.outcome, row.customerId).toBe(i % 3 === 0 ? 'skip' : i % 4 === 1 ? 'postpone' : 'send');
    }

    // Now for real, on the same data: enabled at the start of the day, planned at its end, sent when due.
    await enableFlow(db, store.id, 'review-request', sources, '2026-03-15T00:00:00.000Z');
    await runFlows(
      db,
      store.id,
      { now: '2026-03-16T00:00:00.000Z', dryRun: false, publicUrl: null },
      sources.registry,
      sources.builtIns,
    );
    const channel = recordingChannel();
    await runDeliveryWorker(deps(db, channel, fakeClock('2026-03-15T10:00:00.000Z').now), {
      storeId: store.id,
      once: true,
    });
    const outbox = await db
      .selectFrom('outbox_messages')
      .innerJoin('customers', (join) =>
        join
          .onRef('customers.store_id', '=', 'outbox_messages.store_id')
          .onRef('customers.id', '=', 'outbox_messages.customer_id'),
      )
      .select([
        'customers.external_id as customer',
        'outbox_messages.status',
        'outbox_messages.send_at',
        'outbox_messages.reason',
        'outbox_messages.template',
      ])
      .where('outbox_messages.store_id', '=', store.id)
      .execute();
    const real = new Map(outbox.map((m) => [m.customer, m]));
    expect(real.size).toBe(backtest.rows.length);
    const status = { send: 'sent', skip: 'skipped', postpone: 'postponed', held_out: 'held_out' } as const;
    for (const row of backtest.rows) {
      const message = real.get(row.customerId);
      expect(message?.status, row.customerId).toBe(status[row.outcome]);
      expect(message?.template).toBe(row.template);
      if (row.outcome === 'skip' || row.outcome === 'postpone') expect(message?.reason).toBe(row.why);
      if (row.outcome === 'postpone') expect(Date.parse(message?.send_at ?? '')).toBe(Date.parse(row.until ?? ''));
      else expect(Date.parse(message?.send_at ?? '')).toBe(Date.parse(row.sendAt));
    }
    expect(channel.deliveries.map((d) => d.customer.externalId).sort()).toEqual(
      backtest.rows
        .filter((r) => r.outcome === 'send')
        .map((r) => r.customerId)
        .sort(),
    );
  });
});
