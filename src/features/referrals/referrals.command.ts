import type { Command } from 'commander';
import type { ReferralSettings } from './referrals.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson, readJsonFile } from '../../platform/cli/command-output.js';

/** The store layer plus the referral services, loaded only when a referrals command runs. */
async function loadReferralLayer() {
  const [layer, referrals] = await Promise.all([loadStoreLayer(), import('./referrals.service.js')]);
  return { ...layer, ...referrals };
}

function describeReferralSettings(settings: ReferralSettings): string {
  const limit =
    settings.maxReferralsPerIpPer30Days === null
      ? 'no limit per IP'
      : `at most ${settings.maxReferralsPerIpPer30Days} referrals per IP in 30 days`;
  const wait =
    settings.pointsAvailableAfterDays === 0
      ? 'spendable at once'
      : `spendable after ${settings.pointsAvailableAfterDays} days`;
  return `referrer ${settings.referrerPoints} points, referred customer ${settings.referredPoints} points on their first order (${wait}); ${limit}\n`;
}

/** `regulars referrals set|show`: the referral settings (docs/referrals.md). */
export function registerReferralsCommand(program: Command): void {
  const referrals = program
    .command('referrals')
    .description('referral settings: points for each side, the per-IP limit');

  addDatabaseOption(
    referrals
      .command('set')
      .description('set the referral settings from a JSON file (docs/referrals.md)')
      .requiredOption('--store <id>', 'the store')
      .argument(
        '<file>',
        'JSON: { "referrerPoints", "referredPoints", "maxReferralsPerIpPer30Days", "pointsAvailableAfterDays" }',
      )
      .option('--json', 'print the stored settings as JSON', false),
  ).action(async (file: string, flags: DatabaseFlags & { store: string; json: boolean }) => {
    const value = readJsonFile(file);
    const { withDatabase, setReferralSettings, getStore } = await loadReferralLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const settings = await setReferralSettings(db, flags.store, value, new Date().toISOString());
      if (flags.json) printJson(settings);
      else process.stdout.write(`referral settings of store ${flags.store} set: ${describeReferralSettings(settings)}`);
    });
  });

  addDatabaseOption(
    referrals
      .command('show')
      .description('show the referral settings')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the settings as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, getReferralSettings, getStore } = await loadReferralLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const settings = await getReferralSettings(db, flags.store);
      if (flags.json) printJson(settings);
      else process.stdout.write(describeReferralSettings(settings));
    });
  });
}
