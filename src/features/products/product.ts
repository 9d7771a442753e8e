/** A product of the store's catalogue, keyed by its SKU. */
export interface ProductInput {
  readonly sku: string;
  readonly title: string;
  readonly category: string | null;
  /** In minor units of currency; null when the catalogue has no price. */
  readonly priceMinor: number | null;
  readonly currency: string | null;
  /** Typical days until a buyer runs out (consumables): drives replenishment reminders. */
  readonly replenishmentDays: number | null;
  /** SKUs that go with it (cross-sell). */
  readonly complements: readonly string[];
  /** SKU of the product to suggest as an upgrade. */
  readonly upgradeTo: string | null;
}

export interface Product extends ProductInput {
  /** The product's handle on the shop (Shopify's products/* webhooks), or null when unknown. */
  readonly handle: string | null;
  /** 'prd_...' */
  readonly id: string;
  readonly storeId: string;
}

/** A Shopify product variant as products/create and products/update describe it, keyed by its SKU. */
export interface ShopifyVariantInput {
  readonly sku: string;
  /** The product's title, with the variant's when the product has several ("IPod Nano - 8GB, Pink"). */
  readonly title: string;
  readonly category: string | null;
  readonly priceMinor: number | null;
  readonly currency: string | null;
  readonly handle: string;
  /** The product's updated_at, ISO 8601 with offset. */
  readonly sourceUpdatedAt: string;
}
