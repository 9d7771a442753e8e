/**
 * Cross-sell for an order confirmation: which products to suggest with what was just bought.
 * Three sources, in order, until `max` picks:
 *  1. learned: products bought in the same orders as this order's items in the store's own history
 *     (at least `minPairOrders` orders with both), best lift first. Lift, as in the analyze report's
 *     same-order pairs (analytics/cross-sell.ts), is together * orders / (ordersWith(a) * ordersWith(b));
 *     the store's order count is the same for every pair, so ranking by together / (ordersWith(a) *
 *     ordersWith(b)) ranks by lift without it. Lift, not plain co-occurrence: a best seller turns up in
 *     many baskets without being anyone's complement.
 *  2. configured: the items' own `complements` (products.complements), in the order written.
 *  3. fallback: the store's best sellers, when the first two leave room (a young store, a new product).
 * Never an item of this order, never the same product twice.
 */

/** How often two products were bought in one order (from `fromSku`'s point of view). */
export interface PairCount {
  readonly fromSku: string;
  readonly toSku: string;
  /** Orders with both. */
  readonly together: number;
}

export interface CrossSellFacts {
  /** Same-order pair counts with one side among the window's SKUs (both directions present). */
  readonly pairs: readonly PairCount[];
  /** Orders (or lines) containing each SKU, for the lift, at least for every toSku in `pairs`. */
  readonly ordersWith: ReadonlyMap<string, number>;
  /**
   * The orders each fromSku's pairs were counted in, when that is a sample of its latest orders
   * rather than all of them (then together / fromOrders estimates P(to | from)); ordersWith otherwise.
   */
  readonly fromOrders?: ReadonlyMap<string, number>;
  /** products.complements by SKU. */
  readonly complements: ReadonlyMap<string, readonly string[]>;
  /** Best sellers, best first. */
  readonly bestSellers: readonly string[];
}

export interface CrossSellPick {
  readonly sku: string;
  readonly source: 'learned' | 'configured' | 'best-seller';
}

/** Learned partners per SKU, best lift first (then more orders together, then SKU for a stable order). */
export function rankLearnedPartners(
  facts: Pick<CrossSellFacts, 'pairs' | 'ordersWith' | 'fromOrders'>,
  minPairOrders: number,
): Map<string, { sku: string; score: number; together: number }[]> {
  const bySku = new Map<string, { sku: string; score: number; together: number }[]>();
  for (const pair of facts.pairs) {
    if (pair.fromSku === pair.toSku || pair.together < minPairOrders) continue;
    const a = (facts.fromOrders ?? facts.ordersWith).get(pair.fromSku) ?? 0;
    const b = facts.ordersWith.get(pair.toSku) ?? 0;
    if (a <= 0 || b <= 0) continue;
    const list = bySku.get(pair.fromSku) ?? [];
    list.push({ sku: pair.toSku, score: pair.together / (a * b), together: pair.together });
    bySku.set(pair.fromSku, list);
  }
  for (const list of bySku.values()) list.sort(byScore);
  return bySku;
}

function byScore(
  x: { sku: string; score: number; together: number },
  y: { sku: string; score: number; together: number },
): number {
  return y.score - x.score || y.together - x.together || (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0);
}

/**
 * The picks for one order. `learned` is rankLearnedPartners' result (computed once per run);
 * `available` says whether a SKU may be suggested at all (a product the catalogue still knows).
 */
export function pickCrossSell(
  orderSkus: readonly string[],
  learned: ReadonlyMap<string, readonly { sku: string; score: number; together: number }[]>,
  facts: Pick<CrossSellFacts, 'complements' | 'bestSellers'>,
  max: number,
  available: (sku: string) => boolean = () => true,
): CrossSellPick[] {
  const bought = new Set(orderSkus);
  const picked = new Set<string>();
  const picks: CrossSellPick[] = [];
  const take = (sku: string, source: CrossSellPick['source']) => {
    if (picks.length >= max || bought.has(sku) || picked.has(sku) || !available(sku)) return;
    picked.add(sku);
    picks.push({ sku, source });
  };

  // Learned: each partner at its best score over this order's items.
  const best = new Map<string, { sku: string; score: number; together: number }>();
  for (const sku of bought) {
    for (const partner of learned.get(sku) ?? []) {
      const seen = best.get(partner.sku);
      if (seen === undefined || byScore(partner, seen) < 0) best.set(partner.sku, partner);
    }
  }
  for (const partner of [...best.values()].sort(byScore)) take(partner.sku, 'learned');
  for (const sku of orderSkus)
    for (const complement of facts.complements.get(sku) ?? []) take(complement, 'configured');
  for (const sku of facts.bestSellers) take(sku, 'best-seller');
  return picks;
}
