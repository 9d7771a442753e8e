import type { Command } from 'commander';
import type { LiabilityReport } from './liability.js';
import type { LoyaltyProgram } from './program.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson, readJsonFile } from '../../platform/cli/command-output.js';
import { asOfOption } from '../../platform/cli/shared-options.js';

/** The store layer plus the loyalty use cases, loaded only when a loyalty command runs. */
async function loadLoyaltyLayer() {
  const [layer, program, expiry, liability] = await Promise.all([
    loadStoreLayer(),
    import('./loyalty-program.service.js'),
    import('./loyalty-expiry.service.js'),
    import('./loyalty-liability.service.js'),
  ]);
  return { ...layer, ...program, ...expiry, ...liability };
}

function describeProgram(program: LoyaltyProgram): string {
  const lines = [
    `${program.enabled ? 'on' : 'paused'}: ${program.earn.rate.points} point(s) per ${program.earn.rate.perMinor} ${program.currency} minor units` +
      (program.startsAt === null ? '' : `, for orders from ${program.startsAt}`),
    `pending for ${program.returnWindowDays} days; ` +
      (program.expiry.months === null
        ? 'points never expire'
        : `expire after ${program.expiry.months} months without activity (warned ${program.expiry.warnDays} days before)`),
    `point value: ${program.pointValue === null ? 'none' : `${program.pointValue.points} points = ${program.pointValue.minor} minor units`}` +
      (program.firstOrderCashback === null ? '' : `; first-order cashback ${program.firstOrderCashback.percent}%`),
  ];
  for (const [name, a] of Object.entries(program.actions))
    lines.push(
      `action ${name}: ${a.points} points, ${a.limit === null ? 'no limit' : `${a.limit} ${a.per === 'year' ? 'a year' : 'in all'}`}`,
    );
  for (const o of program.redemption) lines.push(`reward ${o.id}: ${o.points} points -> ${JSON.stringify(o.reward)}`);
  return lines.join('\n');
}

const money = (minor: number | null, currency: string | null) =>
  minor === null ? 'no value set' : `${minor} ${currency} minor units`;

function describeLiability(report: LiabilityReport): string {
  const o = report.outstanding;
  const lines = [
    `as of ${report.asOf}`,
    `outstanding: ${o.total} points (${o.available} available, ${o.pending} pending), worth ${money(o.totalMinor, report.currency)}`,
    `breakage rate: ${report.breakageRate === null ? 'n/a (nothing redeemed or expired yet)' : `${(report.breakageRate * 100).toFixed(1)}%`}`,
    'month     earned  redeemed  expired  reversed  adjusted',
  ];
  const pad = (n: number, w: number) => String(n).padStart(w);
  for (const m of report.months)
    lines.push(
      `${m.month}  ${pad(m.earned, 6)}  ${pad(m.redeemed, 8)}  ${pad(m.expired, 7)}  ${pad(m.reversed, 8)}  ${pad(m.adjusted, 8)}`,
    );
  const t = report.totals;
  lines.push(
    `total    ${pad(t.earned, 6)}  ${pad(t.redeemed, 8)}  ${pad(t.expired, 7)}  ${pad(t.reversed, 8)}  ${pad(t.adjusted, 8)}`,
  );
  return lines.join('\n');
}

export function registerLoyaltyCommand(program: Command): void {
  const loyalty = program
    .command('loyalty')
    .description("the store's loyalty program: its settings, the expiry run, the liability report");
  const programCommand = loyalty
    .command('program')
    .description("set or show the store's loyalty program (docs/loyalty.md)");

  addDatabaseOption(
    programCommand
      .command('set')
      .description('set the program from a JSON file; a bad field is reported by its path and nothing is stored')
      .requiredOption('--store <id>', 'the store')
      .argument('<file>', 'the program as JSON')
      .option('--json', 'print the stored program (with its defaults) as JSON', false),
  ).action(async (file: string, flags: DatabaseFlags & { store: string; json: boolean }) => {
    const document = readJsonFile(file);
    const { withDatabase, getStore, setLoyaltyProgram } = await loadLoyaltyLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const stored = await setLoyaltyProgram(db, flags.store, document, new Date().toISOString());
      if (flags.json) printJson(stored);
      else process.stdout.write(`loyalty program set for ${flags.store}\n${describeProgram(stored)}\n`);
    });
  });

  addDatabaseOption(
    programCommand
      .command('show')
      .description("show the store's program with its defaults")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print it as JSON (null when the store has none)', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, getStore, readLoyaltyProgram } = await loadLoyaltyLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const stored = await readLoyaltyProgram(db, flags.store);
      if (flags.json) printJson(stored);
      else if (stored === null)
        process.stdout.write(
          `no loyalty program (it is off); set one with: regulars loyalty program set --store ${flags.store} program.json\n`,
        );
      else process.stdout.write(`${describeProgram(stored)}\n`);
    });
  });

  addDatabaseOption(
    loyalty
      .command('expire')
      .description(
        'expire the points of inactive customers and record the warnings due, once (regulars serve runs it hourly)',
      )
      .requiredOption('--store <id>', 'the store')
      .option(
        '--as-of <when>',
        'as of this date (YYYY-MM-DD: the end of that day, UTC) or instant (ISO 8601 with offset); default now',
        asOfOption,
      )
      .option('--json', 'print { done } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; asOf?: string; json: boolean }) => {
    const { withDatabase, getStore, loyaltyExpiryJob } = await loadLoyaltyLayer();
    const asOf = flags.asOf ?? new Date().toISOString();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const done = await loyaltyExpiryJob.run(db, flags.store, asOf);
      if (flags.json) printJson({ asOf, done });
      else process.stdout.write(`${done} expiries and warnings as of ${asOf}\n`);
    });
  });

  addDatabaseOption(
    loyalty
      .command('liability')
      .description(
        'outstanding points and their value, points earned/redeemed/expired/reversed per month, breakage rate',
      )
      .requiredOption('--store <id>', 'the store')
      .option(
        '--as-of <when>',
        'as of this date (YYYY-MM-DD: the end of that day, UTC) or instant (ISO 8601 with offset); default now',
        asOfOption,
      )
      .option('--json', 'print the report as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; asOf?: string; json: boolean }) => {
    const { withDatabase, getStore, loyaltyLiability } = await loadLoyaltyLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const report = await loyaltyLiability(db, flags.store, flags.asOf ?? new Date().toISOString());
      if (flags.json) printJson(report);
      else process.stdout.write(`${describeLiability(report)}\n`);
    });
  });
}
