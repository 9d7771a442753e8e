import type { Command } from 'commander';
import type { ApiKey, Store } from '../../platform/stores/store.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { RegularsError } from '../../platform/errors.js';
import type { DeliverySettingsFlags } from '../delivery/index.js';

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
  const stores = program
    .command('stores')
    .description('create stores, list them, manage their API keys, settings and profile');

  addDatabaseOption(
    stores
      .command('create')
      .description('create a store and its first API key; the key is shown once and stored only as a hash')
      .argument('<name>', "the store's name")
      .option('--shopify-secret <secret>', "the app's shared secret, to verify Shopify webhooks")
      .option(
        '--woocommerce-secret <secret>',
        "the secret of the shop's WooCommerce webhooks, to verify them (docs/integrations.md)",
      )
      .option('--json', 'print { "id", "apiKey", "apiKeyId" } as JSON', false),
  ).action(
    async (
      name: string,
      flags: DatabaseFlags & { shopifySecret?: string; woocommerceSecret?: string; json: boolean },
    ) => {
      const { withDatabase, createStore } = await loadStoreLayer();
      await withDatabase(flags, async (db) => {
        const { store, apiKey } = await createStore(db, { name, shopifySecret: flags.shopifySecret ?? null });
        if (flags.woocommerceSecret !== undefined) {
          const { setWooCommerceSecret } = await import('../woocommerce/index.js');
          await setWooCommerceSecret(db, store.id, flags.woocommerceSecret);
        }
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
    },
  );

  addDatabaseOption(
    stores
      .command('update')
      .description(
        "show or change a store's connections: the secrets its Shopify or WooCommerce webhooks are verified with",
      )
      .argument('<id>', 'the store')
      .option('--shopify-secret <secret>', "the Shopify app's shared secret ('none' disconnects Shopify)")
      .option(
        '--woocommerce-secret <secret>',
        "the secret of the shop's WooCommerce webhooks ('none' disconnects WooCommerce; docs/integrations.md)",
      )
      .option('--json', 'print { "id", "shopifyConnected", "wooCommerceConnected" } as JSON', false),
  ).action(
    async (
      id: string,
      flags: DatabaseFlags & { shopifySecret?: string; woocommerceSecret?: string; json: boolean },
    ) => {
      const [{ withDatabase, getStore }, shopify, woocommerce] = await Promise.all([
        loadStoreLayer(),
        import('./shopify-secret.service.js'),
        import('../woocommerce/index.js'),
      ]);
      const secret = (value: string) => (value.trim().toLowerCase() === 'none' ? null : value);
      const status = await withDatabase(flags, async (db) => {
        await getStore(db, id);
        const shopifyConnected =
          flags.shopifySecret === undefined
            ? (await shopify.shopifySecretStatus(db, id)).set
            : (await shopify.setShopifySecret(db, id, secret(flags.shopifySecret))).set;
        const wooCommerceConnected =
          flags.woocommerceSecret === undefined
            ? (await woocommerce.wooCommerceSecretStatus(db, id)).set
            : (await woocommerce.setWooCommerceSecret(db, id, secret(flags.woocommerceSecret))).set;
        return { id, shopifyConnected, wooCommerceConnected };
      });
      if (flags.json) {
        printJson(status);
        return;
      }
      process.stdout.write(
        `store ${id}: Shopify ${status.shopifyConnected ? 'connected' : 'not connected'}, ` +
          `WooCommerce ${status.wooCommerceConnected ? 'connected' : 'not connected'}\n`,
      );
    },
  );

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

  registerKeysCommands(stores);

  // The first spelling of `stores keys revoke`, kept so that scripts written for it go on working.
  addDatabaseOption(
    stores
      .command('revoke-key')
      .description('revoke an API key of a store (the same as `stores keys revoke`)')
      .argument('<key>', "the key's id (key_...) or its prefix (rk_live_...), from `regulars stores keys list`")
      .requiredOption('--store <id>', 'the store the key belongs to'),
  ).action(revokeKeyAction);

  addDatabaseOption(
    stores
      .command('settings')
      .description(
        "show or change the store's delivery settings: time zone, quiet hours, frequency cap, holdout share, attempts (docs/delivery.md)",
      )
      .argument('[id]', 'the store (or --store ID)')
      .option('--store <id>', 'the store, when not given as the argument')
      .option(
        '--set <json>',
        'fields to change as JSON, e.g. \'{"timeZone":"Europe/Ljubljana"}\' (null: back to the default)',
      )
      .option('--time-zone <zone>', 'IANA time zone for customers without their own, e.g. Europe/Ljubljana')
      .option('--quiet-hours <HH:MM-HH:MM>', 'local hours without marketing messages, e.g. 21:00-08:00, or off')
      .option('--frequency-cap <NAME=N,...>', 'minHoursBetween, maxPerWindow, windowDays, postponeMinPriority')
      .option('--holdout-share <share>', "the share of each flow's customers held out, 0 to 1")
      .option('--max-attempts <n>', 'attempts before a failing message is marked failed')
      .option('--reply-to <address>', 'the Reply-To of every email ("Help <help@shop.example>"), or none')
      .option('--json', 'print the settings in force as JSON', false),
  ).action(
    async (
      id: string | undefined,
      flags: DatabaseFlags & DeliverySettingsFlags & { store?: string; json: boolean },
    ) => {
      // `stores profile ID` takes the store as its argument; `--store ID` came first and still works.
      if (id !== undefined && flags.store !== undefined && id !== flags.store)
        throw new RegularsError('INVALID_ARGUMENT', `two stores given: ${id} and --store ${flags.store}`, {
          field: '--store',
        });
      const storeId = id ?? flags.store;
      if (storeId === undefined)
        throw new RegularsError('INVALID_ARGUMENT', 'which store? regulars stores settings ID (or --store ID)', {
          field: 'id',
        });
      const [{ withDatabase }, delivery, ids] = await Promise.all([
        loadStoreLayer(),
        import('../delivery/index.js'),
        import('../../platform/ids.js'),
      ]);
      const changes = delivery.deliveryChangesFromFlags(flags);
      const settings = await withDatabase(flags, (db) =>
        Object.keys(changes).length === 0
          ? delivery.readDeliverySettings(db, storeId)
          : delivery.changeDeliverySettings(db, storeId, changes, ids.nowIso()),
      );
      if (flags.json) {
        printJson(settings);
        return;
      }
      const cap = settings.frequencyCap;
      const shares = Object.entries(settings.flowHoldoutShares);
      process.stdout.write(
        `time zone: ${settings.timeZone ?? 'UTC (not set)'}\n` +
          `quiet hours: ${settings.quietHours ? `${settings.quietHours.start}-${settings.quietHours.end}` : 'off'}\n` +
          `frequency cap: minHoursBetween=${cap.minHoursBetween},maxPerWindow=${cap.maxPerWindow},windowDays=${cap.windowDays},postponeMinPriority=${cap.postponeMinPriority}\n` +
          `holdout share: ${settings.holdoutShare}` +
          (shares.length > 0 ? ` (${shares.map(([flow, share]) => `${flow} ${share}`).join(', ')})` : '') +
          `\nmax attempts: ${settings.maxAttempts}\n` +
          `reply-to: ${settings.replyTo ?? 'none (replies go to the From)'}` +
          Object.entries(settings.flowReplyTo)
            .map(([flow, address]) => `\n  ${flow}: ${address}`)
            .join('') +
          '\n',
      );
    },
  );

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
      .option(
        '--allowed-origin <url>',
        'another origin whose pages may call the shopper API (CORS, docs/shopper.md); repeat for several',
        (value: string, list: string[] = []) => [...list, value],
      )
      .option(
        '--remove-origin <url>',
        'stop allowing an origin added with --allowed-origin; repeat for several',
        (value: string, list: string[] = []) => [...list, value],
      )
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
        allowedOrigin?: string[];
        removeOrigin?: string[];
        json: boolean;
      },
    ) => {
      const [{ withDatabase }, profiles, ids] = await Promise.all([
        loadStoreLayer(),
        import('./shop-profile.service.js'),
        import('../../platform/ids.js'),
      ]);
      const changes: Record<string, string | string[]> = {};
      for (const field of ['name', 'url', 'supportEmail', 'address', 'locale'] as const)
        if (flags[field] !== undefined) changes[field] = flags[field] as string;
      const profile = await withDatabase(flags, async (db) => {
        if (flags.allowedOrigin !== undefined || flags.removeOrigin !== undefined) {
          const current = await profiles.readShopProfile(db, id);
          const removed = new Set(
            (flags.removeOrigin ?? []).map((o) => {
              try {
                return new URL(o).origin;
              } catch {
                return o;
              }
            }),
          );
          changes.allowedOrigins = [...current.allowedOrigins, ...(flags.allowedOrigin ?? [])].filter(
            (o) => !removed.has(o),
          );
        }
        return Object.keys(changes).length === 0
          ? profiles.readShopProfile(db, id)
          : profiles.updateShopProfile(db, id, changes, ids.nowIso());
      });
      if (flags.json) {
        printJson(profile);
        return;
      }
      for (const [field, value] of Object.entries(profile))
        process.stdout.write(
          `${field}: ${Array.isArray(value) ? value.join(', ') || '(none)' : (value ?? '(not set)')}\n`,
        );
    },
  );
}

async function revokeKeyAction(keyIdOrPrefix: string, flags: DatabaseFlags & { store: string; json?: boolean }) {
  const { withDatabase, revokeApiKey } = await loadStoreLayer();
  await withDatabase(flags, async (db) => {
    const key = await revokeApiKey(db, flags.store, keyIdOrPrefix);
    if (flags.json) {
      printJson(keyListing(key));
      return;
    }
    process.stdout.write(
      `revoked API key ${key.id} (${key.prefix}..., ${key.name}) of store ${key.storeId} at ${key.revokedAt}\n`,
    );
  });
}

function keyListing(key: ApiKey) {
  return {
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

/** `stores keys create|list|revoke`: a store can hold several keys, so a lost or leaked one is replaced, not fatal. */
function registerKeysCommands(stores: Command): void {
  const keys = stores.command('keys').description("create, list and revoke a store's API keys");

  addDatabaseOption(
    keys
      .command('create')
      .description('create another API key for the store; the key is shown once and stored only as a hash')
      .requiredOption('--store <id>', 'the store')
      .option('--name <name>', 'a label to tell the key apart in lists (e.g. the system that uses it)', 'default')
      .option(
        '--json',
        'print { "id", "prefix", "name", "createdAt", "lastUsedAt", "revokedAt", "apiKey" } as JSON',
        false,
      ),
  ).action(async (flags: DatabaseFlags & { store: string; name: string; json: boolean }) => {
    const { withDatabase, createApiKey, getStore } = await loadStoreLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const name = flags.name.trim();
      if (!name) throw new RegularsError('INVALID_ARGUMENT', '--name is empty; leave it out for "default"');
      const created = await createApiKey(db, flags.store, name);
      if (flags.json) {
        printJson({ ...keyListing(created.key), apiKey: created.plaintext });
        return;
      }
      process.stdout.write(
        `API key ${created.key.id} (${created.key.name}) of store ${created.key.storeId}: ${created.plaintext}\n` +
          `Keep the key now: it is not stored and cannot be shown again.\n`,
      );
    });
  });

  addDatabaseOption(
    keys
      .command('list')
      .description("list the store's API keys, revoked ones included (prefixes only, never the keys)")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, listApiKeys, getStore } = await loadStoreLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const listing = (await listApiKeys(db, flags.store)).map(keyListing);
      if (flags.json) {
        printJson(listing);
        return;
      }
      const lines = listing.map(
        (key) =>
          `${key.id}  ${key.prefix}...  ${key.name}  created ${key.createdAt}  ${key.lastUsedAt ? `last used ${key.lastUsedAt}` : 'never used'}  ${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}`,
      );
      process.stdout.write(lines.length === 0 ? 'no API keys\n' : `${lines.join('\n')}\n`);
    });
  });

  addDatabaseOption(
    keys
      .command('revoke')
      .description('revoke an API key; a running server refuses it within 2 seconds')
      .argument('<key>', "the key's id (key_...) or its prefix (rk_live_...), from `regulars stores keys list`")
      .requiredOption('--store <id>', 'the store the key belongs to')
      .option('--json', 'print the revoked key as JSON', false),
  ).action(revokeKeyAction);
}
