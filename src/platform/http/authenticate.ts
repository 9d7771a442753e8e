import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Store } from '../stores/store.js';
import { RegularsError } from '../errors.js';
import { findStoreByApiKey, recordApiKeyUse } from '../stores/api-key.repository.js';
import type { Database } from '../database/database.table.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The store the request's API key opens (set by the /v1 authentication hook). */
    store: Store;
    /** The id of the API key that opened it ('key_...'): the unit of rate limiting. */
    apiKeyId: string;
  }
}

/**
 * How long a verified key is trusted without asking the database again. Looking the key up on every
 * request would cost a query per request (a fifth of a GET's time); a revoked key therefore stops
 * working within this many milliseconds, not at once. Unknown keys are never cached.
 */
export const KEY_CACHE_TTL_MS = 2_000;
const KEY_CACHE_MAX = 10_000;

interface CachedKey {
  readonly store: Store;
  readonly apiKeyId: string;
  readonly expires: number;
}

/** Resolves `Authorization: Bearer <key>` to the key's store, or throws UNAUTHENTICATED. */
export function createAuthenticator(db: Kysely<Database>, now: () => number = Date.now) {
  // Keyed by the key's SHA-256, so the cache holds no plaintext key.
  const cache = new Map<string, CachedKey>();

  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new RegularsError('UNAUTHENTICATED', 'send the store API key as "Authorization: Bearer rk_live_..."', {
        header: 'authorization',
      });
    }
    const plaintext = match[1];
    const cacheKey = createHash('sha256').update(plaintext).digest('base64');
    const cached = cache.get(cacheKey);
    const t = now();
    if (cached && cached.expires > t) {
      request.store = cached.store;
      request.apiKeyId = cached.apiKeyId;
      return;
    }
    const found = await findStoreByApiKey(db, plaintext);
    if (!found) {
      cache.delete(cacheKey);
      throw new RegularsError('UNAUTHENTICATED', 'the API key is unknown or revoked', { header: 'authorization' });
    }
    // Only when the key is read from the database, so at most every KEY_CACHE_TTL_MS; and the write
    // itself happens at most once a minute (KEY_USE_RESOLUTION_MS).
    await recordApiKeyUse(db, found.apiKey, t);
    if (cache.size >= KEY_CACHE_MAX) cache.clear();
    cache.set(cacheKey, { store: found.store, apiKeyId: found.apiKey.id, expires: t + KEY_CACHE_TTL_MS });
    request.store = found.store;
    request.apiKeyId = found.apiKey.id;
  };
}
