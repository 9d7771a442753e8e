import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Admin API version every call is made with (https://shopify.dev/docs/api/usage/versioning):
 * pinned, so a payload's shape changes only when this line does. Webhooks are serialised in the
 * version of the subscription that made them.
 */
export const SHOPIFY_API_VERSION = '2025-10';

/**
 * The access scopes Regulars asks for, and why (docs/shopify.md "What Regulars asks for"); nothing
 * else. write_discounts implies read_discounts.
 */
export const SHOPIFY_SCOPES = [
  // orders/create, orders/updated, refunds/create and checkouts/* webhooks; the history backfill.
  'read_orders',
  // fulfillments/create and fulfillments/update webhooks: a parcel delivered times the NPS survey.
  'read_fulfillments',
  // customers/create and customers/update webhooks: profile, email and SMS marketing consent.
  'read_customers',
  // Product handles for links in messages (products/* webhooks, the backfill).
  'read_products',
  // Real discount codes for rewards, win-back and birthday coupons, and their usage.
  'write_discounts',
] as const;

/**
 * The webhook subscriptions made on install, as Admin GraphQL WebhookSubscriptionTopic values and
 * the X-Shopify-Topic each delivers. The compliance topics (customers/data_request,
 * customers/redact, shop/redact) cannot be subscribed through the API: they are set in the app's
 * configuration (docs/shopify.md).
 */
export const SHOPIFY_APP_WEBHOOKS = [
  { topic: 'ORDERS_CREATE', header: 'orders/create' },
  { topic: 'ORDERS_UPDATED', header: 'orders/updated' },
  { topic: 'REFUNDS_CREATE', header: 'refunds/create' },
  { topic: 'CUSTOMERS_CREATE', header: 'customers/create' },
  { topic: 'CUSTOMERS_UPDATE', header: 'customers/update' },
  { topic: 'CHECKOUTS_CREATE', header: 'checkouts/create' },
  { topic: 'CHECKOUTS_UPDATE', header: 'checkouts/update' },
  { topic: 'FULFILLMENTS_CREATE', header: 'fulfillments/create' },
  { topic: 'FULFILLMENTS_UPDATE', header: 'fulfillments/update' },
  { topic: 'APP_UNINSTALLED', header: 'app/uninstalled' },
] as const;

/** The topics the app itself handles (the install's lifecycle and the privacy laws), not the shop's data. */
export const SHOPIFY_APP_TOPICS = [
  'app/uninstalled',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
] as const;
export type ShopifyAppTopic = (typeof SHOPIFY_APP_TOPICS)[number];

export function isShopifyAppTopic(topic: unknown): topic is ShopifyAppTopic {
  return (SHOPIFY_APP_TOPICS as readonly unknown[]).includes(topic);
}

/** How long an install may take from the printed URL to Shopify's callback. */
export const OAUTH_STATE_TTL_MS = 30 * 60_000;

/**
 * A shop's permanent domain as Shopify documents it for the OAuth `shop` parameter: a name of
 * letters, digits and hyphens, then .myshopify.com. Anything else (another host, a path, a port,
 * userinfo) is refused, so a callback cannot point the token exchange at a server of its choosing.
 */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The shop's domain from what a person types ("sunny-beans", "Sunny-Beans.myshopify.com", an admin URL), or null. */
export function normaliseShopDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  text = text.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!text.includes('.')) text = `${text}.myshopify.com`;
  return isShopDomain(text) ? text : null;
}

/** Whether the text is exactly a valid *.myshopify.com hostname (the callback's `shop`, unchanged). */
export function isShopDomain(text: string): boolean {
  return text.length <= 255 && SHOP_DOMAIN.test(text);
}

/** The Admin base for a shop: https://{shop} in production, a fake on 127.0.0.1 in tests. */
export function adminBase(adminUrl: string, shop: string): string {
  return adminUrl.replaceAll('{shop}', shop);
}

/**
 * The authorization URL the merchant opens (https://shopify.dev/docs/apps/build/authentication-authorization/
 * access-tokens/authorization-code-grant, step 3): no grant_options[], so the token is an offline one.
 */
export function installUrl(options: {
  readonly adminUrl: string;
  readonly shop: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
}): string {
  const query = new URLSearchParams({
    client_id: options.clientId,
    scope: SHOPIFY_SCOPES.join(','),
    redirect_uri: options.redirectUri,
    state: options.state,
  });
  return `${adminBase(options.adminUrl, options.shop)}/admin/oauth/authorize?${query.toString()}`;
}

/**
 * The message Shopify signs on an OAuth redirect: every query parameter but hmac (and the legacy
 * signature), sorted by name, as name=value joined by &, from the decoded values. A parameter given
 * twice is joined the way Shopify writes arrays (["a", "b"]), so it cannot be smuggled in twice.
 */
export function oauthMessage(query: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  return Object.keys(query)
    .filter((name) => name !== 'hmac' && name !== 'signature' && query[name] !== undefined)
    .sort()
    .map((name) => {
      const value = query[name]!;
      return `${name}=${typeof value === 'string' ? value : `[${value.map((v) => JSON.stringify(v)).join(', ')}]`}`;
    })
    .join('&');
}

/** The hex HMAC-SHA256 of the query under the client secret. */
export function signOAuthQuery(
  query: Readonly<Record<string, string | readonly string[] | undefined>>,
  secret: string,
): string {
  return createHmac('sha256', secret).update(oauthMessage(query)).digest('hex');
}

/** Whether the query's hmac is Shopify's signature of the rest, compared in constant time. */
export function verifyOAuthHmac(
  query: Readonly<Record<string, string | readonly string[] | undefined>>,
  secret: string,
): boolean {
  const given = query.hmac;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(signOAuthQuery(query, secret), 'utf8');
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'utf8'), expected);
}

/** The state is stored only as its hash: a database reader cannot finish someone's install. */
export function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/** The granted scopes a token answer lists ("read_orders,write_discounts"), and those Regulars asked for but lacks. */
export function missingScopes(granted: string): string[] {
  const have = new Set(
    granted
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // write_x implies read_x (Shopify's scope rules).
  for (const scope of [...have]) if (scope.startsWith('write_')) have.add(`read_${scope.slice('write_'.length)}`);
  return SHOPIFY_SCOPES.filter((scope) => !have.has(scope));
}
