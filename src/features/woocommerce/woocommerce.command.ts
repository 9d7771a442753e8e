import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';

interface BackfillFlags extends DatabaseFlags {
  store: string;
  url: string;
  key: string;
  secret: string;
  restart: boolean;
  json: boolean;
}

/** `regulars woocommerce backfill`: the shop's order history through its REST API (docs/integrations.md). */
export function registerWooCommerceCommand(program: Command): void {
  const woocommerce = program.command('woocommerce').description('connect a WooCommerce shop (docs/integrations.md)');

  addDatabaseOption(
    woocommerce
      .command('backfill')
      .description(
        'read every order of a WooCommerce shop through its REST API (/wp-json/wc/v3/orders), 100 a page; a stopped run resumes where it stopped',
      )
      .requiredOption('--store <id>', 'the store to record the orders in')
      .requiredOption('--url <url>', "the shop's address, https://...")
      .requiredOption('--key <ck>', 'the REST API consumer key (ck_..., Read permission)')
      .requiredOption('--secret <cs>', 'the REST API consumer secret (cs_...)')
      .option('--restart', 'start at the first page even if an earlier run stopped midway', false)
      .option('--json', 'print the result as JSON', false),
  ).action(async (flags: BackfillFlags) => {
    const [{ withDatabase }, { backfillWooCommerce }] = await Promise.all([
      loadStoreLayer(),
      import('./backfill-woocommerce.service.js'),
    ]);
    const bar = createProgressBar(`backfilling ${flags.url}`);
    const result = await withDatabase(flags, (db) =>
      backfillWooCommerce(db, {
        storeId: flags.store,
        url: flags.url,
        key: flags.key,
        secret: flags.secret,
        restart: flags.restart,
        onProgress: (done, total) => bar.update(done, total),
      }).finally(() => bar.finish()),
    );
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
