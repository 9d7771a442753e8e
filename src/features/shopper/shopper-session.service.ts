import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { customerByReference } from '../customers/index.js';
import { verifyingSecrets, type ShopperSecrets } from './shopper-secret.js';
import { findShopperSecrets } from './shopper-secret.repository.js';
import { readShopperToken, type ShopperClaims, verifyShopperToken } from './shopper-token.js';
import type { Shopper } from './shopper.js';

/**
 * How long a store's shopper secrets are trusted without reading them again: a rotation with a
 * grace of 0 (a leak) stops the old secret within this many milliseconds on every server, and a
 * busy widget does not cost a settings read per request.
 */
export const SECRET_CACHE_TTL_MS = 2_000;
const SECRET_CACHE_MAX = 10_000;
const VERIFIED_CACHE_MAX = 10_000;

function invalid(reason: string): RegularsError {
  return new RegularsError('SHOPPER_TOKEN_INVALID', `the shopper token is not valid: ${reason}`, {
    header: 'authorization',
  });
}

/**
 * Turns a shopper token into the customer it opens, or throws: SHOPPER_TOKEN_INVALID (malformed,
 * altered, signed with another secret or for a store that has none, or naming a customer the
 * store does not have) or SHOPPER_TOKEN_EXPIRED. One answer for every kind of invalid, so a
 * token-holder learns nothing about which stores or customers exist.
 */
export function createShopperResolver(db: Kysely<Database>, now: () => number = Date.now) {
  const cache = new Map<string, { secrets: ShopperSecrets; expires: number }>();
  // Tokens whose MAC matched, with the secrets they matched: a widget sends the same token on every
  // call, and the HMAC was a tenth of /me's work. Only while those very secrets are the cached ones
  // (so within SECRET_CACHE_TTL_MS, and never past a rotation that dropped them); expiry is still
  // checked on every request.
  const verified = new Map<string, { secrets: ShopperSecrets; keys: number; claims: ShopperClaims }>();

  async function secretsOf(storeId: string, t: number): Promise<ShopperSecrets | null> {
    const cached = cache.get(storeId);
    if (cached !== undefined && cached.expires > t) return cached.secrets;
    const secrets = await findShopperSecrets(db, storeId);
    // A store without secrets is not remembered: the first `shopper secret show` works at once.
    if (secrets === null) return null;
    if (cache.size >= SECRET_CACHE_MAX) cache.clear();
    cache.set(storeId, { secrets, expires: t + SECRET_CACHE_TTL_MS });
    return secrets;
  }

  return async function resolveShopper(token: string): Promise<Shopper> {
    const claimed = readShopperToken(token);
    if (claimed === null) throw invalid('it is malformed (expected <payload>.<mac>, docs/shopper.md)');
    const t = now();
    const secrets = await secretsOf(claimed.storeId, t);
    if (secrets === null) throw invalid('its signature does not match');
    const keys = verifyingSecrets(secrets, t);
    const known = verified.get(token);
    // The same secrets object and still as many keys (a previous secret whose grace ended drops one).
    const check =
      known !== undefined &&
      known.secrets === secrets &&
      known.keys === keys.length &&
      known.claims.expiresAt > Math.floor(t / 1000)
        ? { ok: true as const, claims: known.claims }
        : verifyShopperToken(keys, token, Math.floor(t / 1000));
    if (check.ok && (known === undefined || known.secrets !== secrets || known.keys !== keys.length)) {
      if (verified.size >= VERIFIED_CACHE_MAX) verified.clear();
      verified.set(token, { secrets, keys: keys.length, claims: check.claims });
    }
    if (!check.ok) {
      if (check.expired)
        throw new RegularsError(
          'SHOPPER_TOKEN_EXPIRED',
          `the shopper token has expired: ${check.reason}; mint a new one`,
          {
            header: 'authorization',
          },
        );
      throw invalid(check.reason);
    }
    let customer;
    try {
      customer = await customerByReference(db, check.claims.storeId, check.claims.externalId);
    } catch (error) {
      if (error instanceof RegularsError && error.code === 'CUSTOMER_NOT_FOUND')
        throw invalid('the store has no such customer');
      throw error;
    }
    return { storeId: check.claims.storeId, customer, expiresAt: check.claims.expiresAt };
  };
}

export type ShopperResolver = ReturnType<typeof createShopperResolver>;
