import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags } from '../../platform/cli/database-options.js';
import { addMetricsOptions, type MetricsFlags } from '../../platform/cli/metrics-options.js';
import { positiveInteger, positiveNumber } from '../../platform/cli/shared-options.js';
import type { RewardsSchedulerLog } from './rewards-scheduler.service.js';

interface JobsFlags extends DatabaseFlags, MetricsFlags {
  once: boolean;
  leaseSeconds: number;
  everySeconds: number;
}

/** Log fields as `key=value` after the message; an error as its message. */
function describeFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([key, value]) => ` ${key}=${value instanceof Error ? JSON.stringify(value.message) : JSON.stringify(value)}`)
    .join('');
}

/** The scheduler's log as lines on stderr, as `regulars worker` writes its own. */
const lineLog: RewardsSchedulerLog = {
  info: (fields, message) => process.stderr.write(`${message}${describeFields(fields)}\n`),
  error: (fields, message) => process.stderr.write(`error: ${message}${describeFields(fields)}\n`),
};

/** Resolves on the first TERM or Ctrl-C, and aborts `controller` then. */
function stopSignal(controller: AbortController): { stopped: Promise<void>; dispose(): void } {
  let dispose = () => {};
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      dispose();
      controller.abort();
      resolve();
    };
    dispose = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { stopped, dispose };
}

export function registerJobsCommand(program: Command): void {
  addDatabaseOption(
    addMetricsOptions(program.command('jobs'))
      .description(
        "run the background work of every store (the rewards sync, expiry, tiers, challenges, memberships, coupons' reservations, segments, the flows that plan messages, the idempotency keys' sweep), without the HTTP API; run as many as you like against one database: a lease in the database gives each store's work to one of them at a time",
      )
      .option(
        '--once',
        'one pass over every store (waiting for the stores another process is working on), then exit',
        false,
      )
      .option(
        '--lease-seconds <n>',
        "how long a store's lease lasts without renewal: how long its work waits when the process holding it dies",
        positiveInteger,
        60,
      )
      .option('--every-seconds <n>', 'seconds between passes over the stores', positiveNumber, 5),
  ).action(async (flags: JobsFlags) => {
    const [{ withDatabase }, { describeTarget }, { processHolderId }, background] = await Promise.all([
      import('../../platform/cli/database-session.js'),
      import('../../platform/database/database.js'),
      import('../../platform/jobs/job-lease.service.js'),
      import('./background-jobs.service.js'),
    ]);
    const controller = new AbortController();
    const signal = stopSignal(controller);
    try {
      await withDatabase(flags, async (db, { target }) => {
        const holder = processHolderId();
        const options = { log: lineLog, holder, leaseMs: flags.leaseSeconds * 1000 };
        process.stderr.write(
          `regulars jobs ${holder} on ${describeTarget(target)}${flags.once ? ' (once)' : '; TERM or Ctrl-C stops'}\n`,
        );
        if (flags.once) {
          const pass = await background.runBackgroundPass(db, target.kind, options, controller.signal);
          process.stdout.write(
            `jobs pass done: ${pass.ran} stores run here${pass.left > 0 ? `, ${pass.left} left when stopped` : ''}\n`,
          );
          // A cron that runs --once learns of a failure from the exit status; the next pass retries it.
          if (pass.failed > 0)
            throw new RegularsError(
              'INTERNAL',
              `${pass.failed} background runs failed (see above); the next pass retries them`,
            );
          return;
        }
        // The job runs, durations and lag are counted in this process: its own metrics port shows them.
        const metrics =
          flags.metricsPort === undefined
            ? undefined
            : await (
                await import('../../platform/metrics/metrics.route.js')
              ).startMetricsServer({ port: flags.metricsPort, host: flags.metricsHost });
        const scheduler = background.startBackgroundJobs(db, target.kind, {
          ...options,
          syncEveryMs: flags.everySeconds * 1000,
        });
        // The scheduler's timer does not hold the process open (in `serve` the server does); on
        // SQLite nothing else would, and the process would end before its first pass.
        const keepAlive = setInterval(() => {}, 3_600_000);
        await signal.stopped;
        clearInterval(keepAlive);
        // The pass in progress ends at its next step and gives its lease back before the database closes.
        await scheduler.stop();
        await metrics?.close();
        process.stdout.write('regulars jobs stopped\n');
      });
    } finally {
      signal.dispose();
    }
  });
}
