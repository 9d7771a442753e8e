import { daysSendingIn, inWindow } from '../engine/flow-time.js';
import {
  alreadyReviewed,
  mainLine,
  parseReviewRequestSettings,
  type ReviewRequestSettings,
  reviewReason,
  reviewRequestData,
  reviewSendAt,
} from './review-request.js';
import { findReviewOrders, findReviewsSince } from './review-request.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

export const reviewRequestFlow: FlowPlanner<ReviewRequestSettings> = {
  kind: 'review-request',
  summary: 'Asks for a product rating and "was checkout easy?" some days after each order, with one-click answers',
  purpose: 'marketing',
  priority: 40,
  templates: ['review-request'],
  parseSettings: parseReviewRequestSettings,
  async plan(ctx, settings) {
    const { db, storeId, window } = ctx;
    const sendDays = daysSendingIn(window, ctx.timeZone, settings.sendHour);
    const orders = await findReviewOrders(
      db,
      storeId,
      sendDays.map((day) => day - settings.delayDays),
    );
    // As of the window: an order placed after its end (a day's text with a far offset) is not known yet.
    const known = orders.filter((o) => Date.parse(o.orderedAt) < Date.parse(window.to));
    if (known.length === 0) return [];
    const since = new Date(known.reduce((min, o) => Math.min(min, Date.parse(o.orderedAt)), Infinity)).toISOString();
    const reviews = await findReviewsSince(
      db,
      storeId,
      known.map((o) => o.customerId),
      since,
      window.to,
    );

    const candidates: FlowCandidate[] = [];
    for (const order of known) {
      const line = mainLine(order.lines);
      if (line === null) continue;
      const sendAt = reviewSendAt(order.orderDay, settings, ctx.timeZone);
      if (!inWindow(sendAt, window)) continue;
      if (line.sku !== null && alreadyReviewed(order, line.sku, reviews.get(order.customerId) ?? [])) continue;
      candidates.push({
        customerId: order.customerId,
        externalId: order.customerExternalId,
        triggerKey: `order:${order.orderId}`,
        sendAt,
        reason: reviewReason(order, line, settings),
        template: 'review-request',
        data: reviewRequestData(order.customerId, order, line, ctx.links),
      });
    }
    return candidates;
  },
};
