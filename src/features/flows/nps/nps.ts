import { dayFromIso, ymdFromDay } from '../../../analytics/day.js';
import { isoDateOfInstant } from '../engine/reward-moments.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { sendAtOnDay } from '../engine/flow-time.js';
import type { PaidOrder } from '../engine/paid-orders.query.js';

/**
 * The NPS survey (docs/surveys.md): "How likely are you to recommend us?" with eleven one-click
 * links, 0 to 10, each landing on the hosted survey page. It is asked once the customer has the
 * goods: `afterDeliveryDays` after the order's delivery (an `order.delivered` event), at a local
 * hour. A store that reports no deliveries still asks: `afterDays` after the order when no delivery
 * was recorded before that instant. Both timings key the message by the order, so one order is
 * asked about once whichever comes first. A customer is asked at most once per `quietDays`
 * (planned, held out or sent), however many orders they place.
 */
export interface NpsSettings {
  /** Days after the order when no delivery was recorded by then (the fallback). */
  readonly afterDays: number;
  /** Days after the delivery's local day. */
  readonly afterDeliveryDays: number;
  /** Local hour (store zone) the survey goes out on its day. */
  readonly sendHour: number;
  /** At most one NPS survey per customer in this many days. */
  readonly quietDays: number;
}

export const NPS_DEFAULTS: NpsSettings = { afterDays: 21, afterDeliveryDays: 3, sendHour: 10, quietDays: 90 };

export function parseNpsSettings(raw: Readonly<Record<string, unknown>>, where: string): NpsSettings {
  const reader = new SettingsReader(raw, where);
  const settings: NpsSettings = {
    afterDays: reader.number('afterDays', NPS_DEFAULTS.afterDays, 1, 365, { integer: true }),
    afterDeliveryDays: reader.number('afterDeliveryDays', NPS_DEFAULTS.afterDeliveryDays, 0, 365, { integer: true }),
    sendHour: reader.number('sendHour', NPS_DEFAULTS.sendHour, 0, 23, { integer: true }),
    quietDays: reader.number('quietDays', NPS_DEFAULTS.quietDays, 1, 3650, { integer: true }),
  };
  reader.done();
  return settings;
}

/** An order the survey asks about: a paid order of the days whose surveys fall due. */
export type NpsOrder = PaidOrder;

/** The fallback send instant: local sendHour on the order's day + afterDays. */
export function npsSendAt(orderDay: number, settings: NpsSettings, timeZone: string): string {
  return sendAtOnDay(orderDay + settings.afterDays, timeZone, settings.sendHour);
}

/** The send instant after a delivery: local sendHour on the delivery's local day + afterDeliveryDays. */
export function npsSendAtAfterDelivery(deliveredAt: string, settings: NpsSettings, timeZone: string): string {
  const deliveryDay = dayFromIso(isoDateOfInstant(deliveredAt, timeZone));
  return sendAtOnDay(deliveryDay + settings.afterDeliveryDays, timeZone, settings.sendHour);
}

/** One survey to ask: the order, when, and which timing asks. */
export interface NpsSurvey {
  readonly order: NpsOrder;
  readonly sendAt: string;
  /** 'delivery': after the delivery; 'fallback': afterDays after the order. */
  readonly timing: 'delivery' | 'fallback';
  /** UTC instant of the order's first recorded delivery before the fallback instant, or null. */
  readonly deliveredAt: string | null;
}

/**
 * When each order's survey may go out. No delivery before the fallback instant: at the fallback
 * instant (a delivery reported later finds that survey asked, under the same key). A delivery before
 * it: after the delivery; and, when that instant comes before the fallback, the fallback stays as a
 * catch-up, for a delivery reported only after its own survey's day had been planned. Both carry
 * the order's key and the quiet period, so a survey already planned from the delivery stops it.
 * `deliveries` holds each order's (by id) earliest delivery instant.
 */
export function npsSurveys(
  orders: readonly NpsOrder[],
  deliveries: ReadonlyMap<string, string>,
  settings: NpsSettings,
  timeZone: string,
): NpsSurvey[] {
  return orders.flatMap((order): NpsSurvey[] => {
    const fallback = npsSendAt(order.orderDay, settings, timeZone);
    const deliveredAt = deliveries.get(order.orderId);
    if (deliveredAt === undefined || Date.parse(deliveredAt) >= Date.parse(fallback))
      return [{ order, sendAt: fallback, timing: 'fallback', deliveredAt: null }];
    const afterDelivery = npsSendAtAfterDelivery(deliveredAt, settings, timeZone);
    const surveys: NpsSurvey[] = [{ order, sendAt: afterDelivery, timing: 'delivery', deliveredAt }];
    if (Date.parse(afterDelivery) < Date.parse(fallback))
      surveys.push({ order, sendAt: fallback, timing: 'fallback', deliveredAt });
    return surveys;
  });
}

/**
 * One survey per customer (their latest order among those due, then the greatest id), skipping
 * customers asked within `quietDays` before the send instant (`lastAsked`: their latest NPS
 * message's planned instant).
 */
export function pickNpsSurveys(
  surveys: readonly NpsSurvey[],
  lastAsked: ReadonlyMap<string, string>,
  settings: NpsSettings,
): NpsSurvey[] {
  const latest = new Map<string, NpsSurvey>();
  for (const survey of surveys) {
    const { order } = survey;
    const seen = latest.get(order.customerId)?.order;
    if (
      seen === undefined ||
      order.orderDay > seen.orderDay ||
      (order.orderDay === seen.orderDay && order.orderId > seen.orderId)
    )
      latest.set(order.customerId, survey);
  }
  const quietMs = settings.quietDays * 86_400_000;
  return [...latest.values()].filter((survey) => {
    const asked = lastAsked.get(survey.order.customerId);
    return asked === undefined || Date.parse(survey.sendAt) - Date.parse(asked) >= quietMs;
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

/**
 * "ordered #1042 on 2026-02-15 (21 days ago); asks ...", or "ordered #1042 on 2026-02-15,
 * delivered on 2026-02-18 (3 days ago); asks ...".
 */
export function npsReason(survey: NpsSurvey, settings: NpsSettings, timeZone: string): string {
  const { order, deliveredAt } = survey;
  const ordered = `ordered ${orderNumber(order.externalId)} on ${ymdFromDay(order.orderDay)}`;
  const delivered = deliveredAt === null ? '' : `delivered on ${isoDateOfInstant(deliveredAt, timeZone)}`;
  const when =
    survey.timing === 'delivery'
      ? `${ordered}, ${delivered} (${settings.afterDeliveryDays} days ago)`
      : `${ordered} (${settings.afterDays} days ago, ${deliveredAt === null ? 'no delivery recorded' : `${delivered}, reported too late to time the survey`})`;
  return `${when}; asks how likely they are to recommend the shop, 0-10 (at most once in ${settings.quietDays} days)`;
}
