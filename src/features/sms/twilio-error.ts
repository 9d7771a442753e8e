/**
 * What a Twilio error code (https://www.twilio.com/docs/api/errors) means for the message that
 * got it. Twilio answers a refused message with { code, message, more_info, status }; the HTTP
 * status alone cannot tell an unsubscribed number (never retry) from a full queue (retry).
 * - 'suppress': the recipient replied STOP to this sender (21610): the number is put on the
 *   store's suppression list, and the message fails.
 * - 'permanent': this number or this text cannot be sent to, now or later: the message fails.
 * - 'transport': the account or sender is at fault (bad credentials, a From that cannot send):
 *   every message would fail, so the worker pauses the channel and the messages keep their attempts.
 * - 'retry': anything else (unknown codes included): one attempt counts, retried with backoff.
 */
export type TwilioErrorKind = 'suppress' | 'permanent' | 'transport' | 'retry';

const PERMANENT = new Map<number, string>([
  [21211, "invalid 'To' phone number"],
  [21408, 'sending to this region is not enabled on the account'],
  [21608, "the 'To' number is not verified (trial accounts send only to verified numbers)"],
  [21612, "the 'To' number is not reachable by SMS from this sender"],
  [21614, "'To' number is not a valid mobile number"],
  [21617, 'the body exceeds 1,600 characters'],
]);

const TRANSPORT = new Map<number, string>([
  [20003, 'authentication failed: check the account SID and auth token'],
  [20404, 'the account or resource was not found: check the account SID and base URL'],
  [20429, 'too many requests'],
  [21606, "the 'From' number cannot send SMS"],
  [21601, "the 'From' number is not an SMS-capable number of this account"],
  [21661, "the 'From' number is not SMS-capable"],
]);

export const UNSUBSCRIBED_RECIPIENT = 21610;

export function classifyTwilioError(code: number | null, httpStatus: number): TwilioErrorKind {
  if (code === UNSUBSCRIBED_RECIPIENT) return 'suppress';
  if (code !== null && PERMANENT.has(code)) return 'permanent';
  if (code !== null && TRANSPORT.has(code)) return 'transport';
  if (httpStatus >= 500 || httpStatus === 429 || httpStatus === 401) return 'transport';
  return 'retry';
}

/** A few words on a known code, for the outbox's reason; null for others (Twilio's message says it). */
export function twilioErrorHint(code: number | null): string | null {
  if (code === UNSUBSCRIBED_RECIPIENT) return 'the recipient replied STOP to this sender';
  if (code === null) return null;
  return PERMANENT.get(code) ?? TRANSPORT.get(code) ?? null;
}
