import { ymdFromDay } from '../../../analytics/day.js';
import { daysSendingIn, sendAtOnDay } from '../engine/flow-time.js';
import {
  type ReplenishmentFlowSettings,
  ReplenishmentScan,
  intervalWeeks,
  longDate,
  onePerCustomerDay,
  parseReplenishmentSettings,
  replenishmentTriggerKey,
} from './replenishment.js';
import { replenishmentReason } from './replenishment-due.js';
import {
  readConfiguredReplenishmentDays,
  readExternalIds,
  readProductTitles,
  scanPurchaseDaysBySku,
} from './replenishment.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

/**
 * Replenishment reminders (docs/flows.md): per customer and consumable, at `leadFraction` of
 * their interval after the last purchase, at the local send hour. A later purchase is a new
 * trigger, so a customer who rebought is not reminded of the old cycle; one who orders between
 * planning and sending is stopped by the worker (stopOnOrderAfter).
 */
export const replenishmentFlow: FlowPlanner<ReplenishmentFlowSettings> = {
  kind: 'replenishment',
  summary: 'reminds a customer to reorder a consumable shortly before they run out, timed to their own cycle',
  purpose: 'marketing',
  priority: 60,
  templates: ['replenishment-reminder'],
  parseSettings: parseReplenishmentSettings,
  async plan(ctx, settings) {
    const dueDays = daysSendingIn(ctx.window, ctx.timeZone, settings.sendHour);
    if (dueDays.length === 0) return [];
    const allowed = (sku: string) =>
      (settings.skus === null || settings.skus.includes(sku)) && !settings.excludeSkus.includes(sku);
    const configured = new Map(
      [...(await readConfiguredReplenishmentDays(ctx.db, ctx.storeId))].filter(([sku]) => allowed(sku)),
    );
    // Without learning only the configured products are read; with it every product is, to count its repurchasers.
    const only = settings.learnFromRepurchases ? settings.skus : [...configured.keys()];
    const scan = new ReplenishmentScan(configured, settings, dueDays);
    await scanPurchaseDaysBySku(
      ctx.db,
      ctx.storeId,
      ctx.window.to,
      { only, exclude: settings.excludeSkus },
      (customerId, sku, days) => scan.add(customerId, sku, days),
    );
    const found = scan.finish();
    const reminders = settings.onePerDay ? onePerCustomerDay(found) : found;
    if (reminders.length === 0) return [];
    const titles = await readProductTitles(ctx.db, ctx.storeId, [...new Set(reminders.map((r) => r.due.sku))]);
    const externalIds = await readExternalIds(
      ctx.db,
      ctx.storeId,
      reminders.map((r) => r.customerId),
    );
    const candidates: FlowCandidate[] = [];
    for (const { customerId, due } of reminders) {
      const productUrl = ctx.links.product(due.sku);
      candidates.push({
        customerId,
        externalId: externalIds.get(customerId) ?? customerId,
        triggerKey: replenishmentTriggerKey(due, ymdFromDay),
        sendAt: sendAtOnDay(due.dueDay, ctx.timeZone, settings.sendHour),
        reason: replenishmentReason(due, ymdFromDay),
        template: 'replenishment-reminder',
        data: {
          product: { title: titles.get(due.sku) ?? due.sku, url: productUrl },
          interval_weeks: intervalWeeks(due.intervalDays),
          last_ordered_on: longDate(due.lastDay),
          reorder_url:
            settings.reorderPath === null
              ? productUrl
              : ctx.links.shop(settings.reorderPath.replaceAll('{sku}', encodeURIComponent(due.sku))),
        },
        // Planned from the purchases before the window's end: any order after it stops the reminder at send time.
        stopOnOrderAfter: ctx.window.to,
      });
    }
    return candidates;
  },
};
