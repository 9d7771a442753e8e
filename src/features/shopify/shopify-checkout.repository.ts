import type { Kysely } from 'kysely';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ShopifyCheckoutRow, ShopifyCheckoutTable } from './shopify-checkout.table.js';

/**
 * Stores a checkout's version, or replaces the stored one when this version is not older (by
 * source_updated_at), in one statement: the (store_id, token) key arbitrates concurrent writers.
 * The completion survives every later write: an order that completed the checkout, or a payload's
 * completed_at, is kept even if an older-looking update arrives afterwards. Returns the row as
 * stored, or null when the stored version is newer (nothing changed).
 */
export async function upsertCheckoutVersion(
  db: Kysely<Database>,
  row: Omit<ShopifyCheckoutTable, 'completed_order_id' | 'event_id' | 'recorded_at'>,
): Promise<ShopifyCheckoutRow | null> {
  const stored = await db
    .insertInto('shopify_checkouts')
    .values({ ...row, completed_order_id: null, event_id: null, recorded_at: nowIso() })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'token'])
        .doUpdateSet((eb) => ({
          checkout_id: eb.fn.coalesce('excluded.checkout_id', 'shopify_checkouts.checkout_id'),
          customer_id: eb.fn.coalesce('excluded.customer_id', 'shopify_checkouts.customer_id'),
          email: eb.fn.coalesce('excluded.email', 'shopify_checkouts.email'),
          phone: eb.fn.coalesce('excluded.phone', 'shopify_checkouts.phone'),
          recovery_url: eb.ref('excluded.recovery_url'),
          currency: eb.ref('excluded.currency'),
          total_minor: eb.ref('excluded.total_minor'),
          lines: eb.ref('excluded.lines'),
          source_updated_at: eb.ref('excluded.source_updated_at'),
          completed_at: eb.fn.coalesce('shopify_checkouts.completed_at', 'excluded.completed_at'),
          recorded_at: eb.ref('excluded.recorded_at'),
        }))
        .where('excluded.source_updated_at', '>=', (eb) => eb.ref('shopify_checkouts.source_updated_at')),
    )
    .returningAll()
    .executeTakeFirst();
  return stored ?? null;
}

export async function setCheckoutEvent(
  db: Kysely<Database>,
  storeId: string,
  token: string,
  eventId: string | null,
): Promise<void> {
  await db
    .updateTable('shopify_checkouts')
    .set({ event_id: eventId })
    .where('store_id', '=', storeId)
    .where('token', '=', token)
    .execute();
}

/**
 * Marks the store's checkout with this token (or, when the order names only it, this checkout id)
 * completed by the order, once: the first completing order is kept. Returns the checkouts it
 * changed (none when Regulars never received the checkout).
 */
export async function completeCheckouts(
  db: Kysely<Database>,
  storeId: string,
  checkout: { readonly token: string | null; readonly checkoutId: string | null },
  order: { readonly externalId: string; readonly at: string },
): Promise<ShopifyCheckoutRow[]> {
  const { token, checkoutId } = checkout;
  if (token === null && checkoutId === null) return [];
  return db
    .updateTable('shopify_checkouts')
    .set({ completed_at: order.at, completed_order_id: order.externalId })
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        ...(token === null ? [] : [eb('token', '=', token)]),
        ...(checkoutId === null ? [] : [eb('checkout_id', '=', checkoutId)]),
      ]),
    )
    .where('completed_order_id', 'is', null)
    .returningAll()
    .execute();
}

export async function findCheckout(
  db: Kysely<Database>,
  storeId: string,
  token: string,
): Promise<ShopifyCheckoutRow | null> {
  const row = await db
    .selectFrom('shopify_checkouts')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('token', '=', token)
    .executeTakeFirst();
  return row ?? null;
}
