import { describe, expect, it } from 'vitest';
import { mapWooCommerceOrder } from './order.mapper.js';
import { recordWooCommerceOrder } from './receive-woocommerce-webhook.service.js';
import { copyOf, DOCUMENTED_ORDER_723, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

/**
 * WooCommerce has no delivery event: an order completed stands for its delivery (docs/surveys.md),
 * recorded once as order.delivered, dated by date_completed; an order still processing is not.
 */
describe.each(dialects)('WooCommerce completed orders as deliveries on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('records order.delivered once for a completed order, at its completion; none for one processing', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Woo beans' });
    // Order 723 of WooCommerce's documentation is completed (2017-03-21T16:54:51, store time UTC-3).
    const completed = await recordWooCommerceOrder(db, store.id, mapWooCommerceOrder(copyOf(DOCUMENTED_ORDER_723)));
    expect(completed.outcome).toBe('processed');
    // The same order again, a newer version still completed (the backfill over a webhook): no second event.
    const again = copyOf(DOCUMENTED_ORDER_723);
    again.date_modified = '2017-03-22T09:00:00';
    again.date_modified_gmt = '2017-03-22T12:00:00';
    expect((await recordWooCommerceOrder(db, store.id, mapWooCommerceOrder(again))).outcome).toBe('processed');
    // Order 727 is processing: paid, not completed.
    expect(
      (await recordWooCommerceOrder(db, store.id, mapWooCommerceOrder(copyOf(DOCUMENTED_ORDER_727)))).outcome,
    ).toBe('processed');

    const events = await db
      .selectFrom('customer_events')
      .select(['customer_id', 'occurred_at', 'payload'])
      .where('store_id', '=', store.id)
      .where('kind', '=', 'custom')
      .execute();
    expect(events.map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown }))).toEqual([
      {
        customer_id: completed.customerId,
        occurred_at: '2017-03-21T19:54:51.000Z',
        payload: { name: 'order.delivered', orderId: '723', source: 'woocommerce' },
      },
    ]);
  });
});
