import { RegularsError } from '../domain/errors.js';
import { normalizeHeader } from './generic-columns.js';
import { createDayParser, parseAmount, parseBoolean, parseQuantity } from './field-parsers.js';
import type { OrderCollector } from './order-collector.js';
import type { RecordHandler } from './csv-parser.js';

/** Columns of Shopify's "Export orders" CSV that Regulars reads (docs/formats.md). */
const SHOPIFY_COLUMNS = {
  name: 'Name',
  email: 'Email',
  financialStatus: 'Financial Status',
  acceptsMarketing: 'Accepts Marketing',
  currency: 'Currency',
  total: 'Total',
  createdAt: 'Created at',
  quantity: 'Lineitem quantity',
  itemName: 'Lineitem name',
  itemPrice: 'Lineitem price',
  itemSku: 'Lineitem sku',
  cancelledAt: 'Cancelled at',
  refundedAmount: 'Refunded Amount',
} as const;

const REQUIRED: readonly (keyof typeof SHOPIFY_COLUMNS)[] = ['name', 'email', 'createdAt', 'total', 'itemName'];

/** True when a header row is Shopify's order export. */
export function isShopifyHeader(header: readonly string[]): boolean {
  const names = new Set(header.map(normalizeHeader));
  return names.has('lineitemname') && names.has('financialstatus') && names.has('createdat') && names.has('name');
}

interface OpenOrder {
  readonly name: string;
  /** Index in the collector, or -1 when the order's first row was rejected. */
  readonly order: number;
  readonly line: number;
  readonly customerId: string;
  readonly day: number;
  readonly acceptsMarketing: number;
}

/**
 * One row per line item; order-level fields (Email, Created at, Total, Currency, Financial
 * Status, Cancelled at, Refunded Amount) are on the order's first row only. Cancelled orders and
 * fully refunded ones are not purchases; a partial refund lowers the order's amount.
 */
export function createShopifyRowHandler(header: readonly string[], collector: OrderCollector): RecordHandler {
  const index = new Map(header.map((h, i) => [normalizeHeader(h), i] as const));
  const col = {} as Record<keyof typeof SHOPIFY_COLUMNS, number>;
  for (const [key, title] of Object.entries(SHOPIFY_COLUMNS) as [keyof typeof SHOPIFY_COLUMNS, string][]) {
    col[key] = index.get(normalizeHeader(title)) ?? -1;
  }
  const missing = REQUIRED.filter((k) => col[k] < 0).map((k) => SHOPIFY_COLUMNS[k]);
  if (missing.length > 0) {
    throw new RegularsError('MISSING_COLUMN', `Shopify export lacks ${missing.join(', ')}; found: ${header.join(', ')}`, { missing, found: header });
  }
  const cell = (f: string[], k: keyof typeof SHOPIFY_COLUMNS) => (col[k] >= 0 ? f[col[k]] : '');
  const parseDay = createDayParser();
  let open: OpenOrder | null = null;

  const startOrder = (f: string[], line: number, name: string): OpenOrder => {
    const rejected = (field: string, code: Parameters<OrderCollector['reject']>[2], reason: string): OpenOrder => {
      collector.reject(line, field, code, reason);
      return { name, order: -1, line, customerId: '', day: 0, acceptsMarketing: -1 };
    };
    const email = cell(f, 'email').trim().toLowerCase();
    if (email === '') return rejected(SHOPIFY_COLUMNS.email, 'EMPTY_CUSTOMER', `order ${name} has no customer email`);
    const createdAt = cell(f, 'createdAt');
    const day = parseDay(createdAt);
    if (Number.isNaN(day)) return rejected(SHOPIFY_COLUMNS.createdAt, 'BAD_DATE', `cannot read date "${createdAt}"`);
    const total = parseAmount(cell(f, 'total'));
    if (Number.isNaN(total)) return rejected(SHOPIFY_COLUMNS.total, 'BAD_AMOUNT', `cannot read total "${cell(f, 'total')}"`);
    const refundedRaw = cell(f, 'refundedAmount').trim();
    const refunded = refundedRaw === '' ? 0 : parseAmount(refundedRaw);
    if (Number.isNaN(refunded)) return rejected(SHOPIFY_COLUMNS.refundedAmount, 'BAD_AMOUNT', `cannot read refunded amount "${refundedRaw}"`);
    const consent = parseBoolean(cell(f, 'acceptsMarketing'));
    if (consent === null) {
      return rejected(SHOPIFY_COLUMNS.acceptsMarketing, 'BAD_BOOLEAN', `expected yes or no, found "${cell(f, 'acceptsMarketing')}"`);
    }
    if (!collector.acceptCurrency(cell(f, 'currency'), line, SHOPIFY_COLUMNS.currency)) {
      return { name, order: -1, line, customerId: '', day: 0, acceptsMarketing: -1 };
    }
    const order = collector.add(
      line,
      {
        orderId: name,
        customerId: email,
        day,
        lineAmount: Number.NaN,
        orderTotal: total - refunded,
        sku: '',
        productName: '',
        category: '',
        quantity: 0,
        email,
        acceptsMarketing: consent,
        birthday: '',
      },
      SHOPIFY_COLUMNS.email,
    );
    if (order >= 0) {
      const status = cell(f, 'financialStatus').trim().toLowerCase();
      if (cell(f, 'cancelledAt').trim() !== '' || status === 'voided') collector.exclude(order, 'cancelled');
      else if (status === 'refunded' || (total > 0 && refunded >= total)) collector.exclude(order, 'refunded');
    }
    return { name, order, line, customerId: email, day, acceptsMarketing: consent };
  };

  return (f, line) => {
    if (f.length !== header.length) {
      if (f.length === 1 && f[0].trim() === '') return;
      collector.reject(line, '', 'BAD_ROW', `expected ${header.length} fields, found ${f.length}`);
      return;
    }
    const name = cell(f, 'name').trim();
    if (name === '') {
      collector.reject(line, SHOPIFY_COLUMNS.name, 'BAD_ROW', 'no order name');
      return;
    }
    if (open === null || open.name !== name) open = startOrder(f, line, name);
    else if (open.order < 0) {
      collector.reject(line, SHOPIFY_COLUMNS.name, 'BAD_ROW', `line item of order ${name}, whose first row (line ${open.line}) was rejected`);
      return;
    }
    if (open.order < 0) return;

    const itemName = cell(f, 'itemName').trim();
    const sku = cell(f, 'itemSku').trim();
    if (itemName === '' && sku === '') return;
    const quantity = parseQuantity(cell(f, 'quantity'));
    if (Number.isNaN(quantity)) {
      collector.reject(line, SHOPIFY_COLUMNS.quantity, 'BAD_QUANTITY', `cannot read quantity "${cell(f, 'quantity')}"`);
      return;
    }
    const price = parseAmount(cell(f, 'itemPrice'));
    if (Number.isNaN(price)) {
      collector.reject(line, SHOPIFY_COLUMNS.itemPrice, 'BAD_AMOUNT', `cannot read price "${cell(f, 'itemPrice')}"`);
      return;
    }
    collector.add(
      line,
      {
        orderId: name,
        customerId: open.customerId,
        day: open.day,
        // The order's amount is its Total; line amounts only describe the products.
        lineAmount: price * quantity,
        orderTotal: Number.NaN,
        sku,
        productName: itemName,
        category: '',
        quantity,
        email: open.customerId,
        acceptsMarketing: -1,
        birthday: '',
      },
      SHOPIFY_COLUMNS.email,
    );
  };
}
