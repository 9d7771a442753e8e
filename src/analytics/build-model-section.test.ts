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
    const { section, note } = buildModelSection(log, byCustomer, HOLD, {
      model: 'auto',
      calibrationEndDay: CAL,
      holdoutEndDay: null,
    });
    expect(note).toBeNull();
    const m = section!;
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
