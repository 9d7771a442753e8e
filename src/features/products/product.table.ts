import type { Insertable, Selectable } from 'kysely';

export interface ProductTable {
  store_id: string;
  id: string;
  sku: string;
  title: string;
  category: string | null;
  price_minor: number | null;
  currency: string | null;
  /** Typical days until a buyer needs it again (consumables); null when it does not run out. */
  replenishment_days: number | null;
  /** JSON array of SKUs bought with it. */
  complements: string;
  /** SKU of the product to suggest as an upgrade. */
  upgrade_to: string | null;
  /** The product's handle on Shopify: its page is https://{shop}/products/{handle}. Null when unknown. */
  handle: string | null;
  /** The Shopify product's updated_at (UTC instant) the handle and title come from: an older payload changes nothing. */
  source_updated_at: string | null;
}

export type ProductRow = Selectable<ProductTable>;
export type NewProductRow = Insertable<ProductTable>;
