import { pickCrossSell, rankLearnedPartners } from './cross-sell-picks.js';
import { dayOfInstant, plusMs } from '../engine/flow-time.js';
import {
  type ConfirmationOrder,
  confirmationData,
  confirmationReason,
  confirmationTiming,
  parsePostPurchaseSettings,
  type PostPurchaseSettings,
  type Suggestion,
} from './post-purchase.js';
import {
  type CatalogueProduct,
  findBestSellers,
  findConfirmationOrders,
  findOrderLines,
  findLinesPerSku,
  findPairCounts,
  findProductsBySku,
  type SeenProduct,
} from './post-purchase.query.js';
import type { FlowCandidate, FlowContext, FlowPlanner } from '../engine/flow-planner.js';

/** Best sellers are counted over this many days before the window's end. */
const BEST_SELLER_DAYS = 90;
/** An order's own text may carry an offset of up to ±14 h, so its day may differ from the UTC day by one. */
const DAY_MARGIN = 1;

export const postPurchaseFlow: FlowPlanner<PostPurchaseSettings> = {
  kind: 'post-purchase',
  summary:
    'Follow-up for each paid order (default 5 days after): how to use what was bought, and products often bought with it',
  purpose: 'transactional',
  priority: 90,
  templates: ['order-follow-up'],
  parseSettings: parsePostPurchaseSettings,
  async plan(ctx, settings) {
    const { db, storeId, window } = ctx;
    const delayMs = settings.delayMinutes * 60_000;
    // Orders whose base instant (placed, or recorded late) + delay may fall in the window.
    const earliest = plusMs(window.from, -delayMs);
    const rows = await findConfirmationOrders(db, storeId, {
      fromDay: dayOfInstant(earliest) - DAY_MARGIN,
      toDay: dayOfInstant(window.to) + DAY_MARGIN,
      recordedFrom: earliest,
      recordedTo: window.to,
    });
    const due = rows.flatMap((row) => {
      const timing = confirmationTiming(row, settings, window);
      return timing === null ? [] : [{ row, timing }];
    });
    if (due.length === 0) return [];

    const lines = await findOrderLines(
      db,
      storeId,
      due.map((d) => d.row.id),
    );
    const linesByOrder = new Map<string, typeof lines>();
    for (const line of lines) linesByOrder.set(line.orderId, [...(linesByOrder.get(line.orderId) ?? []), line]);
    const recommend =
      settings.maxRecommendations > 0
        ? await recommender(
            ctx,
            settings,
            lines.flatMap((l) => (l.sku === null ? [] : [l.sku])),
          )
        : null;

    const candidates: FlowCandidate[] = [];
    for (const { row, timing } of due) {
      const orderLines = linesByOrder.get(row.id) ?? [];
      const order: ConfirmationOrder = {
        externalId: row.externalId,
        name: row.name,
        orderDay: row.orderDay,
        currency: row.currency,
        totalMinor: row.totalMinor,
        lines: orderLines.map((l) => ({
          title: l.title,
          quantity: l.quantity,
          totalMinor: l.totalMinor,
          url: l.sku === null ? null : ctx.links.product(l.sku),
        })),
      };
      const { picks, suggestions } =
        recommend === null
          ? { picks: [], suggestions: [] }
          : await recommend(
              orderLines.flatMap((l) => (l.sku === null ? [] : [l.sku])),
              row.currency,
            );
      candidates.push({
        customerId: row.customerId,
        externalId: row.customerExternalId,
        triggerKey: `order:${row.id}`,
        sendAt: timing.sendAt,
        reason: confirmationReason(order, timing, picks),
        template: 'order-follow-up',
        data: confirmationData(order, ctx.links.shop('/account/orders'), suggestions),
      });
    }
    return candidates;
  },
};

/**
 * Reads the statistics once for all the window's SKUs and answers each order's picks. The best
 * sellers are read only when an order still has room after the learned and configured picks.
 */
async function recommender(ctx: FlowContext, settings: PostPurchaseSettings, windowSkus: readonly string[]) {
  const { db, storeId, window } = ctx;
  // Statistics as of the window: orders of the days before the one window.to falls on (a day late at worst, never ahead).
  const beforeDay = dayOfInstant(window.to);
  const skus = [...new Set(windowSkus)];
  const { pairs, sampled, seen } = await findPairCounts(db, storeId, skus, beforeDay, settings.minPairOrders);
  const partners = [...new Set(pairs.map((p) => p.toSku))];
  // together / (orders of a counted * lines of b) ranks like the lift: P(b | a) / P(b), up to the store's order count.
  const ordersWith = await findLinesPerSku(db, storeId, partners);
  const learned = rankLearnedPartners({ pairs, ordersWith, fromOrders: sampled }, settings.minPairOrders);
  const products = await findProductsBySku(db, storeId, [...new Set([...skus, ...partners])]);
  const complementSkus = [...new Set(skus.flatMap((sku) => products.get(sku)?.complements ?? []))].filter(
    (sku) => !products.has(sku),
  );
  for (const [sku, product] of await findProductsBySku(db, storeId, complementSkus)) products.set(sku, product);
  const complements = new Map(skus.map((sku) => [sku, products.get(sku)?.complements ?? []] as const));
  let bestSellers: string[] | null = null;

  /** A product known with a title and a price in the order's currency, or null (it is then not suggested). */
  const suggestion = (sku: string, currency: string): Suggestion | null => {
    const product: CatalogueProduct | undefined = products.get(sku);
    if (product !== undefined) {
      // A catalogue price in another currency would be shown in the order's: only a matching one.
      if (product.priceMinor === null || (product.currency !== null && product.currency !== currency)) return null;
      return { title: product.title, url: ctx.links.product(sku), priceMinor: product.priceMinor };
    }
    const known: SeenProduct | undefined = seen.get(sku);
    return known === undefined
      ? null
      : { title: known.title, url: ctx.links.product(sku), priceMinor: known.priceMinor };
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
    if (picks.length < settings.maxRecommendations) {
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
