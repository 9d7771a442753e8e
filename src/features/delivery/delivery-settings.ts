import { RegularsError } from '../../platform/errors.js';
import { DEFAULT_FREQUENCY_CAP, type FrequencyCap } from './frequency-cap.js';
import { DEFAULT_HOLDOUT_SHARE } from './holdout.js';
import { isIanaTimeZone } from '../../platform/time-zone.js';
import { DEFAULT_QUIET_HOURS, minutesOfDay, type QuietHours } from './quiet-hours.js';

/** The store setting (store_settings.name) that holds the delivery rules. */
export const DELIVERY_SETTING = 'delivery';

/** How a store sends: the rules every message passes at send time (docs/delivery.md). */
export interface DeliverySettings {
  /** The store's IANA zone, for customers without their own; null means UTC. */
  readonly timeZone: string | null;
  /** Marketing messages wait out these local hours; null turns quiet hours off. */
  readonly quietHours: QuietHours | null;
  readonly frequencyCap: FrequencyCap;
  /** The share of each flow's customers held out (0-1). */
  readonly holdoutShare: number;
  /** Per-flow shares that replace holdoutShare. */
  readonly flowHoldoutShares: Readonly<Record<string, number>>;
  /** Attempts before a message that keeps failing is marked failed. */
  readonly maxAttempts: number;
  /** The Reply-To of the store's emails ("Help <help@shop.example>"); null: replies go to the From. */
  readonly replyTo: string | null;
  /** Per-flow Reply-To addresses that replace replyTo (a win-back answered by the owner, say). */
  readonly flowReplyTo: Readonly<Record<string, string>>;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = Object.freeze({
  timeZone: null,
  quietHours: DEFAULT_QUIET_HOURS,
  frequencyCap: DEFAULT_FREQUENCY_CAP,
  holdoutShare: DEFAULT_HOLDOUT_SHARE,
  flowHoldoutShares: Object.freeze({}),
  maxAttempts: 5,
  replyTo: null,
  flowReplyTo: Object.freeze({}),
});

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function numberIn(value: unknown, field: string, min: number, max: number, integer: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalid(field, `${field} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw invalid(`${prefix}${key}`, `unknown setting ${prefix}${key}; known: ${allowed.join(', ')}`);
  }
}

/**
 * Parses the store's 'delivery' setting (null: the defaults). Every field is optional and falls back
 * to its default; a wrong one is INVALID_ARGUMENT naming the field ('frequencyCap.windowDays').
 */
export function parseDeliverySettings(value: unknown): DeliverySettings {
  if (value === null || value === undefined) return DEFAULT_DELIVERY_SETTINGS;
  if (!isObject(value)) throw invalid('delivery', 'the delivery setting must be a JSON object');
  onlyKeys(
    value,
    [
      'timeZone',
      'quietHours',
      'frequencyCap',
      'holdoutShare',
      'flowHoldoutShares',
      'maxAttempts',
      'replyTo',
      'flowReplyTo',
    ],
    '',
  );
  const d = DEFAULT_DELIVERY_SETTINGS;

  let timeZone = d.timeZone;
  if (value.timeZone !== undefined && value.timeZone !== null) {
    if (typeof value.timeZone !== 'string' || !isIanaTimeZone(value.timeZone))
      throw invalid(
        'timeZone',
        `timeZone must be an IANA time zone such as Europe/Berlin, not ${JSON.stringify(value.timeZone)}`,
      );
    timeZone = value.timeZone;
  }

  let quietHours = d.quietHours;
  if (value.quietHours === null) quietHours = null;
  else if (value.quietHours !== undefined) {
    if (!isObject(value.quietHours))
      throw invalid('quietHours', 'quietHours must be {"start": "HH:MM", "end": "HH:MM"} or null');
    onlyKeys(value.quietHours, ['start', 'end'], 'quietHours.');
    const { start, end } = value.quietHours;
    if (typeof start !== 'string' || minutesOfDay(start) === null)
      throw invalid('quietHours.start', 'quietHours.start must be a local time HH:MM (00:00-23:59)');
    if (typeof end !== 'string' || minutesOfDay(end) === null)
      throw invalid('quietHours.end', 'quietHours.end must be a local time HH:MM (00:00-23:59)');
    if (start === end)
      throw invalid('quietHours.end', 'quietHours.end must differ from start; use null for no quiet hours');
    quietHours = { start, end };
  }

  let frequencyCap = d.frequencyCap;
  if (value.frequencyCap !== undefined) {
    const cap = value.frequencyCap;
    if (!isObject(cap)) throw invalid('frequencyCap', 'frequencyCap must be a JSON object');
    onlyKeys(cap, ['minHoursBetween', 'maxPerWindow', 'windowDays', 'postponeMinPriority'], 'frequencyCap.');
    frequencyCap = {
      minHoursBetween:
        cap.minHoursBetween === undefined
          ? d.frequencyCap.minHoursBetween
          : numberIn(cap.minHoursBetween, 'frequencyCap.minHoursBetween', 0, 24 * 365, false),
      maxPerWindow:
        cap.maxPerWindow === undefined
          ? d.frequencyCap.maxPerWindow
          : numberIn(cap.maxPerWindow, 'frequencyCap.maxPerWindow', 0, 1000, true),
      windowDays:
        cap.windowDays === undefined
          ? d.frequencyCap.windowDays
          : numberIn(cap.windowDays, 'frequencyCap.windowDays', 1, 365, true),
      postponeMinPriority:
        cap.postponeMinPriority === undefined
          ? d.frequencyCap.postponeMinPriority
          : numberIn(cap.postponeMinPriority, 'frequencyCap.postponeMinPriority', 0, 101, true),
    };
  }

  const holdoutShare =
    value.holdoutShare === undefined ? d.holdoutShare : numberIn(value.holdoutShare, 'holdoutShare', 0, 1, false);

  let flowHoldoutShares = d.flowHoldoutShares;
  if (value.flowHoldoutShares !== undefined) {
    if (!isObject(value.flowHoldoutShares))
      throw invalid('flowHoldoutShares', 'flowHoldoutShares must map flow names to shares from 0 to 1');
    const shares: Record<string, number> = {};
    for (const [flow, share] of Object.entries(value.flowHoldoutShares))
      shares[flow] = numberIn(share, `flowHoldoutShares.${flow}`, 0, 1, false);
    flowHoldoutShares = shares;
  }

  const maxAttempts =
    value.maxAttempts === undefined ? d.maxAttempts : numberIn(value.maxAttempts, 'maxAttempts', 1, 100, true);
  const replyTo = value.replyTo === undefined || value.replyTo === null ? d.replyTo : mailbox(value.replyTo, 'replyTo');
  let flowReplyTo = d.flowReplyTo;
  if (value.flowReplyTo !== undefined && value.flowReplyTo !== null) {
    if (!isObject(value.flowReplyTo))
      throw invalid('flowReplyTo', 'flowReplyTo must map flow names to addresses such as "Help <help@shop.example>"');
    const addresses: Record<string, string> = {};
    for (const [flow, address] of Object.entries(value.flowReplyTo))
      addresses[flow] = mailbox(address, `flowReplyTo.${flow}`);
    flowReplyTo = addresses;
  }
  return { timeZone, quietHours, frequencyCap, holdoutShare, flowHoldoutShares, maxAttempts, replyTo, flowReplyTo };
}

/**
 * One RFC 5322 mailbox, `local@domain` or `Name <local@domain>`, with no line breaks: the value
 * becomes a header, so a newline here would let a setting add headers of its own.
 */
function mailbox(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^(?:[^<>\r\n@]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(text))
    throw invalid(field, `${field} must be an address such as help@shop.example or "Help <help@shop.example>"`);
  return text;
}

/** The Reply-To of a flow's emails: the flow's own, else the store's, else none. */
export function replyToFor(settings: DeliverySettings, flow: string): string | null {
  return settings.flowReplyTo[flow] ?? settings.replyTo;
}

/** The holdout share of a flow's messages: transactional ones are never held out. */
export function holdoutShareFor(
  settings: DeliverySettings,
  flow: string,
  purpose: 'transactional' | 'marketing',
  override?: number,
): number {
  if (override !== undefined) return override;
  if (purpose === 'transactional') return 0;
  return settings.flowHoldoutShares[flow] ?? settings.holdoutShare;
}
