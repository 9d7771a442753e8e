import { instantOfWallClock } from '../delivery/index.js';
import { RegularsError } from '../../platform/errors.js';

/**
 * A newsletter as the console composes it: no JSON by hand. It is stored as a flow of kind
 * `campaign` (docs/flows.md "Campaign") over the built-in `newsletter` template, whose data is
 * `campaign.{subject, preheader, body}`; scheduling enables that flow, so the one campaign planner
 * and the one delivery worker send it (consent, suppression, caps, quiet hours, holdout).
 */
export interface CampaignDraftInput {
  readonly subject: string;
  readonly preheader?: string | null;
  /** Markdown with Liquid (messaging/markdown.ts). */
  readonly body: string;
  /** A built-in segment's key ('vip') or a segment's id ('seg_...'); null: every customer. */
  readonly segment?: string | null;
  /** An instant with an offset, or a wall-clock time 'YYYY-MM-DDTHH:mm' read in the store's zone. */
  readonly sendAt?: string | null;
  readonly localTime?: boolean;
}

export const CAMPAIGN_TEMPLATE = 'newsletter';
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
/** Earth's zones run to UTC+14 and UTC-12: a local-time campaign reaches its wall time over these hours. */
const EARLIEST_ZONE_MS = 14 * 3_600_000;
const LATEST_ZONE_MS = 12 * 3_600_000;

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', `${field} ${message}`, { field });
}

/**
 * The send time as a UTC instant: an instant with an offset as given, a wall-clock time in the
 * store's zone (what the console's date field gives), or, left out, tomorrow at 09:00 in the store's
 * zone (a draft must have one: the flow's settings require it).
 */
export function resolveSendAt(value: string | null | undefined, storeZone: string, now: string): string {
  if (value === undefined || value === null || value.trim() === '') {
    const tomorrow = new Date(Date.parse(now) + 24 * 3_600_000);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: storeZone, dateStyle: 'short' }).format(tomorrow);
    return resolveSendAt(`${local}T09:00`, storeZone, now);
  }
  const text = value.trim();
  if (WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text))) return new Date(Date.parse(text)).toISOString();
  const wall = WALL_CLOCK.exec(text);
  if (wall) {
    const [y, mo, d, h, mi, s] = wall.slice(1).map((part) => Number(part ?? 0));
    const wallMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    const check = new Date(wallMs);
    if (check.getUTCMonth() === mo! - 1 && check.getUTCDate() === d! && h! < 24 && mi! < 60)
      return new Date(instantOfWallClock(wallMs, storeZone)).toISOString();
  }
  throw invalid(
    'sendAt',
    `must be a time such as '2026-03-01T09:00' (the store's time zone) or an instant with an offset, not ${JSON.stringify(value)}`,
  );
}

/** The first and last instants the campaign goes out at: one instant, or the span of Earth's zones for local time. */
export function sendSpan(sendAt: string, localTime: boolean, storeOffsetMs: number): { first: number; last: number } {
  const at = Date.parse(sendAt);
  if (!localTime) return { first: at, last: at };
  const wall = at + storeOffsetMs;
  return { first: wall - EARLIEST_ZONE_MS, last: wall + LATEST_ZONE_MS };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffsetMs(instant: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const f: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') f[p.type] = Number(p.value);
  const ms = Date.parse(instant);
  return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - (ms - (ms % 1000));
}

/** What the newsletter template renders: the campaign's own copy, checked for shape. */
export function campaignData(input: CampaignDraftInput): { campaign: Record<string, string> } {
  const subject = input.subject.trim();
  if (subject === '') throw invalid('subject', 'is required: the email subject');
  if (/[\r\n]/.test(subject)) throw invalid('subject', 'must be one line');
  const preheader = (input.preheader ?? '').trim();
  if (/[\r\n]/.test(preheader)) throw invalid('preheader', 'must be one line');
  if (input.body.trim() === '') throw invalid('body', 'is required: the newsletter text (Markdown)');
  return { campaign: { subject, ...(preheader === '' ? {} : { preheader }), body: input.body } };
}

/** The flow definition a draft is stored as. */
export function campaignDefinition(name: string, input: CampaignDraftInput, sendAt: string): Record<string, unknown> {
  return {
    name,
    kind: 'campaign',
    description: input.subject.trim(),
    channel: 'email',
    settings: {
      sendAt,
      segment: input.segment ?? null,
      template: CAMPAIGN_TEMPLATE,
      localTime: input.localTime ?? false,
      data: campaignData(input),
    },
  };
}

export interface CampaignState {
  readonly enabled: boolean;
  readonly enabledAt: string | null;
  readonly plannedUntil: string | null;
  /** Outbox messages of the campaign still to go: planned, postponed or being sent. */
  readonly pending: number;
}

/**
 * Where a campaign stands: a draft was never scheduled; a scheduled one waits for its first send
 * instant; it is sending while the planner has not passed its last instant or messages still
 * wait in the outbox; then sent. Cancelled: scheduled once, then switched off.
 */
export function campaignStatus(
  state: CampaignState,
  span: { first: number; last: number },
  now: string,
): CampaignStatus {
  if (!state.enabled) return state.enabledAt === null ? 'draft' : 'cancelled';
  const plannedTo = state.plannedUntil === null ? Number.NEGATIVE_INFINITY : Date.parse(state.plannedUntil);
  // The planner's mark counts as well as the clock: a server whose clock runs ahead planned it.
  if (Date.parse(now) < span.first && plannedTo <= span.first && state.pending === 0) return 'scheduled';
  const plannedAll = plannedTo > span.last;
  return !plannedAll || state.pending > 0 ? 'sending' : 'sent';
}
