import { daysSendingIn, inWindow } from '../engine/flow-time.js';
import { npsData, npsReason, npsSendAt, type NpsSettings, parseNpsSettings, pickNpsOrders } from './nps.js';
import { findNpsOrders, lastSurveyedAt } from './nps.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

export const npsFlow: FlowPlanner<NpsSettings> = {
  kind: 'nps',
  summary: 'Asks "how likely are you to recommend us?" (0-10, one click) some days after an order, once per 90 days',
  purpose: 'marketing',
  priority: 35,
  templates: ['nps'],
  parseSettings: parseNpsSettings,
  async plan(ctx, settings) {
    const { db, storeId, window } = ctx;
    const sendDays = daysSendingIn(window, ctx.timeZone, settings.sendHour);
    const orders = await findNpsOrders(
      db,
      storeId,
      sendDays.map((day) => day - settings.afterDays),
    );
    // As of the window: an order placed after its end is not known yet.
    const known = orders.filter(
      (o) =>
        Date.parse(o.orderedAt) < Date.parse(window.to) &&
        inWindow(npsSendAt(o.orderDay, settings, ctx.timeZone), window),
    );
    if (known.length === 0) return [];
    const since = new Date(Date.parse(window.from) - settings.quietDays * 86_400_000).toISOString();
    const asked = await lastSurveyedAt(
      db,
      storeId,
      ctx.flow,
      known.map((o) => o.customerId),
      since,
    );
    const sendAtOf = (o: (typeof known)[number]) => npsSendAt(o.orderDay, settings, ctx.timeZone);
    const candidates: FlowCandidate[] = [];
    for (const order of pickNpsOrders(known, asked, settings, sendAtOf)) {
      candidates.push({
        customerId: order.customerId,
        externalId: order.customerExternalId,
        // One survey per customer per quiet period: keyed by the order asked about.
        triggerKey: `order:${order.orderId}`,
        sendAt: sendAtOf(order),
        reason: npsReason(order, settings),
        template: 'nps',
        data: npsData(order, ctx.links),
      });
    }
    return candidates;
  },
};
