import { resolveTimeZone } from '../../delivery/index.js';
import {
  anniversaryDue,
  anniversaryFirstDays,
  anniversaryGift,
  anniversaryReason,
  type AnniversarySettings,
  favouriteTitle,
  parseAnniversarySettings,
} from './anniversary.js';
import { dayOfInstant } from '../engine/flow-time.js';
import { firstPurchasesOn, purchaseHistories } from './anniversary.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

/** First-order anniversary: thanks, what they bought, and a coupon, N years after the first purchase (docs/flows.md). */
export const firstOrderAnniversaryFlow: FlowPlanner<AnniversarySettings> = {
  kind: 'first-order-anniversary',
  summary:
    "Thanks a customer on each anniversary of their first order, with their favourite product and a coupon (10% off), at 10:00 in the customer's time zone",
  purpose: 'marketing',
  priority: 45,
  templates: ['first-order-anniversary'],
  parseSettings: parseAnniversarySettings,
  async plan(ctx, settings) {
    const firsts = await firstPurchasesOn(ctx.db, ctx.storeId, anniversaryFirstDays(ctx.window));
    const due = firsts.flatMap((first) => {
      const zone = resolveTimeZone(first.timeZone, ctx.timeZone);
      const when = anniversaryDue(first.firstDay, zone, ctx.window, settings.sendHour);
      return when === null ? [] : [{ first, when }];
    });
    if (due.length === 0) return [];
    const histories = await purchaseHistories(
      ctx.db,
      ctx.storeId,
      due.map((d) => d.first.customerId),
      ctx.window.to,
      dayOfInstant(ctx.window.to) + 1,
      ctx.timeZone,
    );
    return due.map(({ first, when }): FlowCandidate => {
      const history = histories.get(first.customerId) ?? { orders: 0, lines: [] };
      const favourite = favouriteTitle(history.lines);
      return {
        customerId: first.customerId,
        externalId: first.externalId,
        triggerKey: `year:${when.years}`,
        sendAt: when.sendAt,
        reason: anniversaryReason(first.firstDay, when, history.orders, favourite),
        template: 'first-order-anniversary',
        data: { years: when.years, stats: { orders: history.orders, favourite } },
        gift: anniversaryGift(settings),
      };
    });
  },
};
