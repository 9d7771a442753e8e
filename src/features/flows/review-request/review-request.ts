import { ymdFromDay } from '../../../analytics/day.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { sendAtOnDay } from '../engine/flow-time.js';

/**
 * Review and feedback request (moment 2): `delayDays` after the order, at a local hour, the
 * customer is asked to rate the order's main product (its most expensive line) and whether checking
 * out was easy, each answer a one-click link. Once per order; not for an order that was cancelled
 * or fully refunded, and not when the customer has already reviewed that product since the order.
 */
export interface ReviewRequestSettings {
  readonly delayDays: number;
  /** Local hour (store zone) the request goes out on its day. */
  readonly sendHour: number;
}

export const REVIEW_REQUEST_DEFAULTS: ReviewRequestSettings = { delayDays: 14, sendHour: 10 };

export function parseReviewRequestSettings(
  raw: Readonly<Record<string, unknown>>,
  where: string,
): ReviewRequestSettings {
  const reader = new SettingsReader(raw, where);
  const settings: ReviewRequestSettings = {
    delayDays: reader.number('delayDays', REVIEW_REQUEST_DEFAULTS.delayDays, 1, 365, { integer: true }),
    sendHour: reader.number('sendHour', REVIEW_REQUEST_DEFAULTS.sendHour, 0, 23, { integer: true }),
  };
  reader.done();
  return settings;
}

export interface ReviewLine {
  readonly lineNo: number;
  readonly sku: string | null;
  readonly title: string;
  readonly priceMinor: number;
  readonly totalMinor: number;
}

/**
 * The product to ask about: the most expensive item (unit price, then line total, then the first
 * line). A line with a SKU wins over one without, since a rating is recorded against a SKU.
 */
export function mainLine(lines: readonly ReviewLine[]): ReviewLine | null {
  let best: ReviewLine | null = null;
  for (const line of lines) {
    if (best === null) {
      best = line;
      continue;
    }
    const skuFirst = Number(line.sku !== null) - Number(best.sku !== null);
    if (
      skuFirst > 0 ||
      (skuFirst === 0 &&
        (line.priceMinor > best.priceMinor ||
          (line.priceMinor === best.priceMinor &&
            (line.totalMinor > best.totalMinor || (line.totalMinor === best.totalMinor && line.lineNo < best.lineNo)))))
    ) {
      best = line;
    }
  }
  return best;
}

export interface ReviewOrder {
  readonly orderId: string;
  readonly externalId: string;
  readonly orderedAt: string;
  readonly orderDay: number;
}

/** The request's send instant: local sendHour on the order's day + delayDays. */
export function reviewSendAt(orderDay: number, settings: ReviewRequestSettings, timeZone: string): string {
  return sendAtOnDay(orderDay + settings.delayDays, timeZone, settings.sendHour);
}

/** Whether a review the customer wrote (at `reviewedAt`, of `sku`) answers this order's request already. */
export function alreadyReviewed(
  order: ReviewOrder,
  sku: string,
  reviews: readonly { readonly sku: string; readonly occurredAt: string }[],
): boolean {
  const placed = Date.parse(order.orderedAt);
  return reviews.some((review) => review.sku === sku && Date.parse(review.occurredAt) >= placed);
}

/** The hosted survey page's links (links.survey): it records the answer once and offers a "why?" box. */
export interface FeedbackLinks {
  survey(customerId: string, question: string, answer: string, subject: string): string;
}

/** The review-request template's own variables: product.title, rating_links[1..5], checkout_feedback. */
export function reviewRequestData(
  customerId: string,
  order: ReviewOrder,
  line: ReviewLine,
  links: FeedbackLinks,
): Record<string, unknown> {
  const subject = line.sku ?? `order:${order.orderId}`;
  return {
    product: { title: line.title },
    rating_links: [1, 2, 3, 4, 5].map((stars) => ({
      stars,
      url: links.survey(customerId, 'rating', String(stars), subject),
    })),
    checkout_feedback: {
      yes_url: links.survey(customerId, 'checkout_easy', 'yes', order.orderId),
      no_url: links.survey(customerId, 'checkout_easy', 'no', order.orderId),
    },
  };
}

/** "ordered #1042 on 2026-02-15 (14 days ago); asks to rate GRINDER, the order's most expensive item". */
export function reviewReason(order: ReviewOrder, line: ReviewLine, settings: ReviewRequestSettings): string {
  const number = /^\d+$/.test(order.externalId) ? `#${order.externalId}` : order.externalId;
  const what = line.sku === null ? line.title : `${line.sku} (${line.title})`;
  return `ordered ${number} on ${ymdFromDay(order.orderDay)} (${settings.delayDays} days ago); asks to rate ${what}, the order's most expensive item, and whether checkout was easy`;
}
