/**
 * A segment rule evaluated in JS over one customer's facts, returned as the rule's own tree with
 * each condition's actual value and whether it held: the "why is this customer in the segment"
 * answer. It follows the semantics in rule.ts exactly as the SQL compiler does (a test checks the
 * two agree on random customers and rules).
 */
import {
  CART_ABANDONED,
  type Condition,
  existsWanted,
  isAll,
  isAny,
  isNot,
  SEGMENT_FIELDS,
  type SegmentField,
  type SegmentRule,
} from './rule.js';

const MS_PER_DAY = 86_400_000;
/** Set values listed in an explanation, at most. */
export const MAX_ACTUAL_ITEMS = 50;

/** When the rule is evaluated: the day (store calendar) orders count up to, and the UTC instant events and consent count up to. */
export interface EvaluationContext {
  readonly asOfDay: number;
  /** YYYY-MM-DDTHH:MM:SS.sssZ */
  readonly asOf: string;
}

/** A customer's stored metrics (customer_metrics), days as day numbers. */
export interface MetricFacts {
  readonly ordersCount: number;
  readonly totalSpentMinor: number;
  readonly lastOrderDay: number;
  readonly avgIntervalDays: number | null;
  readonly rfmSegment: string;
  readonly valuePercentile: number;
  readonly pAlive: number | null;
  readonly pAlivePrevious: number | null;
  readonly expectedOrders: number | null;
  readonly predictedClvMinor: number | null;
  readonly expectedNextOrderDay: number | null;
}

export interface PurchaseFact {
  /** Day number of the order (store calendar). */
  readonly day: number;
  /** The order's calendar date as the source wrote it (first 10 characters of ordered_at). */
  readonly date: string;
  readonly skus: readonly string[];
  readonly categories: readonly string[];
}

export interface ConsentFact {
  readonly id: string;
  readonly channel: string;
  readonly purpose: string;
  readonly status: string;
  /** UTC instant. */
  readonly recordedAt: string;
}

export interface EventFact {
  readonly kind: string;
  /** UTC instant. */
  readonly occurredAt: string;
}

/** What a rule can ask about one customer. */
export interface CustomerFacts {
  /** UTC instant the customer was first recorded. */
  readonly createdAt: string;
  readonly tags: readonly string[];
  readonly metrics: MetricFacts | null;
  readonly tier: string | null;
  readonly points: number;
  readonly consent: readonly ConsentFact[];
  /** Purchases (orders not cancelled nor fully refunded); later ones than the as-of day are ignored. */
  readonly purchases: readonly PurchaseFact[];
  readonly events: readonly EventFact[];
}

export type ConditionExplanation = Condition & { readonly actual: unknown; readonly held: boolean };
export type RuleExplanation =
  | { readonly all: readonly RuleExplanation[]; readonly held: boolean }
  | { readonly any: readonly RuleExplanation[]; readonly held: boolean }
  | { readonly not: RuleExplanation; readonly held: boolean }
  | ConditionExplanation;

/** Whether the rule holds for the customer, with the reason for every part (every branch is evaluated). */
export function explainRule(rule: SegmentRule, facts: CustomerFacts, context: EvaluationContext): RuleExplanation {
  if (isAll(rule)) {
    const all = rule.all.map((r) => explainRule(r, facts, context));
    return { all, held: all.every((e) => e.held) };
  }
  if (isAny(rule)) {
    const any = rule.any.map((r) => explainRule(r, facts, context));
    return { any, held: any.some((e) => e.held) };
  }
  if (isNot(rule)) {
    const not = explainRule(rule.not, facts, context);
    return { not, held: !not.held };
  }
  return explainCondition(rule, facts, context);
}

/** Just the answer. */
export function ruleHolds(rule: SegmentRule, facts: CustomerFacts, context: EvaluationContext): boolean {
  return explainRule(rule, facts, context).held;
}

function explainCondition(
  condition: Condition,
  facts: CustomerFacts,
  context: EvaluationContext,
): ConditionExplanation {
  const spec = SEGMENT_FIELDS[condition.field];
  if (spec.type === 'set') {
    const items = setValue(condition, facts, context);
    return { ...condition, actual: items.slice(0, MAX_ACTUAL_ITEMS), held: setHolds(condition, items) };
  }
  const actual = scalarValue(condition.field, facts, context);
  return { ...condition, actual, held: scalarHolds(condition, actual) };
}

function scalarHolds(condition: Condition, actual: number | string | null): boolean {
  const { op, value } = condition;
  if (op === 'exists') return (actual !== null) === existsWanted(condition);
  if (actual === null) return false;
  switch (op) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'gt':
      return (actual as number) > (value as number);
    case 'gte':
      return (actual as number) >= (value as number);
    case 'lt':
      return (actual as number) < (value as number);
    case 'lte':
      return (actual as number) <= (value as number);
    case 'between': {
      const [lo, hi] = value as readonly number[];
      return (actual as number) >= lo && (actual as number) <= hi;
    }
    case 'in':
      return (value as readonly (number | string)[]).includes(actual);
    default:
      return false;
  }
}

function setHolds(condition: Condition, items: readonly string[]): boolean {
  const { op, value } = condition;
  if (op === 'exists') return items.length > 0 === existsWanted(condition);
  if (op === 'contains') return items.includes(value as string);
  if (op === 'in') return (value as readonly string[]).some((v) => items.includes(v));
  return false;
}

/** The field's value for the customer, null when missing. */
export function scalarValue(
  field: SegmentField,
  facts: CustomerFacts,
  context: EvaluationContext,
): number | string | null {
  const m = facts.metrics;
  switch (field) {
    case 'orders_count':
      return m?.ordersCount ?? 0;
    case 'total_spent':
      return m?.totalSpentMinor ?? 0;
    case 'days_since_last_order':
      return m ? context.asOfDay - m.lastOrderDay : null;
    case 'avg_interval_days':
      return m?.avgIntervalDays ?? null;
    case 'interval_ratio':
      return m && m.avgIntervalDays !== null ? (context.asOfDay - m.lastOrderDay) / m.avgIntervalDays : null;
    case 'rfm_segment':
      return m?.rfmSegment ?? null;
    case 'value_percentile':
      return m?.valuePercentile ?? null;
    case 'p_alive':
      return m?.pAlive ?? null;
    case 'p_alive_previous':
      return m?.pAlivePrevious ?? null;
    case 'expected_orders':
      return m?.expectedOrders ?? null;
    case 'predicted_clv':
      return m?.predictedClvMinor ?? null;
    case 'expected_next_order_date':
      return m && m.expectedNextOrderDay !== null ? m.expectedNextOrderDay - context.asOfDay : null;
    case 'tier':
      return facts.tier;
    case 'points':
      return facts.points;
    case 'created_days_ago':
      return Math.floor((Date.parse(context.asOf) - Date.parse(facts.createdAt)) / MS_PER_DAY);
    default:
      return null;
  }
}

/** The first instant that counts in a window of `days` ending at the as-of instant (exclusive). */
export function windowStart(asOf: string, days: number): string {
  return new Date(Date.parse(asOf) - days * MS_PER_DAY).toISOString();
}

/** The customer's distinct values of a set field (in the condition's window), sorted. */
function setValue(condition: Condition, facts: CustomerFacts, context: EvaluationContext): string[] {
  const out = new Set<string>();
  const { asOfDay, asOf } = context;
  switch (condition.field) {
    case 'tag':
      for (const t of facts.tags) out.add(t);
      break;
    case 'consent':
      for (const pair of grantedConsent(facts.consent, asOf)) out.add(pair);
      break;
    case 'bought_product':
    case 'bought_category': {
      const from = condition.days === undefined ? Number.NEGATIVE_INFINITY : asOfDay - condition.days;
      for (const p of facts.purchases) {
        if (p.day > asOfDay || p.day <= from) continue;
        for (const v of condition.field === 'bought_product' ? p.skus : p.categories) out.add(v);
      }
      break;
    }
    case 'event': {
      const from = condition.days === undefined ? '' : windowStart(asOf, condition.days);
      for (const e of facts.events) {
        if (e.occurredAt > asOf || e.occurredAt <= from) continue;
        out.add(e.kind);
        if (
          (e.kind === 'cart_updated' || e.kind === 'checkout_started') &&
          !orderedSince(facts.purchases, asOfDay, e.occurredAt)
        )
          out.add(CART_ABANDONED);
      }
      break;
    }
    default:
      break;
  }
  return [...out].sort();
}

/** A purchase up to the as-of day on the event's (UTC) date or later: the cart was not abandoned. */
function orderedSince(purchases: readonly PurchaseFact[], asOfDay: number, occurredAt: string): boolean {
  const date = occurredAt.slice(0, 10);
  return purchases.some((p) => p.day <= asOfDay && p.date >= date);
}

/** 'channel:purpose' of every pair whose latest record (by recorded_at, then id) up to asOf is granted. */
export function grantedConsent(records: readonly ConsentFact[], asOf: string): string[] {
  const latest = new Map<string, ConsentFact>();
  for (const r of records) {
    if (r.recordedAt > asOf) continue;
    const key = `${r.channel}:${r.purpose}`;
    const seen = latest.get(key);
    if (!seen || r.recordedAt > seen.recordedAt || (r.recordedAt === seen.recordedAt && r.id > seen.id))
      latest.set(key, r);
  }
  return [...latest.entries()].filter(([, r]) => r.status === 'granted').map(([key]) => key);
}
