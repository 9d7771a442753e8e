import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { DatabaseTarget } from '../../platform/database/database.js';
import { purgeExpiredIdempotencyKeys } from '../../platform/http/idempotency.js';
import {
  type RewardsPassResult,
  type RewardsScheduler,
  type RewardsSchedulerLog,
  type RewardsSchedulerOptions,
  runRewardsPass,
  startRewardsScheduler,
} from './rewards-scheduler.service.js';
import { ORDER_REWARD_HANDLERS, SCHEDULED_JOBS } from './rewards.registry.js';
import { overviewRefreshJob } from '../console/index.js';
import { audiencesSyncJob } from '../audiences/index.js';
import { webhookDeliveryJob } from '../outgoing-webhooks/index.js';
import { SYNC_CONCURRENCY } from './sync-rewards.service.js';

/** What `regulars jobs` and `regulars serve` (unless --no-jobs) run in the background. */
export interface BackgroundJobsOptions {
  readonly log: RewardsSchedulerLog;
  readonly leaseMs?: number;
  readonly syncEveryMs?: number;
  readonly holder?: string;
}

/** The idempotency keys' sweep, as one more per-store scheduled job (its schedule and lease are the store's). */
const IDEMPOTENCY_SWEEP_EVERY_MS = 3600 * 1000;

/**
 * The scheduler's options: every rewards handler and scheduled job (SCHEDULED_JOBS, the flows job
 * last among them), the console Overview's refresh, and the idempotency keys' sweep.
 */
function schedulerOptions(kind: DatabaseTarget['kind'], options: BackgroundJobsOptions): RewardsSchedulerOptions {
  return {
    handlers: ORDER_REWARD_HANDLERS,
    jobs: [
      ...SCHEDULED_JOBS,
      overviewRefreshJob,
      audiencesSyncJob,
      webhookDeliveryJob,
      {
        name: 'idempotency-keys-sweep',
        everyMs: IDEMPOTENCY_SWEEP_EVERY_MS,
        run: (db, storeId, now) => purgeExpiredIdempotencyKeys(db, new Date(now), storeId),
      },
    ],
    concurrency: SYNC_CONCURRENCY[kind],
    ...options,
  };
}

/** Starts the background work on a timer; stop() ends it at its next step and releases its leases. */
export function startBackgroundJobs(
  db: Kysely<Database>,
  kind: DatabaseTarget['kind'],
  options: BackgroundJobsOptions,
): RewardsScheduler {
  return startRewardsScheduler(db, schedulerOptions(kind, options));
}

/** One pass over every store, waiting for the stores other processes are working on (regulars jobs --once). */
export function runBackgroundPass(
  db: Kysely<Database>,
  kind: DatabaseTarget['kind'],
  options: BackgroundJobsOptions & { holder: string },
  signal: AbortSignal,
): Promise<RewardsPassResult> {
  return runRewardsPass(
    db,
    { ...schedulerOptions(kind, options), holder: options.holder },
    { waitForLeases: true, signal },
  );
}
