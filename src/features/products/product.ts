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
  /** 'prd_...' */
  readonly id: string;
  readonly storeId: string;
}
