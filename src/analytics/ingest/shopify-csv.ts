import { emptyOrderLine, NO_DAY } from '../order-log-builder.js';
import type { ErrorCode } from '../../platform/errors.js';
import { RegularsError } from '../../platform/errors.js';
import type { CsvRecord } from './csv-records.js';
import { fieldAmount, fieldBoolean, fieldDay, fieldQuantity } from './field-parsers.js';
import { normalizeHeader } from './generic-columns.js';
import { guestCustomerKey, phoneCustomerKey } from './customer-keys.js';
import type { RecordHandler } from './generic-csv.js';
import type { OrderCollector } from './order-collector.js';

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
  phone: 'Phone',
  billingPhone: 'Billing Phone',
  shippingPhone: 'Shipping Phone',
} as const;

type ShopifyColumn = keyof typeof SHOPIFY_COLUMNS;

const REQUIRED: readonly ShopifyColumn[] = ['name', 'email', 'createdAt', 'total', 'itemName'];

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
  /** '' for an order without one (keyed by phone, or a guest's). */
  readonly email: string;
  readonly day: number;
}

/**
 * One row per line item; order-level fields (Email, Created at, Total, Currency, Financial
 * Status, Cancelled at, Refunded Amount) are on the order's first row only. Cancelled orders and
 * fully refunded ones are not purchases; a partial refund lowers the order's amount.
 */
export function createShopifyRowHandler(header: readonly string[], collector: OrderCollector): RecordHandler {
  const index = new Map(header.map((h, i) => [normalizeHeader(h), i] as const));
  const col = {} as Record<ShopifyColumn, number>;
  for (const [key, title] of Object.entries(SHOPIFY_COLUMNS) as [ShopifyColumn, string][]) {
    col[key] = index.get(normalizeHeader(title)) ?? -1;
  }
  // Newer exports name the consent column 'Accepts Email Marketing'.
  if (col.acceptsMarketing < 0) col.acceptsMarketing = index.get(normalizeHeader('Accepts Email Marketing')) ?? -1;
  const missing = REQUIRED.filter((k) => col[k] < 0).map((k) => SHOPIFY_COLUMNS[k]);
  if (missing.length > 0) {
    throw new RegularsError(
      'MISSING_COLUMN',
      `Shopify export lacks ${missing.join(', ')}; found: ${header.join(', ')}`,
      { missing, found: header },
    );
  }
  const has = (k: ShopifyColumn) => col[k] >= 0;
  const orderPhone = (r: CsvRecord): string => {
    for (const k of ['phone', 'billingPhone', 'shippingPhone'] as const)
      if (has(k) && !r.isBlank(col[k])) return r.trimmed(col[k]);
    return '';
  };
  const line = emptyOrderLine();
  let open: OpenOrder | null = null;

  const startOrder = (r: CsvRecord, name: string): OpenOrder => {
    const rejected = (k: ShopifyColumn, code: ErrorCode, reason: string): OpenOrder => {
      collector.reject(r.line, SHOPIFY_COLUMNS[k], code, reason);
      return { name, order: -1, line: r.line, customerId: '', email: '', day: 0 };
    };
    const email = r.trimmed(col.email).toLowerCase();
    // Point-of-sale and phone-only checkouts have no email: the phone is the customer, else the
    // order is a guest's of its own (docs/import.md, "Orders without an email").
    const customerId = email !== '' ? email : (phoneCustomerKey(orderPhone(r)) ?? guestCustomerKey(name));
    const day = fieldDay(r, col.createdAt, collector.dateOrder);
    if (Number.isNaN(day)) return rejected('createdAt', 'BAD_DATE', `cannot read date "${r.text(col.createdAt)}"`);
    const total = fieldAmount(r, col.total);
    if (Number.isNaN(total)) return rejected('total', 'BAD_AMOUNT', `cannot read total "${r.text(col.total)}"`);
    const refunded = has('refundedAmount') && !r.isBlank(col.refundedAmount) ? fieldAmount(r, col.refundedAmount) : 0;
    if (Number.isNaN(refunded))
      return rejected('refundedAmount', 'BAD_AMOUNT', `cannot read refunded amount "${r.text(col.refundedAmount)}"`);
    const consent = has('acceptsMarketing') ? fieldBoolean(r, col.acceptsMarketing) : -1;
    if (consent === null)
      return rejected('acceptsMarketing', 'BAD_BOOLEAN', `expected yes or no, found "${r.text(col.acceptsMarketing)}"`);
    if (has('currency') && !collector.acceptCurrency(r, col.currency, SHOPIFY_COLUMNS.currency)) {
      return { name, order: -1, line: r.line, customerId: '', email: '', day: 0 };
    }
    line.orderId = name;
    line.customerId = customerId;
    line.day = day;
    line.lineAmount = Number.NaN;
    line.orderTotal = total - refunded;
    line.sku = '';
    line.productName = '';
    line.category = '';
    line.quantity = 0;
    line.email = email;
    line.acceptsMarketing = consent;
    line.birthday = NO_DAY;
    const order = collector.add(r.line, line, SHOPIFY_COLUMNS.email);
    if (order >= 0) {
      const status = has('financialStatus') ? r.trimmed(col.financialStatus).toLowerCase() : '';
      if ((has('cancelledAt') && !r.isBlank(col.cancelledAt)) || status === 'voided')
        collector.exclude(order, 'cancelled');
      else if (status === 'refunded' || (total > 0 && refunded >= total)) collector.exclude(order, 'refunded');
    }
    return { name, order, line: r.line, customerId, email, day };
  };

  return (r) => {
    if (r.count !== header.length) {
      if (r.count === 1 && r.isBlank(0)) return;
      collector.reject(r.line, '', 'BAD_ROW', `expected ${header.length} fields, found ${r.count}`);
      return;
    }
    const name = r.trimmed(col.name);
    if (name === '') {
      collector.reject(r.line, SHOPIFY_COLUMNS.name, 'BAD_ROW', 'no order name');
      return;
    }
    if (open === null || open.name !== name) open = startOrder(r, name);
    else if (open.order < 0) {
      collector.reject(
        r.line,
        SHOPIFY_COLUMNS.name,
        'BAD_ROW',
        `line item of order ${name}, whose first row (line ${open.line}) was rejected`,
      );
      return;
    }
    if (open.order < 0) return;

    const itemName = r.trimmed(col.itemName);
    const sku = has('itemSku') ? r.trimmed(col.itemSku) : '';
    if (itemName === '' && sku === '') return;
    const quantity = has('quantity') ? fieldQuantity(r, col.quantity) : 1;
    if (Number.isNaN(quantity)) {
      collector.reject(
        r.line,
        SHOPIFY_COLUMNS.quantity,
        'BAD_QUANTITY',
        `cannot read quantity "${r.text(col.quantity)}"`,
      );
      return;
    }
    const price = has('itemPrice') ? fieldAmount(r, col.itemPrice) : 0;
    if (Number.isNaN(price)) {
      collector.reject(r.line, SHOPIFY_COLUMNS.itemPrice, 'BAD_AMOUNT', `cannot read price "${r.text(col.itemPrice)}"`);
      return;
    }
    line.orderId = name;
    line.customerId = open.customerId;
    line.day = open.day;
    // The order's amount is its Total; line amounts only describe the products.
    line.lineAmount = price * quantity;
    line.orderTotal = Number.NaN;
    line.sku = sku;
    line.productName = itemName;
    line.category = '';
    line.quantity = quantity;
    line.email = open.email;
    line.acceptsMarketing = -1;
    line.birthday = NO_DAY;
    collector.add(r.line, line, SHOPIFY_COLUMNS.email);
  };
}
