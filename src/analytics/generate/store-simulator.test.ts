import { describe, expect, it } from 'vitest';
import { dayFromYmd, monthIndexOfDay } from '../day.js';
import { RegularsError } from '../../platform/errors.js';
import { createRng } from '../../platform/random.js';
import { CATALOG, type Product } from './catalog.js';
import { DEFAULT_DAYS, DEFAULT_START_DAY, generateStore, type GeneratedOrderRow } from './store-simulator.js';

const START = DEFAULT_START_DAY;
const END = START + DEFAULT_DAYS; // exclusive

interface Order {
  readonly id: string;
  readonly day: number;
  readonly status: GeneratedOrderRow['status'];
  readonly acceptsMarketing: boolean;
  readonly skus: string[];
}

interface Customer {
  readonly id: string;
  readonly email: string;
  readonly birthday: string;
  readonly orders: Order[];
}

/**
 * Groups rows into customers and orders, checking on the way that both come in adjacent runs and
 * that every row of an order repeats its order-level fields (throws otherwise).
 */
function collect(rows: Iterable<GeneratedOrderRow>): { customers: Customer[]; rows: GeneratedOrderRow[] } {
  const customers: Customer[] = [];
  const all: GeneratedOrderRow[] = [];
  const seenCustomers = new Set<string>();
  const seenOrders = new Set<string>();
  let first: GeneratedOrderRow | null = null;
  for (const row of rows) {
    all.push(row);
    let customer = customers.at(-1);
    if (customer?.id !== row.customerId) {
      if (seenCustomers.has(row.customerId)) throw new Error(`rows of ${row.customerId} are not adjacent`);
      seenCustomers.add(row.customerId);
      customer = { id: row.customerId, email: row.email, birthday: row.birthday, orders: [] };
      customers.push(customer);
    }
    let order = customer.orders.at(-1);
    if (order?.id !== row.orderId) {
      if (seenOrders.has(row.orderId)) throw new Error(`rows of ${row.orderId} are not adjacent`);
      seenOrders.add(row.orderId);
      order = { id: row.orderId, day: row.day, status: row.status, acceptsMarketing: row.acceptsMarketing, skus: [] };
      customer.orders.push(order);
      first = row;
    } else if (
      row.day !== first!.day ||
      row.time !== first!.time ||
      row.status !== first!.status ||
      row.acceptsMarketing !== first!.acceptsMarketing ||
      row.email !== first!.email ||
      row.birthday !== first!.birthday
    ) {
      throw new Error(`order-level fields differ between rows of ${row.orderId}`);
    }
    order.skus.push(row.sku);
  }
  return { customers, rows: all };
}

/** Distinct days of a customer's paid orders: what a purchase is in the BTYD sense. */
function paidDays(customer: Customer): number[] {
  return [...new Set(customer.orders.filter((o) => o.status === 'paid').map((o) => o.day))];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Days between consecutive paid purchases of one SKU by the same customer. */
function repurchaseIntervals(customers: Customer[], sku: string): number[] {
  const intervals: number[] = [];
  for (const c of customers) {
    let last = -1;
    for (const o of c.orders) {
      if (o.status !== 'paid' || !o.skus.includes(sku)) continue;
      if (last >= 0) intervals.push(o.day - last);
      last = o.day;
    }
  }
  return intervals;
}

function firstDayOf(customer: Customer, sku: string): number {
  return customer.orders.find((o) => o.status === 'paid' && o.skus.includes(sku))?.day ?? -1;
}

// The demo store: 20,000 customers over 2024-2025, generated once for the shape tests.
const demo = collect(generateStore({ customers: 20_000, seed: 42, startDay: START }));

describe('generateStore: determinism', () => {
  const take = (seed: number) => collect(generateStore({ customers: 500, seed, startDay: START })).rows;

  it('gives the same rows for the same seed, and different rows for another seed', () => {
    const a = take(7);
    expect(take(7)).toEqual(a);
    const b = take(8);
    expect(b).not.toEqual(a);
    expect(b.length).toBeGreaterThan(0);
  });

  it('draws from the rng it is given, defaulting to createRng(seed)', () => {
    const explicit = collect(generateStore({ customers: 300, seed: 7, startDay: START }, createRng(7))).rows;
    expect(explicit).toEqual(collect(generateStore({ customers: 300, seed: 7, startDay: START })).rows);
  });

  it('is lazy: asking for the first row does not simulate the whole store', () => {
    const rows = generateStore({ customers: 50_000_000, seed: 1, startDay: START });
    const first = rows.next();
    expect(first.done).toBe(false);
    expect((first.value as GeneratedOrderRow).customerId).toBe('cus_000001');
  });

  it('checks its options before the first row', () => {
    const bad = [
      { customers: -1, seed: 1, startDay: START },
      { customers: 1.5, seed: 1, startDay: START },
      { customers: 10, seed: 0.5, startDay: START },
      { customers: 10, seed: 1, startDay: Number.NaN },
      { customers: 10, seed: 1, startDay: START, days: 0 },
    ];
    for (const options of bad) {
      expect(() => generateStore(options)).toThrow(RegularsError);
    }
    expect([...generateStore({ customers: 0, seed: 1, startDay: START })]).toEqual([]);
  });
});

describe('generateStore: rows', () => {
  it('numbers customers, orders and emails as documented', () => {
    const { rows, customers } = demo;
    expect(customers).toHaveLength(20_000);
    expect(customers[0].id).toBe('cus_000001');
    expect(customers[0].email).toBe('c000001@example.com');
    expect(customers[19_999].id).toBe('cus_020000');
    expect(rows[0].orderId).toBe('ord_000000001');
    // One assertion over all rows: an expect() per row would make this test slow.
    const bad = rows.filter(
      (row) =>
        !/^ord_\d{9}$/.test(row.orderId) ||
        !/^cus_\d{6}$/.test(row.customerId) ||
        row.email !== `c${row.customerId.slice(4)}@example.com` ||
        !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(row.time) ||
        !/^$|^(19[5-9]\d|200[0-6])-\d{2}-\d{2}$/.test(row.birthday),
    );
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('sells catalog products at list price in whole units', () => {
    const bySku = new Map(CATALOG.map((p) => [p.sku, p]));
    const bad = demo.rows.filter((row) => {
      const product = bySku.get(row.sku);
      return (
        product === undefined ||
        row.productName !== product.name ||
        row.category !== product.category ||
        row.price !== product.price ||
        row.currency !== 'USD' ||
        !Number.isInteger(row.quantity) ||
        row.quantity < 1 ||
        row.quantity > (product.kind === 'consumable' ? 4 : 1)
      );
    });
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('keeps days inside the period, each customer in date order, customers in order of arrival', () => {
    const problems: string[] = [];
    let lastArrival = START;
    let lastOrderNumber = 0;
    for (const c of demo.customers) {
      if (c.orders[0].day < lastArrival) problems.push(`${c.id} arrives before the customer before it`);
      lastArrival = c.orders[0].day;
      for (let i = 0; i < c.orders.length; i++) {
        const o = c.orders[i];
        if (o.day < START || o.day >= END) problems.push(`${o.id} on day ${o.day} is outside the period`);
        if (i > 0 && o.day <= c.orders[i - 1].day) problems.push(`${o.id} is not after the order before it`);
        if (Number(o.id.slice(4)) !== ++lastOrderNumber) problems.push(`${o.id} is out of sequence`);
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // Arrivals span the whole period.
    expect(demo.customers[0].orders[0].day).toBeLessThan(START + 7);
    expect(demo.customers.at(-1)!.orders[0].day).toBeGreaterThan(END - 7);
  });
});

describe('generateStore: the story', () => {
  const { customers } = demo;

  it('has a believable repeat rate and a repeat curve that rises with orders', () => {
    const purchases = customers.map((c) => paidDays(c).length);
    const atLeast = (k: number) => purchases.filter((x) => x >= k).length;
    const repeatRate = atLeast(2) / customers.length;
    expect(repeatRate).toBeGreaterThan(0.25);
    expect(repeatRate).toBeLessThan(0.45);
    // The more orders a customer has placed, the likelier the next (retention-playbook.md).
    const p2 = atLeast(2) / atLeast(1);
    const p3 = atLeast(3) / atLeast(2);
    const p5 = atLeast(5) / atLeast(4);
    expect(p3).toBeGreaterThan(p2);
    expect(p5).toBeGreaterThan(p3);
    // A loyal core: some customers buy more than ten times.
    expect(atLeast(11)).toBeGreaterThan(100);
  });

  it('rebuys consumables near their cycles', () => {
    const cases: [string, number, number][] = [
      ['BN-HOUSE-500', 25, 40], // 30-day cycle
      ['BN-HOUSE-250', 17, 28], // 21
      ['FLT-V60-100', 50, 70], // 60
      ['CLN-DESCALE', 75, 105], // 90
      ['OAT-BARISTA-6', 11, 18], // 14
    ];
    for (const [sku, low, high] of cases) {
      const intervals = repurchaseIntervals(customers, sku);
      expect(intervals.length, sku).toBeGreaterThan(100);
      const m = median(intervals);
      expect(m, sku).toBeGreaterThanOrEqual(low);
      expect(m, sku).toBeLessThanOrEqual(high);
    }
  });

  it('sells accessories after the durables they go with', () => {
    const pairs: [string, string][] = [
      ['BRW-V60', 'FLT-V60-100'],
      ['ESP-HOME', 'ACC-TAMPER'],
      ['GRD-BURR', 'ACC-BRUSH'],
      ['BRW-DRIP', 'FLT-BASKET-200'],
    ];
    for (const [durable, accessory] of pairs) {
      let owners = 0;
      let ownersWithAccessory = 0;
      let onOrAfter = 0;
      let othersWithAccessory = 0;
      for (const c of customers) {
        const d = firstDayOf(c, durable);
        const a = firstDayOf(c, accessory);
        if (d >= 0) {
          owners++;
          if (a >= 0) {
            ownersWithAccessory++;
            if (a >= d) onOrAfter++;
          }
        } else if (a >= 0) othersWithAccessory++;
      }
      const lift = ownersWithAccessory / owners / (othersWithAccessory / (customers.length - owners));
      expect(owners, durable).toBeGreaterThan(200);
      expect(lift, `${durable} -> ${accessory}`).toBeGreaterThan(5);
      expect(onOrAfter / ownersWithAccessory, `${durable} -> ${accessory}`).toBeGreaterThan(0.9);
    }
  });

  it('has some owners upgrade months later', () => {
    let upgrades = 0;
    for (const c of customers) {
      const base = firstDayOf(c, 'GRD-BURR');
      const better = firstDayOf(c, 'GRD-FLAT');
      if (base >= 0 && better - base >= 60) upgrades++;
    }
    expect(upgrades).toBeGreaterThan(10);
  });

  it('has a few refunds and cancellations', () => {
    const orders = customers.flatMap((c) => c.orders);
    const share = (status: string) => orders.filter((o) => o.status === status).length / orders.length;
    expect(share('refunded')).toBeGreaterThan(0.01);
    expect(share('refunded')).toBeLessThan(0.035);
    expect(share('cancelled')).toBeGreaterThan(0.004);
    expect(share('cancelled')).toBeLessThan(0.02);
  });

  it('grows, and peaks in November and December', () => {
    const orders = customers.flatMap((c) => c.orders);
    const perMonth = new Map<number, number>();
    for (const o of orders) perMonth.set(monthIndexOfDay(o.day), (perMonth.get(monthIndexOfDay(o.day)) ?? 0) + 1);
    const month = (y: number, m: number) => perMonth.get(y * 12 + m - 1) ?? 0;
    expect(month(2025, 6)).toBeGreaterThan(month(2024, 6) * 1.3);
    expect(month(2025, 12)).toBeGreaterThan(month(2025, 9) * 1.3);
    expect(month(2024, 12)).toBeGreaterThan(month(2025, 2));
    // New customers too: more arrive in December than in June.
    const arrivals = new Map<number, number>();
    for (const c of customers)
      arrivals.set(monthIndexOfDay(c.orders[0].day), (arrivals.get(monthIndexOfDay(c.orders[0].day)) ?? 0) + 1);
    expect(arrivals.get(2025 * 12 + 11)!).toBeGreaterThan(arrivals.get(2025 * 12 + 5)! * 1.5);
    // Black Friday 2025 (28 November) outsells the Friday before.
    const onDay = (day: number) => orders.filter((o) => o.day === day).length;
    expect(onDay(dayFromYmd(2025, 11, 28))).toBeGreaterThan(onDay(dayFromYmd(2025, 11, 21)) * 1.5);
  });

  it('gives customers a spend level: the top decile spends far more per order', () => {
    const revenue = new Map<string, number>();
    const orderCount = new Map<string, number>();
    for (const row of demo.rows) {
      if (row.status !== 'paid') continue;
      revenue.set(row.customerId, (revenue.get(row.customerId) ?? 0) + row.price * row.quantity);
    }
    for (const c of customers) orderCount.set(c.id, c.orders.filter((o) => o.status === 'paid').length);
    const aov = customers
      .filter((c) => orderCount.get(c.id)! >= 2)
      .map((c) => revenue.get(c.id)! / orderCount.get(c.id)!);
    aov.sort((a, b) => a - b);
    const p10 = aov[Math.floor(aov.length * 0.1)];
    const p90 = aov[Math.floor(aov.length * 0.9)];
    expect(p90 / p10).toBeGreaterThan(2.5);
  });

  it('has emails for all, birthdays for most, and consent that is mostly given and sometimes changes', () => {
    const withBirthday = customers.filter((c) => c.birthday !== '').length / customers.length;
    expect(withBirthday).toBeGreaterThan(0.65);
    expect(withBirthday).toBeLessThan(0.75);
    const consentAtFirst = customers.filter((c) => c.orders[0].acceptsMarketing).length / customers.length;
    expect(consentAtFirst).toBeGreaterThan(0.57);
    expect(consentAtFirst).toBeLessThan(0.63);
    const changed = customers.filter((c) => c.orders.some((o) => o.acceptsMarketing !== c.orders[0].acceptsMarketing));
    expect(changed.length).toBeGreaterThan(100);
    expect(changed.length).toBeLessThan(customers.length * 0.1);
  });
});

describe('catalog', () => {
  it('is a coherent shop: 40-80 products of every kind with valid references', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(40);
    expect(CATALOG.length).toBeLessThanOrEqual(80);
    const skus = new Set(CATALOG.map((p) => p.sku));
    expect(skus.size).toBe(CATALOG.length);
    for (const kind of ['consumable', 'durable', 'accessory']) expect(CATALOG.some((p) => p.kind === kind)).toBe(true);
    const cycles = new Set(CATALOG.flatMap((p) => (p.kind === 'consumable' ? [p.cycleDays] : [])));
    for (const cycle of [30, 60, 90]) expect(cycles.has(cycle)).toBe(true);
    for (const p of CATALOG) {
      expect(Math.round(p.price * 100) / 100).toBe(p.price);
      if (p.kind !== 'durable') continue;
      for (const f of p.followUps) expect(skus.has(f.sku), `${p.sku} -> ${f.sku}`).toBe(true);
      if (p.upgrade) expect(CATALOG.find((q) => q.sku === p.upgrade!.sku)?.kind).toBe('durable');
    }
    // The names include CSV-hostile characters on purpose.
    expect(CATALOG.some((p) => p.name.includes(','))).toBe(true);
    expect(CATALOG.some((p) => p.name.includes('"'))).toBe(true);
  });

  it('can be replaced, and a broken one is refused', () => {
    const tiny: Product[] = [
      {
        kind: 'consumable',
        sku: 'TEA',
        name: 'Tea',
        category: 'Tea',
        price: 5,
        popularity: 1,
        season: 'flat',
        cycleDays: 20,
        family: '',
      },
      {
        kind: 'durable',
        sku: 'POT',
        name: 'Teapot',
        category: 'Pots',
        price: 30,
        popularity: 1,
        season: 'flat',
        followUps: [{ sku: 'TEA', together: 0.5, later: 0.5, meanDelayDays: 10 }],
        upgrade: null,
      },
    ];
    const rows = [...generateStore({ customers: 200, seed: 3, startDay: START, days: 365, catalog: tiny })];
    expect(new Set(rows.map((r) => r.sku))).toEqual(new Set(['TEA', 'POT']));
    expect(rows.every((r) => r.day >= START && r.day < START + 365)).toBe(true);

    const broken: Product[] = [
      { ...tiny[1], followUps: [{ sku: 'NOPE', together: 0.5, later: 0.5, meanDelayDays: 10 }] } as Product,
    ];
    expect(() => generateStore({ customers: 1, seed: 1, startDay: START, catalog: broken })).toThrow(
      /unknown SKU NOPE/,
    );
    expect(() => generateStore({ customers: 1, seed: 1, startDay: START, catalog: [tiny[0], tiny[0]] })).toThrow(
      /duplicate SKU/,
    );
  });
});
