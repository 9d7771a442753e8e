import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../analytics/day.js';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import { type CustomerFacts, explainRule, grantedConsent, ruleHolds } from './explain.js';
import { parseSegmentRule, type SegmentRule } from './rule.js';

const at = { asOfDay: dayFromIso('2024-06-30'), asOf: '2024-06-30T23:59:59.999Z' };
const day = (iso: string): number => dayFromIso(iso);

const facts: CustomerFacts = {
  createdAt: '2024-01-10T08:00:00.000Z',
  tags: ['newsletter'],
  metrics: {
    ordersCount: 3,
    totalSpentMinor: 12_000,
    lastOrderDay: day('2024-05-31'),
    avgIntervalDays: 15,
    rfmSegment: 'Loyal',
    valuePercentile: 97,
    pAlive: 0.4,
    pAlivePrevious: 0.8,
    expectedOrders: 0.7,
    predictedClvMinor: 9_000,
    expectedNextOrderDay: day('2024-06-15'),
  },
  tier: 'Gold',
  points: 250,
  consent: [
    { id: 'con_1', channel: 'email', purpose: 'marketing', status: 'granted', recordedAt: '2024-01-01T00:00:00.000Z' },
    { id: 'con_2', channel: 'email', purpose: 'marketing', status: 'revoked', recordedAt: '2024-03-01T00:00:00.000Z' },
    { id: 'con_3', channel: 'sms', purpose: 'marketing', status: 'granted', recordedAt: '2024-03-01T00:00:00.000Z' },
    { id: 'con_4', channel: 'email', purpose: 'marketing', status: 'granted', recordedAt: '2024-07-05T00:00:00.000Z' },
  ],
  purchases: [
    { day: day('2024-05-01'), date: '2024-05-01', skus: ['BEANS-1KG'], categories: ['coffee'] },
    { day: day('2024-05-31'), date: '2024-05-31', skus: ['MUG'], categories: ['gear'] },
    { day: day('2024-07-02'), date: '2024-07-02', skus: ['GRINDER'], categories: ['gear'] },
  ],
  events: [
    { kind: 'checkout_started', occurredAt: '2024-05-30T10:00:00.000Z' },
    { kind: 'cart_updated', occurredAt: '2024-06-28T10:00:00.000Z' },
    { kind: 'review_submitted', occurredAt: '2024-07-01T10:00:00.000Z' },
  ],
};

const holds = (rule: unknown, f: CustomerFacts = facts): boolean => ruleHolds(parseSegmentRule(rule), f, at);

describe('explainRule', () => {
  it('number fields with every operator', () => {
    expect(holds({ field: 'orders_count', op: 'eq', value: 3 })).toBe(true);
    expect(holds({ field: 'orders_count', op: 'ne', value: 3 })).toBe(false);
    expect(holds({ field: 'total_spent', op: 'gt', value: 12_000 })).toBe(false);
    expect(holds({ field: 'total_spent', op: 'gte', value: 12_000 })).toBe(true);
    expect(holds({ field: 'p_alive', op: 'lt', value: 0.5 })).toBe(true);
    expect(holds({ field: 'p_alive_previous', op: 'lte', value: 0.5 })).toBe(false);
    expect(holds({ field: 'days_since_last_order', op: 'between', value: [30, 30] })).toBe(true);
    expect(holds({ field: 'interval_ratio', op: 'eq', value: 2 })).toBe(true);
    expect(holds({ field: 'expected_next_order_date', op: 'eq', value: -15 })).toBe(true);
    expect(holds({ field: 'value_percentile', op: 'in', value: [96, 97] })).toBe(true);
    expect(holds({ field: 'expected_orders', op: 'exists' })).toBe(true);
    expect(holds({ field: 'predicted_clv', op: 'gt', value: 8999.5 })).toBe(true);
    expect(holds({ field: 'points', op: 'gte', value: 250 })).toBe(true);
    expect(holds({ field: 'avg_interval_days', op: 'lt', value: 15 })).toBe(false);
  });

  it('created_days_ago counts whole days', () => {
    // 2024-01-10T08:00 to 2024-06-30T23:59:59.999: 172 days and a bit.
    expect(holds({ field: 'created_days_ago', op: 'eq', value: 172 })).toBe(true);
    expect(holds({ field: 'created_days_ago', op: 'gt', value: 172 })).toBe(false);
  });

  it('text fields and missing values: a condition on a missing value never holds, not of it does', () => {
    expect(holds({ field: 'tier', op: 'eq', value: 'Gold' })).toBe(true);
    expect(holds({ field: 'rfm_segment', op: 'in', value: ['Champions', 'Loyal'] })).toBe(true);
    const bare: CustomerFacts = { ...facts, metrics: null, tier: null, points: 0 };
    expect(holds({ field: 'tier', op: 'ne', value: 'Gold' }, bare)).toBe(false);
    expect(holds({ not: { field: 'tier', op: 'eq', value: 'Gold' } }, bare)).toBe(true);
    expect(holds({ field: 'tier', op: 'exists', value: false }, bare)).toBe(true);
    expect(holds({ field: 'p_alive', op: 'lt', value: 2 }, bare)).toBe(false);
    expect(holds({ field: 'orders_count', op: 'eq', value: 0 }, bare)).toBe(true);
    expect(holds({ field: 'days_since_last_order', op: 'exists' }, bare)).toBe(false);
  });

  it('set fields: bought (in a window, purchases up to the as-of day), tags, consent in effect, events and abandoned carts', () => {
    expect(holds({ field: 'bought_product', op: 'contains', value: 'BEANS-1KG' })).toBe(true);
    expect(holds({ field: 'bought_product', op: 'contains', value: 'BEANS-1KG', days: 30 })).toBe(false);
    expect(holds({ field: 'bought_product', op: 'contains', value: 'MUG', days: 31 })).toBe(true);
    expect(holds({ field: 'bought_product', op: 'contains', value: 'GRINDER' })).toBe(false); // after the as-of day
    expect(holds({ field: 'bought_category', op: 'in', value: ['tea', 'gear'] })).toBe(true);
    expect(holds({ field: 'tag', op: 'contains', value: 'newsletter' })).toBe(true);
    expect(holds({ field: 'tag', op: 'exists', value: false })).toBe(false);
    expect(grantedConsent(facts.consent, at.asOf)).toEqual(['sms:marketing']);
    expect(holds({ field: 'consent', op: 'contains', value: 'email:marketing' })).toBe(false);
    expect(holds({ field: 'consent', op: 'in', value: ['email:marketing', 'sms:marketing'] })).toBe(true);
    expect(holds({ field: 'event', op: 'contains', value: 'review_submitted' })).toBe(false); // after the as-of instant
    // The checkout of 05-30 was followed by the order of 05-31; the cart of 06-28 was not.
    expect(holds({ field: 'event', op: 'contains', value: 'cart_abandoned', days: 7 })).toBe(true);
    expect(holds({ field: 'event', op: 'contains', value: 'cart_abandoned', days: 1 })).toBe(false);
    const recovered = {
      ...facts,
      purchases: [...facts.purchases, { day: day('2024-06-29'), date: '2024-06-29', skus: [], categories: [] }],
    };
    expect(holds({ field: 'event', op: 'contains', value: 'cart_abandoned' }, recovered)).toBe(false);
  });

  it('returns the tree with each actual value and whether it held', () => {
    const rule: SegmentRule = parseSegmentRule({
      all: [
        { field: 'p_alive', op: 'lt', value: 0.5 },
        { not: { field: 'tag', op: 'contains', value: 'newsletter' } },
        { any: [] },
      ],
    });
    expect(explainRule(rule, facts, at)).toEqual({
      all: [
        { field: 'p_alive', op: 'lt', value: 0.5, actual: 0.4, held: true },
        { not: { field: 'tag', op: 'contains', value: 'newsletter', actual: ['newsletter'], held: true }, held: false },
        { any: [], held: false },
      ],
      held: false,
    });
  });

  it('built-ins: at risk, VIP, lapsed (own interval, and the one-time default)', () => {
    const rule = (key: string) => BUILT_IN_SEGMENTS.find((b) => b.key === key)!.rule;
    expect(ruleHolds(rule('at-risk'), facts, at)).toBe(true);
    expect(ruleHolds(rule('vip'), facts, at)).toBe(true);
    // 30 days since the last order, interval 15: ratio 2, not beyond 2.
    expect(ruleHolds(rule('lapsed'), facts, at)).toBe(false);
    expect(ruleHolds(rule('lapsed'), facts, { ...at, asOfDay: at.asOfDay + 1 })).toBe(true);
    const oneTime: CustomerFacts = {
      ...facts,
      metrics: { ...facts.metrics!, ordersCount: 1, avgIntervalDays: null, lastOrderDay: at.asOfDay - 180, pAlive: 1 },
    };
    expect(ruleHolds(rule('lapsed'), oneTime, at)).toBe(false);
    expect(ruleHolds(rule('lapsed'), oneTime, { ...at, asOfDay: at.asOfDay + 1 })).toBe(true);
    expect(ruleHolds(rule('one-time-buyers'), oneTime, at)).toBe(true);
    expect(ruleHolds(rule('at-risk'), oneTime, at)).toBe(false);
    expect(ruleHolds(rule('rfm-loyal'), facts, at)).toBe(true);
  });
});
