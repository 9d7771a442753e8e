import type { OrderLine } from '../domain/analytics/order-log-builder.js';
import { mapGenericColumns } from './generic-columns.js';
import { createDayParser, parseAmount, parseBoolean, parseQuantity } from './field-parsers.js';
import type { OrderCollector } from './order-collector.js';
import type { RecordHandler } from './csv-parser.js';

/** What a status cell means: cancelled and refunded orders are not purchases (docs/formats.md). */
export function statusExclusion(raw: string): 'cancelled' | 'refunded' | null {
  if (raw === '' || raw === 'paid' || raw === 'completed') return null;
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

/**
 * Rows of the generic CSV format, one per order or per line item (rows sharing an order id are
 * one order). The order amount is the order-level total when the file has one, else the sum of
 * the line amounts (an amount column, or price x quantity).
 */
export function createGenericRowHandler(header: readonly string[], collector: OrderCollector): RecordHandler {
  const col = mapGenericColumns(header);
  const name = (i: number) => (i >= 0 ? header[i].trim() : '');
  const width = header.length;
  const parseDay = createDayParser();
  const customerField = name(col.customerId >= 0 ? col.customerId : col.email);
  const lineLevelAmount = col.lineAmount >= 0 || col.price >= 0;
  let previousOrderId = '';

  return (f, line) => {
    if (f.length !== width) {
      if (f.length === 1 && f[0].trim() === '') return; // a blank line is not a row
      collector.reject(line, '', 'BAD_ROW', `expected ${width} fields, found ${f.length}`);
      return;
    }
    const email = col.email >= 0 ? f[col.email].trim().toLowerCase() : '';
    let customerId = col.customerId >= 0 ? f[col.customerId].trim() : '';
    // Without an id the email is the customer: guest checkouts are still one person.
    if (customerId === '') customerId = email;
    if (customerId === '') {
      collector.reject(line, customerField, 'EMPTY_CUSTOMER', 'no customer id or email');
      return;
    }
    const rawDate = f[col.date];
    const day = parseDay(rawDate);
    if (Number.isNaN(day)) {
      collector.reject(line, name(col.date), 'BAD_DATE', `cannot read date "${rawDate}"`);
      return;
    }
    const orderId = col.orderId >= 0 ? f[col.orderId].trim() : '';
    const continuesOrder = orderId !== '' && orderId === previousOrderId;

    const quantity = col.quantity >= 0 ? parseQuantity(f[col.quantity]) : 1;
    if (Number.isNaN(quantity)) {
      collector.reject(line, name(col.quantity), 'BAD_QUANTITY', `cannot read quantity "${f[col.quantity]}"`);
      return;
    }

    let orderTotal = Number.NaN;
    if (col.orderTotal >= 0) {
      const raw = f[col.orderTotal];
      orderTotal = parseAmount(raw);
      // An order-level total may sit on the first row of the order only (as in Shopify's export).
      if (Number.isNaN(orderTotal) && (raw.trim() !== '' || (!continuesOrder && !lineLevelAmount))) {
        collector.reject(line, name(col.orderTotal), 'BAD_AMOUNT', `cannot read amount "${raw}"`);
        return;
      }
    }
    let lineAmount = Number.NaN;
    if (col.lineAmount >= 0) {
      lineAmount = parseAmount(f[col.lineAmount]);
      if (Number.isNaN(lineAmount)) {
        collector.reject(line, name(col.lineAmount), 'BAD_AMOUNT', `cannot read amount "${f[col.lineAmount]}"`);
        return;
      }
    } else if (col.price >= 0) {
      const price = parseAmount(f[col.price]);
      if (Number.isNaN(price)) {
        collector.reject(line, name(col.price), 'BAD_AMOUNT', `cannot read price "${f[col.price]}"`);
        return;
      }
      lineAmount = price * quantity;
    }

    let acceptsMarketing: number = -1;
    if (col.acceptsMarketing >= 0) {
      const consent = parseBoolean(f[col.acceptsMarketing]);
      if (consent === null) {
        collector.reject(line, name(col.acceptsMarketing), 'BAD_BOOLEAN', `expected true or false, found "${f[col.acceptsMarketing]}"`);
        return;
      }
      acceptsMarketing = consent;
    }
    if (col.currency >= 0 && !collector.acceptCurrency(f[col.currency], line, name(col.currency))) return;

    const orderLine: OrderLine = {
      orderId,
      customerId,
      day,
      lineAmount,
      orderTotal,
      sku: col.sku >= 0 ? f[col.sku].trim() : '',
      productName: col.productName >= 0 ? f[col.productName].trim() : '',
      category: col.category >= 0 ? f[col.category].trim() : '',
      quantity,
      email,
      acceptsMarketing,
      birthday: col.birthday >= 0 ? f[col.birthday].trim() : '',
    };
    const order = collector.add(line, orderLine, customerField);
    if (order < 0) return;
    previousOrderId = orderId;
    if (col.status >= 0) {
      const exclusion = statusExclusion(f[col.status]);
      if (exclusion) collector.exclude(order, exclusion);
    }
  };
}
