import type { CustomerOrders, OrderLog } from './order-log.js';
import type { ClvSimple } from './report.types.js';

const DAYS_PER_YEAR = 365.25;

export interface HeadlineMetrics {
  readonly orders: number;
  readonly customers: number;
  readonly revenue: number;
  readonly aov: number;
  readonly purchaseFrequency: number;
  readonly purchaseFrequencyPerYear: number;
  readonly repeatCustomerRate: number;
  readonly clvSimple: ClvSimple;
  readonly formulas: Record<string, string>;
  readonly firstDay: number;
  readonly lastDay: number;
}

export interface HeadlineOptions {
  readonly asOfDay: number;
  /** Average customer lifespan in years; estimated from the data when absent. */
  readonly lifespanYears?: number;
}

/**
 * The numbers store owners know (retention playbook, "Measure"): AOV, purchase frequency,
 * repeat-customer rate and the simple CLV = AOV x yearly frequency x lifespan.
 *
 * Yearly frequency is measured over the last 12 months before the as-of date (orders / customers
 * who ordered then); with less than a year of history it is the whole period's frequency scaled
 * to a year. The lifespan, unless given, is 1 / yearly churn, where churn is the share of the
 * customers active in the year before the last who did not order in the last year; with under two
 * years of history churn is approximated by 1 - repeat-customer rate. It is kept within 0.5-10 years.
 */
export function headlineMetrics(log: OrderLog, byCustomer: CustomerOrders, options: HeadlineOptions): HeadlineMetrics {
  const { asOfDay } = options;
  const orders = log.orderCount;
  const nCustomers = byCustomer.start.length - 1;
  let revenue = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let o = 0; o < orders; o++) {
    revenue += log.orderAmount[o];
    const d = log.orderDay[o];
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }

  let customers = 0;
  let repeaters = 0;
  let lastYearOrders = 0;
  let lastYearCustomers = 0;
  let priorYearActive = 0;
  let priorYearRetained = 0;
  const yearStart = asOfDay - 365;
  const priorStart = asOfDay - 730;
  const { start, order } = byCustomer;
  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (hi === lo) continue;
    customers++;
    if (hi - lo > 1) repeaters++;
    let inLastYear = 0;
    let inPriorYear = false;
    for (let i = lo; i < hi; i++) {
      const d = log.orderDay[order[i]];
      if (d > yearStart && d <= asOfDay) inLastYear++;
      else if (d > priorStart && d <= yearStart) inPriorYear = true;
    }
    lastYearOrders += inLastYear;
    if (inLastYear > 0) lastYearCustomers++;
    if (inPriorYear) {
      priorYearActive++;
      if (inLastYear > 0) priorYearRetained++;
    }
  }

  // Float sums of cents drift (2990483.200000041); money is reported to the cent.
  revenue = Math.round(revenue * 100) / 100;
  const aov = orders > 0 ? revenue / orders : 0;
  const purchaseFrequency = customers > 0 ? orders / customers : 0;
  const repeatCustomerRate = customers > 0 ? repeaters / customers : 0;
  const spanDays = Number.isFinite(firstDay) ? Math.max(1, asOfDay - firstDay + 1) : 1;
  const fullYear = spanDays >= 365;
  const purchaseFrequencyPerYear = fullYear
    ? lastYearCustomers > 0
      ? lastYearOrders / lastYearCustomers
      : 0
    : (purchaseFrequency * DAYS_PER_YEAR) / spanDays;

  let lifespanYears: number;
  let lifespanSource: ClvSimple['lifespanSource'];
  let lifespanRule: string;
  if (options.lifespanYears !== undefined) {
    lifespanYears = options.lifespanYears;
    lifespanSource = 'given';
    lifespanRule = 'lifespan given with --lifespan';
  } else {
    const twoYears = spanDays >= 730 && priorYearActive > 0;
    const churn = twoYears ? 1 - priorYearRetained / priorYearActive : 1 - repeatCustomerRate;
    lifespanYears = Math.min(10, Math.max(0.5, churn > 0 ? 1 / churn : 10));
    lifespanSource = 'estimated';
    lifespanRule = twoYears
      ? 'lifespan = 1 / yearly churn; churn = share of customers active 13-24 months ago with no order in the last 12 months'
      : 'lifespan = 1 / (1 - repeat-customer rate), as less than two years of history is available';
  }
  const clvFormula = 'CLV = AOV x purchase frequency per year x lifespan (years)';
  const clvSimple: ClvSimple = {
    value: aov * purchaseFrequencyPerYear * lifespanYears,
    aov,
    frequencyPerYear: purchaseFrequencyPerYear,
    lifespanYears,
    lifespanSource,
    formula: `${clvFormula}; ${lifespanRule} (kept within 0.5-10 years)`,
  };
  return {
    orders,
    customers,
    revenue,
    aov,
    purchaseFrequency,
    purchaseFrequencyPerYear,
    repeatCustomerRate,
    clvSimple,
    firstDay: Number.isFinite(firstDay) ? firstDay : asOfDay,
    lastDay: Number.isFinite(lastDay) ? lastDay : asOfDay,
    formulas: {
      aov: 'AOV = revenue / orders',
      purchaseFrequency: 'purchase frequency = orders / customers',
      purchaseFrequencyPerYear: fullYear
        ? 'orders in the last 12 months / customers who ordered in the last 12 months'
        : 'orders / customers, scaled to 365.25 days',
      repeatCustomerRate: 'repeat-customer rate = customers with 2+ orders / customers',
      clvSimple: clvFormula,
    },
  };
}
