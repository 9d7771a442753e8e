import { NO_DAY, type OrderLine } from '../order-log-builder.js';
import { type CsvRecord, TextCache } from './csv-records.js';
import { fieldAmount, fieldBoolean, fieldDay, fieldQuantity } from './field-parsers.js';
import { mapGenericColumns } from './generic-columns.js';
import { phoneCustomerKey } from './customer-keys.js';
import type { OrderCollector } from './order-collector.js';

export type RecordHandler = (record: CsvRecord) => void;

/** What a status cell means: cancelled and refunded orders are not purchases (docs/formats.md). */
export function statusExclusion(raw: string): 'cancelled' | 'refunded' | null {
  switch (raw.trim().toLowerCase()) {
    case 'cancelled':
    case 'canceled':
    case 'voided':
    case 'void':
      return 'cancelled';
    case 'refunded':
    case 'returned':
      return 'refunded';
    default:
      return null;
  }
}

/** True when every character is ASCII, so its UTF-8 bytes are its char codes. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * The OrderLine of the row being added. Email, product name and category are decoded only when
 * the builder asks for them (a new customer or product): most rows repeat known ones, and
 * decoding strings is the parser's main cost. A class keeps the object's shape stable for V8.
 */
class LazyLine implements OrderLine {
  record: CsvRecord | null = null;
  orderId = '';
  customerId = '';
  day = 0;
  lineAmount = Number.NaN;
  orderTotal = Number.NaN;
  sku = '';
  quantity = 1;
  acceptsMarketing = -1;
  birthday = NO_DAY;

  constructor(
    private readonly emailColumn: number,
    private readonly nameColumn: number,
    private readonly categoryColumn: number,
  ) {}

  get email(): string {
    return this.record !== null && this.emailColumn >= 0 ? this.record.trimmed(this.emailColumn).toLowerCase() : '';
  }

  get productName(): string {
    return this.record !== null && this.nameColumn >= 0 ? this.record.trimmed(this.nameColumn) : '';
  }

  get category(): string {
    return this.record !== null && this.categoryColumn >= 0 ? this.record.trimmed(this.categoryColumn) : '';
  }
}

/**
 * Rows of the generic CSV format, one per order or per line item (rows sharing an order id are
 * one order). The order amount is the order-level total when the file has one, else the sum of
 * the line amounts (an amount column, or price x quantity).
 */
export function createGenericRowHandler(header: readonly string[], collector: OrderCollector): RecordHandler {
  const col = mapGenericColumns(header);
  const name = (i: number) => (i >= 0 ? header[i].trim() : '');
  const width = header.length;
  const customerField = name(col.customerId >= 0 ? col.customerId : col.email);
  const lineLevelAmount = col.lineAmount >= 0 || col.price >= 0;
  const line = new LazyLine(col.email, col.productName, col.category);
  const skuCache = new TextCache();
  let previousOrderId = '';
  let previousOrderAscii = true;
  let previousCustomerId = '';
  let previousCustomerAscii = true;

  return (r) => {
    if (r.count !== width) {
      if (r.count === 1 && r.isBlank(0)) return; // a blank line is not a row
      collector.reject(r.line, '', 'BAD_ROW', `expected ${width} fields, found ${r.count}`);
      return;
    }
    let customerId =
      col.customerId >= 0 ? r.trimmedOrSame(col.customerId, previousCustomerId, previousCustomerAscii) : '';
    // Without an id the email is the customer: guest checkouts are still one person.
    if (customerId === '' && col.email >= 0) customerId = r.trimmed(col.email).toLowerCase();
    // Without an email (point of sale, phone-only checkouts) the phone is the customer. A row
    // naming no one is reported, not guessed: the system that wrote it did not know the customer.
    if (customerId === '' && col.phone >= 0) customerId = phoneCustomerKey(r.trimmed(col.phone)) ?? '';
    if (customerId === '') {
      collector.reject(r.line, customerField, 'EMPTY_CUSTOMER', 'no customer id or email');
      return;
    }
    const day = fieldDay(r, col.date, collector.dateOrder);
    if (Number.isNaN(day)) {
      collector.reject(r.line, name(col.date), 'BAD_DATE', `cannot read date "${r.text(col.date)}"`);
      return;
    }
    const orderId = col.orderId >= 0 ? r.trimmedOrSame(col.orderId, previousOrderId, previousOrderAscii) : '';
    const continuesOrder = orderId !== '' && orderId === previousOrderId;

    const quantity = col.quantity >= 0 ? fieldQuantity(r, col.quantity) : 1;
    if (Number.isNaN(quantity)) {
      collector.reject(r.line, name(col.quantity), 'BAD_QUANTITY', `cannot read quantity "${r.text(col.quantity)}"`);
      return;
    }

    let orderTotal = Number.NaN;
    if (col.orderTotal >= 0) {
      // An order-level total may sit on the first row of the order only (as in Shopify's export).
      const blank = r.isBlank(col.orderTotal);
      if (!blank) orderTotal = fieldAmount(r, col.orderTotal);
      if (Number.isNaN(orderTotal) && (!blank || (!continuesOrder && !lineLevelAmount))) {
        collector.reject(r.line, name(col.orderTotal), 'BAD_AMOUNT', `cannot read amount "${r.text(col.orderTotal)}"`);
        return;
      }
    }
    let lineAmount = Number.NaN;
    if (col.lineAmount >= 0) {
      lineAmount = fieldAmount(r, col.lineAmount);
      if (Number.isNaN(lineAmount)) {
        collector.reject(r.line, name(col.lineAmount), 'BAD_AMOUNT', `cannot read amount "${r.text(col.lineAmount)}"`);
        return;
      }
    } else if (col.price >= 0) {
      const price = fieldAmount(r, col.price);
      if (Number.isNaN(price)) {
        collector.reject(r.line, name(col.price), 'BAD_AMOUNT', `cannot read price "${r.text(col.price)}"`);
        return;
      }
      lineAmount = price * quantity;
    }

    let acceptsMarketing: number = -1;
    if (col.acceptsMarketing >= 0) {
      const consent = fieldBoolean(r, col.acceptsMarketing);
      if (consent === null) {
        collector.reject(
          r.line,
          name(col.acceptsMarketing),
          'BAD_BOOLEAN',
          `expected true or false, found "${r.text(col.acceptsMarketing)}"`,
        );
        return;
      }
      acceptsMarketing = consent;
    }
    let birthday = NO_DAY;
    if (col.birthday >= 0 && !r.isBlank(col.birthday)) {
      birthday = fieldDay(r, col.birthday, collector.dateOrder);
      if (Number.isNaN(birthday)) {
        collector.reject(r.line, name(col.birthday), 'BAD_DATE', `cannot read birthday "${r.text(col.birthday)}"`);
        return;
      }
    }
    if (col.currency >= 0 && !collector.acceptCurrency(r, col.currency, name(col.currency))) return;

    line.record = r;
    line.orderId = orderId;
    line.customerId = customerId;
    line.day = day;
    line.lineAmount = lineAmount;
    line.orderTotal = orderTotal;
    line.sku = col.sku >= 0 ? r.cachedTrimmed(col.sku, skuCache) : '';
    line.quantity = quantity;
    line.acceptsMarketing = acceptsMarketing;
    line.birthday = birthday;
    const order = collector.add(r.line, line, customerField);
    line.record = null;
    if (order < 0) return;
    if (orderId !== previousOrderId) {
      previousOrderId = orderId;
      previousOrderAscii = isAscii(orderId);
    }
    if (customerId !== previousCustomerId) {
      previousCustomerId = customerId;
      previousCustomerAscii = isAscii(customerId);
    }
    if (col.status >= 0 && !r.isBlank(col.status) && !r.equalsAscii(col.status, 'paid')) {
      const exclusion = statusExclusion(r.text(col.status));
      if (exclusion) collector.exclude(order, exclusion);
    }
  };
}
