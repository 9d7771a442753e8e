import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';
import { addMetricsOptions, type MetricsFlags } from '../../platform/cli/metrics-options.js';
import { processHolderId } from '../../platform/jobs/job-lease.service.js';
import type { BreakerSnapshot } from './transport-breaker.js';

interface WorkerFlags extends DatabaseFlags, MetricsFlags {
  store?: string;
  once: boolean;
  concurrency: number;
  batch: number;
  leaseSeconds: number;
  templates?: string;
}

/** Loaded only when a worker or outbox command runs. */
async function loadDeliveryLayer() {
  const [layer, worker, email, webhook, webhookChannel, mailer, templates, outbox, config, sms] = await Promise.all([
    loadStoreLayer(),
    import('./delivery-worker.service.js'),
    import('./deliver-email.service.js'),
    import('./deliver-webhook.service.js'),
    import('../messaging/index.js'),
    import('../messaging/index.js'),
    import('../messaging/index.js'),
    import('./outbox-status.service.js'),
    import('../../platform/config.js'),
    import('../sms/index.js'),
  ]);
  return {
    ...layer,
    ...worker,
    ...email,
    ...webhook,
    ...webhookChannel,
    ...mailer,
    ...templates,
    ...outbox,
    ...config,
    ...sms,
  };
}

/** The worker's line when a channel's breaker changes state (docs/delivery.md "When the mail server is down"). */
function breakerLine(channel: string, breaker: BreakerSnapshot): string {
  if (breaker.state === 'closed') return `${channel} transport is back: sending resumed`;
  if (breaker.state === 'half-open') return `${channel} transport: probing with one message`;
  return (
    `${channel} transport is down since ${breaker.since} (${breaker.failures} failures in a row, last: ${breaker.lastError}); ` +
    `sending paused until ${breaker.retryAt}; messages keep their attempts`
  );
}

export function registerWorkerCommand(program: Command): void {
  addDatabaseOption(
    addMetricsOptions(program.command('worker'))
      .description(
        'deliver the outbox: send due messages (email over REGULARS_SMTP_URL, webhook messages to REGULARS_WEBHOOK_URL), with consent, suppression, caps and quiet hours checked at send time',
      )
      .option('--store <id>', "only this store's messages (default: every store)")
      .option('--once', 'deliver what is due now, then exit', false)
      .option('--concurrency <n>', 'messages in flight at once', positiveInteger, 8)
      .option('--batch <n>', 'messages leased per claim', positiveInteger, 100)
      .option(
        '--lease-seconds <n>',
        'how long a claimed message is reserved for this worker; a message whose worker died is sent again after it',
        positiveInteger,
        300,
      )
      .option('--templates <dir>', 'templates folder (default: the built-in templates)'),
  ).action(async (flags: WorkerFlags) => {
    const layer = await loadDeliveryLayer();
    const { messaging, dkim } = layer.loadConfig();
    if (messaging.smtpUrl === null && messaging.webhookUrl === null) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'set REGULARS_SMTP_URL (smtp://user:pass@host:587) to send email, or REGULARS_WEBHOOK_URL for the webhook channel, or both',
        { field: 'REGULARS_SMTP_URL' },
      );
    }
    if (messaging.smtpUrl !== null && messaging.mailFrom === null)
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'set REGULARS_MAIL_FROM ("Shop <hello@shop.example>"), the From of every email',
        { field: 'REGULARS_MAIL_FROM' },
      );
    if (messaging.publicUrl === null) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'set REGULARS_PUBLIC_URL (https://regulars.shop.example), where the unsubscribe links in every email point',
        { field: 'REGULARS_PUBLIC_URL' },
      );
    }
    const publicUrl = messaging.publicUrl;
    const mailer =
      messaging.smtpUrl === null
        ? null
        : layer.createSmtpMailer({
            url: messaging.smtpUrl,
            pool: true,
            maxConnections: Math.min(flags.concurrency, 10),
            dkim,
          });
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await layer.withDatabase(flags, async (db) => {
        const clock = () => new Date().toISOString();
        const templatesDir = flags.templates ?? layer.builtInTemplatesDir();
        const channels = {
          // Each store's own provider account (regulars sms configure), read at send time.
          sms: layer.createSmsChannel({ db, templatesDir, clock }),
          ...(mailer === null
            ? {}
            : {
                email: layer.createEmailChannel({
                  db,
                  mailer,
                  templatesDir,
                  from: messaging.mailFrom as string,
                  publicUrl,
                  unsubscribeMailto: messaging.unsubscribeMailto,
                  clock,
                }),
              }),
          ...(messaging.webhookUrl === null
            ? {}
            : {
                webhook: layer.createWebhookChannel({
                  db,
                  sender: layer.createWebhookSender({
                    url: messaging.webhookUrl,
                    secret: messaging.webhookSecret as string,
                  }),
                  templatesDir,
                  publicUrl,
                  clock,
                }),
              }),
        };
        // The sends and failures are counted here, in the worker: its own metrics port shows them.
        if (flags.metricsPort !== undefined && !flags.once) {
          const [{ watchOutbox }, { startMetricsServer }] = await Promise.all([
            import('../../platform/metrics/metrics.js'),
            import('../../platform/metrics/metrics.route.js'),
          ]);
          watchOutbox(() => layer.outboxBacklog(db));
          const metrics = await startMetricsServer({ port: flags.metricsPort, host: flags.metricsHost });
          controller.signal.addEventListener('abort', () => void metrics.close(), { once: true });
        }
        const workerId = processHolderId();
        process.stderr.write(
          `worker ${workerId} delivering ${flags.store === undefined ? 'every store' : `store ${flags.store}`}${flags.once ? ' (once)' : '; Ctrl-C stops'}\n`,
        );
        const totals = await layer.runDeliveryWorker(
          { db, channels, workerId, clock, leaseMs: flags.leaseSeconds * 1000 },
          {
            storeId: flags.store,
            once: flags.once,
            concurrency: flags.concurrency,
            batchSize: flags.batch,
            signal: controller.signal,
            onBreakerChange: (channel, breaker) => process.stderr.write(`${breakerLine(channel, breaker)}\n`),
            onError: (error, id) =>
              process.stderr.write(
                `message ${id}: ${error instanceof Error ? error.message : String(error)} (it is delivered again when its lease ends)\n`,
              ),
            onRoundError: (error, retryInMs) =>
              process.stderr.write(
                `delivery round failed: ${error instanceof Error ? error.message || error.name : String(error)} (trying again in ${retryInMs / 1000} s)\n`,
              ),
          },
        );
        process.stdout.write(
          `sent ${totals.sent}, postponed ${totals.postponed}, skipped ${totals.skipped}, retried ${totals.retried}, failed ${totals.failed}` +
            (totals.deferred > 0
              ? `, ${totals.deferred} put back while the transport was down (attempts unchanged)`
              : '') +
            (totals.lost_lease > 0 ? `, ${totals.lost_lease} taken over by another worker` : '') +
            (totals.errors > 0 ? `, ${totals.errors} errors (see above)` : '') +
            '\n',
        );
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await mailer?.close();
    }
  });

  const outbox = program.command('outbox').description('look into the message outbox');
  addDatabaseOption(
    outbox
      .command('status')
      .description("count a store's outbox messages by flow and status")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print [{ "flow", "status", "count" }] as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadDeliveryLayer();
    await layer.withDatabase(flags, async (db) => {
      const counts = await layer.outboxStatus(db, flags.store);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
        return;
      }
      if (counts.length === 0) {
        process.stdout.write('the outbox is empty\n');
        return;
      }
      const width = Math.max(4, ...counts.map((c) => c.flow.length));
      process.stdout.write(`${'flow'.padEnd(width)}  ${'status'.padEnd(9)}  count\n`);
      for (const c of counts) process.stdout.write(`${c.flow.padEnd(width)}  ${c.status.padEnd(9)}  ${c.count}\n`);
      const waiting = await layer.outboxTransportWait(db, flags.store);
      if (waiting.count > 0)
        process.stdout.write(
          `${waiting.count} postponed because a transport was down (attempts unchanged), due again from ${waiting.nextAt}; last: ${waiting.lastReason}\n`,
        );
    });
  });
}
