import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../analytics/day.js';
import { mapWooCommerceOrder, WOOCOMMERCE_STATUSES } from './order.mapper.js';
import { mapWooCommerceCustomer } from './customer.mapper.js';
import {
  copyOf,
  DOCUMENTED_CUSTOMER_25,
  DOCUMENTED_ORDER_723,
  DOCUMENTED_ORDER_727,
  elements,
} from './woocommerce-payloads.fixtures.js';

describe('mapWooCommerceOrder on the documented payloads', () => {
  it('maps the guest order 727: keyed by billing email, local time with its offset, exact money', () => {
    const change = mapWooCommerceOrder(DOCUMENTED_ORDER_727);
    expect(change.customer).toEqual({
      externalId: 'email:john.doe@example.com',
      email: 'john.doe@example.com',
      phone: '(555) 555-5555',
      firstName: 'John',
      lastName: 'Doe',
      sourceUpdatedAt: '2017-03-22T19:28:08.000Z',
    });
    expect(change.wooStatus).toBe('processing');
    expect(change.order).toEqual({
      externalId: '727',
      orderedAt: '2017-03-22T16:28:02-03:00',
      orderDay: dayFromYmd(2017, 3, 22),
      currency: 'USD',
      subtotalMinor: 1800,
      discountMinor: 0,
      shippingMinor: 1000,
      totalMinor: 2935,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: '2017-03-22T19:28:08.000Z',
      lines: [
        { sku: 'wc-product:93', title: 'Woo Single #1', category: null, quantity: 2, priceMinor: 300, totalMinor: 600 },
        {
          sku: 'Bar3',
          title: 'Ship Your Idea &ndash; Color: Black, Size: M Test',
          category: null,
          quantity: 1,
          priceMinor: 1200,
          totalMinor: 1200,
        },
      ],
    });
  });

  it('maps order 723 of customer 26 with its two refunds (negative totals) as partly refunded', () => {
    const change = mapWooCommerceOrder(DOCUMENTED_ORDER_723);
    expect(change.customer.externalId).toBe('26');
    expect(change.customer.email).toBe('joao.silva@example.com');
    expect(change.order).toMatchObject({
      externalId: '723',
      totalMinor: 3900,
      refundedMinor: 1900,
      status: 'partially_refunded',
      orderDay: dayFromYmd(2017, 3, 21),
    });
  });

  it('counts only processing and completed as purchases', () => {
    const expected: Record<string, string> = {
      pending: 'cancelled',
      processing: 'paid',
      'on-hold': 'cancelled',
      completed: 'paid',
      cancelled: 'cancelled',
      refunded: 'refunded',
      failed: 'cancelled',
      trash: 'cancelled',
    };
    for (const status of WOOCOMMERCE_STATUSES) {
      const order = { ...copyOf(DOCUMENTED_ORDER_727), status };
      const mapped = mapWooCommerceOrder(order).order;
      expect(mapped.status, status).toBe(expected[status]);
      // Only WooCommerce's own cancellation is dated as one.
      expect(mapped.cancelledAt, status).toBe(status === 'cancelled' ? '2017-03-22T16:28:08-03:00' : null);
    }
    expect(() => mapWooCommerceOrder({ ...copyOf(DOCUMENTED_ORDER_727), status: 'shipped' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { path: '/status' } }),
    );
  });

  it('makes a refund of the whole total a refunded order', () => {
    const order = copyOf(DOCUMENTED_ORDER_723);
    order.refunds = [{ id: 730, reason: '', total: '-39.00' }];
    expect(mapWooCommerceOrder(order).order).toMatchObject({ refundedMinor: 3900, status: 'refunded' });
  });

  it('keys a guest without an email by phone, and one with neither by the order', () => {
    const noEmail = copyOf(DOCUMENTED_ORDER_727);
    (noEmail.billing as Record<string, unknown>).email = '';
    expect(mapWooCommerceOrder(noEmail).customer.externalId).toBe('phone:5555555555');
    (noEmail.billing as Record<string, unknown>).phone = '';
    expect(mapWooCommerceOrder(noEmail).customer.externalId).toBe('guest:wc-order:727');
  });

  it('converts a 0-decimal and a 3-decimal currency exactly', () => {
    const yen: Record<string, unknown> = {
      ...copyOf(DOCUMENTED_ORDER_727),
      currency: 'JPY',
      total: '2935',
      shipping_total: '1000',
    };
    yen.line_items = [{ ...elements(yen, 'line_items')[0], subtotal: '600', total: '600' }];
    expect(mapWooCommerceOrder(yen).order).toMatchObject({ totalMinor: 2935, subtotalMinor: 600, shippingMinor: 1000 });
    const dinar: Record<string, unknown> = {
      ...copyOf(DOCUMENTED_ORDER_727),
      currency: 'KWD',
      total: '29.355',
      shipping_total: '1.005',
    };
    dinar.line_items = [{ ...elements(dinar, 'line_items')[0], subtotal: '6.001', total: '6.001' }];
    expect(mapWooCommerceOrder(dinar).order).toMatchObject({
      totalMinor: 29355,
      shippingMinor: 1005,
      lines: [expect.objectContaining({ priceMinor: 3001, totalMinor: 6001 })],
    });
  });

  it('refuses an order without its version, naming the field', () => {
    const order = copyOf(DOCUMENTED_ORDER_727);
    delete order.date_modified_gmt;
    expect(() => mapWooCommerceOrder(order)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { path: '/date_modified_gmt' } }),
    );
    const bad = copyOf(DOCUMENTED_ORDER_727);
    elements(bad, 'line_items')[1].total = '12,00';
    expect(() => mapWooCommerceOrder(bad)).toThrow(
      expect.objectContaining({ details: { path: '/line_items/1/total' } }),
    );
  });
});

describe('mapWooCommerceCustomer', () => {
  it('maps the documented customer 25, versioned by date_modified_gmt', () => {
    expect(mapWooCommerceCustomer(DOCUMENTED_CUSTOMER_25)).toEqual({
      externalId: '25',
      email: 'john.doe@example.com',
      firstName: 'John',
      lastName: 'Doe',
      phone: '(555) 555-5555',
      sourceUpdatedAt: '2017-03-21T19:09:30.000Z',
    });
  });
});
