import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';

interface StoreFlags extends DatabaseFlags {
  store: string;
  json?: boolean;
}

async function loadShopDiscountsLayer() {
  const [layer, service, ids] = await Promise.all([
    loadStoreLayer(),
    import('./shop-discount-status.service.js'),
    import('../../platform/ids.js'),
  ]);
  return { ...layer, ...service, nowIso: ids.nowIso };
}

export function registerShopDiscountsCommand(program: Command): void {
  const command = program
    .command('shop-discounts')
    .description("the store's coupons as real discount codes in its shop (Shopify): what is pushed, pending, failed");
  addDatabaseOption(
    command
      .command('status')
      .description('pushes by status, each pending or failed one with its last error, and shop uses Regulars refused')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the status as JSON', false),
  ).action(async (flags: StoreFlags) => {
    const layer = await loadShopDiscountsLayer();
    const status = await layer.withDatabase(flags, (db) => layer.shopDiscountSyncStatus(db, flags.store));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return;
    }
    const platforms = Object.entries(status.counts);
    if (platforms.length === 0)
      process.stdout.write('no coupon pushed to a shop yet (is the Shopify app installed?)\n');
    for (const [platform, counts] of platforms)
      process.stdout.write(
        `${platform}: ${counts.pushed} pushed, ${counts.pending} pending, ${counts.failed} failed\n`,
      );
    for (const push of status.unpushed)
      process.stdout.write(
        `  ${push.status.toUpperCase()} ${push.code} (${push.couponId}) after ${push.attempts} attempt(s)` +
          `${push.lastError ? `: ${push.lastError}` : ''}` +
          `${push.status === 'failed' ? (push.nextAttemptAt ? `; next try ${push.nextAttemptAt}` : '; not retried: fix it, then `regulars shop-discounts retry`') : ''}\n`,
      );
    for (const use of status.refusedUses)
      process.stdout.write(`  REFUSED USE ${use.code} on order ${use.orderId}: ${use.reason ?? ''}\n`);
  });
  addDatabaseOption(
    command
      .command('retry')
      .description('make every failed push due now; the background jobs (regulars serve or regulars jobs) try them')
      .requiredOption('--store <id>', 'the store'),
  ).action(async (flags: StoreFlags) => {
    const layer = await loadShopDiscountsLayer();
    const retried = await layer.withDatabase(flags, (db) =>
      layer.retryShopDiscountPushes(db, flags.store, layer.nowIso()),
    );
    process.stdout.write(`${retried} failed push(es) due now\n`);
  });
}
