import { ymdFromDay } from '../../../analytics/day.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { sendAtOnDay } from '../engine/flow-time.js';
import type { PaidOrder } from '../engine/paid-orders.query.js';

/**
 * The NPS survey (docs/surveys.md): `afterDays` after a paid order, at a local hour, the customer
 * is asked "How likely are you to recommend us?" with eleven one-click links, 0 to 10, each
 * landing on the hosted survey page. Orders carry no delivery date, so the days count from the
 * order's own day: set afterDays to the usual delivery time plus a week or two. A customer is asked
 * at most once per `quietDays` (planned, held out or sent), however many orders they place.
 */
export interface NpsSettings {
  readonly afterDays: number;
  /** Local hour (store zone) the survey goes out on its day. */
  readonly sendHour: number;
  /** At most one NPS survey per customer in this many days. */
  readonly quietDays: number;
}

export const NPS_DEFAULTS: NpsSettings = { afterDays: 21, sendHour: 10, quietDays: 90 };

export function parseNpsSettings(raw: Readonly<Record<string, unknown>>, where: string): NpsSettings {
  const reader = new SettingsReader(raw, where);
  const settings: NpsSettings = {
    afterDays: reader.number('afterDays', NPS_DEFAULTS.afterDays, 1, 365, { integer: true }),
    sendHour: reader.number('sendHour', NPS_DEFAULTS.sendHour, 0, 23, { integer: true }),
    quietDays: reader.number('quietDays', NPS_DEFAULTS.quietDays, 1, 3650, { integer: true }),
  };
  reader.done();
  return settings;
}

/** An order the survey asks about: a paid order of the days whose surveys fall due. */
export type NpsOrder = PaidOrder;

/** The survey's send instant: local sendHour on the order's day + afterDays. */
export function npsSendAt(orderDay: number, settings: NpsSettings, timeZone: string): string {
  return sendAtOnDay(orderDay + settings.afterDays, timeZone, settings.sendHour);
}

/**
 * One order per customer (their latest of the days looked at, then the greatest id), skipping
 * customers asked within `quietDays` before the send instant (`lastAsked`: their latest NPS
 * message's planned instant).
 */
export function pickNpsOrders(
  orders: readonly NpsOrder[],
  lastAsked: ReadonlyMap<string, string>,
  settings: NpsSettings,
  sendAtOf: (order: NpsOrder) => string,
): NpsOrder[] {
  const latest = new Map<string, NpsOrder>();
  for (const order of orders) {
    const seen = latest.get(order.customerId);
    if (
      seen === undefined ||
      order.orderDay > seen.orderDay ||
      (order.orderDay === seen.orderDay && order.orderId > seen.orderId)
    )
      latest.set(order.customerId, order);
  }
  const quietMs = settings.quietDays * 86_400_000;
  return [...latest.values()].filter((order) => {
    const asked = lastAsked.get(order.customerId);
    return asked === undefined || Date.parse(sendAtOf(order)) - Date.parse(asked) >= quietMs;
  });
}

export interface SurveyLinks {
  survey(customerId: string, question: string, answer: string, subject: string): string;
}

/** The template's variables: score_links[0..10] of {score, url}, and the order asked about. */
export function npsData(order: NpsOrder, links: SurveyLinks): Record<string, unknown> {
  return {
    order: { number: orderNumber(order.externalId) },
    score_links: Array.from({ length: 11 }, (_, score) => ({
      score,
      url: links.survey(order.customerId, 'nps', String(score), order.orderId),
    })),
  };
}

function orderNumber(externalId: string): string {
  return /^\d+$/.test(externalId) ? `#${externalId}` : externalId;
}

/** "ordered #1042 on 2026-02-15 (21 days ago); asks how likely they are to recommend the shop, 0-10". */
export function npsReason(order: NpsOrder, settings: NpsSettings): string {
  return `ordered ${orderNumber(order.externalId)} on ${ymdFromDay(order.orderDay)} (${settings.afterDays} days ago); asks how likely they are to recommend the shop, 0-10 (at most once in ${settings.quietDays} days)`;
}
