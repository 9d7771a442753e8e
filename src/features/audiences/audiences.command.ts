import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { AUDIENCE_PLATFORMS, type AudiencePlatform } from './audience-identifiers.js';
import type { AudienceSync } from './audience-sync.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';

interface ExportFlags extends DatabaseFlags {
  store: string;
  segment?: string;
  platform: string;
  out: string;
  includeWithoutConsent: boolean;
  phoneCountryCode?: string;
  json: boolean;
}

async function loadAudienceLayer() {
  const [layer, service, sync, ids] = await Promise.all([
    loadStoreLayer(),
    import('./export-audience.service.js'),
    import('./audience-sync.service.js'),
    import('../../platform/ids.js'),
  ]);
  return { ...layer, ...service, ...sync, nowIso: ids.nowIso };
}

function describeSync(sync: AudienceSync): string {
  const last =
    sync.lastRunAt === null
      ? 'not written yet'
      : `last ${sync.lastRunAt}: ${sync.lastResult !== null && 'error' in sync.lastResult ? `FAILED ${sync.lastResult.error}` : `${sync.lastResult?.written ?? 0} customers`}`;
  return `${sync.out}  ${sync.platform}${sync.segment ? ` segment ${sync.segment}` : ''}${sync.includeWithoutConsent ? ' (with customers without consent)' : ''}  every ${sync.everyHours} h  ${last}`;
}

function platformOf(value: string): AudiencePlatform {
  if ((AUDIENCE_PLATFORMS as readonly string[]).includes(value)) return value as AudiencePlatform;
  throw new RegularsError('INVALID_ARGUMENT', `--platform is ${AUDIENCE_PLATFORMS.join(' or ')}, not ${value}`, {
    option: '--platform',
  });
}

function callingCodeOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const code = value.replace(/^\+/, '');
  if (!/^[1-9]\d{0,2}$/.test(code))
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--phone-country-code is a calling code such as 44 or +1, not ${value}`,
      {
        option: '--phone-country-code',
      },
    );
  return code;
}

export function registerAudiencesCommand(program: Command): void {
  const audiences = program.command('audiences').description('customer lists for ad platforms (hashed, consent first)');
  addDatabaseOption(
    audiences
      .command('export')
      .description(
        "write a hashed customer list in the platform's upload format: customers with marketing consent only, unless --include-without-consent",
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--platform <name>', `the ad platform: ${AUDIENCE_PLATFORMS.join(' | ')}`)
      .requiredOption('--out <file>', 'the CSV file to write (replaced whole at the end)')
      .option('--segment <id-or-name>', 'only the members of this segment (at its last refresh)')
      .option('--include-without-consent', 'also customers without marketing consent (your own legal basis)', false)
      .option(
        '--phone-country-code <code>',
        'calling code for phones written without one, e.g. 44; else they are left out',
      )
      .option('--json', 'print the report as JSON', false),
  ).action(async (flags: ExportFlags) => {
    const platform = platformOf(flags.platform);
    const defaultCallingCode = callingCodeOf(flags.phoneCountryCode);
    const layer = await loadAudienceLayer();
    const report = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const bar = createProgressBar(`audience for ${platform}`);
      return layer
        .exportAudience(
          db,
          flags.store,
          {
            platform,
            segment: flags.segment ?? null,
            includeWithoutConsent: flags.includeWithoutConsent,
            defaultCallingCode,
            out: resolve(flags.out),
          },
          (done, total) => bar.update(done, total),
        )
        .finally(() => bar.finish());
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else
      process.stdout.write(
        `${report.file}: ${report.written} customers for ${platform}${report.segment ? ` (segment ${report.segment.name})` : ''}; ` +
          `left out: ${report.withoutConsent} without marketing consent, ${report.withoutIdentifier} without a usable email or phone (of ${report.read} read)\n`,
      );
  });

  const sync = audiences
    .command('sync')
    .description('audience files the background jobs rewrite on a schedule (regulars serve or regulars jobs)');
  addDatabaseOption(
    sync
      .command('add')
      .description('schedule an audience file (replaces the schedule writing the same file)')
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--platform <name>', `the ad platform: ${AUDIENCE_PLATFORMS.join(' | ')}`)
      .requiredOption('--out <file>', 'the CSV file the jobs rewrite, on the machine that runs them')
      .option('--segment <id-or-name>', 'only the members of this segment')
      .option('--include-without-consent', 'also customers without marketing consent', false)
      .option('--phone-country-code <code>', 'calling code for phones written without one')
      .option('--every-hours <n>', 'how often the file is rewritten', positiveInteger, 24)
      .option('--json', 'print the schedule as JSON', false),
  ).action(async (flags: ExportFlags & { everyHours: number }) => {
    const platform = platformOf(flags.platform);
    const defaultCallingCode = callingCodeOf(flags.phoneCountryCode);
    const layer = await loadAudienceLayer();
    const syncs = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      return layer.addAudienceSync(
        db,
        flags.store,
        {
          platform,
          out: resolve(flags.out),
          segment: flags.segment ?? null,
          includeWithoutConsent: flags.includeWithoutConsent,
          defaultCallingCode,
          everyHours: flags.everyHours,
        },
        layer.nowIso(),
      );
    });
    process.stdout.write(
      flags.json ? `${JSON.stringify(syncs, null, 2)}\n` : `${syncs.map(describeSync).join('\n')}\n`,
    );
  });
  addDatabaseOption(
    sync
      .command('list')
      .description('the scheduled audience files, with how the last run went')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadAudienceLayer();
    const syncs = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      return layer.listAudienceSyncs(db, flags.store);
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(syncs, null, 2)}\n`);
    else
      process.stdout.write(
        syncs.length === 0 ? 'no scheduled audience files\n' : `${syncs.map(describeSync).join('\n')}\n`,
      );
  });
  addDatabaseOption(
    sync
      .command('remove')
      .description('stop rewriting an audience file (the file itself is left where it is)')
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--out <file>', 'the file whose schedule to remove'),
  ).action(async (flags: DatabaseFlags & { store: string; out: string }) => {
    const layer = await loadAudienceLayer();
    const kept = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      return layer.removeAudienceSync(db, flags.store, resolve(flags.out), layer.nowIso());
    });
    process.stdout.write(`removed; ${kept.length} scheduled audience file${kept.length === 1 ? '' : 's'} left\n`);
  });
}
