import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` (X-WC-Webhook-Signature) is the base64 HMAC-SHA256 of the raw body under the
 * webhook's secret, as WooCommerce computes it (WC_Webhook::generate_signature). It runs on the
 * bytes as received, before any parsing: re-serialised JSON would not match.
 *
 * The base64 texts are compared, not their decoded bytes (Node's decoder skips characters outside
 * the alphabet, so decoding would accept a header with junk in it), with timingSafeEqual, so the
 * time taken says nothing about how many leading characters were right.
 */
export function verifyWooCommerceSignature(rawBody: Buffer, secret: string, header: string | undefined): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('base64'), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
