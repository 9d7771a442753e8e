import { describe, expect, it } from 'vitest';
import {
  ABANDONED_CLAIM_MS,
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteIdempotencyKeysBefore,
  releaseIdempotencyKey,
} from './idempotency-key.repository.js';
import { createStore } from '../stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { acrossStores } from '../database/citus.js';

const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

describe.each(dialects)('idempotency keys on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('claims a new key, reports it in flight, then replays the recorded response', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Keys' });
    expect(await claimIdempotencyKey(db, store.id, 'k-1', HASH)).toEqual({ kind: 'claimed' });
    expect(await claimIdempotencyKey(db, store.id, 'k-1', HASH)).toEqual({ kind: 'in_flight' });
    expect(await claimIdempotencyKey(db, store.id, 'k-1', OTHER_HASH)).toEqual({ kind: 'mismatch' });

    const body = JSON.stringify({ id: 'ord_1', total: 'é' });
    await completeIdempotencyKey(db, store.id, 'k-1', 201, body);
    expect(await claimIdempotencyKey(db, store.id, 'k-1', HASH)).toEqual({ kind: 'replay', status: 201, body });
    expect(await claimIdempotencyKey(db, store.id, 'k-1', OTHER_HASH)).toEqual({ kind: 'mismatch' });
    // The first response stays: neither a second completion nor a release changes it.
    await completeIdempotencyKey(db, store.id, 'k-1', 500, 'oops');
    await releaseIdempotencyKey(db, store.id, 'k-1');
    expect(await claimIdempotencyKey(db, store.id, 'k-1', HASH)).toEqual({ kind: 'replay', status: 201, body });

    await expect(completeIdempotencyKey(db, store.id, 'k-1', 42, '')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(claimIdempotencyKey(db, store.id, '', HASH)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(claimIdempotencyKey(db, 'sto_nope', 'k-1', HASH)).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it('lets a released claim (a request that failed with a 5xx) be claimed again', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Release' });
    expect(await claimIdempotencyKey(db, store.id, 'k', HASH)).toEqual({ kind: 'claimed' });
    await releaseIdempotencyKey(db, store.id, 'k');
    expect(await claimIdempotencyKey(db, store.id, 'k', HASH)).toEqual({ kind: 'claimed' });
    // Completing after a release does nothing: the key is gone, not completed.
    await releaseIdempotencyKey(db, store.id, 'k');
    await completeIdempotencyKey(db, store.id, 'k', 201, '{}');
    expect(await claimIdempotencyKey(db, store.id, 'k', HASH)).toEqual({ kind: 'claimed' });
  });

  it('gives exactly one of 20 concurrent claims of one key', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Concurrent' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => claimIdempotencyKey(db, store.id, 'same', HASH)),
    );
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in_flight')).toHaveLength(19);
  });

  it('takes over a claim abandoned long ago by a retry of the same request, once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Abandoned' });
    expect(await claimIdempotencyKey(db, store.id, 'k', HASH)).toEqual({ kind: 'claimed' });
    const longAgo = new Date(Date.now() - ABANDONED_CLAIM_MS - 60_000).toISOString();
    await db
      .updateTable('idempotency_keys')
      .set({ created_at: longAgo })
      .where('store_id', '=', store.id)
      .where('key', '=', 'k')
      .execute();
    expect(await claimIdempotencyKey(db, store.id, 'k', OTHER_HASH)).toEqual({ kind: 'mismatch' });
    const retries = await Promise.all(Array.from({ length: 10 }, () => claimIdempotencyKey(db, store.id, 'k', HASH)));
    expect(retries.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(retries.filter((r) => r.kind === 'in_flight')).toHaveLength(9);
  });

  it('keeps stores apart: the same key in two stores names two requests', async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    expect(await claimIdempotencyKey(db, a.store.id, 'shared', HASH)).toEqual({ kind: 'claimed' });
    expect(await claimIdempotencyKey(db, b.store.id, 'shared', OTHER_HASH)).toEqual({ kind: 'claimed' });
    await completeIdempotencyKey(db, a.store.id, 'shared', 200, 'A');
    // B's completion and release touch B's key only.
    await releaseIdempotencyKey(db, b.store.id, 'shared');
    expect(await claimIdempotencyKey(db, a.store.id, 'shared', HASH)).toEqual({
      kind: 'replay',
      status: 200,
      body: 'A',
    });
    expect(await claimIdempotencyKey(db, b.store.id, 'shared', OTHER_HASH)).toEqual({ kind: 'claimed' });
  });

  it('deletes keys claimed before a cut-off, in every store', async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'Old A' });
    const b = await createStore(db, { name: 'Old B' });
    for (const [storeId, key, createdAt] of [
      [a.store.id, 'old', '2024-01-01T00:00:00.000Z'],
      [b.store.id, 'old', '2024-01-01T23:59:59.999Z'],
      [a.store.id, 'new', '2024-01-02T00:00:00.000Z'],
    ]) {
      await db
        .insertInto('idempotency_keys')
        .values({
          store_id: storeId,
          key,
          request_hash: HASH,
          response_status: 200,
          response_body: '{}',
          created_at: createdAt,
        })
        .execute();
    }
    // 2024-01-02T01:00+01:00 is midnight UTC: the cut-off is compared as an instant.
    expect(await deleteIdempotencyKeysBefore(db, '2024-01-02T01:00:00+01:00')).toBe(2);
    // Two stores' keys at once: on Citus a deliberate cross-store read.
    const left = await acrossStores(db, (trx) =>
      trx
        .selectFrom('idempotency_keys')
        .select(['store_id', 'key'])
        .where('store_id', 'in', [a.store.id, b.store.id])
        .execute(),
    );
    expect(left).toEqual([{ store_id: a.store.id, key: 'new' }]);
    await expect(deleteIdempotencyKeysBefore(db, '2024-01-02')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
