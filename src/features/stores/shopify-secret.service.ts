import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { getStore, updateShopifySecret } from '../../platform/stores/store.repository.js';

/** Whether webhooks can be verified; the secret itself is never shown again once set. */
export async function shopifySecretStatus(db: Kysely<Database>, storeId: string): Promise<{ set: boolean }> {
  return { set: (await getStore(db, storeId)).shopifySecret !== null };
}

/**
 * Sets or replaces the Shopify app's shared secret (null disconnects: webhooks are then refused
 * with WEBHOOK_NOT_CONFIGURED). Webhooks read the store on each delivery, so the next one uses it.
 */
export async function setShopifySecret(
  db: Kysely<Database>,
  storeId: string,
  secret: string | null,
): Promise<{ set: boolean }> {
  const value = secret === null ? null : secret.trim();
  if (value === '')
    throw new RegularsError('INVALID_ARGUMENT', 'the Shopify secret is empty; send null to disconnect Shopify', {
      field: 'secret',
    });
  await updateShopifySecret(db, storeId, value);
  return { set: value !== null };
}
