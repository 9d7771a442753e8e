import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * base64 HMAC-SHA1, keyed by the account's auth token, of the full URL Twilio called (scheme, host,
 * path and query exactly as configured) followed by every POST parameter, sorted by name, each as
 * name then value with no separator. A parameter sent twice contributes each value, in order.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: readonly (readonly [string, string])[],
): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let signed = url;
  for (const [name, value] of sorted) signed += name + value;
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** Whether X-Twilio-Signature matches, compared in constant time; a missing header never does. */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: readonly (readonly [string, string])[],
): boolean {
  if (signature === undefined || signature === '') return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
