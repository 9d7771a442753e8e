import path from 'node:path';
import { type Command, Option } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { asOfOption, positiveInteger } from '../../platform/cli/shared-options.js';
import type { SpamCheck } from '../messaging/index.js';

/**
 * `regulars flows ...`: the micro-moment flows as files and in the database (docs/flows.md).
 * list, load a folder, enable (after the template lint and shop profile gates), disable, run (live
 * or --dry-run, which lists what would be sent and why without writing), and performance.
 */
interface FlowsFlags extends DatabaseFlags {
  store?: string;
  flows?: string;
  templates?: string;
  json: boolean;
}

/** The flow layer, loaded only when a flows command runs. */
async function loadFlowLayer() {
  const [layer, files, sources, manage, plan, ids, config, performance, format] = await Promise.all([
    loadStoreLayer(),
    import('./engine/flow-files.reader.js'),
    import('./engine/flow-sources.reader.js'),
    import('./engine/manage-flows.service.js'),
    import('./engine/plan-flows.service.js'),
    import('../../platform/ids.js'),
    import('../../platform/config.js'),
    import('./engine/flow-performance.service.js'),
    import('./engine/format-flow-performance.js'),
  ]);
  return {
    ...layer,
    ...files,
    ...sources,
    ...manage,
    ...plan,
    ...performance,
    ...format,
    nowIso: ids.nowIso,
    loadConfig: config.loadConfig,
  };
}

type Layer = Awaited<ReturnType<typeof loadFlowLayer>>;

async function sourcesOf(layer: Layer, flags: { flows?: string; templates?: string }) {
  const templatesDir = flags.templates === undefined ? undefined : path.resolve(flags.templates);
  return {
    ...(await layer.builtInFlowSources(layer.loadConfig(), templatesDir)),
    files: flags.flows === undefined ? [] : await layer.readFlowFolder(path.resolve(flags.flows)),
  };
}

/** One line on the SpamAssassin check: the scores, or that the copy was not scored and why. */
function spamLine(check: SpamCheck): string {
  return check.scored
    ? `SpamAssassin: ${check.templates.map((t) => `${t.template} ${t.score}`).join(', ')} (limit ${check.limit})\n`
    : `not scored by SpamAssassin: ${check.reason}\n`;
}

/** The start of a range: a date is its first moment (asOfOption reads a date as its end). */
function sinceOption(value: string): string {
  const end = asOfOption(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : end;
}

/** Checks --as-of like every command's, keeping the text: a dry run needs the day as written. */
function checkedAsOf(value: string): string {
  asOfOption(value);
  return value;
}

export function registerFlowsCommand(program: Command): void {
  const flows = program
    .command('flows')
    .description('the micro-moment flows: list, load, enable, disable, run (--dry-run to backtest), performance');

  addDatabaseOption(
    flows
      .command('list')
      .description("list the flows: a store's (with --store) or the built-in and folder ones, enabled or not")
      .option('--store <id>', 'the store whose flows to list')
      .option('--flows <dir>', 'also list the definitions of this folder')
      .option('--json', 'print the flows as JSON, with their settings in effect', false),
  ).action(async (flags: FlowsFlags) => {
    const layer = await loadFlowLayer();
    const sources = await sourcesOf(layer, flags);
    const listings =
      flags.store === undefined
        ? layer.listAvailableFlows(sources)
        : await layer.withDatabase(flags, (db) => layer.listFlows(db, flags.store as string, sources));
    if (flags.json) {
      printJson(listings);
      return;
    }
    for (const f of listings) {
      const state = f.enabled ? 'enabled ' : 'disabled';
      process.stdout.write(
        `${state}  ${f.name.padEnd(26)} ${f.kind.padEnd(24)} ${f.purpose.padEnd(13)} ${f.description}\n`,
      );
    }
  });

  addDatabaseOption(
    flows
      .command('load')
      .description("store a folder's flow definitions for a store (they stay as they are: enabled or not)")
      .argument('<dir>', 'a folder of <name>.json flow definitions')
      .requiredOption('--store <id>', 'the store'),
  ).action(async (dir: string, flags: FlowsFlags) => {
    const layer = await loadFlowLayer();
    const sources = await sourcesOf(layer, {});
    const files = await layer.readFlowFolder(path.resolve(dir));
    const { count, spamChecks } = await layer.withDatabase(flags, (db) =>
      layer.loadFlows(db, flags.store as string, files, sources, layer.nowIso()),
    );
    for (const c of spamChecks) process.stdout.write(`${c.flow}: ${spamLine(c.spamCheck)}`);
    process.stdout.write(
      `loaded ${count} flow definition${count === 1 ? '' : 's'} from ${dir} into store ${flags.store}\n`,
    );
  });

  addDatabaseOption(
    flows
      .command('enable')
      .description(
        'enable a flow after its gates: valid settings, templates that pass the content lint, a complete shop profile, a SpamAssassin score within the limit',
      )
      .argument('<name>', 'the flow, e.g. win-back')
      .requiredOption('--store <id>', 'the store')
      .option('--flows <dir>', "take the flow's definition from this folder")
      .option('--templates <dir>', 'the templates folder the worker sends from (default: the built-in templates)')
      .option('--json', 'print the outcome as JSON', false),
  ).action(async (name: string, flags: FlowsFlags) => {
    const layer = await loadFlowLayer();
    const sources = await sourcesOf(layer, flags);
    const outcome = await layer.withDatabase(flags, (db) =>
      layer.enableFlow(db, flags.store as string, name, sources, layer.nowIso()),
    );
    if (flags.json) {
      printJson(outcome);
      return;
    }
    for (const w of outcome.warnings)
      process.stdout.write(`warning ${w.template} ${w.rule} (${w.where}): ${w.message}\n`);
    process.stdout.write(spamLine(outcome.spamCheck));
    process.stdout.write(
      outcome.changed
        ? `enabled ${name} for store ${flags.store}: it plans from now on\n`
        : `${name} was already enabled for store ${flags.store}\n`,
    );
  });

  addDatabaseOption(
    flows
      .command('disable')
      .description('disable a flow: it plans nothing more (messages already planned are still sent)')
      .argument('<name>', 'the flow')
      .requiredOption('--store <id>', 'the store'),
  ).action(async (name: string, flags: FlowsFlags) => {
    const layer = await loadFlowLayer();
    const changed = await layer.withDatabase(flags, (db) =>
      layer.disableFlow(db, flags.store as string, name, layer.nowIso()),
    );
    process.stdout.write(changed ? `disabled ${name} for store ${flags.store}\n` : `${name} was already disabled\n`);
  });

  addDatabaseOption(
    flows
      .command('run')
      .description('plan the enabled flows now; with --dry-run, list what would be sent and why, writing nothing')
      .requiredOption('--store <id>', 'the store')
      .option('--dry-run', 'write nothing: list the messages, their send time, reason and holdout', false)
      .addOption(
        new Option(
          '--as-of <date>',
          "dry run: plan this day (YYYY-MM-DD, the store's zone) as if it were today; live: the clock (a date is its end)",
        ).argParser(checkedAsOf),
      )
      .option('--days <n>', 'dry run: plan this many days from --as-of, each as of its own day', positiveInteger, 1)
      .option('--flow <name...>', 'only these flows (enabled or not)')
      .option('--all', 'dry run: every flow, enabled or not', false)
      .option('--flows <dir>', "dry run: the definitions of this folder instead of the store's")
      .option('--json', 'print JSON: a dry run prints [{ flow, customerId, channel, sendAt, reason, holdout }]', false),
  ).action(
    async (flags: FlowsFlags & { dryRun: boolean; asOf?: string; days: number; flow?: string[]; all: boolean }) => {
      const layer = await loadFlowLayer();
      const sources = await sourcesOf(layer, flags);
      const config = layer.loadConfig();
      const asOfDay =
        flags.asOf === undefined
          ? null
          : /^\d{4}-\d{2}-\d{2}$/.test(flags.asOf)
            ? flags.asOf
            : asOfOption(flags.asOf).slice(0, 10);
      const progress = flags.json || !process.stderr.isTTY ? null : createProgressBar('planning');
      const outcome = await layer.withDatabase(flags, (db) =>
        layer.runFlows(
          db,
          flags.store as string,
          {
            now: flags.dryRun || flags.asOf === undefined ? layer.nowIso() : asOfOption(flags.asOf),
            dryRun: flags.dryRun,
            asOfDay,
            days: flags.days,
            flows: flags.flow ?? null,
            all: flags.all,
            definitions: sources.files,
            publicUrl: config.messaging.publicUrl,
            onProgress: progress === null ? undefined : (done, total) => progress.update(done, total),
          },
          sources.registry,
          sources.builtIns,
        ),
      );
      progress?.finish();
      if (flags.json) {
        printJson(flags.dryRun ? outcome.entries : outcome.results);
        return;
      }
      if (flags.dryRun) {
        for (const e of outcome.entries)
          process.stdout.write(
            `${e.sendAt}  ${e.flow.padEnd(24)} ${e.customerId.padEnd(16)} ${e.holdout ? '(held out) ' : ''}${e.reason}\n`,
          );
      }
      for (const r of outcome.results) {
        const gifts =
          r.giftFailures.length === 0 ? '' : `, ${r.giftFailures.length} left out (gift: ${r.giftFailures[0].reason})`;
        const skipped =
          r.skippedFrom === null ? '' : ` (the planner was away: ${r.skippedFrom} to ${r.window.from} was not planned)`;
        const verb = flags.dryRun ? 'would send' : 'planned';
        process.stdout.write(
          `${r.flow}: ${r.window.from} to ${r.window.to}: ${r.candidates} candidates, ${verb} ${r.planned}, held out ${r.heldOut}, already planned ${r.duplicates}${gifts}${skipped}\n`,
        );
      }
    },
  );

  addDatabaseOption(
    flows
      .command('performance')
      .description(
        "a flow's (or campaign's) sends, conversions and revenue, treatment against holdout, with the incremental lift and its 95% interval",
      )
      .argument('<name>', 'the flow or campaign')
      .requiredOption('--store <id>', 'the store')
      .option('--window-days <n>', 'the attribution window in days after each message', positiveInteger, 5)
      .addOption(
        new Option('--since <date>', 'only messages from this instant (a date: its start)').argParser(sinceOption),
      )
      .addOption(new Option('--until <date>', 'only messages until this instant').argParser(asOfOption))
      .option('--json', 'print the report as JSON', false),
  ).action(async (name: string, flags: FlowsFlags & { windowDays: number; since?: string; until?: string }) => {
    const layer = await loadFlowLayer();
    const report = await layer.withDatabase(flags, (db) =>
      layer.flowPerformance(db, flags.store as string, name, {
        windowDays: flags.windowDays,
        since: flags.since,
        until: flags.until,
      }),
    );
    if (flags.json) printJson(report);
    else process.stdout.write(`${layer.formatFlowPerformance(report).join('\n')}\n`);
  });
}
