/**
 * The outbox as a log a person reads (the console's Messages page, GET /v1/messages): each message
 * with a status in plain terms, derived from its stored status and the machine prefix its reason
 * starts with (send-decision.ts writes `frequency_cap: ...`, `quiet_hours: ...`, `suppressed: ...`).
 * The same table drives the SQL filter, so a message shows under the status it is listed with.
 */
import type { OutboxStatus } from './outbox-message.js';

export const OUTBOX_LOG_STATUSES = [
  'sent',
  'queued',
  'retrying',
  'held_out',
  'capped',
  'quiet_hours',
  'suppressed',
  'stopped_by_order',
  'no_consent',
  'skipped',
  'failed',
] as const;
export type OutboxLogStatus = (typeof OUTBOX_LOG_STATUSES)[number];

/** A stored status, narrowed by how its reason starts; `otherwise` takes the rows no prefix of its status claimed. */
interface Clause {
  readonly status: OutboxStatus;
  readonly prefixes?: readonly string[];
  readonly otherwise?: true;
}

const RETRY_PREFIXES = ['retry:', 'transport_unavailable:'];

/** Every stored status and reason prefix belongs to exactly one log status (outbox-log.test.ts checks it). */
export const LOG_STATUS_CLAUSES: Readonly<Record<OutboxLogStatus, readonly Clause[]>> = {
  sent: [{ status: 'sent' }],
  queued: [{ status: 'planned' }, { status: 'sending' }, { status: 'postponed', otherwise: true }],
  retrying: [{ status: 'postponed', prefixes: RETRY_PREFIXES }],
  held_out: [{ status: 'held_out' }],
  capped: [
    { status: 'postponed', prefixes: ['frequency_cap:'] },
    { status: 'skipped', prefixes: ['frequency_cap:'] },
  ],
  quiet_hours: [{ status: 'postponed', prefixes: ['quiet_hours:'] }],
  suppressed: [{ status: 'skipped', prefixes: ['suppressed:'] }],
  stopped_by_order: [{ status: 'skipped', prefixes: ['stopped_by_order:'] }],
  no_consent: [{ status: 'skipped', prefixes: ['no_consent:', 'no_address:'] }],
  skipped: [{ status: 'skipped', otherwise: true }],
  failed: [{ status: 'failed' }],
};

/** The prefixes that give a stored status a log status of their own (what `otherwise` excludes). */
export function claimedPrefixes(status: OutboxStatus): string[] {
  return Object.values(LOG_STATUS_CLAUSES)
    .flat()
    .filter((c) => c.status === status && c.prefixes !== undefined)
    .flatMap((c) => c.prefixes ?? []);
}

/** The log status of a stored message. */
export function logStatusOf(status: OutboxStatus, reason: string | null): OutboxLogStatus {
  const text = reason ?? '';
  let fallback: OutboxLogStatus | null = null;
  for (const name of OUTBOX_LOG_STATUSES) {
    for (const clause of LOG_STATUS_CLAUSES[name]) {
      if (clause.status !== status) continue;
      if (clause.prefixes === undefined && !clause.otherwise) return name;
      if (clause.prefixes?.some((p) => text.startsWith(p))) return name;
      if (clause.otherwise) fallback = name;
    }
  }
  if (fallback !== null) return fallback;
  throw new Error(`no log status for stored status ${status}`);
}

/** A page of the log ends at the last id shown; message ids grow with time (ids.ts), so newest first is id descending. */
export const MESSAGE_ID = /^msg_[0-9A-Za-z]{1,64}$/;
export const MAX_LOG_PAGE = 200;
export const DEFAULT_LOG_PAGE = 50;

/** What the log can be narrowed to. Days are UTC calendar days of the message's due (or sent) time. */
export interface OutboxLogFilter {
  readonly status?: OutboxLogStatus;
  readonly flow?: string;
  readonly channel?: string;
  /** Regulars' customer id ('cus_...'), resolved from the reference the request named. */
  readonly customerId?: string;
  /** 'YYYY-MM-DD', inclusive. */
  readonly from?: string;
  /** 'YYYY-MM-DD', inclusive. */
  readonly to?: string;
  /** The id of the last message of the previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

/** The first instant after the UTC day `ymd` (the `to` day is inclusive). */
export function dayAfter(ymd: string): string {
  const next = new Date(Date.parse(`${ymd}T00:00:00.000Z`) + 86_400_000);
  return next.toISOString();
}
