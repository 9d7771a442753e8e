import type { Selectable } from 'kysely';

/**
 * Shopify checkouts as checkouts/create and checkouts/update last described them, one row per
 * checkout token: every checkout is kept, and one with an email or phone also has its cart as the
 * customer's 'checkout_started' event (event_id), which the abandoned-cart flow reads.
 */
export interface ShopifyCheckoutTable {
  store_id: string;
  /** Shopify's checkout token: what an order's checkout_token names. */
  token: string;
  /** Shopify's numeric checkout id (an order's checkout_id), as text. */
  checkout_id: string | null;
  /** The stored customer ('cus_...'); null when the checkout has no email or phone. */
  customer_id: string | null;
  email: string | null;
  phone: string | null;
  /** abandoned_checkout_url: the link that restores the checkout. */
  recovery_url: string | null;
  currency: string | null;
  total_minor: number | null;
  /** JSON array of { sku, title, quantity, product_id }. */
  lines: string;
  /** The checkout's created_at, as Shopify wrote it. */
  created_at: string;
  /** The checkout's updated_at as a UTC instant: the version, so a stale update changes nothing. */
  source_updated_at: string;
  completed_at: string | null;
  /** The external id of the order that completed it. */
  completed_order_id: string | null;
  event_id: string | null;
  recorded_at: string;
}

export type ShopifyCheckoutRow = Selectable<ShopifyCheckoutTable>;
