import type { Kysely } from 'kysely';
import { refreshPlannerStatistics } from '../../platform/database/database.js';
import { processHolderId, withJobLease } from '../../platform/jobs/job-lease.service.js';
import { observeJobRun } from '../../platform/metrics/metrics.js';
import { listStores } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';
import { dueJobs } from './job-schedule.repository.js';
import { syncRewards } from './sync-rewards.service.js';

export interface RewardsSchedulerLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RewardsSchedulerOptions {
  readonly handlers: readonly OrderRewardHandler[];
  readonly jobs: readonly ScheduledJob[];
  /** How often the sync looks for new orders. */
  readonly syncEveryMs?: number;
  /** Customers the sync handles at once (RewardsSyncOptions.concurrency). */
  readonly concurrency?: number;
  readonly log: RewardsSchedulerLog;
  readonly now?: () => Date;
  /** This process as a lease holder (default: a new processHolderId()). */
  readonly holder?: string;
  /** How long a store's lease lasts without renewal: how long its work waits after its process died. */
  readonly leaseMs?: number;
}

export interface RewardsScheduler {
  /** Stops the timers, ends the run in progress at its next step and releases its lease, so the database can be closed after it. */
  stop(): Promise<void>;
}

export const DEFAULT_SYNC_EVERY_MS = 5_000;
export const DEFAULT_LEASE_MS = 60_000;
/** How often the query planner's statistics are refreshed (a no-op for tables that barely changed). */
export const PLANNER_STATISTICS_EVERY_MS = 3_600_000;
/** The lease that lets one process at a time run a store's sync and scheduled jobs. */
export const SCHEDULER_LEASE = 'rewards.scheduler';
/** The order sync's name in the job metrics (docs/operations.md), beside the scheduled jobs' names. */
export const SYNC_JOB = 'rewards-sync';

export interface RewardsPassOptions {
  /** Wait for a store whose lease another process holds, rather than leave it to that process (regulars jobs --once). */
  readonly waitForLeases?: boolean;
  /** Ends the pass at the next step: between stores, sync pages and jobs. */
  readonly signal?: AbortSignal;
  /** When the pass became due (epoch ms; default: when it starts): the job metrics' lag is measured from it. */
  readonly dueAt?: number;
}

export interface RewardsPassResult {
  /** Stores this process ran. */
  readonly ran: number;
  /** Stores left to the process that held their lease. */
  readonly left: number;
  /** Runs that failed (logged; the next pass retries them). */
  readonly failed: number;
}

/** How often a pass that waits for leases asks again. */
const LEASE_POLL_MS = 250;

/**
 * One pass over every store: for each one whose lease this process takes, the order sync and the
 * jobs that are due. A store whose lease another process holds is that process's (or, with
 * waitForLeases, waited for). The lease is what lets several `regulars jobs` and `regulars serve`
 * processes share one database: they spread the stores between them instead of running one store's
 * work twice at once; the sync cursor and the job schedule, in the database, say what is left.
 */
export async function runRewardsPass(
  db: Kysely<Database>,
  options: RewardsSchedulerOptions & { holder: string },
  pass: RewardsPassOptions = {},
): Promise<RewardsPassResult> {
  const now = options.now ?? (() => new Date());
  const dueAt = pass.dueAt ?? Date.now();
  let pending = (await listStores(db)).map((store) => store.id);
  let ran = 0;
  let failed = 0;
  for (;;) {
    const busy: string[] = [];
    for (const [index, storeId] of pending.entries()) {
      if (pass.signal?.aborted) return { ran, left: busy.length + pending.length - index, failed };
      const run = await withJobLease(
        db,
        { storeId, job: SCHEDULER_LEASE, holder: options.holder },
        {
          leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
          now,
          onError: (error) => options.log.error({ storeId, err: error }, 'could not renew or release a job lease'),
        },
        (lease) => runStore(db, storeId, options, anySignal(pass.signal, lease.lost), now, dueAt),
      );
      if (run.taken) {
        ran++;
        failed += run.value;
      } else busy.push(storeId);
    }
    if (busy.length === 0 || !pass.waitForLeases || pass.signal?.aborted) return { ran, left: busy.length, failed };
    pending = busy;
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((s) => s !== undefined));
}

/**
 * The sync, then the due jobs, of one store; a failure is logged and retried at the next run (both
 * are idempotent). Returns how many of them failed.
 */
async function runStore(
  db: Kysely<Database>,
  storeId: string,
  options: RewardsSchedulerOptions,
  signal: AbortSignal,
  now: () => Date,
  dueAt: number,
): Promise<number> {
  let failed = 0;
  const at = now().toISOString();
  // Wall-clock times for the metrics, not the scheduler's `now`: tests move that one.
  const started = Date.now();
  const result = await syncRewards(db, storeId, options.handlers, at, {
    concurrency: options.concurrency,
    signal,
  });
  observeJobRun({ job: SYNC_JOB, dueAt, startedAt: started, finishedAt: Date.now(), ok: result.failure === null });
  if (result.orders > 0) options.log.info({ storeId, orders: result.orders }, 'rewards sync');
  if (result.failure) {
    failed++;
    options.log.error(
      {
        storeId,
        orderId: result.failure.orderId,
        externalId: result.failure.externalId,
        err: result.failure.error,
      },
      'rewards sync stopped at an order; it is retried on the next run',
    );
  }
  if (signal.aborted) return failed;
  // The jobs' own now, after the sync: the flows see the facts the sync just recorded (a challenge
  // completed at the sync's now falls inside their window [last mark, now)), not a run later.
  const jobsAt = now().toISOString();
  for (const job of await dueJobs(db, storeId, options.jobs, jobsAt)) {
    if (signal.aborted) {
      options.log.info({ storeId, job: job.name }, 'job left for the next run: stopping, or the lease was lost');
      return failed;
    }
    const jobStarted = Date.now();
    try {
      const count = await job.run(db, storeId, jobsAt);
      observeJobRun({ job: job.name, dueAt, startedAt: jobStarted, finishedAt: Date.now(), ok: true });
      if (count > 0) options.log.info({ storeId, job: job.name, count }, 'rewards job');
    } catch (error) {
      failed++;
      observeJobRun({ job: job.name, dueAt, startedAt: jobStarted, finishedAt: Date.now(), ok: false });
      options.log.error(
        { storeId, job: job.name, err: error },
        'rewards job failed; it runs again at its next interval',
      );
    }
  }
  return failed;
}

/**
 * The background work of `regulars jobs` (and of `regulars serve` unless --no-jobs): a pass over
 * the stores every few seconds (runRewardsPass), one pass at a time in this process; a failure is
 * logged and the next pass tries again, because sync and jobs are idempotent.
 */
export function startRewardsScheduler(db: Kysely<Database>, options: RewardsSchedulerOptions): RewardsScheduler {
  const now = options.now ?? (() => new Date());
  const holder = options.holder ?? processHolderId();
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let statisticsAt = now().getTime();
  /** When the tick that found a pass still going came: the next pass is late since then. */
  let dueSince: number | undefined;

  async function runOnce(dueAt: number): Promise<void> {
    // Statistics are per table, not per store: each process refreshes them hourly, a no-op when
    // another process just did (PostgreSQL ANALYZE and SQLite's PRAGMA optimize skip unchanged tables).
    if (now().getTime() - statisticsAt >= PLANNER_STATISTICS_EVERY_MS) {
      statisticsAt = now().getTime();
      await refreshPlannerStatistics(db);
    }
    await runRewardsPass(db, { ...options, holder }, { signal: stopping.signal, dueAt });
  }

  const tick = () => {
    if (running) dueSince ??= Date.now();
    if (running || stopping.signal.aborted) return;
    const dueAt = dueSince ?? Date.now();
    dueSince = undefined;
    running = runOnce(dueAt)
      .catch((error: unknown) => options.log.error({ err: error }, 'rewards run failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.syncEveryMs ?? DEFAULT_SYNC_EVERY_MS);
  timer.unref();

  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      await running;
    },
  };
}
