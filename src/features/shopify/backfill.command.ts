import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar, type Progress } from '../../platform/cli/progress-bar.js';
import type { BackfillPhaseResult, BackfillResult } from './backfill-shopify.service.js';

// ---------------------------------------------------------------------------------------------
// `regulars shopify backfill --store ID [--shop DOMAIN --access-token TOKEN]`

interface BackfillFlags extends DatabaseFlags {
  store: string;
  shop?: string;
  adminUrl?: string;
  accessToken?: string;
  pollInterval: string;
  json: boolean;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The `shopify` group, shared with the other Shopify verbs whichever registers first. */
function shopifyCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'shopify') ??
    program.command('shopify').description("the store's Shopify connection (docs/shopify.md)")
  );
}

/** Where the Admin API is: --admin-url as given (a local fake, a proxy), else https://<shop>. */
export function adminUrlOf(flags: { shop?: string; adminUrl?: string }): string {
  if (flags.adminUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(flags.adminUrl);
    } catch {
      throw new RegularsError('INVALID_ARGUMENT', `--admin-url ${flags.adminUrl} is not a URL`, {
        option: '--admin-url',
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new RegularsError('INVALID_ARGUMENT', `--admin-url must be an http(s) URL`, { option: '--admin-url' });
    return flags.adminUrl.replace(/\/+$/, '');
  }
  const shop = flags.shop?.trim().toLowerCase();
  if (!shop)
    throw new RegularsError('INVALID_ARGUMENT', 'say which shop: --shop brew-co.myshopify.com', { option: '--shop' });
  if (!SHOP_DOMAIN.test(shop))
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--shop ${flags.shop} is not a shop's myshopify.com domain (such as brew-co.myshopify.com)`,
      { option: '--shop' },
    );
  return `https://${shop}`;
}

export function registerShopifyBackfillCommand(program: Command): void {
  addDatabaseOption(
    shopifyCommand(program)
      .command('backfill')
      .description(
        "bring a store's Shopify customers (with consent), products (handles) and orders in through bulk operations; resumes where a stopped run left off (docs/shopify.md)",
      )
      .requiredOption('--store <id>', 'the store to fill (sto_..., from `regulars stores list`)')
      .option('--shop <domain>', "the shop's myshopify.com domain, e.g. brew-co.myshopify.com")
      .option(
        '--access-token <token>',
        "an Admin API access token (a custom app's, with read_customers, read_orders, read_products, read_all_orders); default: the installed app's stored token",
      )
      .option(
        '--admin-url <url>',
        "the Admin API's address instead of https://<shop> (a proxy, or a local test double)",
      )
      .option('--poll-interval <ms>', 'how often to look at a running bulk operation', '2000')
      .option('--json', 'print the result as JSON', false),
  ).action(async (flags: BackfillFlags) => {
    // Checked before the database is opened: a typo costs nothing.
    if (flags.accessToken !== undefined) adminUrlOf(flags);
    const pollIntervalMs = Number(flags.pollInterval);
    if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 1)
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `--poll-interval ${flags.pollInterval} is not a whole number of milliseconds`,
        {
          option: '--poll-interval',
        },
      );
    const [{ withDatabase }, { backfillShopify }, { installedAdminConnection }, { loadConfig }] = await Promise.all([
      loadStoreLayer(),
      import('./backfill-shopify.service.js'),
      import('./shopify-app.service.js'),
      import('../../platform/config.js'),
    ]);
    const bars = new Map<string, Progress>();
    let open: Progress | null = null;
    let waiting = false;
    const result = await withDatabase(flags, async (db) =>
      backfillShopify(db, {
        storeId: flags.store,
        connection:
          flags.accessToken !== undefined
            ? { adminUrl: adminUrlOf(flags), accessToken: flags.accessToken }
            : await storedConnection(flags, () => installedAdminConnection(db, loadConfig().shopify, flags.store)),
        pollIntervalMs,
        onProgress: (p) => {
          if (p.state === 'waiting') {
            // Shopify may take minutes to run a big query: say so on a terminal, where the bar will be.
            if (process.stderr.isTTY)
              process.stderr.write(
                `\rwaiting for Shopify's ${p.phase} bulk query: ${n(p.done)} objects read so far   `,
              );
            waiting = true;
            return;
          }
          if (p.total === null) return;
          if (waiting && process.stderr.isTTY) process.stderr.write('\n');
          waiting = false;
          let bar = bars.get(p.phase);
          if (!bar) {
            open?.finish();
            bar = createProgressBar(`backfilling ${p.phase}`);
            bars.set(p.phase, bar);
            open = bar;
          }
          bar.update(p.done, p.total);
        },
      }).finally(() => (open as Progress | null)?.finish()),
    );
    if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(describeBackfill(result));
  });
}

/**
 * The installed app's connection (its shop, its stored token), when no --access-token is given.
 * --shop, if given, must be that shop; --admin-url replaces where the Admin API is reached.
 */
async function storedConnection(
  flags: BackfillFlags,
  installed: () => Promise<{ shop: string; adminUrl: string; accessToken: string }>,
): Promise<{ adminUrl: string; accessToken: string }> {
  let stored;
  try {
    stored = await installed();
  } catch (error) {
    if (error instanceof RegularsError && error.code === 'SHOPIFY_NOT_INSTALLED')
      throw new RegularsError(
        'SHOPIFY_NOT_INSTALLED',
        `${error.message} to take the access token from: install it (regulars shopify connect --store ${flags.store} --shop SHOP), or give a custom app's token with --shop and --access-token`,
        { ...error.details, option: '--access-token' },
      );
    throw error;
  }
  const shop = flags.shop?.trim().toLowerCase();
  if (shop !== undefined && shop !== stored.shop)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--shop ${flags.shop} is not the shop the app is installed in (${stored.shop}); give --access-token for another shop`,
      { option: '--shop' },
    );
  return {
    adminUrl: flags.adminUrl !== undefined ? adminUrlOf({ adminUrl: flags.adminUrl }) : stored.adminUrl,
    accessToken: stored.accessToken,
  };
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function phaseLine(name: string, r: BackfillPhaseResult): string {
  const resumed = r.resumedAtLine > 0 ? ` (resumed at line ${n(r.resumedAtLine)})` : '';
  const stale = r.stale > 0 ? `, ${n(r.stale)} kept (a webhook stored a later version)` : '';
  return `  ${name} ${n(r.records)} from ${n(r.lines)} lines${resumed}: ${n(r.created)} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged${stale}`;
}

function describeBackfill(r: BackfillResult): string {
  const lines = [
    `backfilled store ${r.storeId} from Shopify (shop time zone ${r.timeZone})`,
    phaseLine('customers:', r.customers),
    `  products:  ${n(r.products.records)} from ${n(r.products.lines)} lines: ${n(r.products.updated)} variants written by SKU${r.products.stale > 0 ? `, ${n(r.products.stale)} kept (a webhook stored a later version)` : ''}${r.products.variantsWithoutSku > 0 ? `, ${n(r.products.variantsWithoutSku)} without a SKU skipped` : ''}`,
    phaseLine('orders:   ', r.orders),
    `  consent:   ${n(r.consent.granted)} granted, ${n(r.consent.revoked)} revoked, ${n(r.consent.pending)} pending recorded (source shopify), ${n(r.consent.unchanged)} already on record`,
    `  matched by email: ${n(r.matchedByEmail.rekeyed)} re-keyed to Shopify's id, ${n(r.matchedByEmail.merged)} merged`,
    ...r.matchedByEmail.conflicts.map(
      (c) =>
        `  not merged: ${c.fromCustomerId} into ${c.customerId} (Shopify customer ${c.externalId}): ${c.reason}; settle it with \`regulars customers merge\``,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
