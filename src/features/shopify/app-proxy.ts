import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify's App Proxy (https://shopify.dev/docs/apps/build/online-store/app-proxies, "Authenticate
 * app proxies"): the storefront's `https://{shop}/apps/regulars/<rest>` is forwarded to the app's
 * proxy URL + `<rest>` with query parameters `shop`, `logged_in_customer_id` (empty for a guest),
 * `path_prefix`, `timestamp` and `signature`. The shop's theme holds no secret, so this signature
 * is what lets Regulars trust the customer id without a backend of the store's own.
 */

/** How long a forwarded request is accepted after Shopify signed it: a copied URL cannot be replayed later. */
export const APP_PROXY_MAX_AGE_SECONDS = 300;

/** A shopper token minted through the proxy lives this long; the embed fetches a fresh one when it expires. */
export const APP_PROXY_TOKEN_TTL_SECONDS = 900;

export type ProxyQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The message Shopify signs: every parameter but `signature`, each as `key=value` with several
 * values of one key joined by ",", sorted, and concatenated with NO separator (unlike OAuth's "&").
 */
export function appProxyMessage(query: ProxyQuery): string {
  return Object.keys(query)
    .filter((key) => key !== 'signature' && query[key] !== undefined)
    .map((key) => {
      const value = query[key]!;
      return `${key}=${typeof value === 'string' ? value : value.join(',')}`;
    })
    .sort()
    .join('');
}

/** The hex HMAC-SHA256 of the message under the app's client secret. */
export function signAppProxyQuery(query: ProxyQuery, secret: string): string {
  return createHmac('sha256', secret).update(appProxyMessage(query)).digest('hex');
}

export type AppProxyCheck =
  | { readonly ok: true; readonly shop: string; readonly customerId: string | null }
  | { readonly ok: false; readonly reason: string };

/**
 * Whether the forwarded query is Shopify's, and recent: the signature compared in constant time
 * first, the timestamp only after it matched (an altered timestamp is "not signed", never "late").
 * A future timestamp within the same window is accepted for clocks a little ahead of ours.
 */
export function checkAppProxyQuery(query: ProxyQuery, secret: string, nowSeconds: number): AppProxyCheck {
  const given = query.signature;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given))
    return { ok: false, reason: 'the signature parameter is missing or not 64 hex digits' };
  const expected = Buffer.from(signAppProxyQuery(query, secret), 'utf8');
  if (!timingSafeEqual(Buffer.from(given.toLowerCase(), 'utf8'), expected))
    return { ok: false, reason: "the signature is not the app's signature of the query" };
  const { timestamp, shop, logged_in_customer_id: customer } = query;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'the timestamp parameter is missing or not Unix seconds' };
  const age = nowSeconds - Number(timestamp);
  if (Math.abs(age) > APP_PROXY_MAX_AGE_SECONDS)
    return {
      ok: false,
      reason: `the request was signed ${age} s ago, more than the ${APP_PROXY_MAX_AGE_SECONDS} s allowed`,
    };
  if (typeof shop !== 'string' || shop === '') return { ok: false, reason: 'the shop parameter is missing' };
  if (customer !== undefined && typeof customer !== 'string')
    return { ok: false, reason: 'logged_in_customer_id is given more than once' };
  return { ok: true, shop, customerId: customer === undefined || customer.trim() === '' ? null : customer.trim() };
}
