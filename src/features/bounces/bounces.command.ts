import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { RegularsError } from '../../platform/errors.js';
import type { BounceFeedsView } from './bounce-settings.js';

interface ConfigureFlags extends DatabaseFlags {
  store: string;
  sesTopicArn?: string[];
  postmarkUser?: string;
  postmarkPassword?: string;
  sendgridPublicKey?: string;
  sendgridUnsigned: boolean;
  mailgunSigningKey?: string;
  disable?: string[];
  json: boolean;
}

function printFeeds(storeId: string, view: BounceFeedsView): void {
  const line = (name: string, text: string | null) => `  ${name.padEnd(9)}${text ?? 'not connected'}\n`;
  process.stdout.write(
    `bounce feeds of store ${storeId}:\n` +
      line('ses', view.ses ? `topics ${view.ses.topicArns.join(', ')}` : null) +
      line('postmark', view.postmark ? `basic auth as ${view.postmark.username}` : null) +
      line(
        'sendgrid',
        view.sendgrid ? (view.sendgrid.signed ? 'signed (ECDSA key set)' : 'UNSIGNED posts accepted') : null,
      ) +
      line('mailgun', view.mailgun ? 'signing key set' : null) +
      `webhooks: POST /webhooks/bounces/{ses|postmark|sendgrid|mailgun}/${storeId} (docs/integrations.md)\n`,
  );
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** `regulars bounces configure|list|smtp`: the bounce and complaint feeds (docs/integrations.md). */
export function registerBouncesCommand(program: Command): void {
  const bounces = program
    .command('bounces')
    .description('bounce and complaint feeds from ESP webhooks and SMTP delivery reports (docs/integrations.md)');

  addDatabaseOption(
    bounces
      .command('configure')
      .description("connect, change or disconnect a store's bounce feeds; with no option, show them")
      .requiredOption('--store <id>', 'the store')
      .option('--ses-topic-arn <arn>', 'accept SES notifications from this SNS topic (repeatable)', collect)
      .option('--postmark-user <name>', 'the basic-auth user written into the Postmark webhook URL')
      .option('--postmark-password <password>', 'the basic-auth password written into the Postmark webhook URL')
      .option(
        '--sendgrid-public-key <key>',
        "the Signed Event Webhook's verification key (base64, as SendGrid shows it)",
      )
      .option(
        '--sendgrid-unsigned',
        'accept SendGrid posts without a signature (signing turned off in SendGrid)',
        false,
      )
      .option('--mailgun-signing-key <key>', "Mailgun's HTTP webhook signing key")
      .option('--disable <feed>', 'disconnect a feed: ses, postmark, sendgrid or mailgun (repeatable)', collect)
      .option('--json', 'print the feeds as JSON', false),
  ).action(async (flags: ConfigureFlags) => {
    if ((flags.postmarkUser === undefined) !== (flags.postmarkPassword === undefined))
      throw new RegularsError('INVALID_ARGUMENT', 'give --postmark-user and --postmark-password together', {
        field: '--postmark-user',
      });
    if (flags.sendgridUnsigned && flags.sendgridPublicKey !== undefined)
      throw new RegularsError('INVALID_ARGUMENT', 'give --sendgrid-public-key or --sendgrid-unsigned, not both', {
        field: '--sendgrid-unsigned',
      });
    const [{ withDatabase }, settings] = await Promise.all([loadStoreLayer(), import('./bounce-settings.service.js')]);
    const changes = {
      sesTopicArns: flags.sesTopicArn,
      postmark:
        flags.postmarkUser === undefined
          ? undefined
          : { username: flags.postmarkUser, password: flags.postmarkPassword ?? '' },
      sendgridPublicKey: flags.sendgridUnsigned ? null : flags.sendgridPublicKey,
      mailgunSigningKey: flags.mailgunSigningKey,
      disable: flags.disable,
    };
    const changing = Object.values(changes).some((value) => value !== undefined);
    const view = await withDatabase(flags, (db) =>
      changing ? settings.configureBounceFeeds(db, flags.store, changes) : settings.bounceFeedsStatus(db, flags.store),
    );
    if (flags.json) printJson(view);
    else printFeeds(flags.store, view);
  });

  addDatabaseOption(
    bounces
      .command('list')
      .description('the latest bounces and complaints recorded, newest first')
      .requiredOption('--store <id>', 'the store')
      .option('--address <email>', 'only this address')
      .option('--limit <n>', 'how many (1 to 1000)', '50')
      .option('--json', 'print them as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; address?: string; limit: string; json: boolean }) => {
    const [{ withDatabase }, { listBounces }] = await Promise.all([loadStoreLayer(), import('./bounces.service.js')]);
    const rows = await withDatabase(flags, (db) =>
      listBounces(db, flags.store, { limit: Number(flags.limit), address: flags.address }),
    );
    if (flags.json) {
      printJson(rows);
      return;
    }
    for (const row of rows)
      process.stdout.write(
        `${row.receivedAt}  ${row.kind.padEnd(11)}  ${row.provider.padEnd(8)}  ${row.address}` +
          `${row.outboxMessageId ? `  ${row.outboxMessageId}` : ''}${row.detail ? `  ${row.detail}` : ''}\n`,
      );
    if (rows.length === 0) process.stdout.write('no bounces recorded\n');
  });

  addDatabaseOption(
    bounces
      .command('smtp')
      .description(
        'receive delivery status notifications (RFC 3464) and complaint reports (ARF) by SMTP for a store, and suppress hard bounces and complaints; runs until stopped',
      )
      .requiredOption('--store <id>', 'the store whose bounce address this server receives')
      .option('--port <n>', 'the port to listen on', '2525')
      .option('--host <address>', 'the address to listen on', '0.0.0.0'),
  ).action(async (flags: DatabaseFlags & { store: string; port: string; host: string }) => {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new RegularsError('INVALID_ARGUMENT', `--port must be a port number, not ${flags.port}`, {
        field: '--port',
      });
    const [{ withDatabase, getStore }, { startDsnReceiver }] = await Promise.all([
      loadStoreLayer(),
      import('./dsn-receiver.adapter.js'),
    ]);
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const receiver = await startDsnReceiver({
        db,
        storeId: flags.store,
        port,
        host: flags.host,
        onReceipt: (receipt) =>
          process.stdout.write(
            receipt.report
              ? `report from ${receipt.from || '<>'}: ${receipt.recorded} recorded, ${receipt.duplicates} already recorded, ${receipt.suppressed} suppressed, ${receipt.matched} matched in the outbox\n`
              : `email from ${receipt.from || '<>'} is not a delivery or feedback report: accepted, nothing recorded\n`,
          ),
        onError: (error) => process.stderr.write(`${(error as Error).message}\n`),
      });
      process.stdout.write(`receiving bounce reports for store ${flags.store} on ${flags.host}:${receiver.port}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await receiver.close();
    });
  });
}
