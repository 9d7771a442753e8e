import { describe, expect, it } from 'vitest';
import { inTimeZone, mapBulkCustomer, mapBulkOrder, mapBulkProduct } from './bulk.mapper.js';

/**
 * Lines of bulk results in the shapes of shopify.dev's GraphQL Admin API reference, 2025-10:
 * Customer (id, firstName, lastName, email, phone, tags, createdAt, updatedAt,
 * emailMarketingConsent: CustomerEmailMarketingConsentState { marketingState, consentUpdatedAt,
 * marketingOptInLevel }, smsMarketingConsent: CustomerSmsMarketingConsentState), Order (MoneyBag
 * fields as { shopMoney { amount currencyCode } }, displayFinancialStatus, refunds: [Refund]) and
 * LineItem child lines with __parentId. Values are made up (Shopify's documented example ids).
 */
const CUSTOMER = {
  id: 'gid://shopify/Customer/115310627314723954',
  firstName: 'John',
  lastName: 'Smith',
  email: 'john@example.com',
  phone: '+16135550142',
  tags: ['vip', ' wholesale ', 'vip'],
  createdAt: '2024-01-01T10:00:00Z',
  updatedAt: '2024-06-01T12:00:00Z',
  emailMarketingConsent: {
    marketingState: 'SUBSCRIBED',
    consentUpdatedAt: '2024-03-05T09:30:00Z',
    marketingOptInLevel: 'CONFIRMED_OPT_IN',
  },
  smsMarketingConsent: {
    marketingState: 'UNSUBSCRIBED',
    consentUpdatedAt: '2024-04-01T08:00:00Z',
    marketingOptInLevel: 'SINGLE_OPT_IN',
  },
};

const ORDER_GID = 'gid://shopify/Order/820982911946154508';
const ORDER = {
  id: ORDER_GID,
  name: '#1042',
  email: 'john@example.com',
  phone: null,
  createdAt: '2024-03-02T04:30:00Z',
  processedAt: '2024-03-02T04:30:00Z',
  updatedAt: '2024-03-03T10:00:00Z',
  cancelledAt: null,
  currencyCode: 'USD',
  displayFinancialStatus: 'PARTIALLY_REFUNDED',
  totalDiscountsSet: { shopMoney: { amount: '2.0', currencyCode: 'USD' } },
  totalShippingPriceSet: { shopMoney: { amount: '5.0', currencyCode: 'USD' } },
  totalPriceSet: { shopMoney: { amount: '62.97', currencyCode: 'USD' } },
  customer: { id: 'gid://shopify/Customer/115310627314723954' },
  refunds: [
    {
      id: 'gid://shopify/Refund/929361462',
      createdAt: '2024-03-03T10:00:00Z',
      totalRefundedSet: { shopMoney: { amount: '10.00', currencyCode: 'USD' } },
    },
  ],
};
const LINES = [
  {
    id: 'gid://shopify/LineItem/466157049',
    sku: 'BEANS-1KG',
    title: 'Beans 1kg',
    quantity: 3,
    originalUnitPriceSet: { shopMoney: { amount: '19.99' } },
    discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: '2.00' } } }],
    __parentId: ORDER_GID,
  },
];

describe('mapping bulk customers', () => {
  it('keys the customer by the numeric id webhooks use, with its whole profile, versioned by updatedAt', () => {
    const { customer } = mapBulkCustomer(CUSTOMER);
    expect(customer).toEqual({
      externalId: '115310627314723954',
      email: 'john@example.com',
      phone: '+16135550142',
      firstName: 'John',
      lastName: 'Smith',
      tags: ['vip', 'wholesale'],
      sourceUpdatedAt: '2024-06-01T12:00:00Z',
    });
    // A null clears the stored value, as customers/update does.
    expect(mapBulkCustomer({ ...CUSTOMER, phone: null }).customer.phone).toBeNull();
  });

  it('records email and SMS consent dated by consentUpdatedAt, source shopify, a confirmed opt-in as double opt-in', () => {
    expect(mapBulkCustomer(CUSTOMER).consent).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'shopify',
        recordedAt: '2024-03-05T09:30:00Z',
        ip: null,
        doubleOptInAt: '2024-03-05T09:30:00Z',
      },
      {
        channel: 'sms',
        purpose: 'marketing',
        status: 'revoked',
        source: 'shopify',
        recordedAt: '2024-04-01T08:00:00Z',
        ip: null,
        doubleOptInAt: null,
      },
    ]);
  });

  it('honours NOT_SUBSCRIBED (dated by updatedAt when Shopify gives no time), PENDING, and records nothing for INVALID', () => {
    const state = (marketingState: string, consentUpdatedAt: string | null = null) =>
      mapBulkCustomer({
        ...CUSTOMER,
        emailMarketingConsent: { marketingState, consentUpdatedAt, marketingOptInLevel: null },
        smsMarketingConsent: null,
      }).consent.map((c) => [c.status, c.recordedAt]);
    expect(state('NOT_SUBSCRIBED')).toEqual([['revoked', '2024-06-01T12:00:00Z']]);
    expect(state('PENDING', '2024-05-01T00:00:00Z')).toEqual([['pending', '2024-05-01T00:00:00Z']]);
    expect(state('INVALID')).toEqual([]);
  });

  it('refuses a line without a Customer gid or updatedAt, naming the field', () => {
    expect(() => mapBulkCustomer({ ...CUSTOMER, id: '115310627314723954' })).toThrow(/\/id: expected a Customer id/);
    expect(() => mapBulkCustomer({ ...CUSTOMER, updatedAt: null })).toThrow(/\/updatedAt: is required/);
    expect(() =>
      mapBulkCustomer({
        ...CUSTOMER,
        emailMarketingConsent: { marketingState: 'SUBSCRIBED', consentUpdatedAt: 'yesterday' },
      }),
    ).toThrow(/\/emailMarketingConsent\/consentUpdatedAt/);
  });
});

describe('mapping bulk orders', () => {
  it('maps the order with its line items, refunds and buyer, in the shop zone and currency', () => {
    const change = mapBulkOrder({ object: ORDER, children: LINES }, 'America/New_York');
    expect(change).toEqual({
      customer: { externalId: '115310627314723954' },
      order: {
        externalId: '820982911946154508',
        name: '#1042',
        // 04:30 UTC on March 2 is 23:30 on March 1 in New York: the store's day is March 1.
        orderedAt: '2024-03-01T23:30:00-05:00',
        orderDay: 19783,
        currency: 'USD',
        subtotalMinor: 5997,
        discountMinor: 200,
        shippingMinor: 500,
        totalMinor: 6297,
        refundedMinor: 1000,
        status: 'partially_refunded',
        cancelledAt: null,
        sourceUpdatedAt: '2024-03-03T05:00:00-05:00',
        lines: [
          { sku: 'BEANS-1KG', title: 'Beans 1kg', category: null, quantity: 3, priceMinor: 1999, totalMinor: 5797 },
        ],
      },
      refundIds: ['929361462'],
    });
  });

  it('keys a guest by the order email, as the orders/create webhook does; a cancelled order is cancelled', () => {
    const guest = mapBulkOrder(
      {
        object: { ...ORDER, customer: null, email: 'Guest@Example.com', cancelledAt: '2024-03-04T00:00:00Z' },
        children: [],
      },
      'UTC',
    );
    expect(guest.customer).toEqual({ externalId: 'email:guest@example.com', email: 'Guest@Example.com' });
    expect(guest.order).toMatchObject({ status: 'cancelled', cancelledAt: '2024-03-04T00:00:00+00:00' });
    const nobody = mapBulkOrder({ object: { ...ORDER, customer: null, email: null }, children: [] }, 'UTC');
    expect(nobody.customer).toEqual({ externalId: 'guest:820982911946154508' });
  });

  it('refuses what it cannot store exactly, naming the field in GraphQL terms', () => {
    const map =
      (object: Record<string, unknown>, children = LINES) =>
      () =>
        mapBulkOrder({ object, children }, 'UTC');
    expect(map({ ...ORDER, displayFinancialStatus: 'SOMETHING' })).toThrow(
      /\/displayFinancialStatus: unknown financial status/,
    );
    expect(map({ ...ORDER, totalPriceSet: null })).toThrow(/\/totalPriceSet: is required/);
    expect(map(ORDER, [{ ...LINES[0], quantity: 1.5 }])).toThrow(/\/lineItems\/0\/quantity/);
    expect(map({ ...ORDER, currencyCode: 'ZZZ' })).toThrow(/\/currencyCode/);
  });

  it('writes an instant in a zone with its offset, across daylight saving time', () => {
    expect(inTimeZone('2024-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2024-07-01T14:00:00+02:00');
    expect(inTimeZone('2024-01-01T12:00:00Z', 'Europe/Berlin')).toBe('2024-01-01T13:00:00+01:00');
    expect(inTimeZone('2024-01-01T12:00:00Z', 'Asia/Kolkata')).toBe('2024-01-01T17:30:00+05:30');
  });
});

describe('mapping bulk products', () => {
  // A Product line and its ProductVariant child lines, as the products bulk query answers them
  // (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/Product, .../ProductVariant).
  const product = {
    id: 'gid://shopify/Product/7982301000012',
    handle: 'house-blend',
    title: 'House blend',
    productType: 'Beans',
    updatedAt: '2024-03-01T12:00:00Z',
  };
  const variant = (n: number, sku: string | null, title: string, price: string) => ({
    id: `gid://shopify/ProductVariant/4501${n}`,
    sku,
    title,
    price,
    __parentId: product.id,
  });

  it('maps each variant with a SKU to a product of that SKU with the handle, as products/* webhooks do', () => {
    const change = mapBulkProduct({
      object: product,
      children: [
        variant(1, 'HB-250', '250 g', '12.50'),
        variant(2, 'HB-1000', '1 kg', '39.00'),
        variant(3, null, 'Sample', '0.00'),
      ],
    });
    expect(change.productId).toBe('7982301000012');
    expect(change.variants).toEqual([
      {
        sku: 'HB-250',
        title: 'House blend, 250 g',
        category: 'Beans',
        handle: 'house-blend',
        sourceUpdatedAt: '2024-03-01T12:00:00Z',
      },
      {
        sku: 'HB-1000',
        title: 'House blend, 1 kg',
        category: 'Beans',
        handle: 'house-blend',
        sourceUpdatedAt: '2024-03-01T12:00:00Z',
      },
    ]);
    expect(change.prices.map((p) => p.text)).toEqual(['12.50', '39.00']);
    expect(change.withoutSku).toEqual(['/variants/2']);
  });

  it('refuses a product without a Product gid, a handle that is not one, or a child that is not a variant', () => {
    expect(() => mapBulkProduct({ object: { ...product, id: 'gid://shopify/Order/1' }, children: [] })).toThrow(/\/id/);
    expect(() => mapBulkProduct({ object: { ...product, handle: 'House Blend!' }, children: [] })).toThrow(/\/handle/);
    expect(() => mapBulkProduct({ object: product, children: [{ id: 'gid://shopify/LineItem/1', sku: 'X' }] })).toThrow(
      /\/variants\/0\/id/,
    );
  });
});
