import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { findWooCommerceSecret, writeWooCommerceSecret } from './woocommerce-secret.repository.js';

/** Whether WooCommerce webhooks can be verified; the secret itself is never shown again once set. */
export async function wooCommerceSecretStatus(db: Kysely<Database>, storeId: string): Promise<{ set: boolean }> {
  await getStore(db, storeId);
  return { set: (await findWooCommerceSecret(db, storeId)) !== null };
}

/**
 * Sets or replaces the secret of the store's WooCommerce webhooks (the "Secret" field of each
 * webhook in WooCommerce → Settings → Advanced → Webhooks); null disconnects WooCommerce, whose
 * webhooks are then refused with WEBHOOK_NOT_CONFIGURED. Each delivery reads it, so the next one
 * uses the new secret.
 */
export async function setWooCommerceSecret(
  db: Kysely<Database>,
  storeId: string,
  secret: string | null,
): Promise<{ set: boolean }> {
  const value = secret === null ? null : secret.trim();
  if (value === '')
    throw new RegularsError('INVALID_ARGUMENT', 'the WooCommerce secret is empty; leave the option out instead', {
      field: '--woocommerce-secret',
    });
  await getStore(db, storeId);
  await writeWooCommerceSecret(db, storeId, value, nowIso());
  return { set: value !== null };
}
