import type { Insertable, Selectable } from 'kysely';

/** The first response to a POST with an Idempotency-Key, replayed for the same key and body. */
export interface IdempotencyKeyTable {
  store_id: string;
  key: string;
  /** SHA-256 of the request body: the same key with another body is an error, not a replay. */
  request_hash: string;
  /** Null while the first request is still being answered (the row reserves the key). */
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKeyRow = Insertable<IdempotencyKeyTable>;
