import { describe, expect, it } from 'vitest';
import { pickCrossSell, rankLearnedPartners } from './cross-sell-picks.js';

const both = (a: string, b: string, together: number) => [
  { fromSku: a, toSku: b, together },
  { fromSku: b, toSku: a, together },
];

describe('rankLearnedPartners', () => {
  it('ranks by lift, so a best seller in every basket loses to a true complement', () => {
    const ordersWith = new Map([
      ['GRINDER', 100],
      ['BEANS', 10_000],
      ['BRUSH', 20],
    ]);
    const learned = rankLearnedPartners(
      { pairs: [...both('GRINDER', 'BEANS', 30), ...both('GRINDER', 'BRUSH', 10)], ordersWith },
      5,
    );
    expect(learned.get('GRINDER')?.map((p) => p.sku)).toEqual(['BRUSH', 'BEANS']);
  });

  it('takes the base of a sampled SKU from the orders its pairs were counted in', () => {
    const ordersWith = new Map([
      ['X', 100],
      ['Y', 100],
    ]);
    const pairs = [...both('A', 'X', 10), ...both('B', 'Y', 10)];
    // A's 10 pairs came from a sample of 20 of its orders, B's from 200: X goes with A far more often.
    const learned = rankLearnedPartners(
      {
        pairs,
        ordersWith,
        fromOrders: new Map([
          ['A', 20],
          ['B', 200],
        ]),
      },
      5,
    );
    const picks = pickCrossSell(['A', 'B'], learned, { complements: new Map(), bestSellers: [] }, 2);
    expect(picks.map((p) => p.sku)).toEqual(['X', 'Y']);
    const reversed = rankLearnedPartners(
      {
        pairs,
        ordersWith,
        fromOrders: new Map([
          ['A', 200],
          ['B', 20],
        ]),
      },
      5,
    );
    expect(
      pickCrossSell(['A', 'B'], reversed, { complements: new Map(), bestSellers: [] }, 2).map((p) => p.sku),
    ).toEqual(['Y', 'X']);
  });

  it('drops pairs under the minimum support', () => {
    const ordersWith = new Map([
      ['A', 10],
      ['B', 10],
    ]);
    expect(rankLearnedPartners({ pairs: both('A', 'B', 4), ordersWith }, 5).get('A')).toBeUndefined();
    expect(
      rankLearnedPartners({ pairs: both('A', 'B', 5), ordersWith }, 5)
        .get('A')
        ?.map((p) => p.sku),
    ).toEqual(['B']);
  });
});

describe('pickCrossSell', () => {
  const ordersWith = new Map([
    ['A', 10],
    ['B', 10],
    ['C', 10],
    ['D', 50],
  ]);
  const learned = rankLearnedPartners(
    { pairs: [...both('A', 'B', 6), ...both('A', 'C', 5), ...both('A', 'D', 9)], ordersWith },
    5,
  );

  it('never suggests an item of the order, and fills from configured complements, then best sellers', () => {
    const picks = pickCrossSell(
      ['A', 'B'],
      learned,
      { complements: new Map([['A', ['B', 'E']]]), bestSellers: ['A', 'C', 'F', 'G'] },
      5,
    );
    expect(picks).toEqual([
      { sku: 'C', source: 'learned' },
      { sku: 'D', source: 'learned' },
      { sku: 'E', source: 'configured' },
      { sku: 'F', source: 'best-seller' },
      { sku: 'G', source: 'best-seller' },
    ]);
  });

  it('stops at max and skips what cannot be shown', () => {
    const picks = pickCrossSell(
      ['A'],
      learned,
      { complements: new Map(), bestSellers: ['F'] },
      2,
      (sku) => sku !== 'B',
    );
    expect(picks.map((p) => p.sku)).toEqual(['C', 'D']);
    expect(pickCrossSell(['A'], learned, { complements: new Map(), bestSellers: [] }, 0)).toEqual([]);
  });

  it('falls back to best sellers alone when there is no data', () => {
    const picks = pickCrossSell(['NEW'], new Map(), { complements: new Map(), bestSellers: ['NEW', 'X', 'Y', 'Z'] }, 3);
    expect(picks).toEqual([
      { sku: 'X', source: 'best-seller' },
      { sku: 'Y', source: 'best-seller' },
      { sku: 'Z', source: 'best-seller' },
    ]);
  });
});
