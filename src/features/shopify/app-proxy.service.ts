import type { Kysely } from 'kysely';
import type { ShopifyAppConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { customerByReference } from '../customers/index.js';
import { mintShopperToken } from '../shopper/index.js';
import { APP_PROXY_TOKEN_TTL_SECONDS, checkAppProxyQuery, type ProxyQuery } from './app-proxy.js';
import { findInstallationByShop } from './shopify-app.repository.js';

/** What the theme gets: the widget's store, and a token for the signed-in customer (null for a guest). */
export interface ProxiedShopperToken {
  readonly store: string;
  readonly shop: string;
  /** Shopify's customer id (the customer's external id in Regulars); null for a guest. */
  readonly customer: string | null;
  readonly token: string | null;
  readonly expiresAt: string | null;
}

/**
 * Mints a shopper token for the customer Shopify's App Proxy says is signed in to the storefront.
 * In this order, so nothing about stores or customers is told to an unsigned caller: the client
 * secret configured, the signature and its age (SHOPIFY_PROXY_INVALID), the shop
 * installed (SHOPIFY_NOT_INSTALLED), then the customer. A guest, or a signed-in customer Regulars
 * has not heard of yet (no order and no customers/create so far), gets the guest answer: the
 * widget then shows the program as a guest sees it, instead of a token every /v1/shopper call
 * would refuse.
 */
export async function mintProxiedShopperToken(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  query: ProxyQuery,
  now: Date,
): Promise<ProxiedShopperToken> {
  if (!config.clientSecret)
    throw new RegularsError(
      'SHOPIFY_APP_NOT_CONFIGURED',
      'the Shopify app is not configured: set REGULARS_SHOPIFY_CLIENT_SECRET (docs/shopify.md)',
      { missing: ['REGULARS_SHOPIFY_CLIENT_SECRET'] },
    );
  const check = checkAppProxyQuery(query, config.clientSecret, Math.floor(now.getTime() / 1000));
  if (!check.ok)
    throw new RegularsError('SHOPIFY_PROXY_INVALID', `the App Proxy request is refused: ${check.reason}`, {
      reason: check.reason,
    });
  const installation = await findInstallationByShop(db, check.shop);
  if (!installation || installation.status !== 'installed')
    throw new RegularsError('SHOPIFY_NOT_INSTALLED', `no store has the Shopify app installed in ${check.shop}`, {
      shop: check.shop,
    });
  const storeId = installation.storeId;
  const guest = { store: storeId, shop: check.shop, customer: null, token: null, expiresAt: null };
  if (check.customerId === null) return guest;
  try {
    await customerByReference(db, storeId, check.customerId);
  } catch (error) {
    if (error instanceof RegularsError && error.code === 'CUSTOMER_NOT_FOUND') return guest;
    throw error;
  }
  const minted = await mintShopperToken(db, {
    storeId,
    externalId: check.customerId,
    ttlSeconds: APP_PROXY_TOKEN_TTL_SECONDS,
    now: now.toISOString(),
  });
  return { store: storeId, shop: check.shop, customer: check.customerId, ...minted };
}
