import type { Kysely } from 'kysely';
import { RegularsError } from '../errors.js';
import { nowIso } from '../ids.js';
import type { Database } from '../database/database.table.js';
import { acrossStores } from '../database/citus.js';
import { isForeignKeyViolation } from '../database/transaction.js';

/**
 * How long a key and its response are kept (deleteIdempotencyKeysBefore(db, now - this)): 24 hours,
 * the window Stripe documents and clients that follow the IETF Idempotency-Key draft expect.
 */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * A claim with no response after this long is taken to be abandoned (the process answering it
 * died) and may be claimed again by a retry of the same request; without this a crash would leave
 * the key "in flight" until retention deletes it, a day later. Far above any request's run time.
 */
export const ABANDONED_CLAIM_MS = 10 * 60 * 1000;

/** What claiming a key found; the HTTP layer turns each into a reply (docs/errors.md). */
export type IdempotencyClaim =
  /** The key is new (or was released): answer the request, then complete or release the key. */
  | { readonly kind: 'claimed' }
  /** The same request was answered before: send this response again. */
  | { readonly kind: 'replay'; readonly status: number; readonly body: string }
  /** The key was used for another request (another body or route): IDEMPOTENCY_KEY_REUSED. */
  | { readonly kind: 'mismatch' }
  /** The first request with this key is still being answered: IDEMPOTENCY_KEY_IN_USE. */
  | { readonly kind: 'in_flight' };

/** Rounds of insert-then-read before giving up; another round is needed only when a claim vanishes or is taken over in between. */
const CLAIM_ATTEMPTS = 5;

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '')
    throw new RegularsError('INVALID_ARGUMENT', 'an idempotency key must be a non-empty string', { field: 'key' });
}

/**
 * Claims an Idempotency-Key for a request whose hash (of method, route and body: the caller's
 * choice, the same for a true retry) is requestHash. Atomic on both dialects: INSERT ... ON
 * CONFLICT DO NOTHING lets exactly one of any number of concurrent claims insert the row (on
 * PostgreSQL the others wait for its transaction, then do nothing); the losers then read the row
 * and learn whether it is the same request, answered or still in flight.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  storeId: string,
  key: string,
  requestHash: string,
): Promise<IdempotencyClaim> {
  checkKey(key);
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const now = nowIso();
    let inserted: { key: string } | undefined;
    try {
      inserted = await db
        .insertInto('idempotency_keys')
        .values({
          store_id: storeId,
          key,
          request_hash: requestHash,
          response_status: null,
          response_body: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['store_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
      throw error;
    }
    if (inserted) return { kind: 'claimed' };

    const row = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response_status', 'response_body', 'created_at'])
      .where('store_id', '=', storeId)
      .where('key', '=', key)
      .executeTakeFirst();
    // Released (or expired) between our insert and this read: try the insert again.
    if (!row) continue;
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.response_status !== null)
      return { kind: 'replay', status: row.response_status, body: row.response_body ?? '' };
    if (Date.parse(row.created_at) > Date.parse(now) - ABANDONED_CLAIM_MS) return { kind: 'in_flight' };

    // An abandoned claim of the same request: take it over by compare-and-set on its created_at, so
    // that of several retries taking it over at once exactly one succeeds (on PostgreSQL the others
    // wait for the row lock, then find created_at changed and update nothing).
    const takenOver = await db
      .updateTable('idempotency_keys')
      .set({ created_at: now })
      .where('store_id', '=', storeId)
      .where('key', '=', key)
      .where('response_status', 'is', null)
      .where('created_at', '=', row.created_at)
      .executeTakeFirst();
    if (Number(takenOver.numUpdatedRows) === 1) return { kind: 'claimed' };
  }
  // Only a key claimed, released and claimed again faster than we can read it gets here.
  return { kind: 'in_flight' };
}

/**
 * Records the response to a claimed key, to be replayed to every retry. Only a claim still in
 * flight is completed: a recorded response is never replaced, and a key released or expired
 * meanwhile stays gone.
 */
export async function completeIdempotencyKey(
  db: Kysely<Database>,
  storeId: string,
  key: string,
  status: number,
  body: string,
): Promise<void> {
  checkKey(key);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new RegularsError('INVALID_ARGUMENT', `an HTTP status is a whole number from 100 to 599, not ${status}`, {
      field: 'status',
    });
  }
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: body })
    .where('store_id', '=', storeId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}

/**
 * Gives up a claim whose request failed in a way worth retrying (a 5xx), so that a retry runs the
 * request again instead of meeting "in flight". A completed key is never released.
 */
export async function releaseIdempotencyKey(db: Kysely<Database>, storeId: string, key: string): Promise<void> {
  checkKey(key);
  await db
    .deleteFrom('idempotency_keys')
    .where('store_id', '=', storeId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}

/**
 * Retention: deletes every store's keys claimed before cutoffIso (ISO 8601 with offset; usually
 * now minus IDEMPOTENCY_KEY_RETENTION_MS) and returns how many. The table has no index on
 * created_at, so this scans it; it holds only a day of POSTs, and the job runs rarely.
 */
export async function deleteIdempotencyKeysBefore(
  db: Kysely<Database>,
  cutoffIso: string,
  storeId?: string,
): Promise<number> {
  if (
    typeof cutoffIso !== 'string' ||
    !/(Z|[+-]\d{2}:?\d{2})$/i.test(cutoffIso.trim()) ||
    Number.isNaN(Date.parse(cutoffIso))
  ) {
    throw new RegularsError('INVALID_ARGUMENT', `the cut-off ${cutoffIso} is not an ISO 8601 instant with an offset`, {
      field: 'cutoff',
    });
  }
  // Stored instants are nowIso() text, so the cut-off is compared in the same form.
  const cutoff = new Date(Date.parse(cutoffIso)).toISOString();
  // One store's keys (the background jobs sweep store by store, under that store's lease), routed to
  // its shard; without a store, every store's in one statement: on Citus a deliberate pass over every shard.
  const result =
    storeId !== undefined
      ? await db
          .deleteFrom('idempotency_keys')
          .where('created_at', '<', cutoff)
          .where('store_id', '=', storeId)
          .executeTakeFirst()
      : await acrossStores(db, (trx) =>
          trx.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst(),
        );
  return Number(result.numDeletedRows);
}
