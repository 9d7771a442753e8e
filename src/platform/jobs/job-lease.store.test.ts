import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { listLeases, releaseLease, renewLease, takeLease } from './job-lease.repository.js';
import { withJobLease } from './job-lease.service.js';
import { createStore } from '../stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();

describe.each(dialects)('job leases on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('go to one holder at a time until released or expired, and only the holder renews or releases', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Leases' });
    const a = { storeId: store.id, job: 'scheduler', holder: 'host:1:a' };
    const b = { ...a, holder: 'host:2:b' };
    expect(await takeLease(db, a, at(0), at(60))).toBe(true);
    expect(await takeLease(db, b, at(30), at(90))).toBe(false);
    // The holder taking it again (a pass after a pass) is not a conflict.
    expect(await takeLease(db, a, at(30), at(90))).toBe(true);
    expect(await renewLease(db, b, at(150))).toBe(false);
    expect(await renewLease(db, a, at(150))).toBe(true);
    expect(await takeLease(db, b, at(149), at(200))).toBe(false);
    await releaseLease(db, b);
    expect(await listLeases(db, store.id)).toMatchObject([{ store_id: store.id, job: 'scheduler', holder: a.holder }]);
    await releaseLease(db, a);
    expect(await listLeases(db, store.id)).toEqual([]);
    expect(await takeLease(db, b, at(151), at(211))).toBe(true);
    // Another job of the same store is another lease.
    expect(await takeLease(db, { ...a, job: 'other' }, at(151), at(211))).toBe(true);
  });

  it('passes an expired lease to the next taker; the one that let it expire can no longer renew it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Expiry' });
    const dead = { storeId: store.id, job: 'scheduler', holder: 'host:1:killed' };
    const next = { ...dead, holder: 'host:2:next' };
    expect(await takeLease(db, dead, at(0), at(60))).toBe(true);
    expect(await takeLease(db, next, at(59), at(119))).toBe(false);
    expect(await takeLease(db, next, at(60), at(120))).toBe(true);
    expect(await renewLease(db, dead, at(180))).toBe(false);
    expect(await listLeases(db, store.id)).toMatchObject([
      { holder: next.holder, expires_at: at(120), taken_at: at(60) },
    ]);
  });

  it('goes to exactly one of many holders racing for it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Race' });
    for (const round of [0, 1, 2]) {
      // Round 0 races for a new row, the others for an expired one.
      const taken = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          takeLease(
            db,
            { storeId: store.id, job: 'race', holder: `h${round}-${i}` },
            at(round * 100),
            at(round * 100 + 60),
          ),
        ),
      );
      expect(taken.filter(Boolean)).toHaveLength(1);
    }
  });

  it('runs the work under the lease and releases it after, even when the work fails; a held lease skips the work', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Run' });
    const key = { storeId: store.id, job: 'scheduler', holder: 'me' };
    const run = await withJobLease(db, key, { leaseMs: 60_000 }, async () => {
      expect(await listLeases(db, store.id)).toMatchObject([{ holder: 'me' }]);
      const nested = await withJobLease(db, { ...key, holder: 'other' }, { leaseMs: 60_000 }, async () => 'ran');
      expect(nested).toEqual({ taken: false });
      return 7;
    });
    expect(run).toEqual({ taken: true, value: 7 });
    expect(await listLeases(db, store.id)).toEqual([]);
    await expect(
      withJobLease(db, key, { leaseMs: 60_000 }, async () => {
        throw new Error('job failed');
      }),
    ).rejects.toThrow('job failed');
    expect(await listLeases(db, store.id)).toEqual([]);
  });

  it('renews the lease while the work runs, and tells the work when another process took it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Renew' });
    const key = { storeId: store.id, job: 'scheduler', holder: 'slow' };
    const run = await withJobLease(db, key, { leaseMs: 300 }, async (lease) => {
      const first = (await listLeases(db, store.id))[0].expires_at;
      await sleep(250);
      // Renewed every 100 ms: the lease has not run out although the work outlived its first term.
      const renewed = (await listLeases(db, store.id))[0].expires_at;
      expect(renewed > first).toBe(true);
      expect(lease.lost.aborted).toBe(false);
      await db.updateTable('job_leases').set({ holder: 'thief' }).where('store_id', '=', store.id).execute();
      await sleep(250);
      return lease.lost.aborted;
    });
    expect(run).toEqual({ taken: true, value: true });
    // The release leaves the new holder's lease alone.
    expect(await listLeases(db, store.id)).toMatchObject([{ holder: 'thief' }]);
  });
});
