import type { Selectable } from 'kysely';

/**
 * A store's connection to its Shopify shop as an installed app (docs/shopify.md): one row per store,
 * kept after an uninstall (status 'uninstalled', token dropped) so the compliance webhooks that come
 * later still find the store by its shop domain.
 */
export interface ShopifyInstallationTable {
  store_id: string;
  /** The shop's permanent domain, e.g. sunny-beans.myshopify.com (lower case). */
  shop_domain: string;
  /** 'installed' | 'uninstalled' | 'redacted' (shop/redact erased the shop's data). */
  status: string;
  /** The offline access token, AES-256-GCM encrypted with REGULARS_SECRET_KEY (src/platform/secret-cipher.ts); null once uninstalled. */
  access_token: string | null;
  /** The scopes Shopify granted, comma-separated as its token answer writes them. */
  scopes: string;
  installed_at: string;
  uninstalled_at: string | null;
  /** JSON array of { topic, id, uri }: the webhook subscriptions Regulars made or found. */
  webhooks: string;
  webhooks_registered_at: string | null;
  /** Why the last registration failed, when it did; null after a registration that succeeded. */
  webhook_error: string | null;
  updated_at: string;
}

/**
 * The state parameter of installs under way (OAuth's CSRF guard): only its SHA-256 is kept, used
 * once, and refused after expires_at.
 */
export interface ShopifyOAuthStateTable {
  store_id: string;
  state_hash: string;
  shop_domain: string;
  created_at: string;
  expires_at: string;
}

/**
 * customers/data_request: the export made for each request, for the store owner to hand over
 * (`regulars shopify data-requests`, GET /v1/shopify/data-requests). Erased with the customer by
 * customers/redact, and with the shop by shop/redact.
 */
export interface ShopifyDataRequestTable {
  store_id: string;
  id: string;
  /** data_request.id in Shopify's payload, as text. */
  request_id: string;
  /** Shopify's customer id, as text. */
  shopify_customer_id: string;
  /** The customer found ('cus_...'), or null when Regulars holds nothing about them. */
  customer_id: string | null;
  /** The export: JSON of everything stored about the customer (privacy.repository.ts). */
  export: string;
  requested_at: string;
}

export type ShopifyInstallationRow = Selectable<ShopifyInstallationTable>;
export type ShopifyDataRequestRow = Selectable<ShopifyDataRequestTable>;
