import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../analytics/day.js';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { mapShopifyOrder } from './order.mapper.js';

/** A small order in Shopify's REST shape; big ids as the lossless parser leaves them (strings). */
function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '820982911946154508',
    name: '#1001',
    checkout_token: 'bd5a8aa1ecd019dd3520ff791ee3a24c',
    checkout_id: 901414060,
    email: 'john@example.com',
    created_at: '2024-03-01T23:30:00-05:00',
    processed_at: '2024-03-01T23:30:00-05:00',
    updated_at: '2024-03-01T23:30:05-05:00',
    cancelled_at: null,
    currency: 'USD',
    financial_status: 'paid',
    buyer_accepts_marketing: false,
    total_line_items_price: '248.00',
    total_discounts: '10.00',
    total_price: '248.00',
    total_shipping_price_set: {
      shop_money: { amount: '10.00', currency_code: 'USD' },
      presentment_money: { amount: '10.00', currency_code: 'USD' },
    },
    line_items: [
      {
        id: '866550311766439020',
        sku: 'IPOD2008PINK',
        title: 'IPod Nano - 8GB',
        price: '199.00',
        quantity: 1,
        discount_allocations: [{ amount: '10.00' }],
      },
      {
        id: '141249953214522974',
        sku: '',
        title: 'Silicone Case',
        price: '24.50',
        quantity: 2,
        discount_allocations: [],
      },
    ],
    refunds: [],
    customer: {
      id: '115310627314723954',
      email: 'john@example.com',
      first_name: 'John',
      last_name: 'Smith',
      phone: null,
      updated_at: '2024-03-01T23:30:05-05:00',
      email_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'confirmed_opt_in',
        consent_updated_at: '2024-02-10T10:05:00-05:00',
      },
    },
    ...overrides,
  };
}

function refund(id: string, amount: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    order_id: '820982911946154508',
    created_at: '2024-03-04T09:15:00-05:00',
    transactions: [{ id: '5956271014090', kind: 'refund', status: 'success', amount, currency: 'USD', ...extra }],
  };
}

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('mapShopifyOrder', () => {
  it('maps the order: exact money, day in the order’s own offset, lines net of their discounts', () => {
    const change = mapShopifyOrder(order());
    expect(change.order).toEqual({
      externalId: '820982911946154508',
      orderedAt: '2024-03-01T23:30:00-05:00',
      // March 1 as the store wrote it, though the instant is March 2 in UTC.
      orderDay: dayFromYmd(2024, 3, 1),
      currency: 'USD',
      subtotalMinor: 24_800,
      discountMinor: 1_000,
      shippingMinor: 1_000,
      totalMinor: 24_800,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: '2024-03-01T23:30:05-05:00',
      name: '#1001',
      lines: [
        {
          sku: 'IPOD2008PINK',
          title: 'IPod Nano - 8GB',
          category: null,
          quantity: 1,
          priceMinor: 19_900,
          totalMinor: 18_900,
        },
        { sku: null, title: 'Silicone Case', category: null, quantity: 2, priceMinor: 2_450, totalMinor: 4_900 },
      ],
    });
    expect(change.refundIds).toEqual([]);
    // The checkout it completes, which stops that checkout's abandoned-cart reminder.
    expect(change.checkout).toEqual({ token: 'bd5a8aa1ecd019dd3520ff791ee3a24c', checkoutId: '901414060' });
  });

  it("versions the embedded customer by its own updated_at, else by the order's", () => {
    const base = order();
    const embedded = base.customer as Record<string, unknown>;
    const own = mapShopifyOrder({ ...base, customer: { ...embedded, updated_at: '2024-02-20T09:00:00+01:00' } });
    expect(own.customer.sourceUpdatedAt).toBe('2024-02-20T09:00:00+01:00');
    const without = mapShopifyOrder({ ...base, customer: { ...embedded, updated_at: undefined } });
    expect(without.customer.sourceUpdatedAt).toBe(base.updated_at);
  });

  it('maps the embedded customer by its Shopify id, and its consent; nulls keep stored values', () => {
    const change = mapShopifyOrder(order());
    expect(change.customer).toEqual({
      externalId: '115310627314723954',
      email: 'john@example.com',
      firstName: 'John',
      lastName: 'Smith',
      sourceUpdatedAt: '2024-03-01T23:30:05-05:00',
    });
    expect(change.consent).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'shopify',
        recordedAt: '2024-02-10T10:05:00-05:00',
        ip: null,
        doubleOptInAt: '2024-02-10T10:05:00-05:00',
      },
    ]);
  });

  it('keeps ids exact through the lossless parser', () => {
    const text =
      '{"id": 820982911946154508, "email": "a@b.co", "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z", "currency": "EUR", "total_price": "1.00", "customer": {"id": 115310627314723954}}';
    const change = mapShopifyOrder(parseJsonLossless(text));
    expect(change.order.externalId).toBe('820982911946154508');
    expect(change.customer.externalId).toBe('115310627314723954');
    // The order's email stands in for a customer object without one.
    expect(change.customer.email).toBe('a@b.co');
  });

  it.each([
    [{ financial_status: 'paid' }, 'paid'],
    [{ financial_status: 'pending' }, 'pending'],
    [{ financial_status: 'authorized' }, 'pending'],
    [{ financial_status: 'partially_paid' }, 'pending'],
    [{ financial_status: null }, 'pending'],
    [{ financial_status: 'partially_refunded' }, 'partially_refunded'],
    [{ financial_status: 'refunded' }, 'refunded'],
    [{ financial_status: 'voided' }, 'cancelled'],
    [{ financial_status: 'paid', cancelled_at: '2024-03-02T08:00:00-05:00' }, 'cancelled'],
  ])('maps %j to status %s', (overrides, status) => {
    expect(mapShopifyOrder(order(overrides)).order.status).toBe(status);
  });

  it('cancels on orders/cancelled, with cancelled_at or else the update time', () => {
    expect(
      mapShopifyOrder(order({ cancelled_at: '2024-03-02T08:00:00-05:00' }), { cancelled: true }).order,
    ).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2024-03-02T08:00:00-05:00',
    });
    expect(mapShopifyOrder(order(), { cancelled: true }).order).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2024-03-01T23:30:05-05:00',
    });
  });

  it('sums the successful refund transactions of refunds[] and lists the refunds', () => {
    const change = mapShopifyOrder(
      order({
        financial_status: 'partially_refunded',
        refunds: [
          refund('1035790917706', '49.00'),
          refund('1035790950474', '20.00'),
          { ...refund('1035790950475', '5.00', { status: 'pending' }) },
          { ...refund('1035790950476', '7.00', { kind: 'sale' }) },
        ],
      }),
    );
    expect(change.order.refundedMinor).toBe(6_900);
    expect(change.refundIds).toEqual(['1035790917706', '1035790950474', '1035790950475', '1035790950476']);
  });

  it('converts refunds made in the presentment currency at the order’s own rate', () => {
    const change = mapShopifyOrder(
      order({
        presentment_currency: 'EUR',
        total_price_set: {
          shop_money: { amount: '248.00', currency_code: 'USD' },
          presentment_money: { amount: '229.63', currency_code: 'EUR' },
        },
        refunds: [refund('1', '45.37', { currency: 'EUR' })],
      }),
    );
    expect(change.order.refundedMinor).toBe(Math.round((4_537 * 24_800) / 22_963));
    const noRate = failure(() => mapShopifyOrder(order({ refunds: [refund('1', '45.37', { currency: 'EUR' })] })));
    expect(noRate).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/refunds/0/transactions/0/currency' },
    });
  });

  it('keys a point-of-sale order without an email by its phone, else as a guest order of its own', () => {
    const byPhone = mapShopifyOrder(
      order({ customer: null, email: null, phone: null, billing_address: { phone: '+1 (613) 555-0100' } }),
    );
    expect(byPhone.customer).toEqual({ externalId: 'phone:+16135550100', phone: '+1 (613) 555-0100' });
    expect(byPhone.consent).toEqual([]);
    const guest = mapShopifyOrder(order({ id: 4242, customer: null, email: null, phone: null }));
    expect(guest.customer).toEqual({ externalId: 'guest:4242' });
  });

  it('takes the guest’s email as the customer, lower-cased in the key', () => {
    const change = mapShopifyOrder(
      order({
        customer: null,
        email: 'Guest.Buyer@Example.com',
        buyer_accepts_marketing: true,
        browser_ip: '203.0.113.7',
      }),
    );
    expect(change.customer).toEqual({
      externalId: 'email:guest.buyer@example.com',
      email: 'Guest.Buyer@Example.com',
      sourceUpdatedAt: '2024-03-01T23:30:05-05:00',
    });
    expect(change.consent).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'checkout',
        recordedAt: '2024-03-01T23:30:00-05:00',
        ip: '203.0.113.7',
        doubleOptInAt: null,
      },
    ]);
    // An unticked box is not a withdrawal.
    expect(mapShopifyOrder(order({ customer: null, buyer_accepts_marketing: false })).consent).toEqual([]);
    expect(
      mapShopifyOrder(order({ customer: null, email: null, contact_email: 'c@example.com' })).customer.externalId,
    ).toBe('email:c@example.com');
  });

  it('uses processed_at (an imported order’s original date) before created_at', () => {
    const change = mapShopifyOrder(
      order({ processed_at: '2019-12-31T22:00:00+01:00', created_at: '2024-03-01T10:00:00Z' }),
    );
    expect(change.order).toMatchObject({ orderedAt: '2019-12-31T22:00:00+01:00', orderDay: dayFromYmd(2019, 12, 31) });
  });

  it('falls back to the line prices and shipping lines when the totals are absent', () => {
    const change = mapShopifyOrder(
      order({
        total_line_items_price: undefined,
        total_discounts: undefined,
        total_shipping_price_set: undefined,
        shipping_lines: [{ price: '4.99' }, { price: '1.00' }],
      }),
    );
    expect(change.order).toMatchObject({ subtotalMinor: 24_800, discountMinor: 0, shippingMinor: 599 });
  });

  it.each([
    [{ id: undefined }, '/id'],
    [{ id: 8.209829119461545e17 }, '/id'],
    [{ currency: 'usd' }, '/currency'],
    [{ updated_at: null }, '/updated_at'],
    [{ updated_at: '2024-03-01 23:30:05' }, '/updated_at'],
    [{ created_at: null, processed_at: null }, '/created_at'],
    [{ total_price: '1,248.00' }, '/total_price'],
    [{ financial_status: 'mystery' }, '/financial_status'],
    [{ customer: null, email: 'not-an-email' }, '/email'],
    [{ customer: { id: 'abc' } }, '/customer/id'],
    [{ line_items: {} }, '/line_items'],
    [{ line_items: [{ title: 'x', price: '1.00', quantity: -1 }] }, '/line_items/0/quantity'],
    [{ line_items: [{ title: 'x', price: '1.00', quantity: 1.5 }] }, '/line_items/0/quantity'],
    [{ line_items: [{ title: 'x', price: 'free', quantity: 1 }] }, '/line_items/0/price'],
    [{ line_items: [{ price: '1.00', quantity: 1 }] }, '/line_items/0/title'],
    [
      { line_items: [{ title: 'x', price: '1.00', quantity: 1, discount_allocations: [{ amount: 'x' }] }] },
      '/line_items/0/discount_allocations/0/amount',
    ],
    [
      { refunds: [{ id: '1', transactions: [{ kind: 'refund', status: 'success', amount: 'ten' }] }] },
      '/refunds/0/transactions/0/amount',
    ],
    [
      { customer: { id: '1', email_marketing_consent: { state: 'subscribed', consent_updated_at: 'today' } } },
      '/customer/email_marketing_consent/consent_updated_at',
    ],
  ])('rejects %j with VALIDATION_FAILED at %s', (overrides, path) => {
    expect(failure(() => mapShopifyOrder(order(overrides)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path },
    });
  });

  it('rejects a payload that is not an object', () => {
    expect(failure(() => mapShopifyOrder([]))).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '' } });
  });
});
