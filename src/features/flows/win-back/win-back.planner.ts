import { ymdFromDay } from '../../../analytics/day.js';
import type { BgNbdParams } from '../../../analytics/models/bg-nbd.js';
import { daysSendingIn, sendAtOnDay } from '../engine/flow-time.js';
import {
  COUPON_DATA_KEY,
  type Lapse,
  type PurchaseHistory,
  type WinBackSettings,
  type WinBackStep,
  defaultOneTimeBuyerDays,
  lapseOf,
  lapseReason,
  parseWinBackSettings,
  stepsOn,
  winBackTriggerKey,
} from './win-back.js';
import { readExternalIds } from '../replenishment/replenishment.query.js';
import {
  readLastPurchaseInstants,
  readMostBoughtTitles,
  readStepOneCoupons,
  scanPurchaseHistories,
} from './win-back.query.js';
import { readMetricRun } from '../../segments/index.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

const STEP_PRIORITY: Record<WinBackStep, number> = { 1: 55, 2: 50 };
const DAY_MS = 86_400_000;

/** The store's fitted BG/NBD parameters from the latest metrics run, or null (then P(alive) is not used). */
function bgNbdParams(
  model: { readonly countModel: string; readonly params: Readonly<Record<string, number>> } | null,
): BgNbdParams | null {
  if (model === null || model.countModel !== 'bgnbd') return null;
  const { r, alpha, a, b } = model.params;
  return [r, alpha, a, b].every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)
    ? { r, alpha, a, b }
    : null;
}

/**
 * Win-back (docs/flows.md): step 1 with a single-use coupon on the day the customer's cadence
 * clearly drops, step 2 reminding of the same code `secondStepDays` later; both stop on any order
 * after the purchase that lapsed.
 */
export const winBackFlow: FlowPlanner<WinBackSettings> = {
  kind: 'win-back',
  summary: 'wins back a customer whose cadence clearly drops, with a single-use coupon and a reminder of it',
  purpose: 'marketing',
  priority: STEP_PRIORITY[1],
  templates: ['win-back-1', 'win-back-2'],
  parseSettings: parseWinBackSettings,
  async plan(ctx, settings) {
    const sendDays = daysSendingIn(ctx.window, ctx.timeZone, settings.sendHour);
    if (sendDays.length === 0) return [];
    const days = new Set(sendDays);
    const model = bgNbdParams((await readMetricRun(ctx.db, ctx.storeId))?.model ?? null);
    // The crossing day is at least a day after the last purchase and at most maxLapsedDays (plus step 2) after it.
    const oldestLast =
      Math.min(...sendDays) - settings.maxLapsedDays - (settings.secondStep ? settings.secondStepDays : 0);
    const due: { lapse: Lapse; step: WinBackStep; day: number }[] = [];
    const decide = (h: PurchaseHistory, oneTimeBuyerDays: number) => {
      const lapse = lapseOf(h, model, { ...settings, oneTimeBuyerDays });
      if (lapse !== null) for (const s of stepsOn(lapse, days, settings)) due.push({ lapse, ...s });
    };
    // Repeat customers are decided as the pass reads them; one-time buyers wait for the store's
    // first-to-second median when their threshold is its default, so memory holds only them.
    const oneTimeBuyers: PurchaseHistory[] = [];
    const { firstToSecondGaps } = await scanPurchaseHistories(ctx.db, ctx.storeId, ctx.window.to, (h) => {
      if (h.lastDay < oldestLast) return;
      if (h.purchaseDays >= 2)
        decide(h, 0); // (their own cadence: no one-time threshold)
      else if (settings.oneTimeBuyerDays !== null) decide(h, settings.oneTimeBuyerDays);
      else oneTimeBuyers.push(h);
    });
    const oneTimeBuyerDays = settings.oneTimeBuyerDays ?? defaultOneTimeBuyerDays(firstToSecondGaps);
    for (const h of oneTimeBuyers) decide(h, oneTimeBuyerDays);
    due.sort((a, b) =>
      a.lapse.customerId < b.lapse.customerId ? -1 : a.lapse.customerId > b.lapse.customerId ? 1 : a.step - b.step,
    );
    if (due.length === 0) return [];
    const customerIds = due.map((d) => d.lapse.customerId);
    const externalIds = await readExternalIds(ctx.db, ctx.storeId, customerIds);
    const highlights = await readMostBoughtTitles(ctx.db, ctx.storeId, customerIds, ctx.window.to);
    const lastInstants = await readLastPurchaseInstants(
      ctx.db,
      ctx.storeId,
      due.map((d) => d.lapse),
      ctx.window.to,
    );
    const stepOne = due
      .filter((d) => d.step === 2)
      .map((d) => ({ customerId: d.lapse.customerId, triggerKey: winBackTriggerKey(d.lapse.lastDay, 1, ymdFromDay) }));
    const coupons = await readStepOneCoupons(ctx.db, ctx.storeId, ctx.flow, stepOne, COUPON_DATA_KEY);
    const gift = { kind: 'coupon', dataKey: COUPON_DATA_KEY, coupon: settings.coupon } as const;
    const candidates: FlowCandidate[] = [];
    for (const { lapse, step, day } of due) {
      const { customerId } = lapse;
      // A reminder of a step 1 this flow never planned (it fell before the flow was enabled) would remind of nothing.
      if (
        step === 2 &&
        ctx.activeSince !== null &&
        Date.parse(sendAtOnDay(day - settings.secondStepDays, ctx.timeZone, settings.sendHour)) <
          Date.parse(ctx.activeSince)
      )
        continue;
      const highlight = highlights.get(customerId);
      const reused = step === 2 ? coupons.get(customerId) : undefined;
      candidates.push({
        customerId,
        externalId: externalIds.get(customerId) ?? customerId,
        triggerKey: winBackTriggerKey(lapse.lastDay, step, ymdFromDay),
        sendAt: sendAtOnDay(day, ctx.timeZone, settings.sendHour),
        reason: lapseReason(lapse, step, ymdFromDay),
        template: step === 1 ? 'win-back-1' : 'win-back-2',
        data:
          step === 1
            ? highlight === undefined
              ? {}
              : { highlight: { title: highlight } }
            : reused === undefined
              ? {}
              : { [COUPON_DATA_KEY]: reused },
        priority: STEP_PRIORITY[step],
        ...(reused === undefined ? { gift } : {}),
        // Any order after the purchase that lapsed ends the lapse: the worker skips the step.
        stopOnOrderAfter: lastInstants.get(customerId) ?? new Date((lapse.lastDay + 1) * DAY_MS).toISOString(),
      });
    }
    return candidates;
  },
};
