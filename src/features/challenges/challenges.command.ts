import { type Command, InvalidArgumentError } from 'commander';
import type { ChallengeView } from './challenge-view.js';
import type { IssueChallengesResult } from './issue-challenges.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';
import { printJson } from '../../platform/cli/command-output.js';

function isoDay(value: string): string {
  if (Number.isNaN(dayFromIso(value))) throw new InvalidArgumentError('expected a real date as YYYY-MM-DD');
  return value;
}

/** The store layer plus the challenge use cases, loaded only when a challenges command runs. */
async function loadChallengeLayer() {
  const [layer, issue, listings] = await Promise.all([
    loadStoreLayer(),
    import('./issue-challenges.service.js'),
    import('./challenges.service.js'),
  ]);
  return { ...layer, ...issue, ...listings };
}

const SKIP_LABELS: Record<keyof IssueChallengesResult['skipped'], string> = {
  history: 'too little history',
  lapsed: 'lapsed (no visit in the lookback)',
  saturated: 'already visit daily',
  no_category: 'no new category found',
  other_cycle: 'kind for the other cycle',
  open: 'still hold an open one',
  already_issued: 'already issued this week',
};

function issueSummary(result: IssueChallengesResult): string {
  const total = Object.values(result.issued).reduce((a, b) => a + b, 0);
  const lines = [
    `issued ${total} ${total === 1 ? 'challenge' : 'challenges'} as of ${result.asOf} (week of ${result.week}) to segment ${result.segment} (${result.customers} customers with a purchase):`,
  ];
  for (const [kind, n] of Object.entries(result.issued)) lines.push(`  ${kind.padEnd(13)} ${n}`);
  const skipped = Object.entries(result.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) {
    lines.push('not issued (per customer and kind):');
    for (const [reason, n] of skipped)
      lines.push(`  ${String(n).padStart(6)}  ${SKIP_LABELS[reason as keyof typeof SKIP_LABELS]}`);
  }
  if (result.completedAtOnce > 0)
    lines.push(`${result.completedAtOnce} completed at once by orders already in their window`);
  return `${lines.join('\n')}\n`;
}

function challengeLine(c: ChallengeView): string {
  const target =
    c.kind === 'new_category'
      ? `1 order of ${c.target.category}`
      : c.kind === 'interval'
        ? `next order within ${c.target.days} days`
        : `${c.target.orders} visit days`;
  return `${c.id}  ${c.customerId}  ${c.kind.padEnd(12)}  ${c.status.padEnd(9)}  ${c.progress}/${c.target.orders}  ${c.windowStart}..${c.deadline}  ${c.bonusPoints} pts  (${target})`;
}

export function registerChallengesCommand(program: Command): void {
  const challenges = program
    .command('challenges')
    .description("issue this week's personal challenges for a segment, and list them");

  addDatabaseOption(
    challenges
      .command('issue')
      .description("issue this week's challenges to the customers of a segment (once per customer, kind and week)")
      .requiredOption('--store <id>', 'the store')
      .option('--segment <name>', "'all' or an RFM segment of the customer 360, e.g. Champions, Loyal, at-risk", 'all')
      .option(
        '--as-of <date>',
        'the last day of history, YYYY-MM-DD in the store calendar; challenges start the next day (default: today, UTC)',
        isoDay,
      )
      .option('--json', 'print the summary as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; segment: string; asOf?: string; json: boolean }) => {
    const { withDatabase, issueChallenges, resolveSegment } = await loadChallengeLayer();
    resolveSegment(flags.segment); // a mistyped segment fails before the database is opened
    const now = new Date().toISOString();
    const asOfDay = dayFromIso(flags.asOf ?? now.slice(0, 10));
    await withDatabase(flags, async (db) => {
      const bar = createProgressBar('issuing challenges');
      const result = await issueChallenges(db, flags.store, {
        segment: flags.segment,
        asOfDay,
        now,
        onProgress: (done, total) => bar.update(done, total),
      }).finally(() => bar.finish());
      if (flags.json) printJson(result);
      else process.stdout.write(issueSummary(result));
    });
  });

  addDatabaseOption(
    challenges
      .command('list')
      .description("list the store's challenges, newest first, or one customer's")
      .requiredOption('--store <id>', 'the store')
      .option('--customer <id>', "one customer: Regulars' id (cus_...) or the store's own customer id")
      .option('--limit <n>', 'at most this many', positiveInteger, 100)
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; customer?: string; limit: number; json: boolean }) => {
    const { withDatabase, getStore, storeChallenges } = await loadChallengeLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const listing = await storeChallenges(db, flags.store, { customer: flags.customer, limit: flags.limit });
      if (flags.json) {
        printJson(listing);
        return;
      }
      if (listing.length === 0) {
        process.stdout.write(`no challenges yet; issue them with: regulars challenges issue --store ${flags.store}\n`);
        return;
      }
      process.stdout.write(`${listing.map(challengeLine).join('\n')}\n`);
    });
  });

  addDatabaseOption(
    challenges
      .command('settings')
      .description(
        "show the store's challenge settings, or replace them with --set (fields left out take their defaults)",
      )
      .requiredOption('--store <id>', 'the store')
      .option('--set <json>', 'the settings document, e.g. \'{"windowDays": 28, "bonusPoints": {"frequency": 150}}\''),
  ).action(async (flags: DatabaseFlags & { store: string; set?: string }) => {
    const { withDatabase, getStore, readChallengeSettings, saveChallengeSettings } = await loadChallengeLayer();
    let value: unknown;
    if (flags.set !== undefined) {
      try {
        value = JSON.parse(flags.set);
      } catch {
        throw new RegularsError('INVALID_ARGUMENT', '--set must be a JSON object', { option: '--set' });
      }
    }
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      printJson(
        flags.set === undefined
          ? await readChallengeSettings(db, flags.store)
          : await saveChallengeSettings(db, flags.store, value, new Date().toISOString()),
      );
    });
  });
}
