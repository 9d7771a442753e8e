import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';
import type { SmsSettingsView } from './sms-settings.js';

interface ConfigureFlags extends DatabaseFlags {
  store: string;
  baseUrl?: string;
  accountSid?: string;
  authToken?: string;
  from?: string;
  messagingServiceSid?: string;
  maxSegments?: number;
  helpReply?: string;
  json: boolean;
}

function describeSettings(settings: SmsSettingsView | null): string {
  if (settings === null) return 'SMS is not configured\n';
  return (
    `SMS through ${settings.baseUrl}, account ${settings.accountSid} (auth token set)\n` +
    `  sender: ${settings.from ?? `messaging service ${settings.messagingServiceSid}`}\n` +
    `  at most ${settings.maxSegments} message${settings.maxSegments > 1 ? 's' : ''} per SMS` +
    (settings.helpReply === null ? '' : `\n  HELP answers: ${settings.helpReply}`) +
    '\n'
  );
}

async function loadSmsLayer() {
  const [layer, service] = await Promise.all([loadStoreLayer(), import('./sms-settings.service.js')]);
  return { ...layer, ...service };
}

/** `regulars sms configure|show|remove`: the store's SMS provider account (docs/integrations.md "SMS"). */
export function registerSmsCommand(program: Command): void {
  const sms = program.command('sms').description("a store's SMS provider account: Twilio or a compatible API");

  addDatabaseOption(
    sms
      .command('configure')
      .description("set or change the store's SMS account; options left out keep their stored value")
      .requiredOption('--store <id>', 'the store')
      .option('--base-url <url>', 'the API address (default https://api.twilio.com), for a Twilio-compatible provider')
      .option('--account-sid <sid>', 'the account SID (AC...)')
      .option(
        '--auth-token <token>',
        'the auth token (also checks X-Twilio-Signature on inbound SMS); never shown again',
      )
      .option('--from <sender>', 'the sending number in E.164 (+447700900123) or an alphanumeric sender id')
      .option('--messaging-service-sid <sid>', 'a Messaging Service (MG...) that picks the sender instead of --from')
      .option('--max-segments <n>', 'the most messages one SMS may be split into (default 1)', positiveInteger)
      .option('--help-reply <text>', 'what a HELP reply answers')
      .option('--json', 'print the settings as JSON', false),
  ).action(async (flags: ConfigureFlags) => {
    const layer = await loadSmsLayer();
    const changes = {
      baseUrl: flags.baseUrl,
      accountSid: flags.accountSid,
      authToken: flags.authToken,
      from: flags.from,
      messagingServiceSid: flags.messagingServiceSid,
      maxSegments: flags.maxSegments,
      helpReply: flags.helpReply,
    };
    const settings = await layer.withDatabase(flags, (db) =>
      layer.changeSmsSettings(db, flags.store, changes, new Date().toISOString()),
    );
    if (flags.json) printJson(settings);
    else process.stdout.write(describeSettings(settings));
  });

  addDatabaseOption(
    sms
      .command('show')
      .description("show the store's SMS account (never the auth token)")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the settings as JSON (null when not configured)', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadSmsLayer();
    const settings = await layer.withDatabase(flags, (db) => layer.readSmsSettingsView(db, flags.store));
    if (flags.json) printJson(settings);
    else process.stdout.write(describeSettings(settings));
  });

  addDatabaseOption(
    sms
      .command('remove')
      .description("remove the store's SMS account: SMS messages then fail with SMS_NOT_CONFIGURED")
      .requiredOption('--store <id>', 'the store'),
  ).action(async (flags: DatabaseFlags & { store: string }) => {
    const layer = await loadSmsLayer();
    await layer.withDatabase(flags, (db) => layer.changeSmsSettings(db, flags.store, null, new Date().toISOString()));
    process.stdout.write(`store ${flags.store}: SMS account removed\n`);
  });
}
