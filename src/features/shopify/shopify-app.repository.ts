import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { ShopifyInstallationRow } from './shopify-app.table.js';

export interface RegisteredWebhook {
  readonly topic: string;
  readonly id: string;
  readonly uri: string;
}

export interface ShopifyInstallation {
  readonly storeId: string;
  readonly shopDomain: string;
  readonly status: 'installed' | 'uninstalled' | 'redacted';
  /** The sealed token (src/platform/secret-cipher.ts), never the token itself. */
  readonly sealedToken: string | null;
  readonly scopes: string;
  readonly installedAt: string;
  readonly uninstalledAt: string | null;
  readonly webhooks: readonly RegisteredWebhook[];
  readonly webhooksRegisteredAt: string | null;
  readonly webhookError: string | null;
  readonly updatedAt: string;
}

function installationFromRow(row: ShopifyInstallationRow): ShopifyInstallation {
  return {
    storeId: row.store_id,
    shopDomain: row.shop_domain,
    status: row.status as ShopifyInstallation['status'],
    sealedToken: row.access_token,
    scopes: row.scopes,
    installedAt: row.installed_at,
    uninstalledAt: row.uninstalled_at,
    webhooks: JSON.parse(row.webhooks) as RegisteredWebhook[],
    webhooksRegisteredAt: row.webhooks_registered_at,
    webhookError: row.webhook_error,
    updatedAt: row.updated_at,
  };
}

export async function findInstallation(db: Kysely<Database>, storeId: string): Promise<ShopifyInstallation | null> {
  const row = await db
    .selectFrom('shopify_installations')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  return row ? installationFromRow(row) : null;
}

/** The installation of a shop (a compliance webhook names the shop, not the store). */
export async function findInstallationByShop(
  db: Kysely<Database>,
  shopDomain: string,
): Promise<ShopifyInstallation | null> {
  const row = await db
    .selectFrom('shopify_installations')
    .selectAll()
    .where('shop_domain', '=', shopDomain)
    .executeTakeFirst();
  return row ? installationFromRow(row) : null;
}

export async function listInstallations(db: Kysely<Database>): Promise<ShopifyInstallation[]> {
  const rows = await db.selectFrom('shopify_installations').selectAll().orderBy('store_id').execute();
  return rows.map(installationFromRow);
}

/**
 * Writes the installation after a completed OAuth grant: a reinstall replaces token, scopes and
 * install time and keeps the webhooks found before (registration checks them again).
 */
export async function saveInstallation(
  db: Kysely<Database>,
  input: { storeId: string; shopDomain: string; sealedToken: string; scopes: string; now: string },
): Promise<void> {
  await db
    .insertInto('shopify_installations')
    .values({
      store_id: input.storeId,
      shop_domain: input.shopDomain,
      status: 'installed',
      access_token: input.sealedToken,
      scopes: input.scopes,
      installed_at: input.now,
      uninstalled_at: null,
      webhooks: '[]',
      webhooks_registered_at: null,
      webhook_error: null,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet({
        shop_domain: input.shopDomain,
        status: 'installed',
        access_token: input.sealedToken,
        scopes: input.scopes,
        installed_at: input.now,
        uninstalled_at: null,
        updated_at: input.now,
      }),
    )
    .execute();
}

export async function updateWebhooks(
  db: Kysely<Database>,
  storeId: string,
  update: { webhooks: readonly RegisteredWebhook[]; error: string | null; now: string },
): Promise<void> {
  await db
    .updateTable('shopify_installations')
    .set({
      webhooks: JSON.stringify(update.webhooks),
      ...(update.error === null ? { webhooks_registered_at: update.now } : {}),
      webhook_error: update.error,
      updated_at: update.now,
    })
    .where('store_id', '=', storeId)
    .execute();
}

/** Uninstalled (or, after shop/redact, redacted): the token is dropped, Shopify has revoked it anyway. */
export async function markUninstalled(
  db: Kysely<Database>,
  storeId: string,
  status: 'uninstalled' | 'redacted',
  now: string,
): Promise<void> {
  await db
    .updateTable('shopify_installations')
    .set((eb) => ({
      status,
      access_token: null,
      webhooks: '[]',
      uninstalled_at: eb.fn.coalesce('uninstalled_at', eb.val(now)),
      updated_at: now,
    }))
    .where('store_id', '=', storeId)
    .execute();
}

export async function replaceSealedToken(
  db: Kysely<Database>,
  storeId: string,
  before: string,
  after: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('shopify_installations')
    .set({ access_token: after, updated_at: now })
    .where('store_id', '=', storeId)
    .where('access_token', '=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertOAuthState(
  db: Kysely<Database>,
  row: { storeId: string; stateHash: string; shopDomain: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('shopify_oauth_states')
    .values({
      store_id: row.storeId,
      state_hash: row.stateHash,
      shop_domain: row.shopDomain,
      created_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
}

/**
 * Takes a state: deletes and returns it, so a second callback with the same state finds nothing.
 * Expired states of every store go at the same time (they are never used again).
 */
export async function takeOAuthState(
  db: Kysely<Database>,
  stateHash: string,
  now: string,
): Promise<{ storeId: string; shopDomain: string; expiresAt: string } | null> {
  const row = await db
    .deleteFrom('shopify_oauth_states')
    .where('state_hash', '=', stateHash)
    .returning(['store_id', 'shop_domain', 'expires_at'])
    .executeTakeFirst();
  await db.deleteFrom('shopify_oauth_states').where('expires_at', '<', now).execute();
  return row ? { storeId: row.store_id, shopDomain: row.shop_domain, expiresAt: row.expires_at } : null;
}

export async function selectDataRequests(db: Kysely<Database>, storeId: string) {
  const rows = await db
    .selectFrom('shopify_data_requests')
    .select(['id', 'request_id', 'shopify_customer_id', 'customer_id', 'requested_at'])
    .where('store_id', '=', storeId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    requestId: row.request_id,
    shopifyCustomerId: row.shopify_customer_id,
    customerId: row.customer_id,
    requestedAt: row.requested_at,
  }));
}

export async function selectDataRequestExport(
  db: Kysely<Database>,
  storeId: string,
  id: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('shopify_data_requests')
    .select('export')
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.export ?? null;
}
