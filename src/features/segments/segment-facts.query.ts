/**
 * One customer's facts for the JS evaluation of a segment rule (the explanation): the profile,
 * stored metrics, tier, points, purchases with their lines, consent records and events. A handful
 * of queries by the customer's indexes.
 */
import type { Kysely } from 'kysely';
import type { CustomerFacts, PurchaseFact } from './explain.js';
import { isPurchase, metricFactsFromRow } from './customer-metrics.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** Events read per customer for an explanation, newest first. */
const MAX_EVENTS = 5_000;

/** The facts, or null when the store has no such customer. Purchases up to asOfDay, events and consent up to the asOf instant. */
export async function loadCustomerFacts(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOf: { day: number; instant: string },
): Promise<CustomerFacts | null> {
  const [customer, metrics, tier, balance, orderRows, consent, events] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['created_at', 'tags'])
      .where('store_id', '=', storeId)
      .where('id', '=', customerId)
      .executeTakeFirst(),
    db
      .selectFrom('customer_metrics')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
    db
      .selectFrom('customer_tiers')
      .select('tier')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
    db
      .selectFrom('loyalty_balances')
      .select('points_total')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
    db
      .selectFrom('orders')
      .leftJoin('order_lines as l', (j) =>
        j.onRef('l.store_id', '=', 'orders.store_id').onRef('l.order_id', '=', 'orders.id'),
      )
      .select(['orders.id', 'orders.order_day', 'orders.ordered_at', 'l.sku', 'l.category'])
      .where('orders.store_id', '=', storeId)
      .where('orders.customer_id', '=', customerId)
      .where('orders.order_day', '<=', asOf.day)
      .where(isPurchase)
      .execute(),
    db
      .selectFrom('consent_records')
      .select(['id', 'channel', 'purpose', 'status', 'recorded_at'])
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('customer_events')
      .select(['kind', 'occurred_at'])
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .where('occurred_at', '<=', asOf.instant)
      .orderBy('occurred_at', 'desc')
      .limit(MAX_EVENTS)
      .execute(),
  ]);
  if (!customer) return null;
  const purchases = new Map<string, { day: number; date: string; skus: Set<string>; categories: Set<string> }>();
  for (const row of orderRows) {
    let p = purchases.get(row.id);
    if (!p)
      purchases.set(
        row.id,
        (p = { day: row.order_day, date: row.ordered_at.slice(0, 10), skus: new Set(), categories: new Set() }),
      );
    if (row.sku !== null) p.skus.add(row.sku);
    if (row.category !== null) p.categories.add(row.category);
  }
  return {
    createdAt: customer.created_at,
    tags: JSON.parse(customer.tags) as string[],
    metrics: metrics ? metricFactsFromRow(metrics) : null,
    tier: tier?.tier ?? null,
    points: balance ? Number(balance.points_total) : 0,
    consent: consent.map((r) => ({
      id: r.id,
      channel: r.channel,
      purpose: r.purpose,
      status: r.status,
      recordedAt: r.recorded_at,
    })),
    purchases: [...purchases.values()].map((p): PurchaseFact => ({
      day: p.day,
      date: p.date,
      skus: [...p.skus],
      categories: [...p.categories],
    })),
    events: events.map((e) => ({ kind: e.kind, occurredAt: e.occurred_at })),
  };
}
