/**
 * Built-in segments on a store with known metrics, and membership refreshes: entries and exits
 * written with one event each, however often and however concurrently they run.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { refreshCustomerSegments, refreshSegment, refreshSegments } from './segment-refresh.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import type { EvaluationContext } from './explain.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { builtInSegmentId, listSegmentMembers, listSegments } from './segment.repository.js';
import { createSegment, deleteSegment, updateSegment } from './segments.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { NewCustomerMetricsRow } from './customer-metrics.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const AS_OF_DAY = dayFromIso('2024-12-26');
const at: EvaluationContext = { asOfDay: AS_OF_DAY, asOf: '2024-12-26T23:59:59.999Z' };

function metrics(storeId: string, customerId: string, m: Partial<NewCustomerMetricsRow>): NewCustomerMetricsRow {
  return {
    store_id: storeId,
    customer_id: customerId,
    as_of_day: AS_OF_DAY,
    orders_count: 1,
    purchase_days: 1,
    total_spent_minor: 1000,
    currency: 'EUR',
    first_order_day: AS_OF_DAY - 10,
    last_order_day: AS_OF_DAY - 10,
    avg_interval_days: null,
    rfm_recency: 3,
    rfm_frequency: 1,
    rfm_monetary: 3,
    rfm_segment: 'About to sleep',
    value_percentile: 50,
    p_alive: 1,
    p_alive_previous: null,
    p_alive_previous_day: null,
    expected_orders: 0.1,
    predicted_clv_minor: 100,
    expected_next_order_day: null,
    computed_at: '2024-12-27T00:00:00.000Z',
    ...m,
  };
}

/** Five customers whose built-in memberships are known by their definitions. */
async function knownStore(db: Kysely<Database>, name: string) {
  const { store } = await createStore(db, { name });
  const id: Record<string, string> = {};
  for (const c of ['a', 'b', 'c', 'd', 'e'])
    id[c] = (await upsertCustomerByExternalId(db, store.id, { externalId: c })).id;
  const d = AS_OF_DAY;
  await db
    .insertInto('customer_metrics')
    .values([
      // Champion, VIP, ordered 3 days ago with a 10-day habit.
      metrics(store.id, id.a, {
        orders_count: 5,
        purchase_days: 5,
        rfm_segment: 'Champions',
        p_alive: 0.9,
        value_percentile: 99,
        last_order_day: d - 3,
        first_order_day: d - 43,
        avg_interval_days: 10,
      }),
      // One-time buyer 200 days ago: lapsed by the one-time default (180 days).
      metrics(store.id, id.b, {
        rfm_segment: 'Lost',
        last_order_day: d - 200,
        first_order_day: d - 200,
        value_percentile: 10,
      }),
      // Repeat customer whose P(alive) fell to 0.2, 100 days since the last order against a 20-day habit.
      metrics(store.id, id.c, {
        orders_count: 3,
        purchase_days: 3,
        rfm_segment: 'At risk',
        p_alive: 0.2,
        p_alive_previous: 0.6,
        value_percentile: 60,
        last_order_day: d - 100,
        first_order_day: d - 140,
        avg_interval_days: 20,
      }),
      // At the VIP cut, 1.5 x their interval since the last order, P(alive) 0.6.
      metrics(store.id, id.d, {
        orders_count: 2,
        purchase_days: 2,
        rfm_segment: 'Hibernating',
        p_alive: 0.6,
        value_percentile: 95,
        last_order_day: d - 30,
        first_order_day: d - 50,
        avg_interval_days: 20,
      }),
    ])
    .execute();
  return { storeId: store.id, id };
}

async function events(db: Kysely<Database>, storeId: string, kind: 'segment_entered' | 'segment_exited') {
  const rows = await db
    .selectFrom('customer_events')
    .select(['customer_id', 'payload'])
    .where('store_id', '=', storeId)
    .where('kind', '=', kind)
    .execute();
  return rows.map((r) => `${r.customer_id} ${(JSON.parse(r.payload) as { segmentId: string }).segmentId}`).sort();
}

async function membersOf(db: Kysely<Database>, storeId: string, key: string): Promise<string[]> {
  const page = await listSegmentMembers(db, storeId, builtInSegmentId(storeId, key), { limit: 1000 });
  return page.members.map((m) => m.externalId).sort();
}

describe.each(dialects)('segment membership on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('built-ins: RFM segments, one-time buyers, at risk, VIP and lapsed by their definitions', async () => {
    const { db } = database();
    const { storeId } = await knownStore(db, 'Known');
    const results = await refreshSegments(db, storeId, at, '2024-12-27T01:00:00.000Z');
    expect(results).toHaveLength(BUILT_IN_SEGMENTS.length);
    expect(await membersOf(db, storeId, 'rfm-champions')).toEqual(['a']);
    expect(await membersOf(db, storeId, 'rfm-lost')).toEqual(['b']);
    expect(await membersOf(db, storeId, 'rfm-at-risk')).toEqual(['c']);
    expect(await membersOf(db, storeId, 'one-time-buyers')).toEqual(['b']);
    expect(await membersOf(db, storeId, 'at-risk')).toEqual(['c']);
    expect(await membersOf(db, storeId, 'vip')).toEqual(['a', 'd']);
    expect(await membersOf(db, storeId, 'lapsed')).toEqual(['b', 'c']);
    const listed = await listSegments(db, storeId);
    expect(listed.map((s) => s.builtInKey)).toEqual(BUILT_IN_SEGMENTS.map((b) => b.key));
    expect(listed.find((s) => s.builtInKey === 'vip')!.members).toBe(2);
  });

  it('records each entry and exit once, across repeated, concurrent and per-customer refreshes', async () => {
    const { db } = database();
    const { storeId, id } = await knownStore(db, 'Events');
    const atRisk = builtInSegmentId(storeId, 'at-risk');
    await refreshSegments(db, storeId, at, '2024-12-27T01:00:00.000Z');
    const entered = await events(db, storeId, 'segment_entered');
    // a: Champions + VIP; b: Lost, one-time, lapsed; c: At risk (RFM), at risk, lapsed; d: Hibernating, VIP.
    expect(entered).toHaveLength(10);
    // Again, and twice at once: nothing changes, no event.
    await refreshSegments(db, storeId, at, '2024-12-27T02:00:00.000Z');
    await Promise.all([
      refreshSegment(db, storeId, atRisk, at, '2024-12-27T03:00:00.000Z'),
      refreshSegment(db, storeId, atRisk, at, '2024-12-27T03:00:00.001Z'),
    ]);
    expect(await events(db, storeId, 'segment_entered')).toEqual(entered);
    expect(await events(db, storeId, 'segment_exited')).toEqual([]);

    // c recovers: one exit; refreshed again: still one.
    await db
      .updateTable('customer_metrics')
      .set({ p_alive: 0.7 })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id.c)
      .execute();
    await refreshSegment(db, storeId, atRisk, at, '2024-12-28T00:00:00.000Z');
    await refreshSegment(db, storeId, atRisk, at, '2024-12-28T01:00:00.000Z');
    expect(await events(db, storeId, 'segment_exited')).toEqual([`${id.c} ${atRisk}`]);
    // c falls again: a second entry, its own event.
    await db
      .updateTable('customer_metrics')
      .set({ p_alive: 0.1 })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id.c)
      .execute();
    await refreshSegment(db, storeId, atRisk, at, '2024-12-29T00:00:00.000Z');
    expect((await events(db, storeId, 'segment_entered')).filter((e) => e === `${id.c} ${atRisk}`)).toHaveLength(2);

    // d falls: the per-customer refresh (after an order) enters them at once; a full refresh then adds nothing.
    await db
      .updateTable('customer_metrics')
      .set({ p_alive: 0.3 })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id.d)
      .execute();
    const changes = await refreshCustomerSegments(db, storeId, id.d, at, '2024-12-29T01:00:00.000Z');
    expect(changes.map((c) => [c.segmentId, c.entered, c.exited])).toEqual([[atRisk, 1, 0]]);
    expect(await refreshCustomerSegments(db, storeId, id.d, at, '2024-12-29T01:00:00.001Z')).toEqual([]);
    await refreshSegments(db, storeId, at, '2024-12-29T02:00:00.000Z');
    expect((await events(db, storeId, 'segment_entered')).filter((e) => e === `${id.d} ${atRisk}`)).toHaveLength(1);
    expect(await membersOf(db, storeId, 'at-risk')).toEqual(['c', 'd']);
    expect((await listSegments(db, storeId)).find((s) => s.id === atRisk)!.members).toBe(2);

    // a falls too, and five order updates of a run at once beside a whole refresh: one entry, one event.
    await db
      .updateTable('customer_metrics')
      .set({ p_alive: 0.2 })
      .where('store_id', '=', storeId)
      .where('customer_id', '=', id.a)
      .execute();
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        refreshCustomerSegments(db, storeId, id.a, at, `2024-12-30T00:00:00.00${i}Z`),
      ),
      refreshSegment(db, storeId, atRisk, at, '2024-12-30T00:00:00.009Z'),
      refreshSegments(db, storeId, at, '2024-12-30T00:00:00.010Z'),
    ]);
    expect((await events(db, storeId, 'segment_entered')).filter((e) => e === `${id.a} ${atRisk}`)).toHaveLength(1);
    expect(await membersOf(db, storeId, 'at-risk')).toEqual(['a', 'c', 'd']);
    await refreshSegment(db, storeId, atRisk, at, '2024-12-30T01:00:00.000Z');
    expect((await listSegments(db, storeId)).find((s) => s.id === atRisk)!.members).toBe(3);
  });

  it("the store's own segments: created, refreshed, changed, paged and deleted; built-ins are read-only", async () => {
    const { db } = database();
    const { storeId } = await knownStore(db, 'Own');
    const now = '2024-12-27T00:00:00.000Z';
    const segment = await createSegment(
      db,
      storeId,
      { name: 'Repeaters', rule: { field: 'orders_count', op: 'gte', value: 2 } },
      now,
    );
    expect(segment.id).toMatch(/^seg_[0-9a-z]{26}$/);
    expect((await refreshSegment(db, storeId, segment.id, at, now)).members).toBe(3);
    const first = await listSegmentMembers(db, storeId, segment.id, { limit: 2 });
    expect(first.members).toHaveLength(2);
    const second = await listSegmentMembers(db, storeId, segment.id, { limit: 2, cursor: first.nextCursor! });
    expect(second.members).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.members, ...second.members].map((m) => m.externalId).sort()).toEqual(['a', 'c', 'd']);

    await updateSegment(
      db,
      storeId,
      segment.id,
      { name: 'Big repeaters', rule: { field: 'orders_count', op: 'gte', value: 3 } },
      now,
    );
    const refreshed = await refreshSegment(db, storeId, segment.id, at, '2024-12-27T01:00:00.000Z');
    expect([refreshed.members, refreshed.entered, refreshed.exited]).toEqual([2, 0, 1]);

    await refreshSegments(db, storeId, at, now);
    const vip = builtInSegmentId(storeId, 'vip');
    await expect(updateSegment(db, storeId, vip, { name: 'x', rule: { all: [] } }, now)).rejects.toMatchObject({
      code: 'SEGMENT_BUILT_IN',
    });
    await expect(deleteSegment(db, storeId, vip)).rejects.toMatchObject({ code: 'SEGMENT_BUILT_IN' });
    await expect(
      createSegment(db, storeId, { name: 'Bad', rule: { all: [{ field: 'x' }] } }, now),
    ).rejects.toMatchObject({ code: 'SEGMENT_RULE_INVALID', details: { path: '/all/0/field' } });

    await deleteSegment(db, storeId, segment.id);
    await expect(refreshSegment(db, storeId, segment.id, at, now)).rejects.toMatchObject({ code: 'SEGMENT_NOT_FOUND' });
    // Another store cannot see or refresh this store's segments.
    const other = await createStore(db, { name: 'Other' });
    await expect(refreshSegment(db, other.store.id, vip, at, now)).rejects.toMatchObject({ code: 'SEGMENT_NOT_FOUND' });
  });
});
