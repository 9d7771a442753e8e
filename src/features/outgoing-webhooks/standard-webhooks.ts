import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Standard Webhooks signature scheme (https://github.com/standard-webhooks/standard-webhooks,
 * spec/standard-webhooks.md "Signature scheme" and "Webhook headers"):
 *
 *   webhook-id:        the message id, the same on every retry (the receiver's idempotency key)
 *   webhook-timestamp: Unix seconds of this attempt (the receiver refuses old ones: replays)
 *   webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">
 *
 * The key is the base64-decoded part of the `whsec_` secret, not its text: receivers using any
 * Standard Webhooks library (svix, standardwebhooks) verify our deliveries unchanged.
 */
export const SECRET_PREFIX = 'whsec_';

/** The spec asks for 24 to 64 bytes of key; 32 is what HMAC-SHA256 uses in full. */
export const SECRET_BYTES = 32;

/** A secret as shown to the store owner, from random bytes the caller drew. */
export function serializeSecret(key: Uint8Array): string {
  return `${SECRET_PREFIX}${Buffer.from(key).toString('base64')}`;
}

/** The HMAC key of a secret: with or without its prefix, as the spec's libraries accept it. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** `v1,<base64>` for one message at one attempt's timestamp. */
export function signMessage(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8');
  return `v1,${mac.digest('base64')}`;
}

/** The three headers of one attempt (plus the content type the body needs). */
export function signedHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signMessage(secret, id, timestampSeconds, body),
  };
}

/**
 * What a receiver runs: one of the space-separated signatures must match in constant time, and the
 * timestamp must be within `toleranceSeconds` of now (the spec's libraries use 5 minutes).
 */
export function verifyMessage(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const { id, timestamp, signature } = headers;
  if (id === undefined || timestamp === undefined || signature === undefined) return false;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signMessage(secret, id, Number(timestamp), body));
  return signature.split(' ').some((given) => {
    const bytes = Buffer.from(given);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  });
}
