import type { Kysely } from 'kysely';
import type { Product, ProductInput } from './product.js';
import { upsertProductBySku } from './product.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * Creates the store's product with this SKU or replaces every field of the one stored: one
 * statement, which the (store_id, sku) unique index makes safe against concurrent writers.
 */
export function recordProduct(
  db: Kysely<Database>,
  storeId: string,
  input: ProductInput,
): Promise<{ product: Product; outcome: 'created' | 'updated' }> {
  return upsertProductBySku(db, storeId, input);
}
