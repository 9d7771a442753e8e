import { describe, expect, it } from 'vitest';
import { normalizeOffer, type OfferTerm, quoteOffer, type SubscriptionOfferInput, termMonthlyMinor } from './offer.js';

const input: SubscriptionOfferInput = {
  code: 'house-blend',
  sku: 'BEAN-1',
  name: 'House blend, 1 kg a month',
  currency: 'EUR',
  baseMonthlyMinor: 2999,
  deliveryIntervalMonths: 1,
  terms: [
    { months: 24, discountPercent: 20 },
    { months: 1, discountPercent: 0 },
    { months: 6, discountPercent: 12.5 },
    { months: 3, monthlyMinor: 2799 },
  ],
};

function terms(offer: SubscriptionOfferInput): OfferTerm[] {
  const result = normalizeOffer(offer);
  if ('problem' in result) throw new Error(result.problem.message);
  return result.terms;
}

describe('subscription offer quote', () => {
  it('prices every term exactly: discount rounded up, total from the monthly price, saving vs monthly', () => {
    const quote = quoteOffer({ ...input, terms: terms(input) });
    expect(quote).toMatchObject({ offer: 'house-blend', sku: 'BEAN-1', currency: 'EUR', baseMonthlyMinor: 2999 });
    expect(quote.terms).toEqual([
      { months: 1, monthlyMinor: 2999, totalMinor: 2999, savingMinor: 0, savingPercent: 0 },
      // Given as a price: 200 off a month, 600 over 3 months of 8997: 6.6689% -> 6.67.
      { months: 3, monthlyMinor: 2799, totalMinor: 8397, savingMinor: 600, savingPercent: 6.67 },
      // 12.5% of 2999 = 374.875 off: the discount rounds up to 375, the price down to 2624.
      { months: 6, monthlyMinor: 2624, totalMinor: 15744, savingMinor: 2250, savingPercent: 12.5 },
      // 20% of 2999 = 599.8 off -> 600; 2399 x 24 = 57576; saving 14400 of 71976 = 20.0067% -> 20.01.
      { months: 24, monthlyMinor: 2399, totalMinor: 57576, savingMinor: 14400, savingPercent: 20.01 },
    ]);
  });

  it('stays exact for amounts beyond floating-point products', () => {
    const base = 9_000_000_000_001;
    expect(termMonthlyMinor(base, { months: 24, discountBasisPoints: 3333, monthlyMinor: null })).toBe(
      6_000_300_000_000,
    );
    const quote = quoteOffer({
      ...input,
      baseMonthlyMinor: 100_000_000_000_007,
      terms: [{ months: 60, discountBasisPoints: 1, monthlyMinor: null }],
    });
    const row = quote.terms[0];
    expect(row.monthlyMinor).toBe(99_990_000_000_006);
    expect(row.totalMinor).toBe(5_999_400_000_000_360);
    expect(row.savingMinor).toBe(100_000_000_000_007 * 60 - 5_999_400_000_000_360);
  });

  it('rounds the saving percentage half up to two decimals', () => {
    // 1 of 8 minor units = 12.5%; 1 of 3 = 33.333..%; 2 of 3 = 66.666..%.
    const rows = quoteOffer({
      ...input,
      baseMonthlyMinor: 8,
      terms: [{ months: 1, discountBasisPoints: null, monthlyMinor: 7 }],
    }).terms;
    expect(rows[0].savingPercent).toBe(12.5);
    expect(
      quoteOffer({ ...input, baseMonthlyMinor: 3, terms: [{ months: 1, discountBasisPoints: null, monthlyMinor: 2 }] })
        .terms[0].savingPercent,
    ).toBe(33.33);
    expect(
      quoteOffer({ ...input, baseMonthlyMinor: 3, terms: [{ months: 1, discountBasisPoints: null, monthlyMinor: 1 }] })
        .terms[0].savingPercent,
    ).toBe(66.67);
    // 1 of 80,000 = 0.00125% -> 0.
    expect(
      quoteOffer({
        ...input,
        baseMonthlyMinor: 80_000,
        terms: [{ months: 1, discountBasisPoints: null, monthlyMinor: 79_999 }],
      }).terms[0].savingPercent,
    ).toBe(0);
  });

  it('refuses offers by field: duplicate months, both or neither price, a longer term that costs more', () => {
    const problem = (change: Partial<SubscriptionOfferInput>) => {
      const result = normalizeOffer({ ...input, ...change });
      return 'problem' in result ? result.problem.field : null;
    };
    expect(problem({ code: 'House Blend' })).toBe('code');
    expect(problem({ baseMonthlyMinor: 0 })).toBe('baseMonthlyMinor');
    expect(problem({ deliveryIntervalMonths: 0 })).toBe('deliveryIntervalMonths');
    expect(problem({ terms: [] })).toBe('terms');
    expect(
      problem({
        terms: [
          { months: 3, discountPercent: 5 },
          { months: 3, discountPercent: 6 },
        ],
      }),
    ).toBe('terms/1/months');
    expect(problem({ terms: [{ months: 3, discountPercent: 5, monthlyMinor: 100 }] })).toBe('terms/0');
    expect(problem({ terms: [{ months: 3 }] })).toBe('terms/0');
    expect(problem({ terms: [{ months: 3, discountPercent: 5.125 }] })).toBe('terms/0/discountPercent');
    expect(problem({ terms: [{ months: 3, discountPercent: 100 }] })).toBe('terms/0/discountPercent');
    expect(problem({ terms: [{ months: 3, monthlyMinor: 3000 }] })).toBe('terms/0/monthlyMinor');
    expect(problem({ terms: [{ months: 0, discountPercent: 1 }] })).toBe('terms/0/months');
    expect(
      problem({
        terms: [
          { months: 6, discountPercent: 5 },
          { months: 3, discountPercent: 10 },
        ],
      }),
    ).toBe('terms');
    expect(problem({})).toBeNull();
  });
});
