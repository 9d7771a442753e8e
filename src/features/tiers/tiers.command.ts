import type { Command } from 'commander';
import type { TierLevel, TierSettings } from './tiers.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { printJson, readJsonFile } from '../../platform/cli/command-output.js';
import { asOfOption } from '../../platform/cli/shared-options.js';

/** The store layer plus what the tier commands use, loaded only when one runs. */
async function loadTierLayer() {
  const [layer, tiers] = await Promise.all([loadStoreLayer(), import('./tiers.service.js')]);
  return { ...layer, ...tiers };
}

function describeLevel(level: TierLevel, settings: TierSettings): string {
  const unit = settings.currency === null ? 'points' : `${settings.currency} minor units`;
  const perks = [`x${level.perks.earnMultiplier} points`];
  if (level.perks.freeShipping) perks.push('free shipping');
  if (level.perks.memberCouponPercent !== null) perks.push(`${level.perks.memberCouponPercent}% member coupons`);
  for (const perk of level.perks.partnerPerks) perks.push(perk);
  return `${level.name}: from ${level.threshold} ${unit} (${perks.join(', ')})`;
}

function describeSettings(settings: TierSettings, counts?: Readonly<Record<string, number>>): string {
  const basis = settings.basis.replaceAll('_', ' ').replace('12 month', '12-month');
  const lines = [`basis: ${basis}; a tier lasts 12 months from reaching it, then the measure at its end decides`];
  for (const level of settings.levels) {
    const held =
      counts === undefined
        ? ''
        : `  [${counts[level.name] ?? 0} ${counts[level.name] === 1 ? 'customer' : 'customers'}]`;
    lines.push(`  ${describeLevel(level, settings)}${held}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerTiersCommand(program: Command): void {
  const tiers = program
    .command('tiers')
    .description('loyalty tiers: set and show the settings, apply downgrades at period end');

  addDatabaseOption(
    tiers
      .command('set')
      .description('set the tier settings from a JSON file (docs/tiers.md)')
      .requiredOption('--store <id>', 'the store')
      .argument('<file>', 'JSON: { "basis", "currency", "levels": [{ "name", "threshold", "perks" }] }')
      .option('--json', 'print the stored settings as JSON', false),
  ).action(async (file: string, flags: DatabaseFlags & { store: string; json: boolean }) => {
    const value = readJsonFile(file);
    const { withDatabase, setTierSettings, getStore } = await loadTierLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const settings = await setTierSettings(db, flags.store, value, new Date().toISOString());
      if (flags.json) printJson(settings);
      else process.stdout.write(`tier settings of store ${flags.store} set:\n${describeSettings(settings)}`);
    });
  });

  addDatabaseOption(
    tiers
      .command('show')
      .description('show the tier settings and how many customers hold each tier')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print { settings, customers } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, showTiers, getStore } = await loadTierLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const { settings, customers } = await showTiers(db, flags.store);
      if (flags.json) printJson({ settings, customers });
      else process.stdout.write(describeSettings(settings, customers));
    });
  });

  addDatabaseOption(
    tiers
      .command('evaluate')
      .description('apply the tier changes due at period end (downgrades, renewals) once, and print them')
      .requiredOption('--store <id>', 'the store')
      .option(
        '--as-of <when>',
        'as of this date (YYYY-MM-DD: the end of that day, UTC) or instant (ISO 8601 with offset); default now',
        asOfOption,
      )
      .option('--json', 'print the changes as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; asOf?: string; json: boolean }) => {
    const { withDatabase, getTierSettings, evaluateTiers, getStore } = await loadTierLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      await getTierSettings(db, flags.store);
      const asOf = flags.asOf ?? new Date().toISOString();
      const bar = createProgressBar('settling tier periods');
      const listed = await evaluateTiers(db, flags.store, asOf, {
        onProgress: (done, total) => bar.update(done, total),
      }).finally(() => bar.finish());
      if (flags.json) {
        printJson({ asOf, changes: listed });
        return;
      }
      const lines = listed.map(
        (c) => `${c.customerId}: ${c.from ?? 'no tier'} -> ${c.to ?? 'no tier'} at ${c.at} (measure ${c.measure})`,
      );
      lines.push(`${listed.length} tier ${listed.length === 1 ? 'change' : 'changes'} as of ${asOf}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  });
}
