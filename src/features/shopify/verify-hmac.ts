import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` (X-Shopify-Hmac-Sha256) is the base64 HMAC-SHA256 of the raw body under the
 * store's shared secret, as Shopify computes it. It must run on the bytes as received, before any
 * parsing: re-serialised JSON would not match.
 *
 * The base64 texts are compared, not their decoded bytes: Node's base64 decoder skips characters
 * outside the alphabet, so decoding would accept a header with junk in it. timingSafeEqual keeps the
 * comparison's time independent of how many leading characters match (it needs equal lengths, and
 * the length of a valid signature is public: 44 characters).
 */
export function verifyShopifyHmac(rawBody: Buffer, secret: string, header: string | undefined): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('base64'), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
