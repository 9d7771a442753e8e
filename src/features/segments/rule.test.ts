import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import { conditionsOf, MAX_RULE_DEPTH, MAX_RULE_NODES, parseSegmentRule, segmentFieldCatalogue } from './rule.js';

function failure(input: unknown): { path: string; message: string } {
  try {
    parseSegmentRule(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    const e = error as RegularsError;
    expect(e.code).toBe('SEGMENT_RULE_INVALID');
    return { path: e.details.path as string, message: e.message };
  }
  throw new Error(`parsed: ${JSON.stringify(input)}`);
}

describe('parseSegmentRule', () => {
  it('accepts and/or/not nesting over every field with its operators', () => {
    const rule = {
      all: [
        { field: 'orders_count', op: 'gte', value: 2 },
        { any: [{ field: 'p_alive', op: 'lt', value: 0.5 }, { not: { field: 'tier', op: 'exists' } }] },
        { field: 'total_spent', op: 'between', value: [1000, 50000] },
        { field: 'rfm_segment', op: 'in', value: ['Champions', 'Loyal'] },
        { field: 'bought_product', op: 'contains', value: 'BEANS-1KG', days: 30 },
        { field: 'bought_category', op: 'in', value: ['coffee', 'gear'] },
        { field: 'tag', op: 'exists', value: false },
        { field: 'consent', op: 'contains', value: 'email:marketing' },
        { field: 'event', op: 'contains', value: 'cart_abandoned', days: 3 },
        { field: 'created_days_ago', op: 'lte', value: 30 },
        { field: 'expected_next_order_date', op: 'between', value: [-7, 7] },
      ],
    };
    expect(parseSegmentRule(rule)).toEqual(rule);
    expect(conditionsOf(parseSegmentRule(rule))).toHaveLength(12);
    expect(parseSegmentRule({ all: [] })).toEqual({ all: [] });
  });

  it('points at the faulty part with a JSON pointer', () => {
    expect(failure(null).path).toBe('/');
    expect(failure({ all: {} }).path).toBe('/all');
    expect(
      failure({
        all: [
          { field: 'orders_count', op: 'gte', value: 1 },
          { field: 'nope', op: 'eq', value: 1 },
        ],
      }),
    ).toMatchObject({ path: '/all/1/field' });
    expect(failure({ any: [{ not: { field: 'p_alive', op: 'contains', value: 1 } }] }).path).toBe('/any/0/not/op');
    expect(failure({ field: 'p_alive', op: 'lt', value: '0.5' }).path).toBe('/value');
    expect(failure({ field: 'p_alive', op: 'lt' }).path).toBe('/value');
    expect(failure({ field: 'orders_count', op: 'eq', value: 1.5 }).path).toBe('/value');
    expect(failure({ field: 'total_spent', op: 'between', value: [10, 5] }).path).toBe('/value');
    expect(failure({ field: 'total_spent', op: 'between', value: [10, 'x'] }).path).toBe('/value/1');
    expect(failure({ field: 'rfm_segment', op: 'in', value: ['Champions', 'Kings'] }).path).toBe('/value/1');
    expect(failure({ field: 'rfm_segment', op: 'in', value: [] }).path).toBe('/value');
    expect(failure({ field: 'tag', op: 'eq', value: 'x' }).path).toBe('/op');
    expect(failure({ field: 'tag', op: 'contains', value: 'x', days: 3 }).path).toBe('/days');
    expect(failure({ field: 'event', op: 'contains', value: 'cart_updated', days: 0 }).path).toBe('/days');
    expect(failure({ field: 'event', op: 'contains', value: 'party' }).path).toBe('/value');
    expect(failure({ field: 'consent', op: 'contains', value: 'email' }).path).toBe('/value');
    expect(failure({ field: 'tier', op: 'exists', value: 'yes' }).path).toBe('/value');
    expect(failure({ field: 'tier', op: 'eq', value: 'Gold', feild: 'x' }).path).toBe('/feild');
    expect(failure({ all: [], any: [] }).path).toBe('/');
    expect(failure({ 'a/b': 1 }).path).toBe('/a~1b');
  });

  it('bounds the size and depth of a rule', () => {
    let deep: unknown = { field: 'orders_count', op: 'gte', value: 1 };
    for (let i = 0; i <= MAX_RULE_DEPTH; i++) deep = { not: deep };
    expect(failure(deep).message).toMatch(/nest/);
    const wide = {
      any: Array.from({ length: MAX_RULE_NODES }, () => ({ field: 'orders_count', op: 'gte', value: 1 })),
    };
    expect(failure(wide).message).toMatch(/at most/);
  });

  it('parses every built-in rule', () => {
    for (const b of BUILT_IN_SEGMENTS) expect(parseSegmentRule(JSON.parse(JSON.stringify(b.rule)))).toEqual(b.rule);
    expect(new Set(BUILT_IN_SEGMENTS.map((b) => b.key)).size).toBe(BUILT_IN_SEGMENTS.length);
  });
});

describe('the field catalogue', () => {
  it('offers for each field exactly the operators the parser accepts', () => {
    for (const field of segmentFieldCatalogue()) {
      for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'exists', 'contains']) {
        const offered = (field.operators as string[]).includes(op);
        const value =
          op === 'exists'
            ? true
            : op === 'between'
              ? [1, 2]
              : op === 'in'
                ? [field.values?.[0] ?? (field.type === 'number' ? 1 : 'a:b')]
                : field.type === 'number'
                  ? 1
                  : (field.values?.[0] ?? 'a:b');
        const parses = (() => {
          try {
            parseSegmentRule({ field: field.name, op, value });
            return true;
          } catch {
            return false;
          }
        })();
        expect(parses, `${field.name} ${op}`).toBe(offered);
      }
    }
  });
});
