import { ymdFromDay } from '../../../analytics/day.js';
import { daysSendingIn, sendAtOnDay } from '../engine/flow-time.js';
import {
  isUpgradeDue,
  type OwnedPurchase,
  parseUpgradeOfferSettings,
  type UpgradeOfferSettings,
  upgradeData,
  upgradeReason,
} from './upgrade-offer.js';
import { findCustomerPurchasesSince, findPurchasesOnDays, findUpgradePaths } from './upgrade-offer.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

export const upgradeOfferFlow: FlowPlanner<UpgradeOfferSettings> = {
  kind: 'upgrade-offer',
  summary: 'Offers the next model up some months after a durable product was bought (products.upgrade_to)',
  purpose: 'marketing',
  priority: 30,
  templates: ['upgrade-offer'],
  parseSettings: parseUpgradeOfferSettings,
  async plan(ctx, settings) {
    const { db, storeId, window } = ctx;
    const paths = await findUpgradePaths(db, storeId);
    if (paths.length === 0) return [];
    const bySku = new Map(paths.map((p) => [p.sku, p] as const));
    const sendDays = daysSendingIn(window, ctx.timeZone, settings.sendHour);
    const purchaseDays = sendDays.map((day) => day - settings.afterDays);
    const purchases = await findPurchasesOnDays(db, storeId, [...bySku.keys()], purchaseDays);
    if (purchases.length === 0) return [];

    const asOf = Date.parse(window.to);
    const firstDay = Math.min(...purchaseDays);
    const skus = [...new Set(paths.flatMap((p) => [p.sku, p.upgradeSku]))];
    const later = (
      await findCustomerPurchasesSince(
        db,
        storeId,
        purchases.map((p) => p.customerId),
        skus,
        firstDay,
      )
    ).filter((p) => Date.parse(p.orderedAt) < asOf);
    const daysOf = new Map<string, number[]>();
    for (const p of later)
      daysOf.set(`${p.customerId}\n${p.sku}`, [...(daysOf.get(`${p.customerId}\n${p.sku}`) ?? []), p.orderDay]);

    const candidates = new Map<string, FlowCandidate>();
    for (const bought of purchases) {
      const path = bySku.get(bought.sku);
      if (path === undefined) continue;
      const purchase: OwnedPurchase = {
        customerId: bought.customerId,
        sku: bought.sku,
        upgradeSku: path.upgradeSku,
        purchaseDay: bought.orderDay,
        ownDays: daysOf.get(`${bought.customerId}\n${bought.sku}`) ?? [],
        upgradeDays: daysOf.get(`${bought.customerId}\n${path.upgradeSku}`) ?? [],
      };
      if (!isUpgradeDue(purchase)) continue;
      const triggerKey = `sku:${bought.sku}:${ymdFromDay(bought.orderDay)}`;
      // Two orders of the product on one day are one purchase: one offer.
      if (candidates.has(`${bought.customerId}\n${triggerKey}`)) continue;
      const dueDay = bought.orderDay + settings.afterDays;
      candidates.set(`${bought.customerId}\n${triggerKey}`, {
        customerId: bought.customerId,
        externalId: bought.customerExternalId,
        triggerKey,
        sendAt: sendAtOnDay(dueDay, ctx.timeZone, settings.sendHour),
        reason: upgradeReason(purchase, settings.afterDays),
        template: 'upgrade-offer',
        data: upgradeData(
          { title: path.title, days: settings.afterDays },
          { title: path.upgradeTitle, url: ctx.links.product(path.upgradeSku) },
          settings,
        ),
        stopOnOrderAfter: window.to,
      });
    }
    return [...candidates.values()];
  },
};
