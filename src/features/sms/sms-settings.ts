import { RegularsError } from '../../platform/errors.js';

/** The store setting (store_settings.name) that holds the SMS provider's account. */
export const SMS_SETTING = 'sms';

export const TWILIO_BASE_URL = 'https://api.twilio.com';

/**
 * How a store sends SMS: an account on Twilio's Messages API, or on any provider that serves the
 * same API under another base URL. The auth token is kept in plaintext, as the WooCommerce and
 * Shopify secrets are: verifying X-Twilio-Signature needs the token itself. It is never shown again
 * once set (smsSettingsView).
 */
export interface SmsSettings {
  /** Scheme and host (and an optional path prefix) the /2010-04-01/... paths are appended to. */
  readonly baseUrl: string;
  /** 'AC' then 32 hex digits on Twilio; any token on a compatible provider. */
  readonly accountSid: string;
  readonly authToken: string;
  /** The sender: an E.164 number or an alphanumeric sender id; null when messagingServiceSid picks it. */
  readonly from: string | null;
  /** A Twilio Messaging Service ('MG...') that picks the sender; null when `from` is given. */
  readonly messagingServiceSid: string | null;
  /**
   * The most segments (3GPP TS 23.038: 153 GSM-7 or 67 UCS-2 characters each once split) one SMS
   * may take; a longer text fails at send time instead of being billed as several messages.
   */
  readonly maxSegments: number;
  /** What a HELP reply answers; null: no answer (the provider's own, if it has one). */
  readonly helpReply: string | null;
}

const FIELDS = ['baseUrl', 'accountSid', 'authToken', 'from', 'messagingServiceSid', 'maxSegments', 'helpReply'];

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field: `sms.${field}` });
}

function text(value: unknown, field: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value.trim()))
    throw invalid(field, `sms.${field} must be ${what}, not ${JSON.stringify(value)}`);
  return value.trim();
}

function optionalText(value: unknown, field: string, pattern: RegExp, what: string): string | null {
  return value === undefined || value === null || value === '' ? null : text(value, field, pattern, what);
}

/**
 * Parses the store's 'sms' setting; null when the store has none (SMS is not configured). A wrong
 * field is INVALID_ARGUMENT naming it ('sms.from').
 */
export function parseSmsSettings(value: unknown): SmsSettings | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('', 'the sms setting must be a JSON object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (!FIELDS.includes(key)) throw invalid(key, `unknown setting sms.${key}; known: ${FIELDS.join(', ')}`);
  const baseUrl =
    v.baseUrl === undefined || v.baseUrl === null
      ? TWILIO_BASE_URL
      : text(v.baseUrl, 'baseUrl', /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'an http(s) URL without query').replace(
          /\/+$/,
          '',
        );
  const accountSid = text(v.accountSid, 'accountSid', /^[A-Za-z0-9_-]{1,64}$/, "the account SID ('AC...')");
  const authToken = text(v.authToken, 'authToken', /^\S{8,256}$/, 'the auth token (8 or more characters)');
  const from = optionalText(
    v.from,
    'from',
    /^(\+[1-9]\d{5,14}|[A-Za-z0-9 ]{1,11})$/,
    'an E.164 number (+447700900123) or an alphanumeric sender id of at most 11 characters',
  );
  const messagingServiceSid = optionalText(
    v.messagingServiceSid,
    'messagingServiceSid',
    /^[A-Za-z0-9_-]{1,64}$/,
    "a messaging service SID ('MG...')",
  );
  if (from === null && messagingServiceSid === null)
    throw invalid('from', 'set sms.from (the sending number) or sms.messagingServiceSid');
  let maxSegments = 1;
  if (v.maxSegments !== undefined && v.maxSegments !== null) {
    if (
      typeof v.maxSegments !== 'number' ||
      !Number.isInteger(v.maxSegments) ||
      v.maxSegments < 1 ||
      v.maxSegments > 10
    )
      throw invalid('maxSegments', 'sms.maxSegments must be a whole number from 1 to 10');
    maxSegments = v.maxSegments;
  }
  let helpReply: string | null = null;
  if (v.helpReply !== undefined && v.helpReply !== null) {
    if (typeof v.helpReply !== 'string' || v.helpReply.trim() === '' || v.helpReply.length > 320)
      throw invalid('helpReply', 'sms.helpReply must be text of 1 to 320 characters');
    helpReply = v.helpReply.trim();
  }
  return { baseUrl, accountSid, authToken, from, messagingServiceSid, maxSegments, helpReply };
}

/**
 * Applies a change to the stored document: each field given replaces the stored one, null removes
 * it (back to its default); the result is checked whole by parseSmsSettings before it is written.
 */
export function mergeSmsChanges(stored: unknown, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = stored !== null && typeof stored === 'object' ? { ...stored } : {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The settings as the API and CLI show them: the auth token only as whether it is set. */
export type SmsSettingsView = Omit<SmsSettings, 'authToken'> & { readonly authTokenSet: true };

export function smsSettingsView(settings: SmsSettings): SmsSettingsView {
  const { authToken: _token, ...rest } = settings;
  return { ...rest, authTokenSet: true };
}
