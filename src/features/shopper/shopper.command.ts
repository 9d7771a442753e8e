import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { RegularsError } from '../../platform/errors.js';
import { DEFAULT_ROTATION_GRACE_SECONDS, type ShopperSecrets } from './shopper-secret.js';
import { parseTtl } from './shopper-token.js';
import { registerShopperProgramCommand } from './shopper-program.command.js';

async function loadShopperLayer() {
  const [layer, secrets, ids] = await Promise.all([
    loadStoreLayer(),
    import('./shopper-secret.service.js'),
    import('../../platform/ids.js'),
  ]);
  return { ...layer, ...secrets, nowIso: ids.nowIso };
}

function secondsOf(text: string, option: string, allowZero = false): number {
  if (allowZero && text.trim() === '0') return 0;
  const seconds = parseTtl(text);
  if (seconds === null)
    throw new RegularsError('INVALID_ARGUMENT', `${option} must be a duration such as 30m, 24h or 7d, not ${text}`, {
      field: option,
    });
  return seconds;
}

function describeSecrets(storeId: string, secrets: ShopperSecrets): string {
  return (
    `shopper secret of store ${storeId}${secrets.rotatedAt ? ` (rotated ${secrets.rotatedAt})` : ''}:\n` +
    (secrets.previous !== null && secrets.previousValidUntil !== null
      ? `the previous secret verifies tokens until ${secrets.previousValidUntil}\n`
      : '') +
    `Give it to the store's backend only (it mints shopper tokens, docs/shopper.md); never put it in a page.\n` +
    `${secrets.current}\n`
  );
}

/** `regulars shopper token|secret`: shopper tokens for testing, and the secret the store's backend mints them with. */
export function registerShopperCommand(program: Command): void {
  const shopper = program
    .command('shopper')
    .description("shopper tokens: what a storefront sends to /v1/shopper/* instead of the store's API key");

  addDatabaseOption(
    shopper
      .command('token')
      .description("mint a shopper token for one customer (for testing: the store's backend mints its own)")
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--customer <externalId>', "the customer's id in the shop")
      .option('--ttl <duration>', 'how long it is valid: 30m, 24h, 7d', '24h')
      .option('--json', 'print { "token", "expiresAt" } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; customer: string; ttl: string; json: boolean }) => {
    const ttlSeconds = secondsOf(flags.ttl, '--ttl');
    if (flags.customer.trim() === '' || flags.customer.length > 255)
      throw new RegularsError('INVALID_ARGUMENT', '--customer must be the customer id, 1 to 255 characters', {
        field: '--customer',
      });
    const layer = await loadShopperLayer();
    const minted = await layer.withDatabase(flags, (db) =>
      layer.mintShopperToken(db, { storeId: flags.store, externalId: flags.customer, ttlSeconds, now: layer.nowIso() }),
    );
    if (flags.json) {
      printJson(minted);
      return;
    }
    process.stdout.write(
      `shopper token for customer ${flags.customer}, valid until ${minted.expiresAt}:\n${minted.token}\n`,
    );
  });

  addDatabaseOption(
    shopper
      .command('account')
      .description('show or change what the account page /a/{storeId} offers: the save offer shown before a cancel')
      .requiredOption('--store <id>', 'the store')
      .option('--save-offer <text>', 'the text shown to a customer who starts cancelling a subscription; "" for none')
      .option('--json', 'print the settings as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; saveOffer?: string; json: boolean }) => {
    const [layer, account] = await Promise.all([loadShopperLayer(), import('./shopper-account.service.js')]);
    const settings = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      return flags.saveOffer === undefined
        ? account.readAccountSettings(db, flags.store)
        : account.setAccountSettings(db, flags.store, { saveOffer: flags.saveOffer }, layer.nowIso());
    });
    if (flags.json) {
      printJson(settings);
      return;
    }
    process.stdout.write(`save offer: ${settings.saveOffer ?? '(none)'}\n`);
  });

  registerShopperProgramCommand(shopper);

  const secret = shopper.command('secret').description("the store's shopper secret, which signs shopper tokens");

  addDatabaseOption(
    secret
      .command('show')
      .description("print the store's shopper secret (made on first use)")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print { "secret", "previousValidUntil", "rotatedAt" } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const layer = await loadShopperLayer();
    const secrets = await layer.withDatabase(flags, (db) => layer.shopperSecrets(db, flags.store, layer.nowIso()));
    if (flags.json) {
      printJson({
        secret: secrets.current,
        previousValidUntil: secrets.previousValidUntil,
        rotatedAt: secrets.rotatedAt,
      });
      return;
    }
    process.stdout.write(describeSecrets(flags.store, secrets));
  });

  addDatabaseOption(
    secret
      .command('rotate')
      .description('make a new shopper secret; the old one keeps verifying tokens for the grace period')
      .requiredOption('--store <id>', 'the store')
      .option(
        '--grace <duration>',
        'how long the old secret stays valid: 24h (the default token life), 0 for a leak',
        '24h',
      )
      .option('--json', 'print { "secret", "previousValidUntil", "rotatedAt" } as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; grace: string; json: boolean }) => {
    const grace = flags.grace === '24h' ? DEFAULT_ROTATION_GRACE_SECONDS : secondsOf(flags.grace, '--grace', true);
    const layer = await loadShopperLayer();
    const secrets = await layer.withDatabase(flags, (db) =>
      layer.rotateShopperSecret(db, flags.store, layer.nowIso(), grace),
    );
    if (flags.json) {
      printJson({
        secret: secrets.current,
        previousValidUntil: secrets.previousValidUntil,
        rotatedAt: secrets.rotatedAt,
      });
      return;
    }
    process.stdout.write(describeSecrets(flags.store, secrets));
  });
}
