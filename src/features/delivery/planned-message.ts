import { CONSENT_CHANNELS, type ConsentChannel } from '../consent/index.js';
import { RegularsError } from '../../platform/errors.js';

/**
 * How a message reaches the customer: an email over SMTP, a signed JSON POST (SMS and other tools),
 * or an SMS through the store's provider account (src/features/sms).
 */
export const DELIVERY_CHANNELS = ['email', 'webhook', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * Transactional messages (an order confirmation) answer something the customer did and need no
 * marketing consent; they are never capped, held out or delayed by quiet hours. Marketing
 * messages need the customer's marketing consent for the channel and pass every check.
 */
export const MESSAGE_PURPOSES = ['transactional', 'marketing'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** Higher is more important; over the frequency cap, priority decides postpone or drop. */
export const DEFAULT_PRIORITY = 50;

/**
 * What a flow decides to send (architecture.md habit 1: flows return these, the app records them).
 * The outbox stores it; the worker checks it again at send time.
 */
export interface PlannedMessage {
  readonly storeId: string;
  /** The internal id, 'cus_...'. */
  readonly customerId: string;
  /** The flow's name: lower-case letters, digits, '-' and '_' ('win-back', 'replenishment'). */
  readonly flow: string;
  /**
   * What triggered the message, unique within the flow and customer: 'order:ord_...',
   * 'sku:COFFEE-1:2026-03-01', 'campaign:spring-2026'. Planning the same trigger again has no effect.
   */
  readonly triggerKey: string;
  readonly channel: DeliveryChannel;
  /**
   * The consent channel that governs the message. Email is always 'email'; a webhook message names
   * the channel the receiving tool reaches the customer on ('sms' when omitted).
   */
  readonly consentChannel?: ConsentChannel;
  readonly purpose: MessagePurpose;
  /** 0-100, DEFAULT_PRIORITY when omitted. */
  readonly priority?: number;
  /** The template's name (src/features/messaging/templates.adapter.ts). */
  readonly template: string;
  /** The template's data, JSON. */
  readonly data: Readonly<Record<string, unknown>>;
  /** When it should go out (ISO 8601 with offset); the send-time checks may move it later. */
  readonly sendAt: string;
  /** Overrides the holdout share (0-1) of the store's settings for this message's flow. */
  readonly holdoutShare?: number;
  /**
   * The worker skips the message if the customer ordered after this instant (ISO 8601): a
   * reminder to reorder, or a win-back step, is moot once they did. Absent: it never stops.
   */
  readonly stopOnOrderAfter?: string;
  /**
   * The flow's topic (its definition's `topic`: newsletter, replenishment, offers, loyalty,
   * reviews): a marketing message is held at send time when the customer turned its topic off.
   */
  readonly topic?: string;
}

const FLOW = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CUSTOMER_ID = /^cus_[0-9a-z]{1,64}$/;
const MAX_TRIGGER_KEY = 200;

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

/** Rejects a planned message that cannot be stored, naming the field. */
export function checkPlannedMessage(message: PlannedMessage): void {
  if (!FLOW.test(message.flow))
    throw invalid(
      'flow',
      `flow must be lower-case letters, digits, '-' or '_' (at most 64), not ${JSON.stringify(message.flow)}`,
    );
  if (!CUSTOMER_ID.test(message.customerId))
    throw invalid(
      'customerId',
      `customerId must be an internal id 'cus_...', not ${JSON.stringify(message.customerId)}`,
    );
  if (
    typeof message.triggerKey !== 'string' ||
    message.triggerKey.trim() === '' ||
    message.triggerKey.length > MAX_TRIGGER_KEY
  ) {
    throw invalid('triggerKey', `triggerKey must be non-empty text of at most ${MAX_TRIGGER_KEY} characters`);
  }
  if (!(DELIVERY_CHANNELS as readonly string[]).includes(message.channel))
    throw invalid('channel', `channel must be one of ${DELIVERY_CHANNELS.join(', ')}, not ${message.channel}`);
  if (!(MESSAGE_PURPOSES as readonly string[]).includes(message.purpose))
    throw invalid('purpose', `purpose must be one of ${MESSAGE_PURPOSES.join(', ')}, not ${message.purpose}`);
  if (message.consentChannel !== undefined) {
    if (!(CONSENT_CHANNELS as readonly string[]).includes(message.consentChannel))
      throw invalid('consentChannel', `consentChannel must be one of ${CONSENT_CHANNELS.join(', ')}`);
    if (message.channel === 'email' && message.consentChannel !== 'email')
      throw invalid('consentChannel', "an email's consent channel is 'email'");
    if (message.channel === 'sms' && message.consentChannel !== 'sms')
      throw invalid('consentChannel', "an SMS's consent channel is 'sms'");
  }
  if (
    message.priority !== undefined &&
    !(Number.isInteger(message.priority) && message.priority >= 0 && message.priority <= 100)
  ) {
    throw invalid('priority', 'priority must be a whole number from 0 to 100');
  }
  if (typeof message.template !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(message.template))
    throw invalid('template', `template must be a template name, not ${JSON.stringify(message.template)}`);
  if (message.data === null || typeof message.data !== 'object' || Array.isArray(message.data))
    throw invalid('data', 'data must be a JSON object');
  if (message.holdoutShare !== undefined && !(message.holdoutShare >= 0 && message.holdoutShare <= 1))
    throw invalid('holdoutShare', 'holdoutShare must be from 0 to 1');
}

/** The consent channel that governs a message (see PlannedMessage.consentChannel). */
export function consentChannelOf(message: Pick<PlannedMessage, 'channel' | 'consentChannel'>): ConsentChannel {
  return message.channel === 'email' ? 'email' : (message.consentChannel ?? 'sms');
}

/**
 * The idempotency key of a message: one per (flow, customer, trigger), unique per store in the
 * outbox. Readable on purpose ('win-back:cus_...:step-1'); the flow and the customer id contain no
 * ':', so the text names exactly one triple. The channels derive what receivers deduplicate on from
 * it: the email's Message-ID (src/features/messaging/email-message.adapter.ts messageIdFor) and the webhook's
 * Idempotency-Key, so every attempt to send one outbox message carries the same identity.
 */
export function idempotencyKey(flow: string, customerId: string, triggerKey: string): string {
  return `${flow}:${customerId}:${triggerKey}`;
}
