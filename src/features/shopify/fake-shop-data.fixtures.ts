/**
 * The history of a generated shop, as the Admin GraphQL API's bulk operations answer it
 * (2025-10): the JSONL result of "Perform bulk operations with the GraphQL Admin API"
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries), one object per line, a
 * connection's nodes (line items, variants) as lines of their own with __parentId right after
 * their parent (groupObjects). Field names and shapes follow the 2025-10 reference of Customer,
 * Order, LineItem, Refund, Product and ProductVariant. Deterministic, and nobody's real data.
 * The fake Shopify (fake-shopify.fixtures.ts) serves it.
 */

export interface FakeShopData {
  readonly customers: number;
  readonly orders: number;
  /** Products, each with a variant SKU-k (the SKUs orders use); every fifth has a second variant without a SKU. */
  readonly products?: number;
  readonly timeZone: string;
  /** Customers whose Shopify record is given explicitly (first in the result), e.g. to meet an import. */
  readonly extraCustomers?: readonly Record<string, unknown>[];
}

export type FakeBulkKind = 'customers' | 'orders' | 'products';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Ids past 2^53, as Shopify's are: '1153106273147' and six digits. */
export function fakeCustomerId(j: number): string {
  return `1153106273147${pad(j, 6)}`;
}

export function fakeOrderId(i: number): string {
  return `8209829119${pad(i, 9)}`;
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2024, 0, 1, 15, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Customer j: every fourth subscribed single opt-in, one in four unsubscribed, one in four never
 * subscribed, one in four subscribed by confirmed (double) opt-in; every fifth has a phone and
 * SMS consent.
 */
export function fakeCustomer(j: number): Record<string, unknown> {
  const updatedAt = iso(START_MS + j * 60_000 + 400 * DAY_MS);
  const consentAt = iso(START_MS + j * 60_000 + 100 * DAY_MS);
  const states = [
    { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
    { marketingState: 'UNSUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
    { marketingState: 'NOT_SUBSCRIBED', consentUpdatedAt: null, marketingOptInLevel: null },
    { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'CONFIRMED_OPT_IN' },
  ];
  const phone = j % 5 === 0 ? `+1613555${pad(j % 10_000, 4)}` : null;
  return {
    id: `gid://shopify/Customer/${fakeCustomerId(j)}`,
    firstName: `Ada${j}`,
    lastName: 'Lovelace',
    email: `customer${j}@example.com`,
    phone,
    tags: j % 7 === 0 ? ['vip'] : [],
    createdAt: iso(START_MS + j * 60_000),
    updatedAt,
    emailMarketingConsent: states[j % 4],
    smsMarketingConsent:
      phone === null
        ? null
        : { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
  };
}

/** How many line items order i has (1 to 3). */
export function fakeLineCount(i: number): number {
  return 1 + (i % 3);
}

const money = (minor: number) => ({ shopMoney: { amount: (minor / 100).toFixed(2), currencyCode: 'USD' } });

/**
 * Order i with its line items: a customer's (i mod customers), or every twentieth a guest's with
 * only an email; every tenth partly refunded (one refund of 5.00), every fiftieth cancelled.
 */
export function fakeOrder(
  i: number,
  customers: number,
): { order: Record<string, unknown>; lines: Record<string, unknown>[] } {
  const id = `gid://shopify/Order/${fakeOrderId(i)}`;
  const createdMs = START_MS + Math.floor((i * 730 * DAY_MS) / 100_000) + (i % 97) * 60_000;
  const lines = Array.from({ length: fakeLineCount(i) }, (_, k) => ({
    id: `gid://shopify/LineItem/${fakeOrderId(i)}${k}`,
    sku: `SKU-${(i + k) % 40}`,
    title: `Coffee ${(i + k) % 40}`,
    quantity: 1 + ((i + k) % 2),
    originalUnitPriceSet: money(1_000 + ((i + k) % 40) * 50),
    discountAllocations: k === 0 && i % 4 === 0 ? [{ allocatedAmountSet: money(100) }] : [],
    __parentId: id,
  }));
  const gross = lines.reduce(
    (sum, l) => sum + Math.round(Number(l.originalUnitPriceSet.shopMoney.amount as string) * 100) * l.quantity,
    0,
  );
  const discount = i % 4 === 0 ? 100 : 0;
  const shipping = i % 2 === 0 ? 500 : 0;
  const cancelled = i % 50 === 49;
  const refunded = !cancelled && i % 10 === 9;
  const guest = i % 20 === 19;
  return {
    order: {
      id,
      name: `#${1001 + i}`,
      email: guest ? `guest${i}@example.com` : `customer${i % customers}@example.com`,
      phone: null,
      createdAt: iso(createdMs),
      processedAt: iso(createdMs),
      updatedAt: iso(createdMs + 3_600_000),
      cancelledAt: cancelled ? iso(createdMs + 1_800_000) : null,
      currencyCode: 'USD',
      displayFinancialStatus: cancelled ? 'VOIDED' : refunded ? 'PARTIALLY_REFUNDED' : 'PAID',
      totalDiscountsSet: money(discount),
      totalShippingPriceSet: money(shipping),
      totalPriceSet: money(gross - discount + shipping),
      customer: guest ? null : { id: `gid://shopify/Customer/${fakeCustomerId(i % customers)}` },
      refunds: refunded
        ? [
            {
              id: `gid://shopify/Refund/${fakeOrderId(i)}`,
              createdAt: iso(createdMs + 1_800_000),
              totalRefundedSet: money(500),
            },
          ]
        : [],
    },
    lines,
  };
}

function* customerLines(shop: FakeShopData): Generator<string> {
  for (const extra of shop.extraCustomers ?? []) yield JSON.stringify(extra);
  for (let j = 0; j < shop.customers; j++) yield JSON.stringify(fakeCustomer(j));
}

function* orderLines(shop: FakeShopData): Generator<string> {
  for (let i = 0; i < shop.orders; i++) {
    const { order, lines } = fakeOrder(i, Math.max(1, shop.customers));
    yield JSON.stringify(order);
    for (const line of lines) yield JSON.stringify(line);
  }
}

/** Lines of the orders result: each order and its line items. */
export function fakeOrderLineTotal(orders: number): number {
  let total = 0;
  for (let i = 0; i < orders; i++) total += 1 + fakeLineCount(i);
  return total;
}

/**
 * Product k: handle coffee-k, one variant SKU-k; every fifth product also has a variant without a
 * SKU (Regulars cannot match it to order lines, and skips it).
 */
export function fakeProduct(k: number): { product: Record<string, unknown>; variants: Record<string, unknown>[] } {
  const id = `gid://shopify/Product/${fakeProductId(k)}`;
  const variants: Record<string, unknown>[] = [
    {
      id: `gid://shopify/ProductVariant/${fakeProductId(k)}1`,
      sku: `SKU-${k}`,
      title: '250 g',
      price: ((1_000 + k * 50) / 100).toFixed(2),
      __parentId: id,
    },
  ];
  if (k % 5 === 0)
    variants.push({
      id: `gid://shopify/ProductVariant/${fakeProductId(k)}2`,
      sku: null,
      title: 'Sample',
      price: '0.00',
      __parentId: id,
    });
  return {
    product: {
      id,
      handle: `coffee-${k}`,
      title: `Coffee ${k}`,
      productType: k % 2 === 0 ? 'Beans' : 'Ground',
      updatedAt: iso(START_MS + k * 60_000 + 10 * DAY_MS),
    },
    variants,
  };
}

export function fakeProductId(k: number): string {
  return `7982301${pad(k, 6)}`;
}

function* productLines(shop: FakeShopData): Generator<string> {
  for (let k = 0; k < (shop.products ?? 0); k++) {
    const { product, variants } = fakeProduct(k);
    yield JSON.stringify(product);
    for (const variant of variants) yield JSON.stringify(variant);
  }
}

/** The result's lines of one kind of bulk query, in order. */
export function fakeBulkLines(shop: FakeShopData, kind: FakeBulkKind): Generator<string> {
  return kind === 'customers' ? customerLines(shop) : kind === 'orders' ? orderLines(shop) : productLines(shop);
}

/** Objects in the result (BulkOperation.objectCount, children included) and top-level ones (rootObjectCount). */
export function fakeBulkCounts(shop: FakeShopData, kind: FakeBulkKind): { objects: number; roots: number } {
  if (kind === 'customers') {
    const n = shop.customers + (shop.extraCustomers?.length ?? 0);
    return { objects: n, roots: n };
  }
  if (kind === 'orders') return { objects: fakeOrderLineTotal(shop.orders), roots: shop.orders };
  const products = shop.products ?? 0;
  let objects = 0;
  for (let k = 0; k < products; k++) objects += 1 + fakeProduct(k).variants.length;
  return { objects, roots: products };
}
