import { ymdFromDay } from '../../../analytics/day.js';
import type { CrossSellPick } from './cross-sell-picks.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { inWindow, plusMs } from '../engine/flow-time.js';
import { minorUnitDigits } from '../../../platform/currency-codes.js';

/**
 * Post-purchase (moment 1): a follow-up after the order, not a second confirmation (the shop,
 * Shopify above all, already confirms every order): how to use and look after what was bought (its
 * product pages) and products often bought with it. One message per paid order, `delayMinutes`
 * after the order (the built-in flow: 5 days, when most orders have arrived), or after Regulars
 * learns of it if that is later (a webhook that arrived late) but only within `maxDelayHours` of
 * the order: an import of last year's history must not follow up last year's orders.
 */
export interface PostPurchaseSettings {
  /** Minutes after the order (or its late arrival) the confirmation goes out. */
  readonly delayMinutes: number;
  /** An order recorded more than this long after it was placed gets no confirmation (an import, a backfill). */
  readonly maxDelayHours: number;
  /** Suggestions per message (0: none). */
  readonly maxRecommendations: number;
  /** Orders two products must share before they count as bought together. */
  readonly minPairOrders: number;
}

export const POST_PURCHASE_DEFAULTS: PostPurchaseSettings = {
  delayMinutes: 0,
  maxDelayHours: 24,
  maxRecommendations: 3,
  minPairOrders: 5,
};

export function parsePostPurchaseSettings(raw: Readonly<Record<string, unknown>>, where: string): PostPurchaseSettings {
  const reader = new SettingsReader(raw, where);
  const settings: PostPurchaseSettings = {
    delayMinutes: reader.number('delayMinutes', POST_PURCHASE_DEFAULTS.delayMinutes, 0, 7 * 24 * 60, { integer: true }),
    maxDelayHours: reader.number('maxDelayHours', POST_PURCHASE_DEFAULTS.maxDelayHours, 1, 30 * 24, { integer: true }),
    maxRecommendations: reader.number('maxRecommendations', POST_PURCHASE_DEFAULTS.maxRecommendations, 0, 12, {
      integer: true,
    }),
    minPairOrders: reader.number('minPairOrders', POST_PURCHASE_DEFAULTS.minPairOrders, 1, 1_000_000, {
      integer: true,
    }),
  };
  reader.done();
  return settings;
}

/** When an order's confirmation is due, and why then. */
export interface ConfirmationTiming {
  readonly sendAt: string;
  /** Recorded after it was placed (within maxDelayHours): sent from its arrival. */
  readonly late: boolean;
  readonly delayHours: number;
}

/**
 * The confirmation's send instant, or null when it is not this window's to plan. The base is the
 * order's own instant, or its recording instant when Regulars learned of it later but before the
 * window's end and within maxDelayHours. An order recorded after the window's end is seen as of the
 * window (a backtest over imported history confirms orders at their own time); one recorded more
 * than maxDelayHours late is never sent from its arrival. Each order has one base per view, and
 * the window containing base + delay plans it, so consecutive windows plan it once (the outbox
 * ignores the same trigger key if a later, fuller view plans it again).
 */
export function confirmationTiming(
  order: { readonly orderedAt: string; readonly createdAt: string },
  settings: Pick<PostPurchaseSettings, 'delayMinutes' | 'maxDelayHours'>,
  window: { readonly from: string; readonly to: string },
): ConfirmationTiming | null {
  const ordered = Date.parse(order.orderedAt);
  const created = Date.parse(order.createdAt);
  if (!Number.isFinite(ordered) || !Number.isFinite(created)) return null;
  const lateBy = created - ordered;
  const late = lateBy > 0 && created < Date.parse(window.to) && lateBy <= settings.maxDelayHours * 3_600_000;
  const base = new Date(late ? created : ordered).toISOString();
  const sendAt = plusMs(base, settings.delayMinutes * 60_000);
  if (!inWindow(sendAt, window)) return null;
  return { sendAt, late, delayHours: late ? Math.round((lateBy / 3_600_000) * 10) / 10 : 0 };
}

export interface ConfirmationOrder {
  readonly externalId: string;
  /** The order's name ("#1042"): what the customer knows it by. Absent or null: derived from the id. */
  readonly name?: string | null;
  readonly orderDay: number;
  readonly currency: string;
  readonly totalMinor: number;
  readonly lines: readonly {
    readonly title: string;
    readonly quantity: number;
    readonly totalMinor: number;
    /** The product's page (by handle; the shop's home when unknown), or null for a line without a SKU. */
    readonly url?: string | null;
  }[];
}

export interface Suggestion {
  readonly title: string;
  readonly url: string;
  readonly priceMinor: number;
}

/**
 * What the message calls the order: its name ("#1042", Shopify's `name`) when the source gave one,
 * never Shopify's internal id; else '#1042' for an id '1042', or the id as it is.
 */
export function orderNumber(externalId: string, name: string | null = null): string {
  if (name !== null && name.trim() !== '') return name.trim();
  return /^\d+$/.test(externalId) ? `#${externalId}` : externalId;
}

/** '3 March 2026': the order's own calendar day (as the source wrote it), never shifted by a zone. */
export function longDate(day: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ymdFromDay(day)}T00:00:00Z`),
  );
}

/** The order-follow-up (and order-confirmation) template's own variables (docs/messaging.md "Built-in templates"). */
export function confirmationData(
  order: ConfirmationOrder,
  ordersUrl: string,
  suggestions: readonly Suggestion[],
): Record<string, unknown> {
  return {
    order: {
      number: orderNumber(order.externalId, order.name ?? null),
      date: longDate(order.orderDay),
      currency: order.currency,
      total_minor: order.totalMinor,
      url: ordersUrl,
      lines: order.lines.map((line) => ({
        title: line.title,
        quantity: line.quantity,
        total_minor: line.totalMinor,
        ...(line.url === undefined ? {} : { url: line.url }),
      })),
    },
    recommendations: suggestions.map((s) => ({ title: s.title, url: s.url, price_minor: s.priceMinor })),
  };
}

/** "paid order #1042 of 2026-03-01 (EUR 34.97), recorded 3.5 h late; 3 suggestions: 2 bought together, 1 best seller". */
export function confirmationReason(
  order: ConfirmationOrder,
  timing: ConfirmationTiming,
  picks: readonly CrossSellPick[],
): string {
  const amount = formatMinor(order.totalMinor, order.currency);
  // Webhooks arrive seconds after the order: worth saying only when it was notably late.
  const late = timing.late && timing.delayHours >= 1 ? `, recorded ${timing.delayHours} h after it was placed` : '';
  const counts = { learned: 0, configured: 0, 'best-seller': 0 };
  for (const pick of picks) counts[pick.source]++;
  const parts = [
    counts.learned > 0 ? `${counts.learned} often bought together` : '',
    counts.configured > 0 ? `${counts.configured} configured complement${counts.configured > 1 ? 's' : ''}` : '',
    counts['best-seller'] > 0 ? `${counts['best-seller']} best seller${counts['best-seller'] > 1 ? 's' : ''}` : '',
  ].filter((p) => p !== '');
  const suggestions =
    picks.length === 0
      ? 'no suggestions'
      : `${picks.length} suggestion${picks.length > 1 ? 's' : ''}: ${parts.join(', ')}`;
  return `paid order ${orderNumber(order.externalId, order.name ?? null)} of ${ymdFromDay(order.orderDay)} (${amount})${late}; ${suggestions}`;
}

/** 'EUR 34.97', 'JPY 500': minor units at the currency's own number of decimals. */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return `${currency} ${(minor / 10 ** digits).toFixed(digits)}`;
}
