import { describe, expect, it } from 'vitest';
import { crossSell, PairCounter, PairCounts } from './cross-sell.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';

/** Orders as [customer, day, skus]: one order per entry. */
function logOf(orders: [string, number, string[]][]) {
  const log = orderLogFrom(
    orders.flatMap(([customerId, day, skus], i) =>
      skus.map((sku) => ({ customerId, day, orderId: `o${i}`, sku, productName: `${sku} name`, lineAmount: 1 })),
    ),
  );
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

describe('cross-sell: same order', () => {
  // 5 orders. Orders with A 3, B 3, C 2, D 1. Pairs: AB 2, AC 1, BC 2.
  const fixture = logOf([
    ['c1', 0, ['A', 'B']],
    ['c2', 0, ['A', 'B', 'C', 'B']],
    ['c3', 0, ['A']],
    ['c4', 0, ['C', 'B']],
    ['c5', 0, ['D']],
  ]);

  it('reports support, confidence and lift, oriented from the rarer product, best lift first', () => {
    const pairs = crossSell(fixture.log, fixture.byCustomer, { minCount: 2 });
    expect(pairs).toEqual([
      // C is in 2 orders, B in 3: from C. Lift = 2 x 5 / (3 x 2).
      {
        kind: 'same-order',
        fromSku: 'C',
        fromName: 'C name',
        toSku: 'B',
        toName: 'B name',
        count: 2,
        support: 0.4,
        confidence: 1,
        lift: 10 / 6,
      },
      // A and B are in 3 orders each: from the first product. Lift = 2 x 5 / (3 x 3).
      {
        kind: 'same-order',
        fromSku: 'A',
        fromName: 'A name',
        toSku: 'B',
        toName: 'B name',
        count: 2,
        support: 0.4,
        confidence: 2 / 3,
        lift: 10 / 9,
      },
    ]);
  });

  it('applies minCount and top', () => {
    const all = crossSell(fixture.log, fixture.byCustomer, { minCount: 1 });
    // A-C is in 1 order: lift 1 x 5 / (3 x 2) = 5/6, from C (2 orders) to A (3 orders).
    expect(all.filter((p) => p.kind === 'same-order').map((p) => `${p.fromSku}>${p.toSku}`)).toEqual([
      'C>B',
      'A>B',
      'C>A',
    ]);
    expect(all[2].lift).toBeCloseTo(5 / 6, 12);
    expect(
      crossSell(fixture.log, fixture.byCustomer, { minCount: 1, top: 1 }).map((p) => `${p.fromSku}>${p.toSku}`),
    ).toEqual(['C>B']);
    expect(crossSell(fixture.log, fixture.byCustomer)).toEqual([]); // default minCount 10
  });

  it('forms pairs from at most maxProductsPerBasket distinct products per order', () => {
    const big = logOf([
      ['c1', 0, ['A', 'B', 'C']],
      ['c2', 0, ['A', 'B', 'C']],
    ]);
    const pairs = crossSell(big.log, big.byCustomer, { minCount: 1, maxProductsPerBasket: 2 });
    // Only A-B is formed; C still counts in "orders with C".
    expect(pairs.map((p) => [p.kind, p.fromSku, p.toSku, p.count, p.lift])).toEqual([['same-order', 'A', 'B', 2, 1]]);
  });
});

describe('cross-sell: later', () => {
  // Products are numbered P 0, Q 1, R 2 (order of first appearance).
  //   c1: P, then Q         -> P>Q
  //   c2: P, then Q + R     -> P>Q, P>R (Q and R on one day: no pair between them)
  //   c3: P + Q on one day  -> nothing
  //   c4: Q, then P         -> Q>P
  //   c5: R, then R         -> nothing
  //   c6: Q, then P, then Q -> Q>P (Q was bought before P)
  // Customers 6; bought P 5, Q 5, R 2.
  const fixture = logOf([
    ['c1', 0, ['P']],
    ['c1', 10, ['Q']],
    ['c2', 0, ['P']],
    ['c2', 5, ['Q', 'R']],
    ['c3', 0, ['P', 'Q']],
    ['c4', 3, ['P']],
    ['c4', 0, ['Q']],
    ['c5', 0, ['R']],
    ['c5', 1, ['R']],
    ['c6', 0, ['Q']],
    ['c6', 2, ['P']],
    ['c6', 4, ['Q']],
  ]);

  it('counts customers who first bought B on a later day than A', () => {
    const pairs = crossSell(fixture.log, fixture.byCustomer, { minCount: 2 });
    // Lift = (2 / 5) / (5 / 6) = 12 / 25. P>Q and Q>P tie on lift and count: the lower product number (P) comes first.
    const later = { kind: 'later', count: 2, support: 2 / 6, confidence: 2 / 5, lift: 12 / 25 } as const;
    expect(pairs).toEqual([
      { ...later, fromSku: 'P', fromName: 'P name', toSku: 'Q', toName: 'Q name' },
      { ...later, fromSku: 'Q', fromName: 'Q name', toSku: 'P', toName: 'P name' },
    ]);
    const pr = crossSell(fixture.log, fixture.byCustomer, { minCount: 1 }).find(
      (p) => p.kind === 'later' && p.fromSku === 'P' && p.toSku === 'R',
    );
    expect(pr).toMatchObject({ kind: 'later', fromSku: 'P', toSku: 'R', count: 1, support: 1 / 6, confidence: 1 / 5 });
    expect(pr!.lift).toBeCloseTo(1 / 5 / (2 / 6), 12);
  });

  it('forms pairs from the first maxProductsPerBasket products a customer bought', () => {
    const capped = logOf([
      ['c1', 0, ['A']],
      ['c1', 1, ['B']],
      ['c1', 2, ['C']],
    ]);
    const pairs = crossSell(capped.log, capped.byCustomer, { minCount: 1, maxProductsPerBasket: 2 });
    expect(pairs.map((p) => `${p.kind} ${p.fromSku}>${p.toSku}`)).toEqual(['later A>B']);
  });
});

describe('PairCounts', () => {
  it('counts many distinct pairs through growth', () => {
    const counts = new PairCounts();
    for (let round = 0; round < 3; round++)
      for (let a = 0; a < 300; a++)
        for (let b = 0; b < 300; b += 7) if (round < 2 || a % 2 === 0) counts.increment(a, b);
    expect(counts.size).toBe(300 * 43);
    expect(counts.get(0, 0)).toBe(3);
    expect(counts.get(1, 7)).toBe(2);
    expect(counts.get(1, 8)).toBe(0);
    expect(counts.get(299, 294)).toBe(2);
    let total = 0;
    counts.forEach((_a, _b, n) => {
      total += n;
    });
    expect(total).toBe(300 * 43 * 2 + 150 * 43);
  });
});

describe('PairCounter', () => {
  it('counts pairs in the dense matrix and the hash table alike', () => {
    const counter = new PairCounter(10, 3); // ranks 0-2 dense, the rest hashed
    const expected = new Map<string, number>();
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const a = x % 10;
      const b = Math.floor(x / 10) % 10;
      counter.increment(a, b);
      expected.set(`${a},${b}`, (expected.get(`${a},${b}`) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    counter.forEach(1, (a, b, count) => seen.set(`${a},${b}`, count));
    expect(seen).toEqual(expected);
    const frequent = new Map<string, number>();
    counter.forEach(60, (a, b, count) => frequent.set(`${a},${b}`, count));
    expect(frequent).toEqual(new Map([...expected].filter(([, n]) => n >= 60)));
  });
});
