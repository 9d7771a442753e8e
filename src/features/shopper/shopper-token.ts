import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A shopper token: proof, made by the store's own backend, that the person in the browser is one
 * customer of one store, until an instant. The storefront cannot hold the store's API key (anyone
 * could read it from the page), so it holds this instead; it opens only /v1/shopper/* and only that
 * customer's data.
 *
 * Text form: `<payload>.<mac>`, both base64url without padding:
 * - payload: the UTF-8 JSON `{"store":"sto_...","customer":"<external id>","exp":<Unix seconds>}`
 *   (other fields are ignored, so a minting recipe may add its own, such as `iat`);
 * - mac: HMAC-SHA256 over the payload's base64url text (its ASCII bytes, exactly as sent), keyed
 *   by the store's shopper secret (its text, as `regulars shopper secret show` prints it).
 * Signing the encoded text rather than re-serialised JSON means a verifier never has to reproduce
 * another language's JSON spacing: PHP's hash_hmac and Node's createHmac sign the same bytes.
 * The store id is readable without the secret: the verifier needs it to find the secret.
 */
export interface ShopperClaims {
  readonly storeId: string;
  /** The customer's id in the shop (customers.external_id), as the storefront knows it. */
  readonly externalId: string;
  /** Unix seconds after which the token is refused. */
  readonly expiresAt: number;
}

/** Longer is refused before any work: a token rides in a header and in a URL of the account page. */
export const MAX_SHOPPER_TOKEN_LENGTH = 2048;
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const STORE_ID = /^sto_[0-9a-z]{1,40}$/;

function macOf(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload, 'ascii').digest();
}

export function signShopperToken(secret: string, claims: ShopperClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ store: claims.storeId, customer: claims.externalId, exp: claims.expiresAt }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${macOf(secret, payload).toString('base64url')}`;
}

/** Why a token is refused: the route answers 401 with SHOPPER_TOKEN_EXPIRED or SHOPPER_TOKEN_INVALID. */
export type ShopperTokenCheck =
  | { readonly ok: true; readonly claims: ShopperClaims }
  | { readonly ok: false; readonly expired: boolean; readonly reason: string };

/**
 * The claims a token makes, read without checking its MAC (to find the store's secret to check it
 * with); null when it is not even well formed.
 */
export function readShopperToken(
  token: string,
): (ShopperClaims & { readonly payload: string; readonly mac: string }) | null {
  if (token.length > MAX_SHOPPER_TOKEN_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot < 1 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const mac = token.slice(dot + 1);
  if (!BASE64URL.test(payload) || !BASE64URL.test(mac)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { store, customer, exp } = value as Record<string, unknown>;
  if (typeof store !== 'string' || !STORE_ID.test(store)) return null;
  if (typeof customer !== 'string' || customer.trim() === '' || customer.length > 255) return null;
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp <= 0) return null;
  return { storeId: store, externalId: customer, expiresAt: exp, payload, mac };
}

/**
 * Checks a token against the store's secrets (the current one, and the previous one during its
 * grace period after a rotation) at `nowSeconds`. The MAC is compared in constant time
 * (timingSafeEqual), so it cannot be found byte by byte; the expiry is checked only once the MAC
 * matches, so an altered `exp` is "invalid", never "expired".
 */
export function verifyShopperToken(secrets: readonly string[], token: string, nowSeconds: number): ShopperTokenCheck {
  const read = readShopperToken(token);
  if (read === null) return { ok: false, expired: false, reason: 'it is malformed' };
  const given = Buffer.from(read.mac, 'base64url');
  let matched = false;
  for (const secret of secrets) {
    const expected = macOf(secret, read.payload);
    // Every secret is tried even after a match: the time taken does not say which one matched.
    if (given.length === MAC_BYTES && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) return { ok: false, expired: false, reason: 'its signature does not match' };
  if (read.expiresAt <= nowSeconds)
    return {
      ok: false,
      expired: true,
      reason: `it expired at ${new Date(read.expiresAt * 1000).toISOString()}`,
    };
  return { ok: true, claims: { storeId: read.storeId, externalId: read.externalId, expiresAt: read.expiresAt } };
}

/** A duration such as 24h, 30m, 7d or 3600s, in seconds; null when it is not one. */
export function parseTtl(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return seconds > 0 ? seconds : null;
}
