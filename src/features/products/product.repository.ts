import type { Kysely } from 'kysely';
import type { Product, ProductInput, ShopifyVariantInput } from './product.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ProductRow } from './product.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { decodeCursor, encodeCursor } from '../../platform/database/cursor.js';

/** The largest page listProducts returns. */
export const MAX_PRODUCT_PAGE = 1000;

export function productFromRow(row: ProductRow): Product {
  return {
    id: row.id,
    storeId: row.store_id,
    sku: row.sku,
    title: row.title,
    category: row.category,
    priceMinor: row.price_minor,
    currency: row.currency,
    replenishmentDays: row.replenishment_days,
    complements: JSON.parse(row.complements) as string[],
    upgradeTo: row.upgrade_to,
    handle: row.handle,
  };
}

export function productToRow(storeId: string, id: string, input: ProductInput): ProductRow {
  checkProduct(input);
  return {
    store_id: storeId,
    id,
    sku: input.sku,
    title: input.title,
    category: input.category,
    price_minor: input.priceMinor,
    currency: input.currency,
    replenishment_days: input.replenishmentDays,
    complements: JSON.stringify(input.complements),
    upgrade_to: input.upgradeTo,
    // Only Shopify's products/* webhooks set these (upsertShopifyVariants); the REST API keeps them.
    handle: null,
    source_updated_at: null,
  };
}

function checkProduct(input: ProductInput): void {
  if (typeof input.sku !== 'string' || input.sku === '')
    throw invalidField('sku', 'a product needs its SKU as a non-empty string');
  if (typeof input.title !== 'string' || input.title.trim() === '')
    throw invalidField('title', 'a product needs a title');
  if (input.priceMinor !== null) {
    // Minor units must be exact integers: a float or a number past 2^53 would silently change money.
    if (!Number.isSafeInteger(input.priceMinor))
      throw invalidField('priceMinor', `priceMinor must be an integer number of minor units, not ${input.priceMinor}`);
    if (input.currency === null) throw invalidField('currency', 'a product with a price needs its currency');
  }
  if (input.currency !== null && !/^[A-Z]{3}$/.test(input.currency)) {
    throw invalidField('currency', `currency must be an ISO 4217 code such as EUR, not ${input.currency}`);
  }
  if (
    input.replenishmentDays !== null &&
    !(Number.isSafeInteger(input.replenishmentDays) && input.replenishmentDays > 0)
  ) {
    throw invalidField(
      'replenishmentDays',
      `replenishmentDays must be a positive whole number of days, not ${input.replenishmentDays}`,
    );
  }
  if (!Array.isArray(input.complements) || !input.complements.every((sku) => typeof sku === 'string' && sku !== '')) {
    throw invalidField('complements', 'complements must be a list of SKUs');
  }
}

/**
 * Inserts the product or replaces the one with the same SKU, in one statement: the (store_id, sku)
 * unique index arbitrates concurrent writers (on PostgreSQL the second INSERT waits for the first
 * and then updates its row). Every field is replaced: ProductInput has no optional fields.
 */
export async function upsertProductBySku(
  db: Kysely<Database>,
  storeId: string,
  input: ProductInput,
): Promise<{ product: Product; outcome: 'created' | 'updated' }> {
  const row = productToRow(storeId, newId('prd'), input);
  try {
    const stored = await db
      .insertInto('products')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['store_id', 'sku']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          category: eb.ref('excluded.category'),
          price_minor: eb.ref('excluded.price_minor'),
          currency: eb.ref('excluded.currency'),
          replenishment_days: eb.ref('excluded.replenishment_days'),
          complements: eb.ref('excluded.complements'),
          upgrade_to: eb.ref('excluded.upgrade_to'),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    // The id we made survives only when the row is new; an update keeps the stored id.
    return { product: productFromRow(stored), outcome: stored.id === row.id ? 'created' : 'updated' };
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}

/** The store's product with this id, or null: another store's product is not found. */
export async function findProduct(db: Kysely<Database>, storeId: string, productId: string): Promise<Product | null> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', productId)
    .executeTakeFirst();
  return row ? productFromRow(row) : null;
}

export async function findProductBySku(db: Kysely<Database>, storeId: string, sku: string): Promise<Product | null> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('sku', '=', sku)
    .executeTakeFirst();
  return row ? productFromRow(row) : null;
}

/**
 * A page of the store's products in id order (ids are time-ordered: oldest first). The cursor is
 * opaque to clients (base64url of the last id of the previous page) and pages by "id after it",
 * so rows inserted meanwhile never shift a page: every product present throughout is listed
 * exactly once. nextCursor is null on the last page.
 */
export async function listProducts(
  db: Kysely<Database>,
  storeId: string,
  page: { readonly limit: number; readonly cursor?: string | null },
): Promise<{ products: Product[]; nextCursor: string | null }> {
  checkLimit(page.limit, MAX_PRODUCT_PAGE);
  const after = page.cursor == null ? null : decodeCursor(page.cursor, 'prd');
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where('store_id', '=', storeId)
    .$if(after !== null, (qb) => qb.where('id', '>', after!))
    .orderBy('id')
    // One row more than asked tells whether another page follows, without a count.
    .limit(page.limit + 1)
    .execute();
  const products = rows.slice(0, page.limit).map(productFromRow);
  return { products, nextCursor: rows.length > page.limit ? encodeCursor(products[products.length - 1].id) : null };
}

function checkLimit(limit: number, max: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new RegularsError('VALIDATION_FAILED', `limit must be a whole number from 1 to ${max}, not ${limit}`, {
      path: '/limit',
    });
  }
}

/**
 * Records Shopify's variants by SKU: a new SKU becomes a product (its own settings empty); a known
 * one gets Shopify's title, price, category and handle, and keeps what the store set through the
 * API (replenishment, complements, upgrade). One statement per variant, applied only when the
 * payload is not older than the version stored (source_updated_at), so a late products/update
 * never brings back an old handle. Returns how many variants changed a row.
 */
export async function upsertShopifyVariants(
  db: Kysely<Database>,
  storeId: string,
  variants: readonly ShopifyVariantInput[],
): Promise<{ written: number; stale: number }> {
  let written = 0;
  for (const variant of variants) {
    const base = productToRow(storeId, newId('prd'), {
      sku: variant.sku,
      title: variant.title,
      category: variant.category,
      priceMinor: variant.priceMinor,
      currency: variant.currency,
      replenishmentDays: null,
      complements: [],
      upgradeTo: null,
    });
    const row = {
      ...base,
      handle: variant.handle,
      source_updated_at: utcInstant(variant.sourceUpdatedAt, 'updatedAt'),
    };
    const stored = await db
      .insertInto('products')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'sku'])
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            category: eb.fn.coalesce('excluded.category', 'products.category'),
            price_minor: eb.ref('excluded.price_minor'),
            currency: eb.ref('excluded.currency'),
            handle: eb.ref('excluded.handle'),
            source_updated_at: eb.ref('excluded.source_updated_at'),
          }))
          .where((eb) =>
            eb.or([
              eb('products.source_updated_at', 'is', null),
              eb('excluded.source_updated_at', '>=', eb.ref('products.source_updated_at')),
            ]),
          ),
      )
      .returning('id')
      .executeTakeFirst();
    if (stored) written++;
  }
  return { written, stale: variants.length - written };
}

/** The handles of these SKUs that the store knows (a SKU without one is left out). */
export async function findProductHandles(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const handles = new Map<string, string>();
  const unique = [...new Set(skus)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom('products')
      .select(['sku', 'handle'])
      .where('store_id', '=', storeId)
      .where('sku', 'in', unique.slice(start, start + 500))
      .where('handle', 'is not', null)
      .execute();
    for (const row of rows) if (row.handle !== null) handles.set(row.sku, row.handle);
  }
  return handles;
}

/** Every handle the store knows, by SKU: what message links are built from (one read per planning run). */
export async function findAllProductHandles(db: Kysely<Database>, storeId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('products')
    .select(['sku', 'handle'])
    .where('store_id', '=', storeId)
    .where('handle', 'is not', null)
    .execute();
  return new Map(rows.flatMap((row) => (row.handle === null ? [] : [[row.sku, row.handle] as const])));
}
