import type { Kysely } from 'kysely';
import { refreshPlannerStatistics } from '../../platform/database/database.js';
import { observeJobRun } from '../../platform/metrics/metrics.js';
import { listStores } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';
import { dueJobs } from './job-schedule.repository.js';
import { type RewardsSyncResult, syncRewards } from './sync-rewards.service.js';

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
}

export interface RewardsScheduler {
  /** Stops the timers and waits for the run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

export const DEFAULT_SYNC_EVERY_MS = 5_000;
/** How often the query planner's statistics are refreshed (a no-op for tables that barely changed). */
export const PLANNER_STATISTICS_EVERY_MS = 3_600_000;

/** The order sync's name in the job metrics (docs/operations.md). */
const SYNC_JOB = 'rewards-sync';

/**
 * Runs one job for one store and records it (regulars_job_*): a sync that stopped at an order counts
 * as failed, as a job that threw does. The wall clock, not the scheduler's `now`: tests move that one.
 */
async function timedJob<T>(
  job: string,
  dueAt: number,
  run: () => Promise<T>,
  failed: (result: T) => boolean = () => false,
): Promise<T> {
  const startedAt = Date.now();
  let ok = false;
  try {
    const result = await run();
    ok = !failed(result);
    return result;
  } finally {
    observeJobRun({ job, dueAt, startedAt, finishedAt: Date.now(), ok });
  }
}

/**
 * The rewards work `regulars serve` does beside answering requests: the order sync every few
 * seconds and each scheduled job at its own interval, for every store. One run at a time (a run
 * that is still going when the next is due is not started twice); a failure is logged and the
 * next run tries again, because sync and jobs are idempotent.
 */
export function startRewardsScheduler(db: Kysely<Database>, options: RewardsSchedulerOptions): RewardsScheduler {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  let statisticsAt = now().getTime();

  /** When the tick that found a run still going came: the next run is late since then. */
  let dueSince: number | undefined;

  async function runOnce(dueAt: number): Promise<void> {
    const stores = await listStores(db);
    const at = now();
    if (at.getTime() - statisticsAt >= PLANNER_STATISTICS_EVERY_MS) {
      statisticsAt = at.getTime();
      await refreshPlannerStatistics(db);
    }
    for (const store of stores) {
      if (stopped) return;
      const result: RewardsSyncResult = await timedJob(
        SYNC_JOB,
        dueAt,
        () => syncRewards(db, store.id, options.handlers, at.toISOString(), { concurrency: options.concurrency }),
        (synced) => synced.failure !== null,
      );
      if (result.orders > 0) options.log.info({ storeId: store.id, orders: result.orders }, 'rewards sync');
      if (result.failure) {
        options.log.error(
          {
            storeId: store.id,
            orderId: result.failure.orderId,
            externalId: result.failure.externalId,
            err: result.failure.error,
          },
          'rewards sync stopped at an order; it is retried on the next run',
        );
      }
      for (const job of await dueJobs(db, store.id, options.jobs, at.toISOString())) {
        try {
          const count = await timedJob(job.name, dueAt, () => job.run(db, store.id, at.toISOString()));
          if (count > 0) options.log.info({ storeId: store.id, job: job.name, count }, 'rewards job');
        } catch (error) {
          options.log.error(
            { storeId: store.id, job: job.name, err: error },
            'rewards job failed; it runs again at its next interval',
          );
        }
      }
    }
  }

  const timer = setInterval(() => {
    if (running) dueSince ??= Date.now();
    if (running || stopped) return;
    const dueAt = dueSince ?? Date.now();
    dueSince = undefined;
    running = runOnce(dueAt)
      .catch((error: unknown) => options.log.error({ err: error }, 'rewards run failed'))
      .finally(() => {
        running = null;
      });
  }, options.syncEveryMs ?? DEFAULT_SYNC_EVERY_MS);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
