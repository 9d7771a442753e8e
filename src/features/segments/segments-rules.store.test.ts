/**
 * Segment rules in SQL against the JS evaluation of the same rules, on both dialects: every field
 * and operator, random and/or/not trees over a generated store with orders, lines, tags, tiers,
 * points, consent and events.
 */
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshCustomerMetrics } from './customer-metrics.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { RFM_SEGMENTS } from '../../analytics/rfm.js';
import { createRng, type Rng } from '../../platform/random.js';
import { type CustomerFacts, type EvaluationContext, ruleHolds } from './explain.js';
import {
  FIELD_NAMES,
  NUMBER_OPS,
  parseSegmentRule,
  SEGMENT_FIELDS,
  SET_OPS,
  TEXT_OPS,
  type SegmentField,
  type SegmentRule,
} from './rule.js';
import { loadCustomerFacts } from './segment-facts.query.js';
import { previewRule, ruleMemberIds } from './segment-members.query.js';
import { recordConsent } from '../consent/index.js';
import { recordCustomerEvent } from '../events/customer-event.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { CATEGORY, generateOrders, SKUS, storeWithOrders, TAGS } from './segments.fixtures.js';

const AS_OF = '2024-12-26';
const at: EvaluationContext = { asOfDay: dayFromIso(AS_OF), asOf: `${AS_OF}T23:59:59.999Z` };
const EVENT_KINDS = ['cart_updated', 'checkout_started', 'review_submitted', 'product_viewed', 'cart_abandoned'];
const CONSENT = ['email:marketing', 'sms:marketing', 'email:transactional'];

/** Values around which each field's customers actually lie, so random conditions split them. */
function randomValue(rng: Rng, field: SegmentField): number | string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));
  switch (field) {
    case 'orders_count':
      return int(0, 6);
    case 'total_spent':
    case 'predicted_clv':
      return int(0, 40_000);
    case 'days_since_last_order':
      return int(0, 360);
    case 'avg_interval_days':
      return rng.next() < 0.3 ? int(1, 90) : rng.next() * 90;
    case 'interval_ratio':
      return rng.next() < 0.3 ? int(0, 4) : rng.next() * 4;
    case 'rfm_segment':
      return pick(RFM_SEGMENTS.map((s) => s.name));
    case 'value_percentile':
      return int(0, 99);
    case 'p_alive':
    case 'p_alive_previous':
      return rng.next();
    case 'expected_orders':
      return rng.next() * 2;
    case 'expected_next_order_date':
      return int(-200, 120);
    case 'tier':
      return pick(['Silver', 'Gold', 'Platinum']);
    case 'points':
      return int(0, 1000);
    case 'created_days_ago':
      return int(-5, 365);
    case 'bought_product':
      return pick(SKUS);
    case 'bought_category':
      return pick([...new Set(Object.values(CATEGORY)), 'tea']);
    case 'tag':
      return pick([...TAGS, 'unknown-tag']);
    case 'consent':
      return pick(CONSENT);
    case 'event':
      return pick(EVENT_KINDS);
  }
}

function randomCondition(rng: Rng, field: SegmentField, op: string): Record<string, unknown> {
  const spec = SEGMENT_FIELDS[field];
  const c: Record<string, unknown> = { field, op };
  if (op === 'exists') {
    if (rng.next() < 0.5) c.value = rng.next() < 0.5;
  } else if (op === 'between') {
    const a = randomValue(rng, field) as number;
    const b = randomValue(rng, field) as number;
    c.value = [Math.min(a, b), Math.max(a, b)];
  } else if (op === 'in') {
    c.value = [...new Set(Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => randomValue(rng, field)))];
  } else c.value = randomValue(rng, field);
  if ('window' in spec && spec.window && rng.next() < 0.5) c.days = 1 + Math.floor(rng.next() * 120);
  return c;
}

const opsOf = (field: SegmentField): readonly string[] => {
  const type = SEGMENT_FIELDS[field].type;
  return type === 'number' ? NUMBER_OPS : type === 'text' ? TEXT_OPS : SET_OPS;
};

function randomRule(rng: Rng, depth: number): Record<string, unknown> {
  const r = rng.next();
  if (depth > 0 && r < 0.35) {
    const n = Math.floor(rng.next() * 4);
    const children = Array.from({ length: n }, () => randomRule(rng, depth - 1));
    return rng.next() < 0.5 ? { all: children } : { any: children };
  }
  if (depth > 0 && r < 0.45) return { not: randomRule(rng, depth - 1) };
  const field = FIELD_NAMES[Math.floor(rng.next() * FIELD_NAMES.length)];
  const ops = opsOf(field);
  return randomCondition(rng, field, ops[Math.floor(rng.next() * ops.length)]);
}

async function decorate(db: Kysely<Database>, storeId: string, rng: Rng): Promise<void> {
  const customers = await db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();
  const instant = (fromDay: string, spanDays: number): string =>
    new Date(Date.parse(`${fromDay}T00:00:00Z`) + Math.floor(rng.next() * spanDays * 86_400_000)).toISOString();
  for (const { id } of customers) {
    await db
      .updateTable('customers')
      .set({ created_at: instant('2023-12-01', 400) })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
    if (rng.next() < 0.5) {
      await db
        .insertInto('customer_tiers')
        .values({
          store_id: storeId,
          customer_id: id,
          tier: ['Silver', 'Gold', 'Platinum', null][Math.floor(rng.next() * 4)],
          since: null,
          period_end: null,
          updated_at: '2024-01-01T00:00:00.000Z',
        })
        .execute();
    }
    if (rng.next() < 0.6)
      await db
        .insertInto('loyalty_balances')
        .values({ store_id: storeId, customer_id: id, points_total: Math.floor(rng.next() * 1000) })
        .execute();
    for (let k = Math.floor(rng.next() * 4); k > 0; k--) {
      const [channel, purpose] = CONSENT[Math.floor(rng.next() * CONSENT.length)].split(':');
      const status = (['granted', 'revoked', 'pending'] as const)[Math.floor(rng.next() * 3)];
      await recordConsent(db, storeId, id, {
        channel: channel as 'email',
        purpose,
        status,
        source: 'test',
        recordedAt: instant('2024-06-01', 240),
        ip: null,
        doubleOptInAt: null,
      });
    }
    for (let k = Math.floor(rng.next() * 4); k > 0; k--) {
      const kind = EVENT_KINDS[Math.floor(rng.next() * 4)] as 'cart_updated';
      await recordCustomerEvent(db, storeId, id, { kind, occurredAt: instant('2024-09-01', 130), payload: {} });
    }
  }
}

describe.each(dialects)('segment rules in SQL on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let storeId = '';
  const facts = new Map<string, CustomerFacts>();
  let ids: string[] = [];

  beforeAll(async () => {
    const { db } = database();
    storeId = await storeWithOrders(db, generateOrders(90, 11));
    // A customer without any order: every metric is missing.
    await db
      .insertInto('customers')
      .values({
        store_id: storeId,
        id: 'cus_0000000000000000000000000z',
        external_id: 'no-orders',
        tags: '[]',
        attributes: '{}',
        created_at: '2024-05-05T05:05:05.005Z',
        updated_at: '2024-05-05T05:05:05.005Z',
      })
      .execute();
    await decorate(db, storeId, createRng(5));
    await refreshCustomerMetrics(db, storeId, AS_OF, '2025-01-01T00:00:00.000Z');
    ids = (await db.selectFrom('customers').select('id').where('store_id', '=', storeId).orderBy('id').execute()).map(
      (r) => r.id,
    );
    for (const id of ids)
      facts.set(id, (await loadCustomerFacts(db, storeId, id, { day: at.asOfDay, instant: at.asOf }))!);
  });

  const jsMembers = (rule: SegmentRule): string[] => ids.filter((id) => ruleHolds(rule, facts.get(id)!, at));

  it('every field with every operator gives the same members in SQL as in JS', async () => {
    const { db } = database();
    const rng = createRng(99);
    let nonTrivial = 0;
    for (const field of FIELD_NAMES) {
      for (const op of opsOf(field)) {
        for (let k = 0; k < 3; k++) {
          const rule = parseSegmentRule(randomCondition(rng, field, op));
          const sqlIds = await ruleMemberIds(db, storeId, rule, at);
          expect(sqlIds, JSON.stringify(rule)).toEqual(jsMembers(rule));
          if (sqlIds.length > 0 && sqlIds.length < ids.length) nonTrivial++;
        }
      }
    }
    // Most conditions split the customers (a test of all-or-nothing answers would prove little).
    expect(nonTrivial).toBeGreaterThan(60);
  });

  it('random and/or/not trees agree between SQL and JS', async () => {
    const { db } = database();
    const rng = createRng(dialect === 'sqlite' ? 1 : 2);
    let split = 0;
    for (let k = 0; k < 80; k++) {
      const rule = parseSegmentRule(randomRule(rng, 3));
      const sqlIds = await ruleMemberIds(db, storeId, rule, at);
      expect(sqlIds, JSON.stringify(rule)).toEqual(jsMembers(rule));
      if (sqlIds.length > 0 && sqlIds.length < ids.length) split++;
    }
    expect(split).toBeGreaterThan(25);
  });

  it('previews a count and the first members', async () => {
    const { db } = database();
    const rule = parseSegmentRule({
      all: [
        { field: 'orders_count', op: 'gte', value: 2 },
        { not: { field: 'tag', op: 'contains', value: 'wholesale' } },
      ],
    });
    const expected = jsMembers(rule);
    const preview = await previewRule(db, storeId, rule, at, 5);
    expect(preview.count).toBe(expected.length);
    expect(preview.customers.map((c) => c.customerId)).toEqual(expected.slice(0, 5));
    expect(facts.get('cus_0000000000000000000000000z')!.metrics).toBeNull();
  });

  it('the rule of a customer without orders: counts are 0, the rest missing', async () => {
    const { db } = database();
    const none = 'cus_0000000000000000000000000z';
    const members = async (rule: unknown) =>
      (await ruleMemberIds(db, storeId, parseSegmentRule(rule), at)).includes(none);
    expect(await members({ field: 'orders_count', op: 'eq', value: 0 })).toBe(true);
    expect(await members({ field: 'p_alive', op: 'exists', value: false })).toBe(true);
    expect(await members({ field: 'days_since_last_order', op: 'ne', value: 3 })).toBe(false);
    expect(await members({ not: { field: 'days_since_last_order', op: 'eq', value: 3 } })).toBe(true);
  });
});
