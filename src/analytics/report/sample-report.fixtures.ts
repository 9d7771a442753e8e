/**
 * Hand-made RetentionReport fixtures for the renderer tests: a two-year store of about 20,000
 * customers whose figures hang together (AOV x orders = revenue, the growth drivers sum to each
 * quarter's change, shares sum to 1), so a screenshot of the rendered report reads like a real one.
 * Values are fixed, not random, so renderer output is reproducible.
 */
import type { CohortRow, GrowthPeriod, ModelSection, RetentionReport, TrackingPoint } from '../report.types.js';

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Monthly cohorts 2023-07 .. 2025-06: repeat share decays with age, newer cohorts retain a bit better. */
function sampleCohorts(): CohortRow[] {
  const rows: CohortRow[] = [];
  for (let i = 0; i < 24; i++) {
    const year = 2023 + Math.floor((6 + i) / 12);
    const month = ((6 + i) % 12) + 1;
    const observedMonths = 24 - i;
    const lift = 1 + i * 0.01;
    // A seasonal bump in November/December cohorts: gift buyers return less often.
    const seasonal = month === 11 || month === 12 ? 0.8 : 1;
    const repeatShare: number[] = [];
    const revenuePerCustomer: number[] = [];
    let cumulative = 0;
    for (let k = 0; k < observedMonths; k++) {
      const share = k === 0 ? 0.045 : (0.12 * Math.exp(-k / 7) + 0.035) * lift * seasonal;
      repeatShare.push(round(share, 4));
      cumulative += k === 0 ? 64 + share * 58 : share * 71;
      revenuePerCustomer.push(round(cumulative, 2));
    }
    rows.push({
      cohort: `${year}-${String(month).padStart(2, '0')}`,
      customers: Math.round(700 + 180 * Math.sin(i / 3) + i * 12),
      repeatShare,
      revenuePerCustomer,
    });
  }
  return rows;
}

/** Log-mean Divisia split of each quarter's revenue change, so the three drivers sum exactly to it. */
function sampleGrowth(): GrowthPeriod[] {
  const quarters: [string, number, number, number][] = [
    ['2023-Q3', 2_950, 1.21, 61.4],
    ['2023-Q4', 4_120, 1.26, 66.8],
    ['2024-Q1', 3_380, 1.33, 62.1],
    ['2024-Q2', 3_610, 1.38, 63.0],
    ['2024-Q3', 3_720, 1.41, 62.5],
    ['2024-Q4', 4_610, 1.45, 67.9],
    ['2025-Q1', 3_540, 1.52, 63.6],
    ['2025-Q2', 3_690, 1.55, 64.2],
  ];
  const logMean = (a: number, b: number): number => (a === b ? a : (a - b) / (Math.log(a) - Math.log(b)));
  const periods: GrowthPeriod[] = [];
  quarters.forEach(([period, customers, frequency, aov], i) => {
    const revenue = round(customers * frequency * aov, 2);
    let change: GrowthPeriod['change'] = null;
    if (i > 0) {
      const [, c0, f0, a0] = quarters[i - 1];
      const r0 = round(c0 * f0 * a0, 2);
      const w = logMean(revenue, r0);
      change = {
        total: round(revenue - r0, 2),
        customers: round(w * Math.log(customers / c0), 2),
        frequency: round(w * Math.log(frequency / f0), 2),
        aov: round(w * Math.log(aov / a0), 2),
      };
    }
    periods.push({ period, revenue, customers, frequency, aov, change });
  });
  return periods;
}

/**
 * Weekly cumulative repeat purchases from 2023-07-01 (day 0) to 2025-06-30 (day 729): a smooth
 * S-curve as new cohorts arrive, the prediction close to it in calibration (to 2024-12-31, week
 * 78.57) and a little below it in the holdout, as real backtests often are.
 */
function sampleTracking(): TrackingPoint[] {
  const points: TrackingPoint[] = [];
  const at = (week: number): TrackingPoint => {
    const base = 21_400 * (week / 104.29) ** 1.7;
    const wobble = 1 + 0.015 * Math.sin(week / 4);
    const drift = week <= 550 / 7 ? 1 : 1 - 0.003 * (week - 550 / 7);
    return { week: round(week, 4), actual: Math.round(base * wobble), predicted: round(base * drift, 1) };
  };
  for (let w = 1; w <= 104; w++) points.push(at(w));
  points.push(at(730 / 7));
  return points;
}

const sampleModels: ModelSection = {
  calibrationEnd: '2024-12-31',
  holdoutEnd: '2025-06-30',
  timeUnit: 'week',
  calibrationCustomers: 15_412,
  chosen: 'pareto-nbd',
  choiceRule: 'holdout-mae',
  table: [
    {
      model: 'bgnbd',
      params: { r: 0.2031, alpha: 2.874, a: 1.012, b: 3.114 },
      logLikelihood: -61_402.7,
      bic: 122_844.0,
      holdoutMae: 0.5893,
      converged: true,
      warnings: [],
    },
    {
      model: 'mbgnbd',
      params: { r: 2.214, alpha: 12.36, a: 0.8411, b: 0.5902 },
      logLikelihood: -60_815.2,
      bic: 121_669.0,
      holdoutMae: 0.5524,
      converged: true,
      warnings: [],
    },
    {
      model: 'pareto-nbd',
      params: { r: 0.5612, alpha: 7.912, s: 1.583, beta: 24.08 },
      logLikelihood: -60_797.9,
      bic: 121_634.4,
      holdoutMae: 0.5407,
      converged: true,
      warnings: [],
    },
  ],
  spend: { model: 'gamma-gamma', params: { p: 7.021, q: 2.684, gamma: 9.861 }, customers: 5_480, warnings: [] },
  backtest: {
    holdoutWeeks: 181 / 7,
    byFrequency: [
      { frequency: 0, pooled: false, customers: 9_874, actual: 0.21, predicted: 0.16 },
      { frequency: 1, pooled: false, customers: 2_315, actual: 0.46, predicted: 0.41 },
      { frequency: 2, pooled: false, customers: 1_092, actual: 0.83, predicted: 0.66 },
      { frequency: 3, pooled: false, customers: 571, actual: 0.97, predicted: 0.88 },
      { frequency: 4, pooled: false, customers: 402, actual: 1.25, predicted: 1.19 },
      { frequency: 5, pooled: false, customers: 281, actual: 1.49, predicted: 1.41 },
      { frequency: 6, pooled: false, customers: 198, actual: 2.02, predicted: 1.7 },
      { frequency: 7, pooled: true, customers: 679, actual: 3.04, predicted: 2.99 },
    ],
    tracking: sampleTracking(),
    calibrationEndWeek: 550 / 7,
    mae: 0.5407,
    totalActual: 7_742,
    totalPredicted: 6_731.6,
  },
  customers: {
    asOf: '2025-06-30',
    horizonWeeks: 13,
    clvMonths: 12,
    monthlyDiscountRate: 0.01,
    spendSource: 'gamma-gamma',
    source: 'model',
    topByClv: [
      {
        customerId: 'cus_017530',
        orders: 6,
        pAlive: 0.948,
        expectedPurchasesNextQuarter: 3.72,
        expectedSpend: 511.09,
        clv12m: 4_257.7,
      },
      {
        customerId: 'cus_015313',
        orders: 11,
        pAlive: 0.988,
        expectedPurchasesNextQuarter: 4.8,
        expectedSpend: 358.99,
        clv12m: 4_122.29,
      },
      {
        customerId: 'cus_018789',
        orders: 3,
        pAlive: 0.873,
        expectedPurchasesNextQuarter: 1.92,
        expectedSpend: 941.9,
        clv12m: 3_939.39,
      },
      {
        customerId: 'cus_016974',
        orders: 4,
        pAlive: 0.954,
        expectedPurchasesNextQuarter: 2.16,
        expectedSpend: 766.9,
        clv12m: 3_763.0,
      },
      {
        customerId: 'cus_016788',
        orders: 4,
        pAlive: 0.986,
        expectedPurchasesNextQuarter: 2.16,
        expectedSpend: 619.5,
        clv12m: 3_056.11,
      },
      {
        customerId: 'cus_015008',
        orders: 3,
        pAlive: 0.999,
        expectedPurchasesNextQuarter: 1.11,
        expectedSpend: 1_049.74,
        clv12m: 2_821.71,
      },
      {
        customerId: 'cus_014987',
        orders: 8,
        pAlive: 0.994,
        expectedPurchasesNextQuarter: 3.27,
        expectedSpend: 300.69,
        clv12m: 2_377.58,
      },
    ],
    mostAtRisk: [
      { customerId: 'cus_004358', orders: 23, spend: 3_372.45, pAlive: 0.025, daysSinceLastOrder: 134 },
      { customerId: 'cus_000802', orders: 6, spend: 3_191.45, pAlive: 0.0004, daysSinceLastOrder: 624 },
      { customerId: 'cus_000302', orders: 12, spend: 2_860.0, pAlive: 0.001, daysSinceLastOrder: 394 },
      { customerId: 'cus_005016', orders: 34, spend: 2_775.0, pAlive: 0.024, daysSinceLastOrder: 95 },
      { customerId: 'cus_010001', orders: 6, spend: 2_658.5, pAlive: 0.017, daysSinceLastOrder: 212 },
    ],
    counts: { customers: 20_000, likelyActive: 5_810, atRisk: 4_502, expectedOrdersNextQuarter: 4_996.4 },
  },
  warnings: [],
};

export const sampleReport: RetentionReport = {
  source: {
    file: 'demo/orders.csv',
    format: 'generic',
    currency: 'USD',
    asOf: '2025-06-30',
    firstOrderDate: '2023-07-01',
    lastOrderDate: '2025-06-30',
    rowsRead: 96_418,
  },
  orders: 41_200,
  customers: 20_000,
  revenue: 2_636_800,
  aov: 64,
  purchaseFrequency: 2.06,
  purchaseFrequencyPerYear: 1.03,
  repeatCustomerRate: 0.412,
  clvSimple: {
    value: 158.21,
    aov: 64,
    frequencyPerYear: 1.03,
    lifespanYears: 2.4,
    lifespanSource: 'estimated',
    formula: 'AOV x purchases per year x lifespan (years)',
  },
  formulas: {
    orders: 'distinct orders, cancelled and refunded excluded',
    customers: 'distinct customer ids',
    revenue: 'sum of order totals',
    aov: 'revenue / orders',
    purchaseFrequency: 'orders / customers',
    purchaseFrequencyPerYear: 'orders / customers / years observed',
    repeatCustomerRate: 'customers with 2+ orders / customers',
    clvSimple: 'AOV x purchases per year x lifespan',
  },
  rejectedRows: 12,
  rejections: [
    { line: 418, field: 'created_at', code: 'INGEST_BAD_DATE', reason: "'31/02/2024' is not a date" },
    { line: 1_207, field: 'total', code: 'INGEST_BAD_AMOUNT', reason: "'12,5O' is not a number" },
    { line: 5_551, field: 'customer_id', code: 'INGEST_EMPTY_CUSTOMER', reason: 'no customer id or email' },
    { line: 20_114, field: '', code: 'INGEST_COLUMN_COUNT', reason: 'row has 7 fields, header has 9' },
    { line: 88_003, field: 'total', code: 'INGEST_BAD_AMOUNT', reason: "'' is not a number" },
  ],
  excludedOrders: { cancelled: 84, refunded: 131 },
  repeatCurve: [
    { orders: 1, customers: 20_000, probabilityNext: 0.412 },
    { orders: 2, customers: 8_240, probabilityNext: 0.52 },
    { orders: 3, customers: 4_285, probabilityNext: 0.58 },
    { orders: 4, customers: 2_485, probabilityNext: 0.62 },
    { orders: 5, customers: 1_541, probabilityNext: 0.65 },
    { orders: 6, customers: 1_002, probabilityNext: 0.67 },
    { orders: 7, customers: 671, probabilityNext: 0.69 },
    { orders: 8, customers: 463, probabilityNext: 0.7 },
    { orders: 9, customers: 324, probabilityNext: 0.71 },
    { orders: 10, customers: 230, probabilityNext: 0.72 },
    { orders: 11, customers: 166, probabilityNext: 0.7 },
    { orders: 12, customers: 116, probabilityNext: 0.73 },
    { orders: 13, customers: 85, probabilityNext: 0.68 },
    { orders: 14, customers: 58, probabilityNext: 0.71 },
  ],
  timeBetweenOrders: {
    medianDaysToSecondOrder: 47,
    byOrderNumber: [
      { fromOrder: 1, count: 8_240, medianDays: 47, p25Days: 26, p75Days: 103 },
      { fromOrder: 2, count: 4_285, medianDays: 39, p25Days: 24, p75Days: 81 },
      { fromOrder: 3, count: 2_485, medianDays: 35, p25Days: 22, p75Days: 70 },
      { fromOrder: 4, count: 1_541, medianDays: 33, p25Days: 21, p75Days: 64 },
      { fromOrder: 5, count: 2_409, medianDays: 31, p25Days: 20, p75Days: 58 },
    ],
    histogram: [
      [0, 7, 610],
      [7, 14, 980],
      [14, 21, 1_460],
      [21, 28, 1_730],
      [28, 35, 1_910],
      [35, 42, 1_640],
      [42, 49, 1_380],
      [49, 56, 1_120],
      [56, 63, 1_010],
      [63, 70, 860],
      [70, 77, 720],
      [77, 84, 640],
      [84, 91, 590],
      [91, 98, 470],
      [98, 105, 400],
      [105, 112, 350],
      [112, 119, 300],
      [119, 126, 270],
      [126, 140, 420],
      [140, 154, 350],
      [154, 168, 300],
      [168, 182, 260],
      [182, 365, 1_110],
      [365, 730, 250],
    ].map(([fromDay, toDay, count]) => ({ fromDay, toDay, count })),
  },
  cohorts: { maxMonths: 24, rows: sampleCohorts() },
  growth: sampleGrowth(),
  bestCustomers: {
    top: { customers: 2_000, ordersPerCustomer: 6.4, aov: 81.5, revenuePerCustomer: 521.6, revenueShare: 0.3956 },
    rest: { customers: 18_000, ordersPerCustomer: 1.58, aov: 56.0, revenuePerCustomer: 88.5, revenueShare: 0.6044 },
  },
  rfm: {
    method: 'R, F and M scored 1-5 by quintile over customers (5 = most recent / most orders / highest spend)',
    segments: [
      { name: 'Champions', rule: 'R 4-5, F 4-5', customers: 1_310, revenueShare: 0.284 },
      { name: 'Loyal', rule: 'R 2-5, F 3-5', customers: 2_050, revenueShare: 0.226 },
      { name: 'Potential loyalists', rule: 'R 3-5, F 1-3', customers: 2_480, revenueShare: 0.118 },
      { name: 'New', rule: 'R 5, F 1', customers: 1_240, revenueShare: 0.031 },
      { name: 'Promising', rule: 'R 4, F 1', customers: 1_120, revenueShare: 0.029 },
      { name: 'Need attention', rule: 'R 3, F 2-3', customers: 1_560, revenueShare: 0.061 },
      { name: 'About to sleep', rule: 'R 2-3, F 1-2', customers: 2_210, revenueShare: 0.052 },
      { name: 'At risk', rule: 'R 1-2, F 3-5', customers: 1_690, revenueShare: 0.102 },
      { name: "Can't lose", rule: 'R 1, F 5', customers: 420, revenueShare: 0.047 },
      { name: 'Hibernating', rule: 'R 1-2, F 1-2', customers: 3_050, revenueShare: 0.034 },
      { name: 'Lost', rule: 'R 1, F 1', customers: 2_870, revenueShare: 0.016 },
    ],
  },
  products: {
    dueCustomers: 820,
    replenishment: [
      { sku: 'COF-1KG', name: 'Coffee beans 1 kg', repeatCustomers: 2_914, medianDays: 31, dueNow: 412 },
      { sku: 'DOG-12', name: 'Dog food 12 kg', repeatCustomers: 1_388, medianDays: 42, dueNow: 236 },
      { sku: 'SHP-500', name: 'Shampoo 500 ml', repeatCustomers: 1_102, medianDays: 55, dueNow: 181 },
      { sku: 'TBH-4', name: 'Toothbrush heads (4 pack)', repeatCustomers: 976, medianDays: 61, dueNow: 158 },
      { sku: 'VIT-D90', name: 'Vitamin D 90 capsules', repeatCustomers: 804, medianDays: 86, dueNow: 127 },
      { sku: 'FLT-H2O', name: 'Water filter cartridge', repeatCustomers: 655, medianDays: 88, dueNow: 126 },
    ],
    repeatRateByFirstProduct: [
      { sku: 'COF-1KG', name: 'Coffee beans 1 kg', customers: 3_620, repeatRate: 0.58 },
      { sku: 'DOG-12', name: 'Dog food 12 kg', customers: 2_150, repeatRate: 0.55 },
      { sku: 'TBH-4', name: 'Toothbrush heads (4 pack)', customers: 1_830, repeatRate: 0.47 },
      { sku: 'ESP-M1', name: 'Espresso machine M1', customers: 1_240, repeatRate: 0.44 },
      { sku: 'SHP-500', name: 'Shampoo 500 ml', customers: 1_710, repeatRate: 0.41 },
      { sku: 'KTL-EL', name: 'Electric kettle', customers: 1_460, repeatRate: 0.29 },
      { sku: 'GFT-BOX', name: 'Holiday gift box', customers: 2_030, repeatRate: 0.17 },
    ],
  },
  crossSell: [
    {
      kind: 'later',
      fromSku: 'ESP-M1',
      fromName: 'Espresso machine M1',
      toSku: 'DSC-250',
      toName: 'Descaler 250 ml',
      count: 402,
      support: 0.0201,
      confidence: 0.324,
      lift: 6.1,
    },
    {
      kind: 'same-order',
      fromSku: 'GRN-C2',
      fromName: 'Coffee grinder C2',
      toSku: 'COF-1KG',
      toName: 'Coffee beans 1 kg',
      count: 388,
      support: 0.0094,
      confidence: 0.41,
      lift: 3.9,
    },
    {
      kind: 'later',
      fromSku: 'TBR-E',
      fromName: 'Electric toothbrush',
      toSku: 'TBH-4',
      toName: 'Toothbrush heads (4 pack)',
      count: 351,
      support: 0.0176,
      confidence: 0.52,
      lift: 5.7,
    },
    {
      kind: 'same-order',
      fromSku: 'DOG-12',
      fromName: 'Dog food 12 kg',
      toSku: 'DOG-TRT',
      toName: 'Dog treats',
      count: 296,
      support: 0.0072,
      confidence: 0.22,
      lift: 2.8,
    },
    {
      kind: 'later',
      fromSku: 'FLT-JUG',
      fromName: 'Water filter jug',
      toSku: 'FLT-H2O',
      toName: 'Water filter cartridge',
      count: 243,
      support: 0.0122,
      confidence: 0.61,
      lift: 8.4,
    },
  ],
  actions: [
    {
      kind: 'replenishment',
      customers: 1_240,
      text: '1,240 customers are due for a replenishment reminder (coffee beans, dog food, shampoo and 3 more).',
    },
    {
      kind: 'second-order',
      customers: 2_310,
      text: '2,310 one-time buyers are 30-60 days past their first order: the window when a second order usually happens.',
    },
    {
      kind: 'win-back',
      customers: 1_690,
      text: '1,690 "At risk" customers used to buy often but have not ordered in over 4 months: send a win-back message.',
    },
    {
      kind: 'vip',
      customers: 1_310,
      text: '1,310 Champions bring 28% of revenue: invite them to a VIP tier rather than discounting.',
    },
    { kind: 'cross-sell', customers: 838, text: '838 espresso machine owners have not bought descaler yet.' },
    {
      kind: 'consent',
      customers: 6_120,
      text: '6,120 customers have not given email marketing consent: ask at the next checkout.',
    },
  ],
  models: sampleModels,
  modelsNote: null,
  repeatCurvePredictions: null,
};

/** A store with a handful of one-time orders: nothing to chart, every optional section empty. */
export const sparseReport: RetentionReport = {
  ...sampleReport,
  source: {
    ...sampleReport.source,
    file: 'tiny.csv',
    currency: null,
    firstOrderDate: '2025-06-01',
    lastOrderDate: '2025-06-03',
    rowsRead: 3,
  },
  orders: 3,
  customers: 3,
  revenue: 120,
  aov: 40,
  purchaseFrequency: 1,
  purchaseFrequencyPerYear: 1,
  repeatCustomerRate: 0,
  clvSimple: {
    ...sampleReport.clvSimple,
    value: 40,
    aov: 40,
    frequencyPerYear: 1,
    lifespanYears: 1,
    lifespanSource: 'given',
  },
  formulas: {},
  rejectedRows: 0,
  rejections: [],
  excludedOrders: { cancelled: 0, refunded: 0 },
  repeatCurve: [{ orders: 1, customers: 3, probabilityNext: 0 }],
  timeBetweenOrders: { medianDaysToSecondOrder: null, byOrderNumber: [], histogram: [] },
  cohorts: { maxMonths: 0, rows: [] },
  growth: [],
  bestCustomers: {
    top: { customers: 0, ordersPerCustomer: 0, aov: 0, revenuePerCustomer: 0, revenueShare: 0 },
    rest: { customers: 3, ordersPerCustomer: 1, aov: 40, revenuePerCustomer: 40, revenueShare: 1 },
  },
  rfm: { method: sampleReport.rfm.method, segments: [] },
  products: { dueCustomers: 0, replenishment: [], repeatRateByFirstProduct: [] },
  crossSell: [],
  actions: [],
  models: null,
  modelsNote:
    'The models need at least 20 customers who first bought before the calibration end (2025-06-03); there are 3.',
};
