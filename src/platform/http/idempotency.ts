import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { RegularsError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteIdempotencyKeysBefore,
  IDEMPOTENCY_KEY_RETENTION_MS,
  releaseIdempotencyKey,
} from './idempotency-key.repository.js';
import type { Database } from '../database/database.table.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key this request claimed; its answer is saved for replays. */
    claimedIdempotencyKey?: string;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key on POST (the IETF httpapi draft, as Stripe does it): the first request with a key
 * is answered and its answer saved; a retry with the same key and the same request gets the saved
 * answer again, with `Idempotent-Replayed: true`; the same key with another request is an error.
 * Keys live in the database, so replays work across restarts and across several servers.
 */
/**
 * Whose keys a request's Idempotency-Key is among: the store's, by default; a narrower scope (one
 * shopper of the store) adds a prefix, so two shoppers sending the same key and body never get
 * each other's answers.
 */
export type IdempotencyScope = (request: FastifyRequest) => { readonly storeId: string; readonly prefix: string };

const STORE_SCOPE: IdempotencyScope = (request) => ({ storeId: request.store.id, prefix: '' });

export function createIdempotency(db: Kysely<Database>, scope: IdempotencyScope = STORE_SCOPE) {
  async function before(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw new RegularsError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
        header: 'idempotency-key',
      });
    }
    // The body as parsed, in canonical form: a retry that reorders keys or spaces them otherwise is
    // the same request (a client library may serialize a map in another order each time).
    const hash = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url ?? request.url}\n`)
      .update(canonicalJson(request.body))
      .digest('hex');
    const { storeId, prefix } = scope(request);
    const claim = await claimIdempotencyKey(db, storeId, prefix + key, hash);
    if (claim.kind === 'claimed') {
      request.claimedIdempotencyKey = prefix + key;
      return;
    }
    if (claim.kind === 'mismatch') {
      throw new RegularsError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request', {
        header: 'idempotency-key',
      });
    }
    if (claim.kind === 'in_flight') {
      throw new RegularsError(
        'IDEMPOTENCY_KEY_IN_USE',
        'the first request with this Idempotency-Key is still being answered; retry shortly',
        {
          header: 'idempotency-key',
        },
      );
    }
    await reply
      .code(claim.status)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(claim.body);
  }

  /** Saves the answer (onSend sees the serialized payload); a failure of ours frees the key for a retry. */
  async function after(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const key = request.claimedIdempotencyKey;
    if (key === undefined) return payload;
    request.claimedIdempotencyKey = undefined;
    const { storeId } = scope(request);
    const status = reply.statusCode;
    if (status >= 500) await persist(request, key, () => releaseIdempotencyKey(db, storeId, key));
    else {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      await persist(request, key, () => completeIdempotencyKey(db, storeId, key, status, body));
    }
    return payload;
  }

  /**
   * Records what became of a claimed key. When that fails (the database went away: a 5xx failed for
   * the same reason, or it went between the request's commit and this write) the answer still goes
   * out as it is, and the write is tried again each second until the database is back, so a retry
   * meets IDEMPOTENCY_KEY_IN_USE for seconds, not until the claim counts as abandoned.
   */
  async function persist(request: FastifyRequest, key: string, write: () => Promise<void>): Promise<void> {
    const attempt = (left: number): Promise<void> =>
      write().catch((error: unknown) => {
        if (left === 0) {
          request.log.warn({ err: error, idempotencyKey: key }, 'could not record the outcome of an Idempotency-Key');
          return;
        }
        setTimeout(() => void attempt(left - 1), PERSIST_RETRY_MS).unref();
      });
    await attempt(PERSIST_ATTEMPTS);
  }

  return { before, after };
}

/** A key whose outcome could not be written is tried again every second for a minute: a database restart takes seconds. */
const PERSIST_RETRY_MS = 1_000;
const PERSIST_ATTEMPTS = 60;

/**
 * Forgets the keys older than their retention (a day): a client retries within minutes, and a key
 * kept forever would make the table grow with every POST.
 */
export function purgeExpiredIdempotencyKeys(db: Kysely<Database>, now: Date, storeId?: string): Promise<number> {
  return deleteIdempotencyKeysBefore(db, new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_MS).toISOString(), storeId);
}
