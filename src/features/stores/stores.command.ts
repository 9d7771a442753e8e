import type { Command } from 'commander';
import type { ApiKey, Store } from '../../platform/stores/store.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';

/** A store as listed: never its Shopify secret, only whether it has one. */
function storeListing(store: Store, keys: readonly ApiKey[]) {
  return {
    id: store.id,
    name: store.name,
    createdAt: store.createdAt,
    shopifyConnected: store.shopifySecret !== null,
    apiKeys: keys.map((k) => ({
      id: k.id,
      prefix: k.prefix,
      name: k.name,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
    })),
  };
}

export function registerStoresCommand(program: Command): void {
  const stores = program.command('stores').description('create stores, list them with their API keys, revoke keys');

  addDatabaseOption(
    stores
      .command('create')
      .description('create a store and its first API key; the key is shown once and stored only as a hash')
      .argument('<name>', "the store's name")
      .option('--shopify-secret <secret>', "the app's shared secret, to verify Shopify webhooks")
      .option('--json', 'print { "id", "apiKey", "apiKeyId" } as JSON', false),
  ).action(async (name: string, flags: DatabaseFlags & { shopifySecret?: string; json: boolean }) => {
    const { withDatabase, createStore } = await loadStoreLayer();
    await withDatabase(flags, async (db) => {
      const { store, apiKey } = await createStore(db, { name, shopifySecret: flags.shopifySecret ?? null });
      if (flags.json) {
        printJson({ id: store.id, apiKey: apiKey.plaintext, apiKeyId: apiKey.key.id });
        return;
      }
      process.stdout.write(
        `created store ${store.name} (${store.id})\n` +
          `API key ${apiKey.key.id}: ${apiKey.plaintext}\n` +
          `Keep the key now: it is not stored and cannot be shown again.\n`,
      );
    });
  });

  addDatabaseOption(
    stores
      .command('list')
      .description('list the stores with their API keys (prefixes only, never the keys)')
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { json: boolean }) => {
    const { withDatabase, listStores, listApiKeys } = await loadStoreLayer();
    await withDatabase(flags, async (db) => {
      const listing = [];
      for (const store of await listStores(db)) listing.push(storeListing(store, await listApiKeys(db, store.id)));
      if (flags.json) {
        printJson(listing);
        return;
      }
      if (listing.length === 0) {
        process.stdout.write('no stores yet; create one with: regulars stores create NAME\n');
        return;
      }
      const lines: string[] = [];
      for (const store of listing) {
        lines.push(
          `${store.id}  ${store.name}  (created ${store.createdAt}${store.shopifyConnected ? ', Shopify connected' : ''})`,
        );
        for (const key of store.apiKeys) {
          lines.push(
            `  ${key.id}  ${key.prefix}...  ${key.name}  ${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}`,
          );
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  });

  addDatabaseOption(
    stores
      .command('revoke-key')
      .description('revoke an API key of a store; a running server refuses it within 2 seconds')
      .argument('<key-id>', "the key's id (key_...), from `regulars stores list`")
      .requiredOption('--store <id>', 'the store the key belongs to'),
  ).action(async (keyId: string, flags: DatabaseFlags & { store: string }) => {
    const { withDatabase, revokeApiKey } = await loadStoreLayer();
    await withDatabase(flags, async (db) => {
      const key = await revokeApiKey(db, flags.store, keyId);
      process.stdout.write(
        `revoked API key ${key.id} (${key.prefix}..., ${key.name}) of store ${key.storeId} at ${key.revokedAt}\n`,
      );
    });
  });

  addDatabaseOption(
    stores
      .command('profile')
      .description(
        'show or change the shop profile every message carries: name, web address, support email, postal address, locale',
      )
      .argument('<id>', 'the store')
      .option('--name <name>', 'the name messages show (default: the store name)')
      .option('--url <url>', "the shop's web address, https://...")
      .option('--support-email <email>', 'where customers write to')
      .option('--address <text>', 'the postal address in every footer (CAN-SPAM)')
      .option('--locale <tag>', 'a language tag such as en-GB')
      .option('--json', 'print the profile as JSON', false),
  ).action(
    async (
      id: string,
      flags: DatabaseFlags & {
        name?: string;
        url?: string;
        supportEmail?: string;
        address?: string;
        locale?: string;
        json: boolean;
      },
    ) => {
      const [{ withDatabase }, profiles, ids] = await Promise.all([
        loadStoreLayer(),
        import('./shop-profile.service.js'),
        import('../../platform/ids.js'),
      ]);
      const changes: Record<string, string> = {};
      for (const field of ['name', 'url', 'supportEmail', 'address', 'locale'] as const)
        if (flags[field] !== undefined) changes[field] = flags[field] as string;
      const profile = await withDatabase(flags, (db) =>
        Object.keys(changes).length === 0
          ? profiles.readShopProfile(db, id)
          : profiles.updateShopProfile(db, id, changes, ids.nowIso()),
      );
      if (flags.json) {
        printJson(profile);
        return;
      }
      for (const [field, value] of Object.entries(profile)) process.stdout.write(`${field}: ${value ?? '(not set)'}\n`);
    },
  );
}
