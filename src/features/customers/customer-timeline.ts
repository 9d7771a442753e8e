/**
 * A customer's timeline: what happened to them, newest first, merged from the tables each part of
 * Regulars writes (orders, the outbox, the points ledger, tier events, challenges, coupons and
 * consent records). Pure: the repository reads candidate rows per source, this module orders them,
 * cuts the page and writes the cursor.
 */
import { RegularsError } from '../../platform/errors.js';

/**
 * The sources of the timeline, in the order that breaks ties between entries at the same instant
 * (a later source comes first in the newest-first list: an order's points follow the order).
 */
export const TIMELINE_SOURCES = [
  'consent',
  'order',
  'coupon_redeemed',
  'points',
  'tier',
  'challenge_offered',
  'challenge_completed',
  'challenge_expired',
  'coupon_issued',
  'message',
] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/** What a person reading the timeline groups by. */
export type TimelineKind = 'order' | 'message' | 'points' | 'tier' | 'challenge' | 'coupon' | 'consent';

export const KIND_OF_SOURCE: Readonly<Record<TimelineSource, TimelineKind>> = {
  consent: 'consent',
  order: 'order',
  coupon_redeemed: 'coupon',
  points: 'points',
  tier: 'tier',
  challenge_offered: 'challenge',
  challenge_completed: 'challenge',
  challenge_expired: 'challenge',
  coupon_issued: 'coupon',
  message: 'message',
};

export type TimelineValue = string | number | boolean | null;

export interface TimelineEntry {
  /** The UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ) it happened. */
  readonly at: string;
  readonly kind: TimelineKind;
  /**
   * What happened, per kind: order `placed`, `refunded`, `partially_refunded` or `cancelled`;
   * message its outcome (messageOutcome); points the ledger kind (`earn`, `redeem`, `expire`,
   * `adjust`, `reverse`); tier `up`, `down` or `changed`; challenge `offered`, `completed` or
   * `expired`; coupon `issued` or `redeemed`; consent the recorded status.
   */
  readonly event: string;
  /** The source row's id (for a redemption: coupon id and order id joined by a colon). */
  readonly id: string;
  readonly source: TimelineSource;
  /** The facts of the entry, named per kind (docs/api.md lists them). */
  readonly detail: Readonly<Record<string, TimelineValue>>;
}

export interface TimelinePosition {
  readonly at: string;
  readonly source: TimelineSource;
  readonly id: string;
}

/** Newest first: by instant, then by source (later in TIMELINE_SOURCES first), then by id descending. */
export function compareNewestFirst(a: TimelinePosition, b: TimelinePosition): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  const ra = TIMELINE_SOURCES.indexOf(a.source);
  const rb = TIMELINE_SOURCES.indexOf(b.source);
  if (ra !== rb) return rb - ra;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * A page of the timeline from every source's candidates. Each source gave the rows strictly after
 * `before` in its newest-first order, at most `limit + 1` of them: then the `limit` newest of the
 * union are exactly the page (a row a source did not return is older than its `limit + 1`
 * returned ones, so it cannot be among the `limit` newest), and a row more means another page.
 */
export function timelinePage(
  candidates: readonly TimelineEntry[],
  limit: number,
  before: TimelinePosition | null,
): { entries: TimelineEntry[]; nextCursor: string | null } {
  const sorted = candidates
    .filter((e) => before === null || compareNewestFirst(e, before) > 0)
    .sort(compareNewestFirst);
  const entries = sorted.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: sorted.length > limit && last ? encodeTimelineCursor(last) : null };
}

export function encodeTimelineCursor(position: TimelinePosition): string {
  return Buffer.from(`${position.at}|${position.source}|${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names; VALIDATION_FAILED at /before for anything timelinePage did not write. */
export function decodeTimelineCursor(cursor: string): TimelinePosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [at, source, ...rest] = text.split('|');
  const id = rest.join('|');
  const valid =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at ?? '') &&
    (TIMELINE_SOURCES as readonly string[]).includes(source ?? '') &&
    id !== '' &&
    encodeTimelineCursor({ at, source: source as TimelineSource, id }) === cursor;
  if (!valid)
    throw new RegularsError(
      'VALIDATION_FAILED',
      'before is not a cursor this timeline returned (nextCursor); start again without it',
      { path: '/before' },
    );
  return { at, source: source as TimelineSource, id };
}

/**
 * What became of an outbox message, from its status and reason (docs/delivery.md "Outbox states"
 * and "Send-time checks"): the words the console and the Messages log use.
 */
export function messageOutcome(status: string, reason: string | null): string {
  const why = reason ?? '';
  if (status === 'sent' || status === 'held_out' || status === 'failed') return status;
  if (status === 'skipped') {
    if (why.startsWith('suppressed')) return 'suppressed';
    if (why.startsWith('frequency_cap')) return 'capped';
    if (why.startsWith('stopped_by_order')) return 'stopped';
    if (why.startsWith('no_consent')) return 'no_consent';
    if (why.startsWith('no_address')) return 'no_address';
    return 'skipped';
  }
  if (status === 'postponed') {
    if (why.startsWith('quiet_hours')) return 'quiet_hours';
    if (why.startsWith('frequency_cap')) return 'capped';
    return 'postponed';
  }
  return status; // planned, sending
}

/** An order's event: what its status says became of it. */
export function orderEvent(status: string, refundedMinor: number): string {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'refunded') return 'refunded';
  if (status === 'partially_refunded' || refundedMinor > 0) return 'partially_refunded';
  return 'placed';
}

/** A tier_changed event's direction, as the tiers feature writes it. */
export function tierEvent(direction: unknown): string {
  return direction === 'up' || direction === 'down' ? direction : 'changed';
}

/**
 * The UTC instant of a timestamp as a source wrote it: with its own offset, or, written without
 * one (a naive local time some exports carry), read as UTC.
 */
export function instantOf(text: string): string {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? text.trim() : `${text.trim()}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}
