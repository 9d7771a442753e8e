import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ShopifyAppConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { type AdminGraphql, adminGraphql, exchangeCode } from './shopify-admin.adapter.js';
import {
  adminBase,
  hashState,
  installUrl,
  isShopDomain,
  missingScopes,
  normaliseShopDomain,
  OAUTH_STATE_TTL_MS,
  SHOPIFY_API_VERSION,
  SHOPIFY_APP_WEBHOOKS,
  SHOPIFY_SCOPES,
  verifyOAuthHmac,
} from './shopify-app.js';
import {
  findInstallation,
  findInstallationByShop,
  insertOAuthState,
  listInstallations,
  markUninstalled,
  type RegisteredWebhook,
  replaceSealedToken,
  saveInstallation,
  selectDataRequestExport,
  selectDataRequests,
  type ShopifyInstallation,
  takeOAuthState,
  updateWebhooks,
} from './shopify-app.repository.js';
import { openSecret, sealedKeyId, sealSecret, keyId } from '../../platform/secret-cipher.js';

/** The parts of the configuration an install needs, all present. */
interface ReadyConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly appUrl: string;
  readonly adminUrl: string;
  readonly secretKey: Buffer;
  readonly previousSecretKey: Buffer | null;
}

function ready(config: ShopifyAppConfig): ReadyConfig {
  const missing = [
    config.clientId ? null : 'REGULARS_SHOPIFY_CLIENT_ID',
    config.clientSecret ? null : 'REGULARS_SHOPIFY_CLIENT_SECRET',
    config.appUrl ? null : 'REGULARS_SHOPIFY_APP_URL',
    config.secretKey ? null : 'REGULARS_SECRET_KEY',
  ].filter((name): name is string => name !== null);
  if (missing.length > 0)
    throw new RegularsError(
      'SHOPIFY_APP_NOT_CONFIGURED',
      `the Shopify app is not configured: set ${missing.join(', ')} (docs/shopify.md)`,
      { missing },
    );
  return config as ReadyConfig;
}

/** Binds a sealed token to its store: copied into another store's row, it does not open. */
const tokenContext = (storeId: string) => `shopify-access-token:${storeId}`;

export const webhookUri = (appUrl: string, storeId: string) => `${appUrl}/webhooks/shopify/${storeId}`;
export const callbackUri = (appUrl: string) => `${appUrl}/shopify/callback`;

export interface StartedInstall {
  readonly storeId: string;
  readonly shop: string;
  readonly installUrl: string;
  readonly expiresAt: string;
  readonly scopes: readonly string[];
}

/**
 * Starts an install: a random state (256 bits, kept as its hash for 30 minutes) and the URL the
 * shop's owner opens to approve the app. `regulars shopify connect` and the console print it.
 */
export async function startShopifyInstall(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  input: { storeId: string; shop: string; now: Date },
): Promise<StartedInstall> {
  const app = ready(config);
  await getStore(db, input.storeId);
  const shop = normaliseShopDomain(input.shop);
  if (shop === null)
    throw new RegularsError(
      'SHOPIFY_SHOP_INVALID',
      `${JSON.stringify(input.shop)} is not a *.myshopify.com shop domain`,
      {
        field: 'shop',
      },
    );
  const owner = await findInstallationByShop(db, shop);
  if (owner && owner.storeId !== input.storeId)
    throw new RegularsError('SHOPIFY_SHOP_TAKEN', `${shop} is connected to store ${owner.storeId}`, {
      storeId: owner.storeId,
    });
  const state = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + OAUTH_STATE_TTL_MS).toISOString();
  await insertOAuthState(db, {
    storeId: input.storeId,
    stateHash: hashState(state),
    shopDomain: shop,
    now: input.now.toISOString(),
    expiresAt,
  });
  return {
    storeId: input.storeId,
    shop,
    expiresAt,
    scopes: SHOPIFY_SCOPES,
    installUrl: installUrl({
      adminUrl: app.adminUrl,
      shop,
      clientId: app.clientId,
      redirectUri: callbackUri(app.appUrl),
      state,
    }),
  };
}

export interface CompletedInstall {
  readonly storeId: string;
  readonly shop: string;
  readonly scopes: string;
  readonly webhooks: WebhookRegistration;
}

/**
 * The OAuth callback (GET /shopify/callback): checks, in this order, the shop parameter (a
 * *.myshopify.com hostname), the hmac (the client secret's signature of the other parameters), and
 * the state (issued here, unused, unexpired, for this shop); then exchanges the code for the offline
 * token, stores it sealed, and registers the webhooks. A refusal changes nothing (a bad hmac does
 * not even use up the state).
 */
export async function completeShopifyInstall(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  query: Readonly<Record<string, string | readonly string[] | undefined>>,
  now: Date,
): Promise<CompletedInstall> {
  const app = ready(config);
  const shop = query.shop;
  if (typeof shop !== 'string' || !isShopDomain(shop))
    throw new RegularsError('SHOPIFY_SHOP_INVALID', 'the callback’s shop is not a *.myshopify.com hostname', {
      field: 'shop',
      where: 'query',
    });
  if (!verifyOAuthHmac(query, app.clientSecret))
    throw new RegularsError(
      'SHOPIFY_OAUTH_HMAC_INVALID',
      'the callback’s hmac is missing or is not the signature of its parameters with the app’s client secret',
      { field: 'hmac', where: 'query' },
    );
  const state = query.state;
  const code = query.code;
  const taken =
    typeof state === 'string' && state !== '' ? await takeOAuthState(db, hashState(state), now.toISOString()) : null;
  if (!taken || taken.expiresAt < now.toISOString() || taken.shopDomain !== shop)
    throw new RegularsError(
      'SHOPIFY_OAUTH_STATE_INVALID',
      !taken
        ? 'the callback’s state was not issued here, or was used already'
        : taken.shopDomain !== shop
          ? `the state was issued for ${taken.shopDomain}, not ${shop}`
          : 'the state has expired: start the install again',
      { field: 'state', where: 'query' },
    );
  if (typeof code !== 'string' || code === '')
    throw new RegularsError('SHOPIFY_TOKEN_EXCHANGE_FAILED', 'the callback carries no authorization code', {
      field: 'code',
      where: 'query',
    });
  const owner = await findInstallationByShop(db, shop);
  if (owner && owner.storeId !== taken.storeId)
    throw new RegularsError('SHOPIFY_SHOP_TAKEN', `${shop} is connected to store ${owner.storeId}`, {
      storeId: owner.storeId,
    });
  const token = await exchangeCode(app.adminUrl, shop, {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    code,
  });
  const sealedToken = sealSecret(app.secretKey, token.accessToken, randomBytes(12), tokenContext(taken.storeId));
  await saveInstallation(db, {
    storeId: taken.storeId,
    shopDomain: shop,
    sealedToken,
    scopes: token.scope,
    now: now.toISOString(),
  });
  const webhooks = await registerShopifyWebhooks(db, config, taken.storeId, now).catch(
    (error: Error): WebhookRegistration => ({ webhooks: [], created: 0, error: error.message }),
  );
  return { storeId: taken.storeId, shop, scopes: token.scope, webhooks };
}

/** The installation's token, opened; SHOPIFY_NOT_INSTALLED or SHOPIFY_TOKEN_UNREADABLE when there is none to use. */
async function installedToken(
  db: Kysely<Database>,
  keys: { readonly secretKey: Buffer | null; readonly previousSecretKey: Buffer | null },
  storeId: string,
): Promise<{ installation: ShopifyInstallation; token: string }> {
  const installation = await findInstallation(db, storeId);
  if (!installation || installation.status !== 'installed' || installation.sealedToken === null)
    throw new RegularsError('SHOPIFY_NOT_INSTALLED', `store ${storeId} has no installed Shopify app`, { storeId });
  if (!keys.secretKey)
    throw new RegularsError(
      'SHOPIFY_APP_NOT_CONFIGURED',
      `the access token of store ${storeId} is stored encrypted: set REGULARS_SECRET_KEY to read it (docs/shopify.md)`,
      { missing: ['REGULARS_SECRET_KEY'] },
    );
  const token = openSecret([keys.secretKey, keys.previousSecretKey], installation.sealedToken, tokenContext(storeId));
  if (token === null)
    throw new RegularsError(
      'SHOPIFY_TOKEN_UNREADABLE',
      `the access token of store ${storeId} was sealed with key ${sealedKeyId(installation.sealedToken) ?? '?'}, which is neither REGULARS_SECRET_KEY (${keyId(keys.secretKey)}) nor REGULARS_SECRET_KEY_PREVIOUS, or it was altered`,
      { storeId },
    );
  return { installation, token };
}

/**
 * The Admin API connection of the store's installed app: its shop, at the configured Admin base,
 * with the stored offline token (opened with REGULARS_SECRET_KEY). What the backfill uses when no
 * token is given. SHOPIFY_NOT_INSTALLED without an installed app; SHOPIFY_TOKEN_UNREADABLE when
 * the key cannot open the token.
 */
export async function installedAdminConnection(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  storeId: string,
): Promise<{ readonly shop: string; readonly adminUrl: string; readonly accessToken: string }> {
  const { installation, token } = await installedToken(db, config, storeId);
  return {
    shop: installation.shopDomain,
    adminUrl: adminBase(config.adminUrl, installation.shopDomain),
    accessToken: token,
  };
}

export interface WebhookRegistration {
  readonly webhooks: readonly RegisteredWebhook[];
  /** Subscriptions made by this call; 0 when all were there already. */
  readonly created: number;
  readonly error: string | null;
}

// Shapes from https://shopify.dev/docs/api/admin-graphql/2025-10/queries/webhookSubscriptions and
// .../mutations/webhookSubscriptionCreate (the `uri` field replaces callbackUrl from 2025-10).
const LIST_WEBHOOKS = `query webhookSubscriptions($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) {
    edges { node { id topic uri } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CREATE_WEBHOOK = `mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;

interface ListAnswer {
  webhookSubscriptions: {
    edges: { node: { id: string; topic: string; uri: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface CreateAnswer {
  webhookSubscriptionCreate: {
    webhookSubscription: { id: string; topic: string; uri: string } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

/**
 * Makes the webhook subscriptions (SHOPIFY_APP_WEBHOOKS) that are not there yet, pointing at this
 * store's receiver. Idempotent: the shop's subscriptions are listed first and a topic already sent to
 * the same address is kept, so a reinstall or a second run makes none twice. What was found and made
 * is recorded on the installation, with the error if one stopped it (SHOPIFY_ADMIN_API_FAILED).
 */
export async function registerShopifyWebhooks(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  storeId: string,
  now: Date,
): Promise<WebhookRegistration> {
  const app = ready(config);
  const { installation, token } = await installedToken(db, app, storeId);
  const admin = adminGraphql(app.adminUrl, installation.shopDomain, token);
  const uri = webhookUri(app.appUrl, storeId);
  const registered: RegisteredWebhook[] = [];
  let created = 0;
  try {
    const existing: { id: string; topic: string; uri: string }[] = [];
    let after: string | null = null;
    do {
      const page: ListAnswer = await admin.request<ListAnswer>(LIST_WEBHOOKS, { first: 100, after });
      existing.push(...page.webhookSubscriptions.edges.map((edge) => edge.node));
      after = page.webhookSubscriptions.pageInfo.hasNextPage ? page.webhookSubscriptions.pageInfo.endCursor : null;
    } while (after !== null);
    for (const { topic } of SHOPIFY_APP_WEBHOOKS) {
      const found = existing.find((s) => s.topic === topic && s.uri === uri);
      if (found) {
        registered.push({ topic, id: found.id, uri });
        continue;
      }
      const answer = await admin.request<CreateAnswer>(CREATE_WEBHOOK, {
        topic,
        webhookSubscription: { uri, format: 'JSON' },
      });
      const result = answer.webhookSubscriptionCreate;
      if (result.userErrors.length > 0 || !result.webhookSubscription)
        throw new RegularsError(
          'SHOPIFY_ADMIN_API_FAILED',
          `webhookSubscriptionCreate ${topic}: ${result.userErrors.map((e) => e.message).join('; ') || 'no subscription returned'}`,
          { topic, userErrors: result.userErrors },
        );
      registered.push({ topic, id: result.webhookSubscription.id, uri });
      created += 1;
    }
  } catch (error) {
    const message = (error as Error).message;
    await updateWebhooks(db, storeId, { webhooks: registered, error: message, now: now.toISOString() });
    throw error;
  }
  await updateWebhooks(db, storeId, { webhooks: registered, error: null, now: now.toISOString() });
  return { webhooks: registered, created, error: null };
}

export interface ShopifyAppStatus {
  /** 'not_connected' when the store never installed the app. */
  readonly state: 'not_connected' | 'installed' | 'uninstalled' | 'redacted';
  readonly shop: string | null;
  readonly scopes: readonly string[];
  readonly missingScopes: readonly string[];
  readonly installedAt: string | null;
  readonly uninstalledAt: string | null;
  readonly webhooks: readonly { readonly topic: string; readonly id: string }[];
  readonly webhooksRegisteredAt: string | null;
  readonly webhookError: string | null;
  readonly apiVersion: string;
  /** Whether this server has the app's credentials and a secret key (an install can start). */
  readonly configured: boolean;
}

export async function shopifyAppStatus(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  storeId: string,
): Promise<ShopifyAppStatus> {
  await getStore(db, storeId);
  const installation = await findInstallation(db, storeId);
  const configured = !!(config.clientId && config.clientSecret && config.appUrl && config.secretKey);
  if (!installation)
    return {
      state: 'not_connected',
      shop: null,
      scopes: [],
      missingScopes: [],
      installedAt: null,
      uninstalledAt: null,
      webhooks: [],
      webhooksRegisteredAt: null,
      webhookError: null,
      apiVersion: SHOPIFY_API_VERSION,
      configured,
    };
  return {
    state: installation.status,
    shop: installation.shopDomain,
    scopes: installation.scopes.split(',').filter(Boolean),
    missingScopes: installation.status === 'installed' ? missingScopes(installation.scopes) : [],
    installedAt: installation.installedAt,
    uninstalledAt: installation.uninstalledAt,
    webhooks: installation.webhooks.map(({ topic, id }) => ({ topic, id })),
    webhooksRegisteredAt: installation.webhooksRegisteredAt,
    webhookError: installation.webhookError,
    apiVersion: SHOPIFY_API_VERSION,
    configured,
  };
}

/** app/uninstalled: the token is dropped (Shopify has revoked it); the row stays for the compliance webhooks. */
export async function uninstallShopifyApp(db: Kysely<Database>, storeId: string, now: Date): Promise<void> {
  await markUninstalled(db, storeId, 'uninstalled', now.toISOString());
}

/**
 * Re-seals every stored token under REGULARS_SECRET_KEY (after a rotation, with the old key as
 * REGULARS_SECRET_KEY_PREVIOUS). Tokens neither key opens are counted, not changed.
 */
export async function rotateShopifyTokens(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  now: Date,
): Promise<{ resealed: number; current: number; unreadable: string[] }> {
  if (!config.secretKey)
    throw new RegularsError('SHOPIFY_APP_NOT_CONFIGURED', 'set REGULARS_SECRET_KEY (the new key) first', {
      missing: ['REGULARS_SECRET_KEY'],
    });
  const currentId = keyId(config.secretKey);
  let resealed = 0;
  let current = 0;
  const unreadable: string[] = [];
  for (const installation of await listInstallations(db)) {
    if (installation.sealedToken === null) continue;
    if (sealedKeyId(installation.sealedToken) === currentId) {
      current += 1;
      continue;
    }
    const context = tokenContext(installation.storeId);
    const token = openSecret([config.previousSecretKey], installation.sealedToken, context);
    if (token === null) {
      unreadable.push(installation.storeId);
      continue;
    }
    const sealed = sealSecret(config.secretKey, token, randomBytes(12), context);
    if (await replaceSealedToken(db, installation.storeId, installation.sealedToken, sealed, now.toISOString()))
      resealed += 1;
  }
  return { resealed, current, unreadable };
}

/**
 * The secret a store's webhooks may also be signed with: the app's client secret, once the store
 * has installed the app (installed or since uninstalled: the last deliveries may still come).
 */
export async function appSecretFor(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  storeId: string,
): Promise<string | null> {
  if (!config.clientSecret) return null;
  return (await findInstallation(db, storeId)) ? config.clientSecret : null;
}

/** The exports made for customers/data_request, newest first, without their content. */
export async function listDataRequests(db: Kysely<Database>, storeId: string) {
  await getStore(db, storeId);
  return selectDataRequests(db, storeId);
}

/** One export, as the JSON it was stored as. */
export async function readDataRequest(db: Kysely<Database>, storeId: string, id: string): Promise<unknown> {
  const text = await selectDataRequestExport(db, storeId, id);
  if (text === null) throw new RegularsError('NOT_FOUND', `store ${storeId} has no data request ${id}`, { id });
  return JSON.parse(text) as unknown;
}

/**
 * The Admin API of the store's installed app, for what Regulars does in the shop beyond the install
 * (discount codes); null when the store has no installed app (never installed, or uninstalled).
 */
export async function installedShopifyAdmin(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  storeId: string,
): Promise<AdminGraphql | null> {
  const installation = await findInstallation(db, storeId);
  if (!installation || installation.status !== 'installed' || installation.sealedToken === null) return null;
  const app = ready(config);
  const { token } = await installedToken(db, app, storeId);
  return adminGraphql(app.adminUrl, installation.shopDomain, token);
}
