/**
 * Facts for the upgrade-offer flow (src/features/flows/upgrade-offer/upgrade-offer.planner.ts): the catalogue's upgrade
 * paths, the purchases of upgradable products on the days whose offers fall due, and what those
 * customers bought of the product or its upgrade since.
 */
import type { Kysely } from 'kysely';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface UpgradePath {
  readonly sku: string;
  readonly title: string;
  readonly upgradeSku: string;
  readonly upgradeTitle: string;
}

/** Products whose upgrade_to names another product of the catalogue (an unknown SKU has no title to offer). */
export async function findUpgradePaths(db: Kysely<Database>, storeId: string): Promise<UpgradePath[]> {
  const rows = await db
    .selectFrom('products as p')
    .innerJoin('products as u', (j) => j.onRef('u.store_id', '=', 'p.store_id').onRef('u.sku', '=', 'p.upgrade_to'))
    .select(['p.sku', 'p.title', 'u.sku as upgrade_sku', 'u.title as upgrade_title'])
    .where('p.store_id', '=', storeId)
    .where('p.upgrade_to', 'is not', null)
    .whereRef('u.sku', '<>', 'p.sku')
    .orderBy('p.sku')
    .execute();
  return rows.map((r) => ({ sku: r.sku, title: r.title, upgradeSku: r.upgrade_sku, upgradeTitle: r.upgrade_title }));
}

export interface SkuPurchase {
  readonly customerId: string;
  readonly sku: string;
  readonly orderDay: number;
  readonly orderedAt: string;
}

/** Purchases (not cancelled, not fully refunded) of these SKUs on these days, with the customer's external id. */
export async function findPurchasesOnDays(
  db: Kysely<Database>,
  storeId: string,
  skus: readonly string[],
  days: readonly number[],
): Promise<(SkuPurchase & { customerExternalId: string })[]> {
  if (skus.length === 0 || days.length === 0) return [];
  const out: (SkuPurchase & { customerExternalId: string })[] = [];
  for (const part of chunks(skus)) {
    const rows = await db
      .selectFrom('orders')
      .innerJoin('order_lines as l', (j) =>
        j.onRef('l.store_id', '=', 'orders.store_id').onRef('l.order_id', '=', 'orders.id'),
      )
      .innerJoin('customers as c', (j) =>
        j.onRef('c.store_id', '=', 'orders.store_id').onRef('c.id', '=', 'orders.customer_id'),
      )
      .select(['orders.customer_id', 'c.external_id', 'l.sku', 'orders.order_day', 'orders.ordered_at'])
      .where('orders.store_id', '=', storeId)
      .where('orders.order_day', 'in', [...days])
      .where(isPurchase)
      .where('l.sku', 'in', part)
      .execute();
    for (const r of rows) {
      if (r.sku !== null)
        out.push({
          customerId: r.customer_id,
          customerExternalId: r.external_id,
          sku: r.sku,
          orderDay: Number(r.order_day),
          orderedAt: r.ordered_at,
        });
    }
  }
  return out;
}

/** These customers' purchases of these SKUs from `fromDay` on, by the (store_id, customer_id, order_day) index. */
export async function findCustomerPurchasesSince(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
  skus: readonly string[],
  fromDay: number,
): Promise<SkuPurchase[]> {
  if (customerIds.length === 0 || skus.length === 0) return [];
  const out: SkuPurchase[] = [];
  for (const ids of chunks([...new Set(customerIds)])) {
    const rows = await db
      .selectFrom('orders')
      .innerJoin('order_lines as l', (j) =>
        j.onRef('l.store_id', '=', 'orders.store_id').onRef('l.order_id', '=', 'orders.id'),
      )
      .select(['orders.customer_id', 'l.sku', 'orders.order_day', 'orders.ordered_at'])
      .where('orders.store_id', '=', storeId)
      .where('orders.customer_id', 'in', ids)
      .where('orders.order_day', '>=', fromDay)
      .where(isPurchase)
      .where('l.sku', 'in', [...skus])
      .execute();
    for (const r of rows)
      if (r.sku !== null)
        out.push({ customerId: r.customer_id, sku: r.sku, orderDay: Number(r.order_day), orderedAt: r.ordered_at });
  }
  return out;
}
