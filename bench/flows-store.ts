import type { Kysely } from 'kysely';
import { createRng } from '../src/platform/random.js';
import { ymdFromDay } from '../src/analytics/day.js';
import type { Database } from '../src/platform/database/database.table.js';

/**
 * A store of `customers` customers for bench:flows, written straight into the tables in big
 * multi-row INSERTs (the ingestion paths are measured by bench:import and bench:api; here only the
 * planning is). The story, relative to `today` (a day number): each customer's first order falls in
 * the last two years, then more at their own pace (mean gap 20-120 days) — about 2.2 orders and
 * 3.3 line items per customer; 60 products: 20 consumables with replenishment days, 20
 * accessories (the complements of the consumables), 20 durables of which 10 name an upgrade;
 * 80% of customers have a birthday, 70% granted marketing email; a few thousand cart events and
 * checkouts yesterday. Deterministic (seed 11).
 */
const ROWS_PER_INSERT = 500;
const ROWS_PER_TRANSACTION = 20_000;

export interface FlowsStore {
  readonly customers: number;
  readonly orders: number;
  readonly lines: number;
}

type Row = Record<string, string | number | null>;

class TableWriter {
  private pending: Row[] = [];
  written = 0;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: keyof Database,
  ) {}

  add(row: Row): void {
    this.pending.push(row);
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto(this.table)
          .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
          .execute();
    });
    this.written += rows.length;
  }
}

const SKUS = Array.from({ length: 60 }, (_, i) => `SKU-${String(i).padStart(2, '0')}`);

export async function writeFlowsStore(
  db: Kysely<Database>,
  storeId: string,
  customers: number,
  today: number,
  onProgress: (done: number) => void,
): Promise<FlowsStore> {
  const rng = createRng(11);
  const now = new Date().toISOString();
  const products = SKUS.map((sku, i) => ({
    store_id: storeId,
    id: `prd_b${i}`,
    sku,
    title: i < 20 ? `Coffee beans no. ${i}` : i < 40 ? `Filter papers no. ${i}` : `Grinder model ${i}`,
    category: i < 20 ? 'coffee' : i < 40 ? 'supplies' : 'gear',
    price_minor: i < 20 ? 1200 : i < 40 ? 400 : 9900,
    currency: 'EUR',
    replenishment_days: i < 20 ? 28 + (i % 5) * 14 : null,
    complements: JSON.stringify(i < 20 ? [SKUS[20 + i]] : []),
    upgrade_to: i >= 40 && i < 50 ? SKUS[i + 10] : null,
  }));
  await db.insertInto('products').values(products).execute();

  // In the order they are flushed: parents first.
  const writers = {
    customers: new TableWriter(db, 'customers'),
    consent: new TableWriter(db, 'consent_records'),
    orders: new TableWriter(db, 'orders'),
    lines: new TableWriter(db, 'order_lines'),
    events: new TableWriter(db, 'customer_events'),
  };
  let orderNo = 0;
  for (let i = 0; i < customers; i++) {
    const id = `cus_b${i.toString(36)}`;
    const birthday = rng.next() < 0.8 ? ymdFromDay(-3650 + Math.floor(rng.next() * 16000)) : null;
    writers.customers.add({
      store_id: storeId,
      id,
      external_id: `c${i}`,
      email: `c${i}@example.com`,
      phone: null,
      first_name: 'Alex',
      last_name: null,
      birthday,
      time_zone: null,
      locale: null,
      tags: '[]',
      attributes: '{}',
      created_at: now,
      updated_at: now,
    });
    if (rng.next() < 0.7) {
      writers.consent.add({
        store_id: storeId,
        id: `con_b${i.toString(36)}`,
        customer_id: id,
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'bench',
        ip: null,
        double_opt_in_at: null,
        recorded_at: '2024-01-01T00:00:00.000Z',
      });
    }
    const gap = 20 + rng.next() * 100;
    const favourite = Math.floor(rng.next() * 60);
    let day = today - 730 + Math.floor(rng.next() * 729);
    for (;;) {
      const orderId = `ord_b${(orderNo++).toString(36)}`;
      const orderedAt = `${ymdFromDay(day)}T${String(8 + Math.floor(rng.next() * 12)).padStart(2, '0')}:15:00.000Z`;
      const lineCount = rng.next() < 0.5 ? 1 : 2;
      let total = 0;
      for (let l = 0; l < lineCount; l++) {
        const p = l === 0 ? favourite : Math.floor(rng.next() * 60);
        const product = products[p];
        total += product.price_minor;
        writers.lines.add({
          store_id: storeId,
          order_id: orderId,
          line_no: l + 1,
          sku: product.sku,
          title: product.title,
          category: product.category,
          quantity: 1,
          price_minor: product.price_minor,
          total_minor: product.price_minor,
        });
      }
      writers.orders.add({
        store_id: storeId,
        id: orderId,
        external_id: `o${orderNo}`,
        customer_id: id,
        ordered_at: orderedAt,
        order_day: day,
        currency: 'EUR',
        subtotal_minor: total,
        discount_minor: 0,
        shipping_minor: 0,
        total_minor: total,
        refunded_minor: 0,
        status: 'paid',
        cancelled_at: null,
        source_updated_at: null,
        created_at: orderedAt,
        updated_at: orderedAt,
      });
      day += 1 + Math.floor(-Math.log(1 - rng.next()) * gap);
      if (day >= today || rng.next() < 0.35) break;
    }
    // Yesterday's carts: about 0.3% of customers left one.
    if (rng.next() < 0.003) {
      const at = new Date((today - 1) * 86_400_000 + Math.floor(rng.next() * 20) * 3_600_000).toISOString();
      const payload = JSON.stringify({
        cart_url: 'https://beans.example/cart',
        items: [{ sku: SKUS[favourite], title: products[favourite].title }],
      });
      writers.events.add({
        store_id: storeId,
        id: `evt_b${i.toString(36)}`,
        customer_id: id,
        kind: 'checkout_started',
        occurred_at: at,
        payload,
      });
    }
    // Parents before children (the foreign keys): customers, then their orders, then the lines.
    if (writers.lines.size >= ROWS_PER_TRANSACTION) for (const writer of Object.values(writers)) await writer.flush();
    if (i % 10_000 === 0) onProgress(i);
  }
  for (const writer of Object.values(writers)) await writer.flush();
  onProgress(customers);
  return { customers, orders: writers.orders.written, lines: writers.lines.written };
}
