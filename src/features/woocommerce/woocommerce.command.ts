import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';

interface BackfillFlags extends DatabaseFlags {
  store: string;
  url?: string;
  key?: string;
  secret?: string;
  restart: boolean;
  json: boolean;
}

interface ConnectFlags extends DatabaseFlags {
  store: string;
  url: string;
  key: string;
  secret: string;
  json: boolean;
}

/**
 * `regulars woocommerce connect|disconnect|status|backfill`: the shop's REST access and order
 * history (docs/integrations.md).
 */
export function registerWooCommerceCommand(program: Command): void {
  const woocommerce = program.command('woocommerce').description('connect a WooCommerce shop (docs/integrations.md)');

  addDatabaseOption(
    woocommerce
      .command('connect')
      .description(
        "store the shop's address and REST keys, encrypted with REGULARS_SECRET_KEY: the backfill then needs no keys, and Regulars' coupons are created in the shop",
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--url <url>', "the shop's address, https://...")
      .requiredOption('--key <ck>', 'the REST API consumer key (ck_..., Read/Write permission: coupons are written)')
      .requiredOption('--secret <cs>', 'the REST API consumer secret (cs_...)')
      .option('--json', 'print the result as JSON', false),
  ).action(async (flags: ConnectFlags) => {
    const [{ withDatabase }, { connectWooCommerce }, { loadConfig }] = await Promise.all([
      loadStoreLayer(),
      import('./woocommerce-connection.service.js'),
      import('../../platform/config.js'),
    ]);
    const status = await withDatabase(flags, (db) =>
      connectWooCommerce(db, loadConfig().shopify, flags.store, flags, new Date().toISOString()),
    );
    if (flags.json) printJson(status);
    else process.stdout.write(`store ${flags.store} is connected to ${status.url} (REST keys stored encrypted)\n`);
  });

  addDatabaseOption(
    woocommerce
      .command('disconnect')
      .description("forget the shop's REST keys (webhooks keep working: they use --woocommerce-secret)")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the result as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const [{ withDatabase }, { disconnectWooCommerce }] = await Promise.all([
      loadStoreLayer(),
      import('./woocommerce-connection.service.js'),
    ]);
    const result = await withDatabase(flags, (db) => disconnectWooCommerce(db, flags.store));
    if (flags.json) printJson(result);
    else
      process.stdout.write(
        result.disconnected ? `store ${flags.store}: REST keys forgotten\n` : `store ${flags.store} had no REST keys\n`,
      );
  });

  addDatabaseOption(
    woocommerce
      .command('backfill')
      .description(
        'read every order of a WooCommerce shop through its REST API (/wp-json/wc/v3/orders), 100 a page; a stopped run resumes where it stopped',
      )
      .requiredOption('--store <id>', 'the store to record the orders in')
      .option('--url <url>', "the shop's address, https://... (default: the one stored by `woocommerce connect`)")
      .option('--key <ck>', 'the REST API consumer key (ck_..., Read permission; default: the stored one)')
      .option('--secret <cs>', 'the REST API consumer secret (cs_...; default: the stored one)')
      .option('--restart', 'start at the first page even if an earlier run stopped midway', false)
      .option('--json', 'print the result as JSON', false),
  ).action(async (flags: BackfillFlags) => {
    const [{ withDatabase }, { backfillWooCommerce }, { backfillApi }, { loadConfig }] = await Promise.all([
      loadStoreLayer(),
      import('./backfill-woocommerce.service.js'),
      import('./woocommerce-connection.service.js'),
      import('../../platform/config.js'),
    ]);
    const result = await withDatabase(flags, async (db) => {
      const api = await backfillApi(db, loadConfig().shopify, flags.store, flags, new Date().toISOString());
      const bar = createProgressBar(`backfilling ${api.url}`);
      return backfillWooCommerce(db, {
        storeId: flags.store,
        ...api,
        restart: flags.restart,
        onProgress: (done, total) => bar.update(done, total),
      }).finally(() => bar.finish());
    });
    if (flags.json) {
      printJson(result);
      return;
    }
    const o = result.orders;
    process.stdout.write(
      `backfilled ${result.url} into store ${result.storeId}: ${result.pagesRead} pages read` +
        (result.resumed ? ` (resumed at page ${result.startPage} of ${result.totalPages})` : '') +
        `\n  orders: ${o.processed} recorded, ${o.stale} kept (a newer version is stored), ${o.rejected} rejected\n`,
    );
    for (const r of result.rejections)
      process.stderr.write(`order ${r.orderId ?? '?'} (page ${r.page}), ${r.path}: ${r.code} ${r.reason}\n`);
  });
}
