import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { asOfOption } from '../../platform/cli/shared-options.js';

interface RunFlags extends DatabaseFlags {
  store: string;
  asOf?: string;
  json: boolean;
}

export function registerRewardsCommand(program: Command): void {
  const rewards = program
    .command('rewards')
    .description('apply the rewards rules: the order sync and the scheduled jobs that `regulars serve` runs by itself');
  addDatabaseOption(
    rewards
      .command('run')
      .description(
        'once, for one store: points, referrals, tiers, challenges and coupons for every order written since the last run, then every scheduled job (expiry, downgrades, reminders)',
      )
      .requiredOption('--store <id>', 'the store')
      .option(
        '--as-of <when>',
        'the time the rules see: a date (YYYY-MM-DD: the end of that day, UTC) or an instant with offset; default now',
        asOfOption,
      )
      .option('--json', 'print the summary as JSON', false),
  ).action(async (flags: RunFlags) => {
    const now = flags.asOf ?? new Date().toISOString();
    const [
      { withDatabase, getStore },
      { syncRewards, SYNC_CONCURRENCY },
      { ORDER_REWARD_HANDLERS, SCHEDULED_JOBS },
      { createProgressBar },
    ] = await Promise.all([
      loadStoreLayer(),
      import('./sync-rewards.service.js'),
      import('./rewards.registry.js'),
      import('../../platform/cli/progress-bar.js'),
    ]);
    await withDatabase(flags, async (db, { target }) => {
      await getStore(db, flags.store);
      const pending = await db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('store_id', '=', flags.store)
        .executeTakeFirstOrThrow();
      const progress = createProgressBar('rewards sync');
      // The command runs after the writes it follows, so it reads every order written until now,
      // whatever time --as-of gives the rules.
      const sync = await syncRewards(db, flags.store, ORDER_REWARD_HANDLERS, now, {
        readUntil: new Date().toISOString(),
        concurrency: SYNC_CONCURRENCY[target.kind],
        onProgress: (done) => progress.update(done, Number(pending.n)),
      });
      progress.finish();
      const jobs: Record<string, number> = {};
      for (const job of SCHEDULED_JOBS) jobs[job.name] = await job.run(db, flags.store, now);
      const summary = {
        asOf: now,
        orders: sync.orders,
        failure: sync.failure && {
          orderId: sync.failure.orderId,
          externalId: sync.failure.externalId,
          message: sync.failure.error.message,
        },
        jobs,
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const lines = [
          `rewards as of ${now}: ${sync.orders} orders synced`,
          ...Object.entries(jobs).map(([name, count]) => `  ${name}: ${count}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (sync.failure) {
        throw new RegularsError(
          'INTERNAL',
          `the rewards sync stopped at order ${sync.failure.externalId}: ${sync.failure.error.message}; run again once it is fixed`,
          {
            orderId: sync.failure.externalId,
          },
        );
      }
    });
  });
}
