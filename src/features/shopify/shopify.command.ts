import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import type { ShopifyAppStatus } from './shopify-app.service.js';

async function loadShopifyLayer() {
  const [layer, service, config] = await Promise.all([
    loadStoreLayer(),
    import('./shopify-app.service.js'),
    import('../../platform/config.js'),
  ]);
  return { ...layer, ...service, config: config.loadConfig().shopify };
}

function describeStatus(storeId: string, s: ShopifyAppStatus): string {
  if (s.state === 'not_connected')
    return `store ${storeId}: Shopify app not installed${s.configured ? '' : ' (this server has no Shopify app configured: docs/shopify.md)'}\n`;
  const lines = [
    `store ${storeId}: Shopify app ${s.state}, shop ${s.shop}`,
    `  scopes:     ${s.scopes.join(', ') || '(none)'}${s.missingScopes.length > 0 ? ` (missing ${s.missingScopes.join(', ')})` : ''}`,
    `  installed:  ${s.installedAt}`,
    ...(s.uninstalledAt ? [`  uninstalled: ${s.uninstalledAt}`] : []),
    `  webhooks:   ${s.webhooks.length} registered${s.webhooksRegisteredAt ? ` (${s.webhooksRegisteredAt})` : ''}: ${s.webhooks.map((w) => w.topic).join(', ') || '-'}`,
    ...(s.webhookError ? [`  webhook error: ${s.webhookError}`] : []),
    `  API version: ${s.apiVersion}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `regulars shopify connect|status|register-webhooks|data-requests|rotate-key` (docs/shopify.md). */
export function registerShopifyCommand(program: Command): void {
  const shopify = program
    .command('shopify')
    .description('the Regulars app in a Shopify shop: install, state, privacy exports');

  addDatabaseOption(
    shopify
      .command('connect')
      .description('print the URL the shop owner opens to install the app (valid 30 minutes)')
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--shop <domain>', 'the shop: sunny-beans.myshopify.com (or just sunny-beans)')
      .option('--json', 'print { "installUrl", "shop", "expiresAt", "scopes" } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; shop: string; json: boolean }) => {
    const layer = await loadShopifyLayer();
    const started = await layer.withDatabase(flags, (db) =>
      layer.startShopifyInstall(db, layer.config, { storeId: flags.store, shop: flags.shop, now: new Date() }),
    );
    if (flags.json) return printJson(started);
    process.stdout.write(
      `Open this URL as the owner of ${started.shop} to install Regulars (valid until ${started.expiresAt}).\n` +
        `It asks for: ${started.scopes.join(', ')}.\n${started.installUrl}\n`,
    );
  });

  addDatabaseOption(
    shopify
      .command('status')
      .description("the app's state in the store: installed or not, shop, scopes, install time, webhooks")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the state as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadShopifyLayer();
    const status = await layer.withDatabase(flags, (db) => layer.shopifyAppStatus(db, layer.config, flags.store));
    if (flags.json) return printJson(status);
    process.stdout.write(describeStatus(flags.store, status));
  });

  addDatabaseOption(
    shopify
      .command('register-webhooks')
      .description('register the webhook subscriptions missing in the shop (the install does it; this repairs)')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the registration as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadShopifyLayer();
    const result = await layer.withDatabase(flags, (db) =>
      layer.registerShopifyWebhooks(db, layer.config, flags.store, new Date()),
    );
    if (flags.json) return printJson(result);
    process.stdout.write(`${result.webhooks.length} webhook subscriptions, ${result.created} made now\n`);
  });

  addDatabaseOption(
    shopify
      .command('data-requests')
      .description('the exports made for customers/data_request; with --id, one export as JSON')
      .requiredOption('--store <id>', 'the store')
      .option('--id <dsr>', 'print this export (dsr_...)'),
  ).action(async (flags: DatabaseFlags & { store: string; id?: string }) => {
    const layer = await loadShopifyLayer();
    const id = flags.id;
    if (id !== undefined)
      return printJson(await layer.withDatabase(flags, (db) => layer.readDataRequest(db, flags.store, id)));
    printJson({ dataRequests: await layer.withDatabase(flags, (db) => layer.listDataRequests(db, flags.store)) });
  });

  addDatabaseOption(
    shopify
      .command('rotate-key')
      .description(
        're-encrypt every stored access token with REGULARS_SECRET_KEY (set the old key as REGULARS_SECRET_KEY_PREVIOUS first)',
      ),
  ).action(async (flags: DatabaseFlags) => {
    const layer = await loadShopifyLayer();
    const result = await layer.withDatabase(flags, (db) => layer.rotateShopifyTokens(db, layer.config, new Date()));
    process.stdout.write(
      `${result.resealed} tokens re-encrypted, ${result.current} already under the current key` +
        (result.unreadable.length > 0
          ? `; ${result.unreadable.length} opened by neither key (reinstall the app there): ${result.unreadable.join(', ')}`
          : '') +
        '\n',
    );
  });
}
