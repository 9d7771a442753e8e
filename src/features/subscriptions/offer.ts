/**
 * Subscription offers: a product delivered on a schedule, at a base monthly price, with
 * terms of commitment (1, 3, 6, 24 months...) that lower the monthly price the longer the commitment.
 * The quote is the price table a storefront shows; every figure is exact integer minor units.
 *
 * Rounding (the one rule): a term's discount is a percentage with at most two decimals, held as
 * basis points (1 bp = 0.01%). Its monthly price is base x (10,000 - bp) / 10,000 rounded DOWN to
 * the minor unit, i.e. the discount rounded up, in the customer's favour as coupons round
 * (coupon.ts percentDiscount). The total is that monthly price x months, so the total is exactly
 * what the monthly charges add up to. The saving is base x months - total; its percentage is
 * rounded half up to two decimals for display. Computed with BigInt: exact for any safe amount.
 */

/** A term as the store writes it: the months of commitment and either a discount or a monthly price. */
export interface OfferTermInput {
  readonly months: number;
  /** Percent off the base monthly price, 0 to 100 with at most two decimals (12.5 = 12.5%). */
  readonly discountPercent?: number | null;
  /** The monthly price for this term, minor units; at most the base price. */
  readonly monthlyMinor?: number | null;
}

/** A term as stored: exactly one of discountBasisPoints and monthlyMinor is set. */
export interface OfferTerm {
  readonly months: number;
  readonly discountBasisPoints: number | null;
  readonly monthlyMinor: number | null;
}

export interface SubscriptionOfferInput {
  /** The store's name for the offer, e.g. 'house-blend': 1-64 of a-z 0-9 - _, stored lower case. */
  readonly code: string;
  /** The product delivered (the store's SKU). */
  readonly sku: string;
  readonly name: string;
  /** ISO 4217, e.g. 'EUR'. */
  readonly currency: string;
  /** The price per month without commitment, minor units. */
  readonly baseMonthlyMinor: number;
  /** A delivery every this many calendar months (1 = monthly). */
  readonly deliveryIntervalMonths: number;
  readonly terms: readonly OfferTermInput[];
}

export interface SubscriptionOffer extends Omit<SubscriptionOfferInput, 'terms'> {
  /** Sorted by months. */
  readonly terms: readonly OfferTerm[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One row of the price table. */
export interface QuoteRow {
  readonly months: number;
  readonly monthlyMinor: number;
  /** monthlyMinor x months: what the whole commitment costs. */
  readonly totalMinor: number;
  /** baseMonthlyMinor x months - totalMinor. */
  readonly savingMinor: number;
  /** savingMinor as a percentage of the undiscounted total, rounded half up to two decimals. */
  readonly savingPercent: number;
}

export interface Quote {
  readonly offer: string;
  readonly sku: string;
  readonly name: string;
  readonly currency: string;
  readonly baseMonthlyMinor: number;
  readonly deliveryIntervalMonths: number;
  readonly terms: readonly QuoteRow[];
}

export const MAX_TERM_MONTHS = 60;
export const MAX_TERMS = 12;
const CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function normalizeOfferCode(code: string): string {
  return code.trim().toLowerCase();
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A percentage with at most two decimals as basis points, or null when it has more decimals. */
function basisPoints(percent: number): number | null {
  const bp = Math.round(percent * 100);
  return Math.abs(bp / 100 - percent) < 1e-9 ? bp : null;
}

/** The monthly price of a term, by the rounding rule above. */
export function termMonthlyMinor(baseMonthlyMinor: number, term: OfferTerm): number {
  if (term.monthlyMinor !== null) return term.monthlyMinor;
  const bp = BigInt(term.discountBasisPoints ?? 0);
  return Number((BigInt(baseMonthlyMinor) * (10_000n - bp)) / 10_000n);
}

/**
 * The terms as stored (sorted by months), or the first problem by field. Besides each term's own
 * bounds: months are distinct, and a longer commitment never costs more per month than a shorter
 * one (that is the point of the offer), so a typo that inverts the table is caught when written.
 */
export function normalizeOffer(input: SubscriptionOfferInput): { terms: OfferTerm[] } | { problem: FieldProblem } {
  const fail = (field: string, message: string) => ({ problem: { field, message } });
  if (typeof input.code !== 'string' || !CODE.test(input.code))
    return fail(
      'code',
      `code must be 1-64 of a-z 0-9 - _ starting with a letter or digit, not ${JSON.stringify(input.code)}`,
    );
  if (typeof input.sku !== 'string' || input.sku.trim() === '' || input.sku.length > 255)
    return fail('sku', 'sku must be non-empty text of at most 255 characters');
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200)
    return fail('name', 'name must be non-empty text of at most 200 characters');
  if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency))
    return fail('currency', `currency must be an ISO 4217 code such as EUR, not ${input.currency}`);
  // Bounded so that base x 60 months stays an exact integer.
  if (
    !Number.isSafeInteger(input.baseMonthlyMinor) ||
    input.baseMonthlyMinor < 1 ||
    input.baseMonthlyMinor * MAX_TERM_MONTHS > Number.MAX_SAFE_INTEGER
  ) {
    return fail(
      'baseMonthlyMinor',
      `baseMonthlyMinor must be a whole number of minor units, 1 or more, not ${input.baseMonthlyMinor}`,
    );
  }
  if (
    !Number.isInteger(input.deliveryIntervalMonths) ||
    input.deliveryIntervalMonths < 1 ||
    input.deliveryIntervalMonths > 12
  ) {
    return fail(
      'deliveryIntervalMonths',
      `deliveryIntervalMonths must be a whole number from 1 to 12, not ${input.deliveryIntervalMonths}`,
    );
  }
  if (!Array.isArray(input.terms) || input.terms.length === 0 || input.terms.length > MAX_TERMS)
    return fail('terms', `an offer needs 1 to ${MAX_TERMS} terms`);
  const terms: OfferTerm[] = [];
  for (const [i, t] of input.terms.entries()) {
    const at = `terms/${i}`;
    if (!Number.isInteger(t.months) || t.months < 1 || t.months > MAX_TERM_MONTHS)
      return fail(`${at}/months`, `months must be a whole number from 1 to ${MAX_TERM_MONTHS}, not ${t.months}`);
    if (terms.some((s) => s.months === t.months))
      return fail(`${at}/months`, `the offer has two terms of ${t.months} months`);
    const hasDiscount = t.discountPercent !== undefined && t.discountPercent !== null;
    const hasPrice = t.monthlyMinor !== undefined && t.monthlyMinor !== null;
    if (hasDiscount === hasPrice)
      return fail(at, 'a term has either discountPercent or monthlyMinor, not both and not neither');
    if (hasDiscount) {
      const p = t.discountPercent as number;
      const bp = typeof p === 'number' && p >= 0 && p < 100 ? basisPoints(p) : null;
      if (bp === null)
        return fail(
          `${at}/discountPercent`,
          `discountPercent must be from 0 to below 100 with at most two decimals, not ${p}`,
        );
      terms.push({ months: t.months, discountBasisPoints: bp, monthlyMinor: null });
    } else {
      const m = t.monthlyMinor as number;
      if (!Number.isSafeInteger(m) || m < 1 || m > input.baseMonthlyMinor) {
        return fail(
          `${at}/monthlyMinor`,
          `monthlyMinor must be a whole number of minor units from 1 to the base price ${input.baseMonthlyMinor}, not ${m}`,
        );
      }
      terms.push({ months: t.months, discountBasisPoints: null, monthlyMinor: m });
    }
  }
  terms.sort((a, b) => a.months - b.months);
  for (let i = 1; i < terms.length; i++) {
    const shorter = termMonthlyMinor(input.baseMonthlyMinor, terms[i - 1]);
    const longer = termMonthlyMinor(input.baseMonthlyMinor, terms[i]);
    if (longer > shorter) {
      return fail(
        'terms',
        `the ${terms[i].months}-month term costs ${longer} a month, more than the ${terms[i - 1].months}-month term's ${shorter}: a longer commitment must not cost more per month`,
      );
    }
  }
  return { terms };
}

/** The price table of an offer, one row per term in order of months. */
export function quoteOffer(
  offer: Pick<
    SubscriptionOffer,
    'code' | 'sku' | 'name' | 'currency' | 'baseMonthlyMinor' | 'deliveryIntervalMonths' | 'terms'
  >,
): Quote {
  const rows = offer.terms.map((term): QuoteRow => {
    const monthlyMinor = termMonthlyMinor(offer.baseMonthlyMinor, term);
    const undiscounted = BigInt(offer.baseMonthlyMinor) * BigInt(term.months);
    const total = BigInt(monthlyMinor) * BigInt(term.months);
    const saving = undiscounted - total;
    // Half up to hundredths of a percent: floor((2 x saving x 10,000 + undiscounted) / (2 x undiscounted)).
    const savingBp = (2n * saving * 10_000n + undiscounted) / (2n * undiscounted);
    return {
      months: term.months,
      monthlyMinor,
      totalMinor: Number(total),
      savingMinor: Number(saving),
      savingPercent: Number(savingBp) / 100,
    };
  });
  return {
    offer: offer.code,
    sku: offer.sku,
    name: offer.name,
    currency: offer.currency,
    baseMonthlyMinor: offer.baseMonthlyMinor,
    deliveryIntervalMonths: offer.deliveryIntervalMonths,
    terms: rows,
  };
}
