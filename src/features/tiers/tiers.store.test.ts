import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { settleEndedTierPeriods, tierPeriodEndJob } from './tier-period-end.job.js';
import { currentTierOf, tierMultiplierOf, tierStatusOf } from './tier-status.service.js';
import { evaluateCustomerTier, updateTierForOrder } from './update-tier-for-order.service.js';
import { dayFromIso } from '../../analytics/day.js';
import type { OrderInput, OrderStatus } from '../orders/order.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { postPoints } from '../loyalty/post-points.service.js';
import { findOrder, upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { readTierSettings, tierMeasureOf, tierStateOf, writeTierSettings } from './tier.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const SPEND_TIERS = {
  basis: 'rolling_12_month_spend',
  currency: 'EUR',
  levels: [
    { name: 'Silver', threshold: 10_000, perks: { earnMultiplier: 1.25 } },
    {
      name: 'Gold',
      threshold: 50_000,
      perks: { earnMultiplier: 1.5, freeShipping: true, memberCouponPercent: 10, partnerPerks: ['Lounge access'] },
    },
  ],
};

interface OrderSpec {
  readonly id: string;
  readonly day: string;
  readonly total: number;
  readonly refunded?: number;
  readonly status?: OrderStatus;
  readonly cancelledAt?: string | null;
  readonly currency?: string;
}

function orderInput(customerId: string, spec: OrderSpec): OrderInput {
  return {
    externalId: spec.id,
    customerId,
    orderedAt: `${spec.day}T10:00:00+01:00`,
    orderDay: dayFromIso(spec.day),
    currency: spec.currency ?? 'EUR',
    subtotalMinor: spec.total,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: spec.total,
    refundedMinor: spec.refunded ?? 0,
    status: spec.status ?? 'paid',
    cancelledAt: spec.cancelledAt ?? null,
    sourceUpdatedAt: null,
    lines: [],
  };
}

async function setUp(db: Kysely<Database>, name: string, settings: unknown = SPEND_TIERS, customers = 1) {
  const { store } = await createStore(db, { name });
  await writeTierSettings(db, store.id, settings, '2024-01-01T00:00:00Z');
  const ids: string[] = [];
  for (let i = 0; i < customers; i++)
    ids.push((await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` })).id);
  const order = async (customerId: string, spec: OrderSpec) =>
    (await upsertOrderByExternalId(db, store.id, orderInput(customerId, spec))).orderId;
  return { storeId: store.id, customerIds: ids, order };
}

async function tierEvents(db: Kysely<Database>, storeId: string, customerId: string) {
  const events = await listCustomerEvents(db, storeId, customerId, { limit: 100 });
  return events
    .filter((e) => e.kind === 'tier_changed')
    .reverse()
    .map((e) => ({ at: e.occurredAt, from: e.payload.from, to: e.payload.to }));
}

describe.each(dialects)('tiers on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('stores the settings through the parser and refuses bad ones by field', async () => {
    const { db } = database();
    const { storeId } = await setUp(db, 'Settings');
    expect((await readTierSettings(db, storeId))?.levels[1].perks).toEqual({
      earnMultiplier: 1.5,
      freeShipping: true,
      memberCouponPercent: 10,
      partnerPerks: ['Lounge access'],
    });
    await expect(
      writeTierSettings(db, storeId, { ...SPEND_TIERS, currency: undefined }, '2024-01-01T00:00:00Z'),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'currency' },
    });
    await expect(writeTierSettings(db, 'sto_missing', SPEND_TIERS, '2024-01-01T00:00:00Z')).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
  });

  it('upgrades at once when an order lifts the measure, with one event per change', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice, bob],
      order,
    } = await setUp(db, 'Upgrade', SPEND_TIERS, 2);
    expect(await currentTierOf(db, storeId, alice)).toBeNull();
    expect(await tierMultiplierOf(db, storeId, alice)).toBe(1);

    const first = await order(alice, { id: 'o1', day: '2025-01-10', total: 9_999 });
    await updateTierForOrder(db, storeId, (await findOrder(db, storeId, first))!, '2025-01-10T12:00:00Z');
    expect(await tierStateOf(db, storeId, alice)).toEqual({ tier: null, since: null, periodEnd: null });

    const second = await order(alice, { id: 'o2', day: '2025-01-10', total: 1 });
    await updateTierForOrder(db, storeId, (await findOrder(db, storeId, second))!, '2025-01-10T12:00:00Z');
    expect(await tierStateOf(db, storeId, alice)).toEqual({
      tier: 'Silver',
      since: '2025-01-10T12:00:00.000Z',
      periodEnd: '2026-01-10T12:00:00.000Z',
    });
    // The sync may call the handler again for the same order: nothing more happens.
    await updateTierForOrder(db, storeId, (await findOrder(db, storeId, second))!, '2025-01-10T13:00:00Z');
    expect(await tierEvents(db, storeId, alice)).toEqual([
      { at: '2025-01-10T12:00:00.000Z', from: null, to: 'Silver' },
    ]);

    await order(alice, { id: 'o3', day: '2025-02-01', total: 40_000 });
    const changes = await evaluateCustomerTier(db, storeId, alice, '2025-02-01T09:00:00Z');
    expect(changes).toMatchObject([{ from: 'Silver', to: 'Gold', direction: 'up', measure: 50_000 }]);
    expect(await currentTierOf(db, storeId, alice)).toEqual({
      name: 'Gold',
      perks: { earnMultiplier: 1.5, freeShipping: true, memberCouponPercent: 10, partnerPerks: ['Lounge access'] },
      since: '2025-02-01T09:00:00.000Z',
      periodEnd: '2026-02-01T09:00:00.000Z',
    });
    expect(await tierMultiplierOf(db, storeId, alice)).toBe(1.5);
    expect(await tierEvents(db, storeId, alice)).toHaveLength(2);
    // Another customer is untouched, and another store sees no tier for this one.
    expect(await currentTierOf(db, storeId, bob)).toBeNull();
    const other = await createStore(db, { name: 'Elsewhere' });
    expect(await currentTierOf(db, other.store.id, alice)).toBeNull();
  });

  it('downgrades only at the period end: not one millisecond before, exactly at it, and a late run settles at the end', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice, bob],
      order,
    } = await setUp(db, 'Downgrade', SPEND_TIERS, 2);
    for (const customer of [alice, bob]) {
      await order(customer, { id: `${customer}-big`, day: '2025-01-09', total: 52_000 });
      await evaluateCustomerTier(db, storeId, customer, '2025-01-10T12:00:00Z');
      // Still inside the window at the period end: enough for Silver, not for Gold.
      await order(customer, { id: `${customer}-small`, day: '2025-06-01', total: 15_000 });
    }
    expect((await tierStateOf(db, storeId, alice)).tier).toBe('Gold');

    // Months later the measure is far below Gold, but the customer keeps the tier.
    expect(await evaluateCustomerTier(db, storeId, alice, '2025-12-31T00:00:00Z')).toEqual([]);
    expect(await settleEndedTierPeriods(db, storeId, '2026-01-10T11:59:59.999Z')).toEqual([]);
    expect((await tierStateOf(db, storeId, alice)).tier).toBe('Gold');

    const settled = await settleEndedTierPeriods(db, storeId, '2026-01-10T12:00:00.000Z');
    expect(settled.map((c) => [c.customerId, c.from, c.to, c.at, c.measure])).toEqual(
      [alice, bob].sort().map((id) => [id, 'Gold', 'Silver', '2026-01-10T12:00:00.000Z', 15_000]),
    );
    expect(await tierStateOf(db, storeId, alice)).toEqual({
      tier: 'Silver',
      since: '2026-01-10T12:00:00.000Z',
      periodEnd: '2027-01-10T12:00:00.000Z',
    });
    expect(await tierEvents(db, storeId, alice)).toEqual([
      { at: '2025-01-10T12:00:00.000Z', from: null, to: 'Gold' },
      { at: '2026-01-10T12:00:00.000Z', from: 'Gold', to: 'Silver' },
    ]);
    // The job is idempotent.
    expect(await tierPeriodEndJob.run(db, storeId, '2026-01-10T12:00:00.000Z')).toBe(0);

    // A run two years late settles each period at its end: Silver is lost at the next period end
    // (the June order has left the window by then), not at now.
    expect(await tierPeriodEndJob.run(db, storeId, '2028-06-01T00:00:00Z')).toBe(2);
    expect(await tierStateOf(db, storeId, alice)).toEqual({ tier: null, since: null, periodEnd: null });
    expect((await tierEvents(db, storeId, alice)).at(-1)).toEqual({
      at: '2027-01-10T12:00:00.000Z',
      from: 'Silver',
      to: null,
    });
  });

  it('renews a tier the customer still reaches at the period end, without an event', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
      order,
    } = await setUp(db, 'Renew');
    await order(alice, { id: 'o1', day: '2025-01-09', total: 12_000 });
    await evaluateCustomerTier(db, storeId, alice, '2025-01-10T12:00:00Z');
    await order(alice, { id: 'o2', day: '2025-11-01', total: 10_000 });
    expect(await settleEndedTierPeriods(db, storeId, '2026-01-10T12:00:00Z')).toEqual([]);
    expect(await tierStateOf(db, storeId, alice)).toEqual({
      tier: 'Silver',
      since: '2025-01-10T12:00:00.000Z',
      periodEnd: '2027-01-10T12:00:00.000Z',
    });
    expect(await tierEvents(db, storeId, alice)).toHaveLength(1);
  });

  it('counts spend over the rolling 12 months: an order leaves the window on its day a year later (at UTC+14)', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
      order,
    } = await setUp(db, 'Window');
    const settings = (await readTierSettings(db, storeId))!;
    await order(alice, { id: 'o1', day: '2025-03-15', total: 10_000 });
    // The latest date anywhere (UTC+14) turns 2026-03-15 at 2026-03-14T10:00Z.
    expect(await tierMeasureOf(db, storeId, alice, settings, '2026-03-14T09:59:59.999Z')).toBe(10_000);
    expect(await tierMeasureOf(db, storeId, alice, settings, '2026-03-14T10:00:00.000Z')).toBe(0);
    // And it counts from its own day: not before.
    expect(await tierMeasureOf(db, storeId, alice, settings, '2025-03-14T09:59:59.999Z')).toBe(0);
    expect(await tierMeasureOf(db, storeId, alice, settings, '2025-03-14T10:00:00.000Z')).toBe(10_000);
    const lifetime = { ...settings, basis: 'lifetime_spend' as const };
    expect(await tierMeasureOf(db, storeId, alice, lifetime, '2030-01-01T00:00:00Z')).toBe(10_000);
  });

  it('counts spend net of refunds, without cancelled orders or other currencies, and a refund lowers it', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
      order,
    } = await setUp(db, 'Refunds');
    const settings = (await readTierSettings(db, storeId))!;
    const at = '2025-06-30T00:00:00Z';
    await order(alice, { id: 'o1', day: '2025-06-01', total: 20_000, refunded: 5_000, status: 'partially_refunded' });
    await order(alice, { id: 'o2', day: '2025-06-02', total: 7_000, refunded: 7_000, status: 'refunded' });
    await order(alice, { id: 'o3', day: '2025-06-03', total: 9_000, status: 'cancelled' });
    await order(alice, { id: 'o4', day: '2025-06-04', total: 9_000, cancelledAt: '2025-06-05T00:00:00Z' });
    await order(alice, { id: 'o5', day: '2025-06-05', total: 9_000, currency: 'USD' });
    expect(await tierMeasureOf(db, storeId, alice, settings, at)).toBe(15_000);
    // A refund written later lowers the measure; the tier reached meanwhile stays until the period end.
    await evaluateCustomerTier(db, storeId, alice, at);
    expect((await tierStateOf(db, storeId, alice)).tier).toBe('Silver');
    await order(alice, { id: 'o1', day: '2025-06-01', total: 20_000, refunded: 15_000, status: 'partially_refunded' });
    expect(await tierMeasureOf(db, storeId, alice, settings, at)).toBe(5_000);
    await evaluateCustomerTier(db, storeId, alice, '2025-07-01T00:00:00Z');
    expect((await tierStateOf(db, storeId, alice)).tier).toBe('Silver');
    expect((await tierStatusOf(db, storeId, alice, '2025-07-01T00:00:00Z')).qualifiesFor).toBeNull();
    await settleEndedTierPeriods(db, storeId, '2026-06-30T00:00:00Z');
    expect((await tierStateOf(db, storeId, alice)).tier).toBeNull();
  });

  it('measures points from earn entries minus reversals, in the rolling window', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
    } = await setUp(db, 'Points', {
      basis: 'rolling_12_month_points',
      levels: [{ name: 'Fan', threshold: 100 }],
    });
    const settings = (await readTierSettings(db, storeId))!;
    const post = (kind: 'earn' | 'reverse' | 'redeem', points: number, key: string, postedAt: string) =>
      postPoints(db, storeId, alice, { kind, points, sourceKey: key, reason: 'test', postedAt, availableAt: postedAt });
    await post('earn', 150, 'order:1:earn', '2025-03-15T08:00:00Z');
    await post('reverse', -30, 'order:1:reverse', '2025-03-20T08:00:00Z');
    await post('redeem', -100, 'redeem:1', '2025-03-21T08:00:00Z');
    expect(await tierMeasureOf(db, storeId, alice, settings, '2025-03-15T07:59:59.999Z')).toBe(0);
    expect(await tierMeasureOf(db, storeId, alice, settings, '2025-03-15T08:00:00.000Z')).toBe(150);
    // Spending points does not lower the measure; a reversal does.
    expect(await tierMeasureOf(db, storeId, alice, settings, '2025-04-01T00:00:00Z')).toBe(120);
    expect(await tierMeasureOf(db, storeId, alice, settings, '2026-03-15T07:59:59.999Z')).toBe(120);
    // The earn entry leaves the window; the reversal alone counts as nothing, not below 0.
    expect(await tierMeasureOf(db, storeId, alice, settings, '2026-03-15T08:00:00.000Z')).toBe(0);
    expect((await evaluateCustomerTier(db, storeId, alice, '2025-04-01T00:00:00Z')).map((c) => c.to)).toEqual(['Fan']);
  });

  it('loses no upgrade when orders of one customer are processed at the same time', async () => {
    const { db } = database();
    const levels = Array.from({ length: 20 }, (_, i) => ({ name: `L${i + 1}`, threshold: (i + 1) * 1_000 }));
    const { storeId, customerIds, order } = await setUp(
      db,
      'Concurrent',
      { basis: 'lifetime_spend', currency: 'EUR', levels },
      4,
    );
    // The tier rows exist (so no evaluation waits on another's insert of the row). Then every
    // order is written and evaluated, all at once; each evaluation at its own instant, so a change
    // applied twice would leave two events instead of one.
    for (const customer of customerIds) await evaluateCustomerTier(db, storeId, customer, '2025-04-01T00:00:00Z');
    const tasks = customerIds.flatMap((customer, c) =>
      Array.from({ length: 20 }, async (_, i) => {
        const id = await order(customer, { id: `${c}-${i}`, day: '2025-05-01', total: 1_000 });
        const now = new Date(Date.parse('2025-05-01T12:00:00Z') + i).toISOString();
        await updateTierForOrder(db, storeId, (await findOrder(db, storeId, id))!, now);
      }),
    );
    await Promise.all(tasks);
    for (const customer of customerIds) {
      expect((await tierStateOf(db, storeId, customer)).tier).toBe('L20');
      // The events form one chain from no tier to L20: no change was lost or applied twice.
      const events = await tierEvents(db, storeId, customer);
      expect(events[0].from).toBeNull();
      for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
      expect(events.at(-1)?.to).toBe('L20');
    }
  });

  it('makes a second evaluation wait for the first one holding the customer lock', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
      order,
    } = await setUp(db, 'Lock', {
      basis: 'lifetime_spend',
      currency: 'EUR',
      levels: [
        { name: 'L1', threshold: 1_000 },
        { name: 'L2', threshold: 2_000 },
      ],
    });
    // The customer's tier row exists already (evaluated before any order), so only the lock on it,
    // not a concurrent insert of it, can make the second evaluation wait.
    expect(await evaluateCustomerTier(db, storeId, alice, '2025-04-01T00:00:00Z')).toEqual([]);
    await order(alice, { id: 'o1', day: '2025-05-01', total: 1_000 });
    await order(alice, { id: 'o2', day: '2025-05-01', total: 1_000 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = db.transaction().execute(async (trx) => {
      const changes = await evaluateCustomerTier(trx, storeId, alice, '2025-05-01T12:00:00.000Z');
      holding();
      await gate;
      return changes;
    });
    await held;
    const second = evaluateCustomerTier(db, storeId, alice, '2025-05-01T12:00:00.001Z');
    // Release the first only once the second is seen waiting (or, without the lock, has finished).
    await Promise.race([waitingOnALock(db, dialect), second]);
    release();
    expect((await first).map((c) => c.to)).toEqual(['L2']);
    // Without the lock the second would read "no tier" and upgrade from it a second time.
    expect(await second).toEqual([]);
    expect(await tierEvents(db, storeId, alice)).toEqual([{ at: '2025-05-01T12:00:00.000Z', from: null, to: 'L2' }]);
  });

  it('shows the status: tier, measure, next tier and what is missing', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [alice],
      order,
    } = await setUp(db, 'Status');
    await order(alice, { id: 'o1', day: '2025-01-09', total: 12_000 });
    await evaluateCustomerTier(db, storeId, alice, '2025-01-10T12:00:00Z');
    expect(await tierStatusOf(db, storeId, alice, '2025-01-11T00:00:00Z')).toEqual({
      tier: {
        name: 'Silver',
        perks: { earnMultiplier: 1.25, freeShipping: false, memberCouponPercent: null, partnerPerks: [] },
        since: '2025-01-10T12:00:00.000Z',
        periodEnd: '2026-01-10T12:00:00.000Z',
      },
      measure: {
        basis: 'rolling_12_month_spend',
        value: 12_000,
        currency: 'EUR',
        windowStart: '2024-01-11T00:00:00.000Z',
        asOf: '2025-01-11T00:00:00.000Z',
      },
      qualifiesFor: 'Silver',
      nextTier: { name: 'Gold', threshold: 50_000, missing: 38_000 },
    });
    const { store } = await createStore(db, { name: 'No tiers' });
    await expect(tierStatusOf(db, store.id, alice, '2025-01-11T00:00:00Z')).rejects.toMatchObject({
      code: 'TIERS_NOT_CONFIGURED',
    });
  });
});

/**
 * Resolves when a session of this database waits for a lock (PostgreSQL), or at once on SQLite,
 * where a second evaluation cannot start while a transaction holds the one connection.
 */
async function waitingOnALock(db: Kysely<Database>, dialect: (typeof dialects)[number]): Promise<void> {
  if (dialect === 'sqlite') return;
  // On Citus the lock is waited for on the worker that holds the store; citus_stat_activity sees
  // every node's sessions.
  const activity = sql.table(dialect === 'citus' ? 'citus_stat_activity' : 'pg_stat_activity');
  for (;;) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${activity} where datname = current_database() and wait_event_type = 'Lock'`.execute(
      db,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
