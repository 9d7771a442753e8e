import { RegularsError } from '../../platform/errors.js';

/** The feeds a store can connect: four ESP webhooks and delivery reports arriving by SMTP. */
export const BOUNCE_PROVIDERS = ['ses', 'postmark', 'sendgrid', 'mailgun', 'smtp'] as const;
export type BounceProvider = (typeof BOUNCE_PROVIDERS)[number];

/**
 * What a feed reported about one recipient. A hard bounce (the address does not exist or the
 * mailbox refuses for good) and a complaint (the recipient marked the message as spam) suppress
 * the address; a soft bounce (mailbox full, greylisting, a server down) is recorded and suppresses
 * nothing, since the next send may well arrive.
 */
export const BOUNCE_KINDS = ['hard_bounce', 'soft_bounce', 'complaint'] as const;
export type BounceKind = (typeof BOUNCE_KINDS)[number];

export interface BounceEvent {
  readonly provider: BounceProvider;
  /**
   * The provider's own id of the event (SNS MessageId, Postmark ID, sg_event_id, Mailgun's
   * event id, a DSN's Message-ID): a redelivery carries the same one, so it changes nothing.
   */
  readonly eventId: string;
  readonly kind: BounceKind;
  readonly address: string;
  /** The Message-ID of the message that bounced, when the report carries it: it finds the outbox message. */
  readonly messageId: string | null;
  /** The diagnostic, e.g. "smtp; 550 5.1.1 user unknown", or the complaint's feedback type. */
  readonly detail: string | null;
  /** ISO 8601 instant. */
  readonly occurredAt: string;
}

/** The suppression reason an event leads to; null for a soft bounce, which suppresses nothing. */
export function suppressionReasonFor(kind: BounceKind): 'bounced' | 'complained' | null {
  if (kind === 'hard_bounce') return 'bounced';
  if (kind === 'complaint') return 'complained';
  return null;
}

/** The longest diagnostic kept: providers may send whole bounce dumps. */
const MAX_DETAIL = 1000;

export function shortDetail(detail: string | null | undefined): string | null {
  if (detail === null || detail === undefined) return null;
  const text = detail.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 3)}...` : text;
}

/**
 * A Message-ID as stored in the outbox (`<id@host>`): providers write it with or without the angle
 * brackets (Mailgun drops them, SendGrid keeps them), so every report is brought to one form.
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const bare = value.trim().replace(/^<|>$/g, '').trim();
  return bare === '' ? null : `<${bare}>`;
}

/** An RFC 3463 status code: class 5 is permanent, class 4 transient. */
export function kindOfStatus(status: string | null | undefined): BounceKind | null {
  const match = /^\s*([245])\.\d{1,3}\.\d{1,3}/.exec(status ?? '');
  if (match === null) return null;
  if (match[1] === '5') return 'hard_bounce';
  if (match[1] === '4') return 'soft_bounce';
  return null;
}

/** A refusal of a payload: VALIDATION_FAILED with the JSON Pointer (or header name) of what is wrong. */
export function invalidReport(provider: BounceProvider, path: string, message: string): RegularsError {
  return new RegularsError('VALIDATION_FAILED', `${provider} ${path || 'payload'}: ${message}`, { provider, path });
}

/** An ISO 8601 instant from a provider's date, or the fallback when it sent none or an unreadable one. */
export function instantOr(value: unknown, fallback: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && value.trim() !== '') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  return fallback;
}

/** A JSON object as a provider posts it. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
