import type { PointValue } from '../../loyalty/index.js';
import type { TierPerks } from '../../tiers/index.js';

/**
 * The pure pieces of the rewards flows (tier reached, challenge offered and completed, points
 * expiring, membership renewal): when an event's message goes out, and the words its template
 * shows. The events themselves are recorded by the rewards code (docs/flows.md).
 */

const MINUTE_MS = 60_000;

/** A half-open range of UTC instants [from, to). */
export interface InstantRange {
  readonly from: string;
  readonly to: string;
}

/** The longest delay a rewards flow accepts: 30 days, in minutes. */
export const MAX_EVENT_DELAY_MINUTES = 30 * 24 * 60;

/** When the message of an event that occurred at `occurredAt` goes out: `delayMinutes` later. */
export function eventSendAt(occurredAt: string, delayMinutes: number): string {
  return new Date(Date.parse(occurredAt) + delayMinutes * MINUTE_MS).toISOString();
}

/**
 * The occurred_at range whose messages send in the planning window: [from - delay, to - delay).
 * Both ends are UTC instants in the one stored form, so the database compares them as text.
 */
export function eventRangeFor(window: InstantRange, delayMinutes: number): InstantRange {
  const shift = delayMinutes * MINUTE_MS;
  return {
    from: new Date(Date.parse(window.from) - shift).toISOString(),
    to: new Date(Date.parse(window.to) - shift).toISOString(),
  };
}

/** "31 December 2026": an instant's date in the store's zone, as the built-in templates write dates. */
export function longDateOfInstant(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(instant),
  );
}

/** "15 April 2026" of a store calendar day 'YYYY-MM-DD' (already a local date: no zone applies). */
export function longDateOfYmd(ymd: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ymd}T00:00:00Z`),
  );
}

/** 'YYYY-MM-DD' of an instant in the store's zone: what a reason sentence shows. */
export function isoDateOfInstant(instant: string, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

/** "1,200": points as a reason sentence shows them. */
export function formatPoints(points: number): string {
  return new Intl.NumberFormat('en').format(points);
}

/**
 * A tier's perks as lines for the tier-reached message. The earn rate per currency unit is the
 * loyalty program's, which varies by SKU and category, so the multiplier is said as a multiple.
 */
export function tierPerkLines(perks: TierPerks): string[] {
  const lines: string[] = [];
  if (perks.earnMultiplier > 1) lines.push(`${perks.earnMultiplier} times the points on every order`);
  if (perks.freeShipping) lines.push('Free shipping on every order');
  if (perks.memberCouponPercent !== null) lines.push(`${perks.memberCouponPercent}% off with your member coupons`);
  lines.push(...perks.partnerPerks);
  return lines;
}

/** What a challenge asks, as the sentence "Here is a challenge: <goal> by <date>" needs it. */
export interface ChallengeGoal {
  readonly kind: string;
  readonly targetOrders: number;
  readonly targetCategory: string | null;
}

/**
 * The goal as a challenge event's payload states it (kind, targetOrders, targetCategory); the
 * challenge as stored fills what the payload lacks (a completed event names no category).
 */
export function challengeGoalOf(
  payload: Readonly<Record<string, unknown>>,
  stored: ChallengeGoal | undefined,
): ChallengeGoal {
  return {
    kind: typeof payload.kind === 'string' ? payload.kind : (stored?.kind ?? ''),
    targetOrders: typeof payload.targetOrders === 'number' ? payload.targetOrders : (stored?.targetOrders ?? 1),
    targetCategory:
      typeof payload.targetCategory === 'string' ? payload.targetCategory : (stored?.targetCategory ?? null),
  };
}

/** "order on 3 different days", "place your next order", "order from Tea". */
export function challengeGoalText(goal: ChallengeGoal): string {
  switch (goal.kind) {
    case 'frequency':
      return goal.targetOrders === 1 ? 'place an order' : `order on ${goal.targetOrders} different days`;
    case 'interval':
      return 'place your next order';
    case 'new_category':
      return goal.targetCategory === null ? 'order from a category new to you' : `order from ${goal.targetCategory}`;
    default:
      return goal.targetOrders === 1 ? 'place an order' : `place ${goal.targetOrders} orders`;
  }
}

/**
 * What `points` are worth at the program's point value, rounded down: a message never promises
 * more than the points buy. Null when the program states no value.
 */
export function pointsWorthMinor(points: number, value: PointValue | null): number | null {
  if (value === null || points <= 0) return value === null ? null : 0;
  return Math.floor((points * value.minor) / value.points + 1e-9);
}
