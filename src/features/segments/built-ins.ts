/**
 * The built-in segments every store has (read-only), written as ordinary rules so they are
 * previewed, refreshed and explained like the store's own. Definitions (docs/segments.md):
 * - one per RFM segment: rfm_segment equals its name;
 * - one-time buyers: exactly one purchase;
 * - at risk: a repeat customer whose P(alive) is below AT_RISK_P_ALIVE. Under BG/NBD P(alive) is 1
 *   right after a purchase and only falls while the customer does not buy, so "below the threshold"
 *   is "has fallen below it since the last order" (the analyze report counts the same customers as
 *   at risk); a one-time buyer's P(alive) stays 1 under BG/NBD and says nothing, hence the 2+ orders;
 * - VIP: the top 5% by predicted 12-month CLV (value_percentile 95-99; by total spent when no
 *   model could be fitted);
 * - lapsed: days since the last order beyond LAPSED_INTERVAL_MULTIPLE x the customer's own average
 *   interval, or, for a customer with a single purchase day, beyond LAPSED_ONE_TIME_DAYS.
 */
import { RFM_SEGMENTS } from '../../analytics/rfm.js';
import type { SegmentRule } from './rule.js';

export const AT_RISK_P_ALIVE = 0.5;
export const VIP_PERCENTILE = 95;
export const LAPSED_INTERVAL_MULTIPLE = 2;
export const LAPSED_ONE_TIME_DAYS = 180;

export interface BuiltInSegment {
  /** Stable key: the segment's id is derived from it and the store. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly rule: SegmentRule;
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const BUILT_IN_SEGMENTS: readonly BuiltInSegment[] = [
  ...RFM_SEGMENTS.map((s): BuiltInSegment => ({
    key: `rfm-${slug(s.name)}`,
    name: `RFM: ${s.name}`,
    description: `Customers in the RFM segment ${s.name} (${s.rule}).`,
    rule: { field: 'rfm_segment', op: 'eq', value: s.name },
  })),
  {
    key: 'one-time-buyers',
    name: 'One-time buyers',
    description: 'Customers with exactly one purchase.',
    rule: { field: 'orders_count', op: 'eq', value: 1 },
  },
  {
    key: 'at-risk',
    name: 'At risk',
    description: `Repeat customers whose P(alive) has fallen below ${AT_RISK_P_ALIVE}.`,
    rule: {
      all: [
        { field: 'orders_count', op: 'gte', value: 2 },
        { field: 'p_alive', op: 'lt', value: AT_RISK_P_ALIVE },
      ],
    },
  },
  {
    key: 'vip',
    name: 'VIP',
    description: `The top ${100 - VIP_PERCENTILE}% of customers by predicted 12-month CLV (by total spent when no model could be fitted).`,
    rule: { field: 'value_percentile', op: 'gte', value: VIP_PERCENTILE },
  },
  {
    key: 'lapsed',
    name: 'Lapsed',
    description: `No order for more than ${LAPSED_INTERVAL_MULTIPLE}x the customer's own average interval, or for more than ${LAPSED_ONE_TIME_DAYS} days after a single purchase day.`,
    rule: {
      any: [
        { field: 'interval_ratio', op: 'gt', value: LAPSED_INTERVAL_MULTIPLE },
        {
          all: [
            { field: 'avg_interval_days', op: 'exists', value: false },
            { field: 'days_since_last_order', op: 'gt', value: LAPSED_ONE_TIME_DAYS },
          ],
        },
      ],
    },
  },
];
