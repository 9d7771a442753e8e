import { crossSellRecommender } from './cross-sell.service.js';
import { dayOfInstant, plusMs } from '../engine/flow-time.js';
import {
  type ConfirmationOrder,
  confirmationData,
  confirmationReason,
  confirmationTiming,
  parsePostPurchaseSettings,
  type PostPurchaseSettings,
} from './post-purchase.js';
import { findConfirmationOrders, findOrderLines } from './post-purchase.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

/** An order's own text may carry an offset of up to ±14 h, so its day may differ from the UTC day by one. */
const DAY_MARGIN = 1;

export const postPurchaseFlow: FlowPlanner<PostPurchaseSettings> = {
  kind: 'post-purchase',
  summary:
    'Follow-up for each paid order (default 5 days after): how to use what was bought, and products often bought with it',
  // Marketing: the follow-up recommends products to buy, so it needs the customer's consent and
  // honours frequency caps, quiet hours and the preference center (topic offers); Shopify's own
  // order confirmation is the transactional message.
  purpose: 'marketing',
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
        ? await crossSellRecommender(
            { db, storeId, beforeDay: dayOfInstant(window.to), productUrl: ctx.links.product },
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
