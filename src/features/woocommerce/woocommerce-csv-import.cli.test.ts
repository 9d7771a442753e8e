import { describe, expect, it } from 'vitest';
import { copyOf, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';
import { mapWooCommerceOrder } from './order.mapper.js';
import { recordWooCommerceOrder } from './receive-woocommerce-webhook.service.js';
import { findCustomerByExternalId } from '../customers/customer.repository.js';
import { findOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { type CliRun, dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, type TestDatabase, useTestDatabase } from '../../../test/support/test-database.js';

const FILE = fixturePath('woocommerce', 'orders_export_one_row_per_item.csv');

function cli(database: TestDatabase, args: readonly string[]): Promise<CliRun> {
  const at = dbArgs(database.target);
  return runCli([...args, ...at.args], { env: { DATABASE_URL: undefined, ...at.env } });
}

describe.each(dialects)('regulars import --format woocommerce on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('imports the order export as the webhooks would record it, and lists the rows it refuses', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Woo shop' });
    const run = await cli(database(), ['import', FILE, '--format', 'woocommerce', '--store', store.id, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      format: 'woocommerce',
      rowsRead: 9,
      orders: { processed: 5, stale: 0, rejected: 2 },
    });
    expect(result.rejections).toEqual([
      { line: 7, field: 'order_date', code: 'BAD_DATE', reason: expect.stringContaining('yesterday') },
      {
        line: 9,
        field: 'item_quantity',
        code: 'BAD_QUANTITY',
        reason: expect.stringContaining('/line_items/1/quantity'),
      },
    ]);
    expect(run.stderr).toMatch(/2 rows rejected:\n {2}line 7, order_date: BAD_DATE/);

    const order = (id: string) => findOrderByExternalId(db, store.id, id);
    expect(await order('188')).toMatchObject({
      status: 'paid',
      currency: 'USD',
      totalMinor: 4700,
      discountMinor: 300,
      shippingMinor: 1000,
      orderedAt: '2016-09-15T03:17:47',
      lines: [
        expect.objectContaining({ sku: 'WOO-1', quantity: 2, priceMinor: 1500, totalMinor: 2700 }),
        // No SKU: keyed by the product id, as the webhooks do.
        expect.objectContaining({ sku: 'wc-product:22', title: 'Ship Your Idea', quantity: 1 }),
      ],
    });
    expect((await order('190'))!.status).toBe('cancelled'); // on-hold is not a purchase
    expect(await order('191')).toMatchObject({ status: 'partially_refunded', refundedMinor: 500 });
    expect((await order('194'))!.status).toBe('cancelled'); // the legacy 'wc-' prefix
    expect(await order('192')).toBeNull();
    expect(await order('193')).toBeNull();

    // Registered buyers by WooCommerce's user id, guests by their billing email (lowercased).
    const skyler = await findCustomerByExternalId(db, store.id, '5');
    const guest = await findCustomerByExternalId(db, store.id, 'email:john.doe@example.com');
    expect(skyler).toMatchObject({ email: 'skyler@mailinator.com', firstName: 'Skyler' });
    expect((await order('189'))!.customerId).toBe(guest!.id);
    expect((await order('190'))!.customerId).toBe(guest!.id);

    // The webhook of the same guest's next order (the REST API docs' order 727) joins the same customer.
    const webhook = await recordWooCommerceOrder(db, store.id, mapWooCommerceOrder(copyOf(DOCUMENTED_ORDER_727)));
    expect(webhook.customerId).toBe(guest!.id);

    // A webhook's later version of an order wins over the file's: importing again keeps it, changes nothing else.
    const refunded = { ...copyOf(DOCUMENTED_ORDER_727), id: 188, customer_id: 5, status: 'refunded' };
    await recordWooCommerceOrder(db, store.id, mapWooCommerceOrder(refunded));
    // An equal version is written again (updated_at moves); what the order says does not change.
    const orders = async () =>
      (await db.selectFrom('orders').selectAll().where('store_id', '=', store.id).orderBy('id').execute()).map(
        ({ updated_at: _, ...row }) => row,
      );
    const before = await orders();
    const again = JSON.parse(
      (await cli(database(), ['import', FILE, '--format', 'woocommerce', '--store', store.id, '--json'])).stdout,
    );
    expect(again.orders).toEqual({ processed: 4, stale: 1, rejected: 2 });
    expect(await orders()).toEqual(before);
    expect((await order('188'))!.status).toBe('refunded');
  });

  it('refuses a file that is not the export, naming the missing columns', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Woo shop' });
    const shopify = fixturePath('shopify', 'orders_export.csv');
    const run = await cli(database(), ['import', shopify, '--format', 'woocommerce', '--store', store.id]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/MISSING_COLUMN: not WooCommerce's order export .*lacks order_id, order_date, status/);
  });
});
