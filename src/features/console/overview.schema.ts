import { nullable } from '../../platform/http/common.schema.js';

/**
 * GET /v1/console/overview's answer, described field by field: the console's typed client is
 * generated from it (web/console/api/), so this is the contract the browser code compiles against.
 * The fields are the retention report's (docs/report-schema.md).
 */
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const obj = (properties: Record<string, object>) =>
  ({ type: 'object', required: Object.keys(properties), additionalProperties: false, properties }) as const;
const arr = (items: object) => ({ type: 'array', items }) as const;

const bestCustomersGroup = obj({
  customers: int,
  ordersPerCustomer: num,
  aov: num,
  revenuePerCustomer: num,
  revenueShare: num,
});

const report = obj({
  orders: int,
  customers: int,
  revenue: num,
  aov: num,
  purchaseFrequency: num,
  purchaseFrequencyPerYear: num,
  repeatCustomerRate: num,
  clvSimple: obj({
    value: num,
    aov: num,
    frequencyPerYear: num,
    lifespanYears: num,
    lifespanSource: { type: 'string', enum: ['estimated', 'given'] },
    formula: str,
  }),
  formulas: { type: 'object', additionalProperties: str },
  repeatCurve: arr(obj({ orders: int, customers: int, probabilityNext: nullable(num) })),
  cohorts: obj({
    maxMonths: int,
    rows: arr(obj({ cohort: str, customers: int, repeatShare: arr(num), revenuePerCustomer: arr(num) })),
  }),
  growth: arr(
    obj({
      period: str,
      revenue: num,
      customers: int,
      frequency: num,
      aov: num,
      change: nullable(obj({ total: num, customers: num, frequency: num, aov: num })),
    }),
  ),
  bestCustomers: obj({ top: bestCustomersGroup, rest: bestCustomersGroup }),
  actions: arr(
    obj({
      kind: { type: 'string', enum: ['replenishment', 'win-back', 'second-order', 'vip', 'cross-sell', 'consent'] },
      customers: int,
      text: str,
    }),
  ),
});

export const overviewResponse = obj({
  asOf: nullable(str),
  firstOrderDate: nullable(str),
  lastOrderDate: nullable(str),
  currency: nullable(str),
  locale: nullable(str),
  version: str,
  computeMs: num,
  cached: { type: 'boolean' },
  stale: { type: 'boolean' },
  computedAt: str,
  report: nullable(report),
  clvDistribution: nullable(
    obj({ customers: int, median: num, buckets: arr(obj({ from: num, to: nullable(num), customers: int })) }),
  ),
});
