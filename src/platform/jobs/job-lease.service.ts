import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.table.js';
import { type LeaseKey, releaseLease, renewLease, takeLease } from './job-lease.repository.js';

/** Names one process run as a lease holder: the host and pid say which, the random part tells a restarted pid apart. */
export function processHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export interface JobLeaseOptions {
  /** How long the lease lasts without a renewal: how long a job stays stopped after its holder died. */
  readonly leaseMs: number;
  readonly now?: () => Date;
  /** A renewal or the release failed (the database is away): the lease then simply expires. */
  readonly onError?: (error: unknown) => void;
}

export interface HeldLease {
  /** Aborted when a renewal finds the lease taken by another process: stop at the next safe point. */
  readonly lost: AbortSignal;
}

export type LeasedRun<T> = { readonly taken: false } | { readonly taken: true; readonly value: T };

/** Renewals per lease period: two may fail (a database restart) before the lease runs out. */
const RENEWALS_PER_LEASE = 3;

/**
 * Runs `work` while holding the lease for (store, job), or not at all when another process holds
 * it. The lease is renewed while the work runs and deleted after it, whatever the outcome, so the
 * next process does not wait for it to expire; a holder that dies (SIGKILL, a lost host) leaves it
 * to expire after `leaseMs`. A lease is an optimisation of who works, not the guard of
 * correctness: every job is idempotent, so a holder that stalls past its lease and overlaps with
 * the next one repeats work but does not double its effects.
 */
export async function withJobLease<T>(
  db: Kysely<Database>,
  key: LeaseKey,
  options: JobLeaseOptions,
  work: (lease: HeldLease) => Promise<T>,
): Promise<LeasedRun<T>> {
  const now = options.now ?? (() => new Date());
  const until = () => new Date(now().getTime() + options.leaseMs).toISOString();
  if (!(await takeLease(db, key, now().toISOString(), until()))) return { taken: false };
  const lost = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewLease(db, key, until()).then(
      (held) => {
        if (!held) lost.abort();
      },
      (error: unknown) => options.onError?.(error),
    );
  }, options.leaseMs / RENEWALS_PER_LEASE);
  timer.unref();
  try {
    return { taken: true, value: await work({ lost: lost.signal }) };
  } finally {
    clearInterval(timer);
    await renewing;
    await releaseLease(db, key).catch((error: unknown) => options.onError?.(error));
  }
}
