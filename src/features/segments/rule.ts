/**
 * Segment rules as data (docs/segments.md): a JSON tree of and / or / not over conditions on one
 * customer's fields. The same tree is compiled to SQL (store/queries/segment-rule.query.ts) and
 * evaluated in JS for an explanation (explain.ts); both follow the semantics written here.
 *
 * Semantics every evaluator keeps:
 * - A condition on a missing value (no metrics, no prediction, no tier) does not hold, whatever the
 *   operator (`ne` included); `exists` asks for the value itself. `not` then negates plainly, so
 *   `not` of a condition on a missing value holds (two-valued logic, no SQL NULL surprises).
 * - `all: []` holds, `any: []` does not.
 */
import { RFM_SEGMENTS } from '../../analytics/rfm.js';
import { CUSTOMER_EVENT_KINDS } from '../events/index.js';
import { RegularsError } from '../../platform/errors.js';

export const NUMBER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'exists'] as const;
export const TEXT_OPS = ['eq', 'ne', 'in', 'exists'] as const;
export const SET_OPS = ['contains', 'in', 'exists'] as const;
export type Operator = (typeof NUMBER_OPS)[number] | (typeof SET_OPS)[number];

export type FieldType = 'number' | 'text' | 'set';

export interface FieldSpec {
  readonly type: FieldType;
  /** What the field is, for docs and error messages. */
  readonly description: string;
  /** Values must be whole numbers (day counts compared as whole days). */
  readonly integer?: boolean;
  /** The only values a text or set field takes, when closed. */
  readonly values?: readonly string[];
  /** A set field that takes a `days` window (only the last N days count). */
  readonly window?: boolean;
}

/** Derived event: a cart_updated or checkout_started with no purchase on the same day or later. */
export const CART_ABANDONED = 'cart_abandoned';

export const SEGMENT_FIELDS = {
  orders_count: {
    type: 'number',
    integer: true,
    description: 'purchases (orders not cancelled or fully refunded) up to the as-of day; 0 without any',
  },
  total_spent: { type: 'number', description: 'net spend of those purchases, minor units (0 without any)' },
  days_since_last_order: { type: 'number', integer: true, description: 'days from the last purchase to the as-of day' },
  avg_interval_days: {
    type: 'number',
    description: "the customer's own average days between purchase days (2+ purchase days)",
  },
  interval_ratio: {
    type: 'number',
    description: 'days_since_last_order / avg_interval_days: 2 means twice their usual gap',
  },
  rfm_segment: { type: 'text', values: RFM_SEGMENTS.map((s) => s.name), description: 'RFM segment name' },
  value_percentile: {
    type: 'number',
    integer: true,
    description: 'percentile 0-99 of predicted CLV (of total spent when no model could be fitted)',
  },
  p_alive: { type: 'number', description: 'BG/NBD probability that the customer is still active (0-1)' },
  p_alive_previous: { type: 'number', description: 'p_alive at the previous metrics refresh of an earlier as-of day' },
  expected_orders: { type: 'number', description: 'expected purchases in the next 91 days (13 weeks)' },
  predicted_clv: { type: 'number', description: '12-month CLV, minor units' },
  expected_next_order_date: {
    type: 'number',
    integer: true,
    description: 'days until the expected next order (last order + own average interval); negative when overdue',
  },
  tier: { type: 'text', description: 'loyalty tier name' },
  points: { type: 'number', integer: true, description: 'loyalty points total (0 without any)' },
  created_days_ago: { type: 'number', integer: true, description: 'whole days since the customer was first recorded' },
  bought_product: { type: 'set', window: true, description: 'SKUs bought (purchases only)' },
  bought_category: { type: 'set', window: true, description: 'categories bought (purchases only)' },
  tag: { type: 'set', description: "the customer's tags" },
  consent: { type: 'set', description: "granted consent as 'channel:purpose', e.g. 'email:marketing'" },
  event: {
    type: 'set',
    window: true,
    values: [...CUSTOMER_EVENT_KINDS, CART_ABANDONED],
    description: `event kinds that occurred, plus '${CART_ABANDONED}'`,
  },
} as const satisfies Record<string, FieldSpec>;

export type SegmentField = keyof typeof SEGMENT_FIELDS;
export const FIELD_NAMES = Object.keys(SEGMENT_FIELDS) as SegmentField[];

export interface Condition {
  readonly field: SegmentField;
  readonly op: Operator;
  /** number | string | [lo, hi] | list | boolean (exists); absent for exists (= true). */
  readonly value?: number | string | boolean | readonly number[] | readonly string[];
  /** Window in days for bought_product, bought_category and event. */
  readonly days?: number;
}

export type SegmentRule =
  | { readonly all: readonly SegmentRule[] }
  | { readonly any: readonly SegmentRule[] }
  | { readonly not: SegmentRule }
  | Condition;

/** Limits that keep a rule's SQL small enough for every dialect's parser and parameter limit. */
export const MAX_RULE_DEPTH = 16;
export const MAX_RULE_NODES = 200;
export const MAX_LIST_VALUES = 100;

export function isAll(rule: SegmentRule): rule is { readonly all: readonly SegmentRule[] } {
  return 'all' in rule;
}
export function isAny(rule: SegmentRule): rule is { readonly any: readonly SegmentRule[] } {
  return 'any' in rule;
}
export function isNot(rule: SegmentRule): rule is { readonly not: SegmentRule } {
  return 'not' in rule;
}

function invalid(path: string, message: string): RegularsError {
  return new RegularsError('SEGMENT_RULE_INVALID', `${path || '/'}: ${message}`, { path: path || '/' });
}

/** JSON pointer escaping (RFC 6901). */
function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a rule read from JSON and returns it typed; SEGMENT_RULE_INVALID with `details.path`, the
 * JSON pointer of the first faulty part, otherwise. Unknown keys are refused (a typo such as
 * "feild" must not silently widen a segment).
 */
export function parseSegmentRule(input: unknown): SegmentRule {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): SegmentRule => {
    if (++nodes > MAX_RULE_NODES) throw invalid(path, `a rule may have at most ${MAX_RULE_NODES} nodes`);
    if (depth > MAX_RULE_DEPTH) throw invalid(path, `a rule may nest at most ${MAX_RULE_DEPTH} levels`);
    if (!isObject(node))
      throw invalid(
        path,
        'expected an object: { "all": [...] }, { "any": [...] }, { "not": rule } or { "field", "op", "value" }',
      );
    const keys = Object.keys(node);
    for (const combinator of ['all', 'any'] as const) {
      if (combinator in node) {
        if (keys.length !== 1)
          throw invalid(path, `"${combinator}" must be the only key of its object (found ${keys.join(', ')})`);
        const list = node[combinator];
        if (!Array.isArray(list)) throw invalid(pointer(path, combinator), 'expected an array of rules');
        const items = list.map((child, i) => walk(child, pointer(pointer(path, combinator), i), depth + 1));
        return combinator === 'all' ? { all: items } : { any: items };
      }
    }
    if ('not' in node) {
      if (keys.length !== 1) throw invalid(path, `"not" must be the only key of its object (found ${keys.join(', ')})`);
      return { not: walk(node.not, pointer(path, 'not'), depth + 1) };
    }
    return parseCondition(node, path);
  };
  return walk(input, '', 0);
}

function parseCondition(node: Record<string, unknown>, path: string): Condition {
  for (const key of Object.keys(node)) {
    if (!['field', 'op', 'value', 'days'].includes(key))
      throw invalid(
        pointer(path, key),
        `unknown key "${key}"; a condition has field, op, value and (for some fields) days`,
      );
  }
  const field = node.field;
  if (typeof field !== 'string' || !(field in SEGMENT_FIELDS)) {
    throw invalid(pointer(path, 'field'), `unknown field ${JSON.stringify(field)}; one of ${FIELD_NAMES.join(', ')}`);
  }
  const spec: FieldSpec = SEGMENT_FIELDS[field as SegmentField];
  const ops: readonly string[] = spec.type === 'number' ? NUMBER_OPS : spec.type === 'text' ? TEXT_OPS : SET_OPS;
  const op = node.op;
  if (typeof op !== 'string' || !ops.includes(op)) {
    throw invalid(
      pointer(path, 'op'),
      `operator ${JSON.stringify(op)} does not apply to ${field} (${spec.type}); one of ${ops.join(', ')}`,
    );
  }
  const condition: { field: SegmentField; op: Operator; value?: Condition['value']; days?: number } = {
    field: field as SegmentField,
    op: op as Operator,
  };
  if ('days' in node) {
    const days = node.days;
    if (!spec.window)
      throw invalid(
        pointer(path, 'days'),
        `"days" applies only to bought_product, bought_category and event, not ${field}`,
      );
    if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > 36_600)
      throw invalid(pointer(path, 'days'), 'expected a whole number of days from 1 to 36600');
    condition.days = days;
  }
  const valuePath = pointer(path, 'value');
  const value = node.value;
  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean')
      throw invalid(valuePath, 'exists takes true (the default) or false');
    if (value !== undefined) condition.value = value;
    return condition;
  }
  if (value === undefined) throw invalid(valuePath, `operator ${op} needs a value`);
  const scalar = (v: unknown, at: string): number | string => {
    if (spec.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(at, `${field} compares with a number`);
      if (spec.integer && !Number.isInteger(v)) throw invalid(at, `${field} compares with whole numbers`);
      return v;
    }
    if (typeof v !== 'string' || v.length === 0 || v.length > 255)
      throw invalid(at, `${field} compares with a non-empty string (at most 255 characters)`);
    if (spec.values && !spec.values.includes(v))
      throw invalid(at, `${JSON.stringify(v)} is not a value of ${field}; one of ${spec.values.join(', ')}`);
    if (field === 'consent' && !/^[a-z_]+:[^:]+$/.test(v))
      throw invalid(at, "consent values are 'channel:purpose', e.g. 'email:marketing'");
    return v;
  };
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) throw invalid(valuePath, 'between takes [low, high]');
    const lo = scalar(value[0], pointer(valuePath, 0)) as number;
    const hi = scalar(value[1], pointer(valuePath, 1)) as number;
    if (lo > hi) throw invalid(valuePath, `between needs low <= high, got [${lo}, ${hi}]`);
    condition.value = [lo, hi];
    return condition;
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_VALUES)
      throw invalid(valuePath, `in takes a list of 1 to ${MAX_LIST_VALUES} values`);
    const list = value.map((v, i) => scalar(v, pointer(valuePath, i)));
    condition.value = (spec.type === 'number' ? (list as number[]) : (list as string[])) as Condition['value'];
    return condition;
  }
  condition.value = scalar(value, valuePath);
  return condition;
}

/** Whether `exists` asks for presence (true, the default) or absence. */
export function existsWanted(condition: Condition): boolean {
  return condition.value !== false;
}

/** Every condition of a rule, depth first (for callers that need to know which facts to load). */
export function conditionsOf(rule: SegmentRule): Condition[] {
  if (isAll(rule)) return rule.all.flatMap(conditionsOf);
  if (isAny(rule)) return rule.any.flatMap(conditionsOf);
  if (isNot(rule)) return conditionsOf(rule.not);
  return [rule];
}

/** The rule language as data, for an editor that offers only what parses: each field's type, operators and values. */
export function segmentFieldCatalogue() {
  return FIELD_NAMES.map((name) => {
    const spec: FieldSpec = SEGMENT_FIELDS[name];
    return {
      name,
      type: spec.type,
      operators: [...(spec.type === 'number' ? NUMBER_OPS : spec.type === 'text' ? TEXT_OPS : SET_OPS)],
      integer: spec.integer === true,
      window: spec.window === true,
      values: spec.values ? [...spec.values] : null,
      description: spec.description,
    };
  });
}
