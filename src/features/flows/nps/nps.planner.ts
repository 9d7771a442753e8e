import { daysSendingIn, inWindow, plusDays } from '../engine/flow-time.js';
import { npsData, npsReason, type NpsSettings, npsSurveys, parseNpsSettings, pickNpsSurveys } from './nps.js';
import {
  findDeliveredOrders,
  findDeliveriesBetween,
  findNpsOrders,
  firstDeliveries,
  lastSurveyedAt,
} from './nps.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

export const npsFlow: FlowPlanner<NpsSettings> = {
  kind: 'nps',
  summary:
    'Asks "how likely are you to recommend us?" (0-10, one click) some days after the delivery (or the order), once per 90 days',
  purpose: 'marketing',
  priority: 35,
  templates: ['nps'],
  parseSettings: parseNpsSettings,
  async plan(ctx, settings) {
    const { db, storeId, window } = ctx;
    // Two ways an order's survey falls in this window: its fallback day, or a delivery some days
    // back (its local day plus afterDeliveryDays; two more days cover any zone's offset).
    const sendDays = daysSendingIn(window, ctx.timeZone, settings.sendHour);
    const byFallback = await findNpsOrders(
      db,
      storeId,
      sendDays.map((day) => day - settings.afterDays),
    );
    const recent = await findDeliveriesBetween(
      db,
      storeId,
      plusDays(window.from, -(settings.afterDeliveryDays + 2)),
      window.to,
    );
    const byDelivery = recent.length === 0 ? [] : await findDeliveredOrders(db, storeId, recent);
    // As of the window: an order placed after its end is not known yet.
    const orders = [...new Map([...byFallback, ...byDelivery].map((o) => [o.orderId, o])).values()].filter(
      (o) => Date.parse(o.orderedAt) < Date.parse(window.to),
    );
    if (orders.length === 0) return [];
    const deliveries = await firstDeliveries(db, storeId, orders, window.to);
    const due = npsSurveys(orders, deliveries, settings, ctx.timeZone).filter((s) => inWindow(s.sendAt, window));
    if (due.length === 0) return [];
    const since = new Date(Date.parse(window.from) - settings.quietDays * 86_400_000).toISOString();
    const asked = await lastSurveyedAt(
      db,
      storeId,
      ctx.flow,
      due.map((s) => s.order.customerId),
      since,
    );
    const candidates: FlowCandidate[] = [];
    for (const survey of pickNpsSurveys(due, asked, settings)) {
      const { order } = survey;
      candidates.push({
        customerId: order.customerId,
        externalId: order.customerExternalId,
        // Keyed by the order, whichever timing asks: a delivery reported after the fallback
        // survey was planned (or the reverse) finds the key taken, so an order is asked once.
        triggerKey: `order:${order.orderId}`,
        sendAt: survey.sendAt,
        reason: npsReason(survey, settings, ctx.timeZone),
        template: 'nps',
        data: npsData(order, ctx.links),
      });
    }
    return candidates;
  },
};
