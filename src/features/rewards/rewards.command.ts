import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { asOfOption, dateText } from '../../platform/cli/shared-options.js';
import type { ReplayReport } from './replay-rewards.service.js';

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
  registerReplayCommand(rewards);
}

interface ReplayFlags extends DatabaseFlags {
  store: string;
  since: string;
  apply: boolean;
  dryRun: boolean;
  asOf?: string;
  json: boolean;
}

/** Customers listed in the text summary; --json lists every one. */
const LISTED_CUSTOMERS = 20;

function describeReplay(report: ReplayReport): string {
  const would = report.applied ? '' : 'would be ';
  const lines = [
    report.applied
      ? `posted: rewards for store ${report.storeId}, orders placed since ${report.since}, rules as of ${report.asOf}`
      : `dry run, nothing posted: rewards for store ${report.storeId}, orders placed since ${report.since}, rules as of ${report.asOf}`,
  ];
  if (!report.loyaltyProgram && !report.tiers) {
    lines.push('the store has no loyalty program and no tiers: nothing to replay');
    return lines.join('\n');
  }
  if (!report.loyaltyProgram) lines.push('no loyalty program: tiers only');
  if (!report.tiers) lines.push('no tiers: points only');
  lines.push(
    `orders: ${report.orders}; ${report.ordersRewarded} ${would}rewarded now (${report.points} points), ` +
      `${report.ordersAlreadyRewarded} already rewarded (skipped)`,
  );
  for (const [why, count] of Object.entries(report.ordersEarningNothing))
    lines.push(`  ${count} earning nothing: ${why}`);
  const reached = Object.entries(report.tiersReached);
  lines.push(
    `customers: ${report.customers.length} ${would}changed; tiers ${would}reached: ${reached.length === 0 ? 'none' : reached.map(([tier, n]) => `${tier} ${n}`).join(', ')}`,
  );
  if (report.customers.length > 0) {
    lines.push('  customer                points  orders  tier');
    for (const c of report.customers.slice(0, LISTED_CUSTOMERS))
      lines.push(
        `  ${c.externalId.padEnd(22)} ${String(c.points).padStart(7)} ${String(c.orders).padStart(7)}  ${c.tierBefore === c.tierAfter ? (c.tierAfter ?? '-') : `${c.tierBefore ?? '-'} -> ${c.tierAfter ?? '-'}`}`,
      );
    if (report.customers.length > LISTED_CUSTOMERS)
      lines.push(`  ... and ${report.customers.length - LISTED_CUSTOMERS} more (--json lists every one)`);
  }
  if (!report.applied && (report.ordersRewarded > 0 || reached.length > 0))
    lines.push('run again with --apply to post this');
  return lines.join('\n');
}

function registerReplayCommand(rewards: Command): void {
  addDatabaseOption(
    rewards
      .command('replay')
      .description(
        "apply the loyalty program and tiers as they are now to the orders placed since a day (history imported before they were set up); a dry run unless --apply, and never posts an order's points twice",
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--since <date>', 'the first order day replayed, YYYY-MM-DD', dateText)
      .option('--dry-run', 'show what would be posted, post nothing (the default)', false)
      .option('--apply', 'post the points and tiers', false)
      .option(
        '--as-of <when>',
        'the time the rules see: a date (YYYY-MM-DD: the end of that day, UTC) or an instant with offset; default now',
        asOfOption,
      )
      .option('--json', 'print the report as JSON', false),
  ).action(async (flags: ReplayFlags) => {
    if (flags.apply && flags.dryRun)
      throw new RegularsError('INVALID_ARGUMENT', '--apply and --dry-run contradict each other; give one');
    const [{ withDatabase }, { replayRewards }, { SYNC_CONCURRENCY }, { createProgressBar }] = await Promise.all([
      loadStoreLayer(),
      import('./replay-rewards.service.js'),
      import('./sync-rewards.service.js'),
      import('../../platform/cli/progress-bar.js'),
    ]);
    const report = await withDatabase(flags, async (db, { target }) => {
      const progress = createProgressBar(flags.apply ? 'rewards replay' : 'rewards replay (dry run)');
      try {
        return await replayRewards(db, flags.store, {
          since: flags.since,
          apply: flags.apply,
          now: flags.asOf ?? new Date().toISOString(),
          concurrency: SYNC_CONCURRENCY[target.kind],
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.finish();
      }
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${describeReplay(report)}\n`);
  });
}
