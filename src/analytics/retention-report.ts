import { recommendActions } from './actions.js';
import { bestCustomers } from './best-customers.js';
import { cohorts } from './cohorts.js';
import { crossSell } from './cross-sell.js';
import { ymdFromDay } from './day.js';
import { growth } from './growth.js';
import { headlineMetrics } from './headline-metrics.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { products } from './products.js';
import { repeatPurchaseCurve } from './repeat-curve.js';
import type { CustomerPredictions, ModelSection, Rejection, ReportSource, RetentionReport } from './report.types.js';
import { rfm } from './rfm.js';
import { timeBetweenOrders } from './time-between-orders.js';

export interface ReportInput {
  readonly log: OrderLog;
  readonly byCustomer: CustomerOrders;
  readonly asOfDay: number;
  readonly source: Omit<ReportSource, 'asOf' | 'firstOrderDate' | 'lastOrderDate'>;
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
  readonly excluded: { readonly cancelled: number; readonly refunded: number };
  readonly lifespanYears?: number;
  /** The predictions section, computed by the caller (it sequences model fits); null or absent leaves it out. */
  readonly models?: {
    readonly section: ModelSection | null;
    readonly note: string | null;
    readonly repeatCurvePredictions?: CustomerPredictions;
  };
}

/** Every section of the retention report, computed from one OrderLog. */
export function buildRetentionReport(input: ReportInput): RetentionReport {
  const { log, byCustomer, asOfDay } = input;
  const headline = headlineMetrics(log, byCustomer, { asOfDay, lifespanYears: input.lifespanYears });
  const rfmResult = rfm(log, byCustomer, asOfDay);
  const productsResult = products(log, byCustomer, asOfDay);
  const crossSellResult = crossSell(log, byCustomer);
  return {
    source: {
      ...input.source,
      asOf: ymdFromDay(asOfDay),
      firstOrderDate: log.orderCount > 0 ? ymdFromDay(headline.firstDay) : null,
      lastOrderDate: log.orderCount > 0 ? ymdFromDay(headline.lastDay) : null,
    },
    orders: headline.orders,
    customers: headline.customers,
    revenue: headline.revenue,
    aov: headline.aov,
    purchaseFrequency: headline.purchaseFrequency,
    purchaseFrequencyPerYear: headline.purchaseFrequencyPerYear,
    repeatCustomerRate: headline.repeatCustomerRate,
    clvSimple: headline.clvSimple,
    formulas: headline.formulas,
    rejectedRows: input.rejectedRows,
    rejections: input.rejections.slice(0, 100),
    excludedOrders: input.excluded,
    repeatCurve: repeatPurchaseCurve(byCustomer),
    timeBetweenOrders: timeBetweenOrders(log, byCustomer, asOfDay),
    cohorts: cohorts(log, byCustomer, asOfDay),
    growth: growth(log, byCustomer, asOfDay),
    bestCustomers: bestCustomers(log, byCustomer, asOfDay),
    rfm: rfmResult,
    products: productsResult,
    crossSell: crossSellResult,
    actions: recommendActions(log, byCustomer, asOfDay, {
      rfm: rfmResult,
      products: productsResult,
      crossSell: crossSellResult,
    }),
    models: input.models?.section ?? null,
    modelsNote: input.models?.note ?? null,
    repeatCurvePredictions: input.models?.repeatCurvePredictions ?? null,
  };
}
