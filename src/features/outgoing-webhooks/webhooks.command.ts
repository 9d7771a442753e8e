import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';

type StoreFlags = DatabaseFlags & { store: string; json: boolean };

/** Loaded only when a webhooks command runs. */
async function loadLayer() {
  const [layer, service] = await Promise.all([loadStoreLayer(), import('./webhook-endpoints.service.js')]);
  return { ...layer, ...service };
}

function storeCommand(parent: Command, name: string, description: string): Command {
  return addDatabaseOption(
    parent
      .command(name)
      .description(description)
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print JSON (what the API answers)', false),
  );
}

/**
 * `regulars webhooks add|list|remove|enable|test|log`: the store's outgoing webhook endpoints
 * (Standard Webhooks, docs/webhooks.md "Outgoing"). Incoming webhooks (Shopify, WooCommerce)
 * have no command of this name: they are set up with `regulars stores` and `regulars shopify`.
 */
export function registerOutgoingWebhooksCommand(program: Command): void {
  const webhooks = program
    .command('webhooks')
    .description("outgoing webhooks: send the store's events, signed (Standard Webhooks), to URLs of your systems");

  storeCommand(webhooks, 'add', 'register an endpoint; prints its id and its secret (shown this once)')
    .requiredOption('--url <url>', 'where the events are POSTed (https://...)')
    .requiredOption('--event <name...>', `the events to send: ${WEBHOOK_EVENT_TYPES.join(', ')}`)
    .action(async (flags: StoreFlags & { url: string; event: string[] }) => {
      const layer = await loadLayer();
      await layer.withDatabase(flags, async (db) => {
        await layer.getStore(db, flags.store);
        const added = await layer.addWebhookEndpoint(
          db,
          flags.store,
          { url: flags.url, events: flags.event },
          new Date().toISOString(),
        );
        if (flags.json) printJson({ id: added.id, secret: added.secret });
        else
          process.stdout.write(
            `endpoint ${added.id} added for ${added.events.join(', ')}\nsecret ${added.secret}\n` +
              'Keep the secret: the receiver verifies every delivery with it, and it is not shown again.\n',
          );
      });
    });

  storeCommand(webhooks, 'list', "the store's endpoints, their events and health").action(async (flags: StoreFlags) => {
    const layer = await loadLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const endpoints = await layer.webhookEndpointsOf(db, flags.store);
      if (flags.json) return printJson({ endpoints });
      if (endpoints.length === 0) return void process.stdout.write('no webhook endpoints\n');
      for (const e of endpoints) {
        const health =
          e.status === 'disabled'
            ? `DISABLED since ${e.disabledAt}: ${e.disabledReason}`
            : e.failingSince === null
              ? 'enabled'
              : `enabled, failing since ${e.failingSince} (${e.consecutiveFailures} failures)`;
        process.stdout.write(`${e.id}  ${e.url}  ${e.events.join(',')}  ${health}\n`);
      }
    });
  });

  storeCommand(webhooks, 'remove', 'delete an endpoint with its queued events and delivery log')
    .argument('<id>', 'the endpoint (whe_...)')
    .action(async (id: string, flags: StoreFlags) => {
      const layer = await loadLayer();
      await layer.withDatabase(flags, async (db) => {
        await layer.removeWebhookEndpoint(db, flags.store, id);
        if (flags.json) printJson({ id, removed: true });
        else process.stdout.write(`endpoint ${id} removed\n`);
      });
    });

  storeCommand(webhooks, 'enable', 'turn a disabled endpoint back on (events from now on reach it)')
    .argument('<id>', 'the endpoint (whe_...)')
    .action(async (id: string, flags: StoreFlags) => {
      const layer = await loadLayer();
      await layer.withDatabase(flags, async (db) => {
        const endpoint = await layer.enableWebhookEndpoint(db, flags.store, id, new Date().toISOString());
        if (flags.json) printJson(endpoint);
        else process.stdout.write(`endpoint ${id} enabled\n`);
      });
    });

  storeCommand(webhooks, 'test', 'send one signed webhook.test event to the endpoint now and say how it went')
    .argument('<id>', 'the endpoint (whe_...)')
    .action(async (id: string, flags: StoreFlags) => {
      const layer = await loadLayer();
      await layer.withDatabase(flags, async (db) => {
        const result = await layer.testWebhookEndpoint(db, flags.store, id, { now: new Date().toISOString() });
        if (flags.json) printJson(result);
        else
          process.stdout.write(
            result.delivered
              ? `delivered ${result.messageId}: the endpoint answered ${result.statusCode}\n`
              : `not delivered ${result.messageId}: ${result.error}; it is retried as any event\n`,
          );
        if (!result.delivered) process.exitCode = 1;
      });
    });

  storeCommand(webhooks, 'log', "an endpoint's newest events and every attempt to deliver them")
    .argument('<id>', 'the endpoint (whe_...)')
    .option('--limit <n>', 'events shown', positiveInteger, 20)
    .action(async (id: string, flags: StoreFlags & { limit: number }) => {
      const layer = await loadLayer();
      await layer.withDatabase(flags, async (db) => {
        const log = await layer.webhookDeliveryLog(db, flags.store, id, flags.limit);
        if (flags.json) return printJson({ messages: log });
        for (const m of log) {
          process.stdout.write(`${m.createdAt}  ${m.messageId}  ${m.eventType}  ${m.status} after ${m.attempts}\n`);
          for (const t of m.tries)
            process.stdout.write(
              `    #${t.attempt} ${t.at}  ${t.statusCode ?? '-'}  ${t.durationMs} ms${t.error === null ? '' : `  ${t.error}`}\n`,
            );
        }
      });
    });
}
