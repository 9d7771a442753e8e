import type { ShopifyVariantInput } from '../products/index.js';
import {
  array,
  child,
  id,
  invalid,
  object,
  optionalString,
  string,
  timestamp,
  decimalAmount,
} from './payload-fields.js';

/** What a products/create or products/update payload says. */
export interface ShopifyProductChange {
  readonly productId: string;
  readonly handle: string;
  /** Its variants that have a SKU: Regulars knows products by SKU. */
  readonly variants: readonly Omit<ShopifyVariantInput, 'priceMinor' | 'currency'>[];
  /** Each variant's price as Shopify wrote it ("199.00"), in the shop's currency (not in the payload). */
  readonly prices: readonly { readonly text: string; readonly path: string }[];
  /** Positions of variants without a SKU ('/variants/2'): not stored, and said so in the answer. */
  readonly withoutSku: readonly string[];
}

/** Shopify handles: lower-case letters, digits and hyphens (any script's letters in a localised shop). */
const HANDLE = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,254}$/u;

/**
 * Maps a products/create or products/update payload (Shopify's REST Product resource). The handle
 * is required: it is what the payload is for here (product links in messages). A variant's title
 * joins the product's when the product has more than one variant ("Default Title" is Shopify's
 * name for the only one).
 */
export function mapShopifyProduct(payload: unknown): ShopifyProductChange {
  const product = object(payload, '');
  if (product.id === undefined || product.id === null) throw invalid('/id', 'a product needs its Shopify id');
  const productId = id(product.id, '/id');
  const handle = string(product.handle, '/handle');
  if (!HANDLE.test(handle))
    throw invalid(
      '/handle',
      `expected a handle of lower-case letters, digits and hyphens, found ${JSON.stringify(handle.slice(0, 40))}`,
    );
  const title = string(product.title, '/title');
  const updatedAt = timestamp(product.updated_at, '/updated_at');
  const category = optionalString(product.product_type, '/product_type');
  const raw = array(product.variants, '/variants');
  const variants: Omit<ShopifyVariantInput, 'priceMinor' | 'currency'>[] = [];
  const prices: { text: string; path: string }[] = [];
  const withoutSku: string[] = [];
  raw.forEach((item, i) => {
    const at = child('/variants', i);
    const variant = object(item, at);
    const sku = optionalString(variant.sku, child(at, 'sku'));
    if (sku === null) {
      withoutSku.push(at);
      return;
    }
    const variantTitle = optionalString(variant.title, child(at, 'title'));
    variants.push({
      sku,
      title:
        raw.length > 1 && variantTitle !== null && variantTitle !== 'Default Title'
          ? `${title}, ${variantTitle}`
          : title,
      category,
      handle,
      sourceUpdatedAt: updatedAt,
    });
    prices.push({ text: decimalAmount(variant.price ?? '0', child(at, 'price')), path: child(at, 'price') });
  });
  return { productId, handle, variants, prices, withoutSku };
}
