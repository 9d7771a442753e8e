import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/support/fixtures.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { dayFromIso } from './day.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { readOrderFile } from './ingest/order-file.reader.js';
import { buildModelSection } from './build-model-section.js';

const CAL = dayFromIso('1997-09-30');
const HOLD = dayFromIso('1998-06-30');

/** An order log from [customer, day] pairs. */
function logOf(orders: readonly [number, number][], customers: number): OrderLog {
  return {
    customerIds: Array.from({ length: customers }, (_, c) => `c${c}`),
    customerEmails: null,
    customerAcceptsMarketing: new Int8Array(customers),
    customerBirthdays: null,
    productSkus: [],
    productNames: [],
    productCategories: [],
    orderCount: orders.length,
    orderCustomer: Int32Array.from(orders, (o) => o[0]),
    orderDay: Int32Array.from(orders, (o) => o[1]),
    orderAmount: new Float64Array(orders.length).fill(20),
    itemStart: new Int32Array(orders.length + 1),
    itemProduct: new Int32Array(0),
    itemQuantity: new Float32Array(0),
    itemAmount: new Float64Array(0),
  };
}

describe('buildModelSection', () => {
  let log: OrderLog;
  let byCustomer: CustomerOrders;
  beforeAll(async () => {
    log = (await readOrderFile(fixturePath('cdnow', 'CDNOW_sample.txt'))).log;
    byCustomer = groupOrdersByCustomer(log);
  });

  it('chooses by BIC without a holdout, and predicts at the as-of day with the calibration fit', () => {
    const { section, note, repeatCurvePredictions } = buildModelSection(log, byCustomer, HOLD, {
      model: 'auto',
      calibrationEndDay: CAL,
      holdoutEndDay: null,
    });
    expect(note).toBeNull();
    expect(repeatCurvePredictions).toBeUndefined();
    const m = section!;
    expect(m.customers.source).toBe('model');
    expect(m.choiceRule).toBe('bic');
    expect(m.table.map((r) => r.model)).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd']);
    for (const r of m.table) expect(r.holdoutMae).toBeNull();
    // Published LLs: MBG/NBD -9582.136 beats BG/NBD -9582.429 and Pareto/NBD -9594.976; all have k = 4.
    expect(m.chosen).toBe('mbgnbd');
    const bic = Math.min(...m.table.map((r) => r.bic));
    expect(m.table.find((r) => r.model === 'mbgnbd')!.bic).toBe(bic);
    expect(m.backtest).toBeNull();
    expect(m.holdoutEnd).toBeNull();
    expect(m.calibrationCustomers).toBe(2357);
    expect(m.customers.asOf).toBe('1998-06-30');
    expect(m.customers.counts.customers).toBe(2357);
    expect(m.customers.topByClv).toHaveLength(20);
    expect(m.customers.mostAtRisk).toHaveLength(20);
    expect(m.spend?.params.q).toBeGreaterThan(1);
  });

  it('fits only the model asked for', () => {
    const { section } = buildModelSection(log, byCustomer, HOLD, {
      model: 'bgnbd',
      calibrationEndDay: CAL,
      holdoutEndDay: HOLD,
    });
    expect(section!.choiceRule).toBe('given');
    expect(section!.table.map((r) => r.model)).toEqual(['bgnbd']);
    expect(section!.backtest!.mae).toBe(section!.table[0].holdoutMae);
  });

  it('uses the calibration summary itself when the calibration ends on the as-of day', () => {
    const { section } = buildModelSection(log, byCustomer, CAL, {
      model: 'bgnbd',
      calibrationEndDay: CAL,
      holdoutEndDay: null,
    });
    expect(section!.customers.asOf).toBe('1997-09-30');
    expect(section!.customers.counts.customers).toBe(2357);
    expect(section!.customers.counts.expectedOrdersNextQuarter).toBeGreaterThan(0);
  });

  it('falls back to each customer\u2019s average order value when Gamma-Gamma cannot be fitted', () => {
    const free: OrderLog = { ...log, orderAmount: new Float64Array(log.orderCount) }; // every order worth 0
    const { section } = buildModelSection(free, byCustomer, HOLD, {
      model: 'bgnbd',
      calibrationEndDay: CAL,
      holdoutEndDay: HOLD,
    });
    expect(section!.spend).toBeNull();
    expect(section!.customers.spendSource).toBe('average-order-value');
    const warnings = section!.warnings.join(' ');
    expect(warnings).toContain('Gamma-Gamma spend model not used');
    expect(warnings).toContain('own average order value');
    expect(section!.customers.topByClv[0].clv12m).toBe(0);
  });

  it('predicts a store with fewer than 20 customers from its repeat curve, flagged as such', () => {
    // 5 customers with 1 order, 2 with 2 (gaps of 100 and 10 days), 1 with 3 (gaps of 30 and 30):
    // P(another order) = 3/8 after 1 order, 1/3 after 2, 0 after 3; 3 of the 4 gaps are within a
    // quarter (91 days), all within a year.
    const orders: [number, number][] = [
      [0, 100],
      [0, 130],
      [0, 160],
      [1, 100],
      [1, 200],
      [2, 110],
      [2, 120],
      [3, 105],
      [4, 108],
      [5, 150],
      [6, 160],
      [7, 170],
    ];
    const tiny = logOf(orders, 8);
    const result = buildModelSection(tiny, groupOrdersByCustomer(tiny), 320, {
      model: 'auto',
      calibrationEndDay: 320,
      holdoutEndDay: null,
    });
    expect(result.section).toBeNull();
    expect(result.note).toMatch(/^The models need at least 20 customers .*there are 8\./);
    const p = result.repeatCurvePredictions!;
    expect(p).toMatchObject({
      source: 'repeat-curve',
      spendSource: 'average-order-value',
      asOf: '1970-11-17',
      horizonWeeks: 13,
    });
    expect(p.counts.customers).toBe(8);
    expect(p.counts.likelyActive).toBe(0);
    expect(p.counts.atRisk).toBe(3);
    expect(p.counts.expectedOrdersNextQuarter).toBeCloseTo(5 * (3 / 8) * (3 / 4) + 2 * (1 / 3) * (3 / 4), 12);
    expect(p.topByClv).toHaveLength(8);
    expect(p.topByClv[0]).toEqual({
      customerId: 'c3',
      orders: 1,
      pAlive: 3 / 8,
      expectedPurchasesNextQuarter: (3 / 8) * (3 / 4),
      expectedSpend: 20,
      clv12m: (3 / 8) * 20,
    });
    const twice = p.topByClv.find((c) => c.customerId === 'c1')!;
    expect(twice.pAlive).toBeCloseTo(1 / 3, 12);
    expect(twice.expectedPurchasesNextQuarter).toBeCloseTo(1 / 4, 12);
    const thrice = p.topByClv.find((c) => c.customerId === 'c0')!;
    expect(thrice).toMatchObject({ orders: 3, pAlive: 0, expectedPurchasesNextQuarter: 0, clv12m: 0 });
    expect(p.mostAtRisk.map((c) => c.customerId)).toEqual(['c0', 'c1', 'c2']);
    expect(p.mostAtRisk[0]).toMatchObject({ spend: 60, daysSinceLastOrder: 160 });
  });

  it('says why when there are too few customers or no repeat purchases', () => {
    const few = logOf(
      Array.from({ length: 10 }, (_, c): [number, number] => [c, 100 + c]),
      10,
    );
    const fewResult = buildModelSection(few, groupOrdersByCustomer(few), 200, {
      model: 'auto',
      calibrationEndDay: 200,
      holdoutEndDay: null,
    });
    expect(fewResult.section).toBeNull();
    expect(fewResult.note).toBe(
      'The models need at least 20 customers who first bought before the calibration end (1970-07-20); there are 10. ' +
        "Until then, the store's repeat curve stands in for them: 0% of those with 1 order (0 of 10) placed another.",
    );

    const once = logOf(
      Array.from({ length: 30 }, (_, c): [number, number] => [c, 100 + c]),
      30,
    );
    const onceResult = buildModelSection(once, groupOrdersByCustomer(once), 200, {
      model: 'auto',
      calibrationEndDay: 200,
      holdoutEndDay: null,
    });
    expect(onceResult.section).toBeNull();
    expect(onceResult.note).toMatch(/^No customer made a repeat purchase by the calibration end \(1970-07-20\)/);
  });

  it('leaves out of the fit the customers who first bought on the calibration end day (T = 0), but predicts them', () => {
    const orders: [number, number][] = [];
    for (let c = 0; c < 40; c++) {
      orders.push([c, 10 + c]);
      if (c % 3 === 0) orders.push([c, 60 + c]);
      if (c % 5 === 0) orders.push([c, 90 + c]);
    }
    orders.push([40, 150]); // first purchase on the calibration end day
    const small = logOf(orders, 41);
    const { section } = buildModelSection(small, groupOrdersByCustomer(small), 150, {
      model: 'bgnbd',
      calibrationEndDay: 150,
      holdoutEndDay: null,
    });
    expect(section!.calibrationCustomers).toBe(40);
    expect(section!.customers.counts.customers).toBe(41);
  });
});
