import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Store } from '../stores/store.js';
import { RegularsError } from '../errors.js';
import { findStoreByApiKey, recordApiKeyUse } from '../stores/api-key.repository.js';
import type { Database } from '../database/database.table.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The store the request's API key or session opens (set by the /v1 authentication hook). */
    store: Store;
    /**
     * The id of the API key that opened it ('key_...'), or of the signed-in staff user ('usr_...'):
     * the unit of rate limiting.
     */
    apiKeyId: string;
    /** The console user when the request came with a session cookie instead of a key; else null. */
    staff: StaffPrincipal | null;
  }
}

/** A console user signed in by cookie: the console feature checks role and CSRF token for them. */
export interface StaffPrincipal {
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: string;
  readonly csrfToken: string;
}

/** The store and user a session cookie's token opens, or null when it opens none (the console feature's). */
export type SessionLookup = (token: string) => Promise<{ store: Store; staff: StaffPrincipal } | null>;

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

/**
 * Resolves `Authorization: Bearer <key>` to the key's store or, without that header, the console's
 * session cookie to its user's store; throws UNAUTHENTICATED otherwise. A key wins over a cookie, so
 * scripts behave the same from a browser that is signed in. Sessions are not cached: signing out
 * must end one on every server at once.
 */
export function createAuthenticator(
  db: Kysely<Database>,
  now: () => number = Date.now,
  sessions: SessionLookup | null = null,
) {
  // Keyed by the key's SHA-256, so the cache holds no plaintext key.
  const cache = new Map<string, CachedKey>();

  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const cookie = header === undefined && sessions !== null ? readCookie(request, SESSION_COOKIE) : undefined;
    if (cookie !== undefined && sessions !== null) {
      const found = await sessions(cookie);
      if (!found)
        throw new RegularsError('UNAUTHENTICATED', 'the session has ended (signed out or expired); sign in again', {
          cookie: SESSION_COOKIE,
        });
      request.store = found.store;
      request.apiKeyId = found.staff.userId;
      request.staff = found.staff;
      return;
    }
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
