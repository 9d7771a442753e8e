/**
 * The post-purchase cross-sell, read from the store's own orders: the ranking behind the order
 * confirmation's suggestions (cross-sell-picks.ts) with the facts it needs. The email and the
 * thank-you page's offer (the shopper feature) both come through here, so they rank alike.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';
import { readShopProfile } from '../../stores/index.js';
import { dayOfInstant } from '../engine/flow-time.js';
import { findStoredFlow } from '../engine/flow.repository.js';
import { type CrossSellPick, pickCrossSell, rankLearnedPartners } from './cross-sell-picks.js';
import {
  parsePostPurchaseSettings,
  POST_PURCHASE_DEFAULTS,
  type PostPurchaseSettings,
  type Suggestion,
} from './post-purchase.js';
import {
  type CatalogueProduct,
  findBestSellers,
  findLinesPerSku,
  findPairCounts,
  findProductsBySku,
  type SeenProduct,
} from './post-purchase.query.js';

/** Best sellers are counted over this many days before the window's end. */
const BEST_SELLER_DAYS = 90;

export interface CrossSellScope {
  readonly db: Kysely<Database>;
  readonly storeId: string;
  /** Statistics from the orders of the days before this one (day number, UTC). */
  readonly beforeDay: number;
  readonly productUrl: (sku: string) => string;
}

/**
 * Reads the statistics once for all the window's SKUs and answers each order's picks. The best
 * sellers are read only when an order still has room after the learned and configured picks.
 * With `learnedOnly`, only the learned pairs are used (no configured complements, no best sellers).
 */
export async function crossSellRecommender(
  scope: CrossSellScope,
  settings: Pick<PostPurchaseSettings, 'maxRecommendations' | 'minPairOrders'>,
  windowSkus: readonly string[],
  options: { readonly learnedOnly?: boolean } = {},
) {
  const { db, storeId, beforeDay } = scope;
  const skus = [...new Set(windowSkus)];
  const { pairs, sampled, seen } = await findPairCounts(db, storeId, skus, beforeDay, settings.minPairOrders);
  const partners = [...new Set(pairs.map((p) => p.toSku))];
  // together / (orders of a counted * lines of b) ranks like the lift: P(b | a) / P(b), up to the store's order count.
  const ordersWith = await findLinesPerSku(db, storeId, partners);
  const learned = rankLearnedPartners({ pairs, ordersWith, fromOrders: sampled }, settings.minPairOrders);
  const products = await findProductsBySku(db, storeId, [...new Set([...skus, ...partners])]);
  const complementSkus = options.learnedOnly
    ? []
    : [...new Set(skus.flatMap((sku) => products.get(sku)?.complements ?? []))].filter((sku) => !products.has(sku));
  for (const [sku, product] of await findProductsBySku(db, storeId, complementSkus)) products.set(sku, product);
  const complements = new Map(
    options.learnedOnly ? [] : skus.map((sku) => [sku, products.get(sku)?.complements ?? []] as const),
  );
  let bestSellers: string[] | null = null;

  /** A product known with a title and a price in the order's currency, or null (it is then not suggested). */
  const suggestion = (sku: string, currency: string): Suggestion | null => {
    const product: CatalogueProduct | undefined = products.get(sku);
    if (product !== undefined) {
      // A catalogue price in another currency would be shown in the order's: only a matching one.
      if (product.priceMinor === null || (product.currency !== null && product.currency !== currency)) return null;
      return { title: product.title, url: scope.productUrl(sku), priceMinor: product.priceMinor };
    }
    const known: SeenProduct | undefined = seen.get(sku);
    return known === undefined
      ? null
      : { title: known.title, url: scope.productUrl(sku), priceMinor: known.priceMinor };
  };

  return async (orderSkus: readonly string[], currency: string) => {
    const available = (sku: string) => suggestion(sku, currency) !== null;
    let picks = pickCrossSell(
      orderSkus,
      learned,
      { complements, bestSellers: [] },
      settings.maxRecommendations,
      available,
    );
    if (picks.length < settings.maxRecommendations && !options.learnedOnly) {
      if (bestSellers === null) {
        const best = await findBestSellers(
          db,
          storeId,
          beforeDay - BEST_SELLER_DAYS,
          beforeDay,
          settings.maxRecommendations + 50,
        );
        for (const b of best) if (!seen.has(b.sku)) seen.set(b.sku, { title: b.title, priceMinor: b.priceMinor });
        const unknown = best.map((b) => b.sku).filter((sku) => !products.has(sku));
        for (const [sku, product] of await findProductsBySku(db, storeId, unknown)) products.set(sku, product);
        bestSellers = best.map((b) => b.sku);
      }
      picks = pickCrossSell(orderSkus, learned, { complements, bestSellers }, settings.maxRecommendations, available);
    }
    return {
      picks,
      suggestions: picks.map((p) => suggestion(p.sku, currency)).filter((s): s is Suggestion => s !== null),
    };
  };
}

/** One learned suggestion for an order: the product, where to buy it, its price in the order's currency. */
export interface OrderSuggestion extends Suggestion {
  readonly sku: string;
  readonly source: CrossSellPick['source'];
}

/**
 * The best suggestion learned from the store's own same-order pairs for an order's SKUs, ranked as
 * the order confirmation ranks them, with the store's post-purchase settings (minPairOrders) or
 * the defaults; null when the pairs suggest nothing (a young store, a product bought alone).
 */
export async function learnedSuggestionFor(
  db: Kysely<Database>,
  storeId: string,
  order: { readonly skus: readonly string[]; readonly currency: string },
  now: string,
): Promise<OrderSuggestion | null> {
  if (order.skus.length === 0) return null;
  const [stored, shop] = await Promise.all([
    findStoredFlow(db, storeId, 'post-purchase'),
    readShopProfile(db, storeId),
  ]);
  const settings =
    stored !== null && stored.definition.kind === 'post-purchase'
      ? parsePostPurchaseSettings(stored.definition.settings, `flow ${stored.definition.name}`)
      : POST_PURCHASE_DEFAULTS;
  // The links of the confirmation's suggestions (plan-flows.service.ts: linksFor).
  const base = shop.url ?? '';
  const recommend = await crossSellRecommender(
    { db, storeId, beforeDay: dayOfInstant(now), productUrl: (sku) => `${base}/products/${encodeURIComponent(sku)}` },
    { minPairOrders: settings.minPairOrders, maxRecommendations: 1 },
    order.skus,
    { learnedOnly: true },
  );
  const { picks, suggestions } = await recommend(order.skus, order.currency);
  return picks.length === 0 || suggestions.length === 0
    ? null
    : { ...suggestions[0], sku: picks[0].sku, source: picks[0].source };
}
