import { describe, expect, it } from 'vitest';
import { dayFromIso, ymdFromDay } from '../../../analytics/day.js';
import { RegularsError } from '../../../platform/errors.js';
import {
  ReplenishmentScan,
  intervalWeeks,
  longDate,
  onePerCustomerDay,
  parseReplenishmentSettings,
  replenishmentTriggerKey,
} from './replenishment.js';

const SETTINGS = parseReplenishmentSettings({}, 'flows/replenishment.json');
const BOUGHT = dayFromIso('2026-01-05');

/** The reminders a scan finds on one day, for purchases given as (customer, sku, days). */
function dueOn(
  day: number,
  purchases: [string, string, number[]][],
  configured: Record<string, number> = { BEANS: 56 },
  settings = SETTINGS,
) {
  const scan = new ReplenishmentScan(new Map(Object.entries(configured)), settings, [day]);
  for (const [customer, sku, days] of purchases) scan.add(customer, sku, days);
  return scan.finish();
}

describe('replenishment flow decision', () => {
  it('has the defaults a store owner expects and rejects wrong settings by name', () => {
    expect(SETTINGS).toEqual({
      leadFraction: 0.8,
      sendHour: 10,
      learnFromRepurchases: true,
      minRepurchasers: 20,
      skus: null,
      excludeSkus: [],
      onePerDay: true,
      reorderPath: null,
    });
    expect(() => parseReplenishmentSettings({ leadFraction: 0 }, 'f.json')).toThrow(
      /settings.leadFraction must be a number from 0.05 to 1/,
    );
    expect(() => parseReplenishmentSettings({ skus: ['A'], excludeSkus: ['A'] }, 'f.json')).toThrow(RegularsError);
    expect(() => parseReplenishmentSettings({ reorderPath: '/cart' }, 'f.json')).toThrow(/settings.reorderPath/);
    expect(() => parseReplenishmentSettings({ leadFracton: 0.7 }, 'f.json')).toThrow(
      /settings.leadFracton is not a setting/,
    );
  });

  it('fake clock: a configured 8-week product bought on 2026-01-05 is due on day 44 (2026-02-18), in week 7, and on no day before', () => {
    const fired: number[] = [];
    for (let day = BOUGHT; day <= BOUGHT + 60; day++)
      if (dueOn(day, [['c1', 'BEANS', [BOUGHT]]]).length > 0) fired.push(day);
    expect(fired).toEqual([BOUGHT + 44]);
    expect(ymdFromDay(fired[0])).toBe('2026-02-18');
    expect(Math.ceil((fired[0] - BOUGHT) / 7)).toBe(7);
  });

  it("uses the customer's own interval, else the product's store median, else the configured days", () => {
    const own = dueOn(130 + 24, [['c1', 'BEANS', [100, 130]]]);
    expect(own.map((r) => [r.customerId, r.due.basis, r.due.intervalDays])).toEqual([['c1', 'own', 30]]);
    // c2, c3 rebuy every 40 days: c1, who bought once, is reminded on the store's 40 (day 32), not the configured 56...
    const rebuyers: [string, string, number[]][] = [
      ['c1', 'BEANS', [100]],
      ['c2', 'BEANS', [0, 40]],
      ['c3', 'BEANS', [0, 40, 80]],
    ];
    const few = { ...SETTINGS, minRepurchasers: 2 };
    expect(
      dueOn(100 + 32, rebuyers, { BEANS: 56 }, few).map((r) => [r.customerId, r.due.basis, r.due.intervalDays]),
    ).toEqual([['c1', 'product_median', 40]]);
    // ...once the median rests on minRepurchasers customers; before that, on the configured days.
    expect(dueOn(100 + 32, rebuyers).map((r) => r.customerId)).toEqual([]);
    expect(dueOn(100 + 44, rebuyers).map((r) => [r.customerId, r.due.basis])).toEqual([['c1', 'configured']]);
  });

  it('learns a consumable from repurchases only once minRepurchasers customers bought it on two days', () => {
    const buyers = (n: number): [string, string, number[]][] =>
      Array.from({ length: n }, (_, i) => [`r${i}`, 'TEA', [0, 30]]);
    const once: [string, string, number[]] = ['c1', 'TEA', [100]];
    expect(dueOn(124, [once, ...buyers(19)], {})).toEqual([]);
    expect(dueOn(124, [once, ...buyers(20)], {}).map((r) => r.customerId)).toEqual(['c1']);
    expect(dueOn(124, [once, ...buyers(20)], {}, { ...SETTINGS, learnFromRepurchases: false })).toEqual([]);
    // A mug bought once by everyone is never a consumable.
    expect(dueOn(124, [['c1', 'MUG', [100]]], {})).toEqual([]);
  });

  it('plans only the latest cycle: a rebuy before the reminder moves it', () => {
    expect(dueOn(BOUGHT + 44, [['c1', 'BEANS', [BOUGHT, BOUGHT + 30]]])).toEqual([]);
    expect(dueOn(BOUGHT + 30 + 24, [['c1', 'BEANS', [BOUGHT, BOUGHT + 30]]]).map((r) => r.due.lastDay)).toEqual([
      BOUGHT + 30,
    ]);
  });

  it('with onePerDay keeps the product bought longest ago per customer and day', () => {
    const found = dueOn(
      200,
      [
        ['c1', 'BEANS', [156]],
        ['c1', 'FILTER', [155, 180]],
        ['c2', 'BEANS', [156]],
      ],
      { BEANS: 56, FILTER: 25 },
    );
    expect(found.map((r) => `${r.customerId}:${r.due.sku}`)).toEqual(['c1:BEANS', 'c1:FILTER', 'c2:BEANS']);
    expect(onePerCustomerDay(found).map((r) => `${r.customerId}:${r.due.sku}`)).toEqual(['c1:BEANS', 'c2:BEANS']);
  });

  it('keys, weeks and dates the template gets', () => {
    const [r] = dueOn(BOUGHT + 44, [['c1', 'BEANS', [BOUGHT]]]);
    expect(replenishmentTriggerKey(r.due, ymdFromDay)).toBe('sku:BEANS:2026-01-05');
    expect(intervalWeeks(56)).toBe(8);
    expect(intervalWeeks(3)).toBe(1);
    expect(longDate(dayFromIso('2026-03-03'))).toBe('3 March 2026');
  });
});
