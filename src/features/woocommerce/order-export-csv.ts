import type { Rejection } from '../../analytics/report.types.js';
import type { ErrorCode } from '../../platform/errors.js';

/**
 * WooCommerce's order CSV export, "Default CSV format - One row per line item", of the
 * Customer/Order/Coupon Export extension (woocommerce.com/products/ordercustomer-csv-export; the
 * formats are listed at https://woocommerce.com/document/ordercustomer-csv-export/ and
 * https://www.godaddy.com/help/about-customerordercoupon-exports-export-formats-40232). Each row is
 * one line item; the order's own columns repeat on each of its rows. Only the columns below are read.
 */
export const WOO_CSV_COLUMNS = {
  orderId: 'order_id',
  date: 'order_date',
  status: 'status',
  currency: 'order_currency',
  total: 'order_total',
  refunded: 'refunded_total',
  discount: 'discount_total',
  shipping: 'shipping_total',
  customerId: 'customer_id',
  email: 'billing_email',
  phone: 'billing_phone',
  firstName: 'billing_first_name',
  lastName: 'billing_last_name',
  itemName: 'item_name',
  itemSku: 'item_sku',
  itemProductId: 'item_product_id',
  itemQuantity: 'item_quantity',
  itemSubtotal: 'item_subtotal',
  itemTotal: 'item_total',
} as const;
type Column = keyof typeof WOO_CSV_COLUMNS;

const REQUIRED: readonly Column[] = ['orderId', 'date', 'status', 'total', 'itemName', 'itemQuantity', 'itemTotal'];

/** True when a header row is this export's (what `--format auto` could use to recognise it). */
export function isWooCommerceHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return ['order_id', 'order_date', 'status', 'order_total', 'item_name'].every((n) => names.has(n));
}

/** One order of the file, shaped as WooCommerce's REST v3 order, so the webhooks' mapper reads it. */
export interface CsvOrder {
  /** The line of the order's first row, for rejections. */
  readonly line: number;
  /** The line of each line item's row, in order. */
  readonly itemLines: readonly number[];
  readonly payload: Record<string, unknown>;
}

export interface ParsedWooCsv {
  readonly orders: CsvOrder[];
  readonly rejections: Rejection[];
  readonly rowsRead: number;
}

/**
 * The CSV export has no modification time, so its orders carry the oldest possible version: an
 * order a webhook or the backfill stored (with its date_modified_gmt) is never replaced by the
 * file's older picture of it, and importing the same file again changes nothing.
 */
export const CSV_ORDER_VERSION = '1970-01-01T00:00:00';

/**
 * Groups the rows (header first, as the CSV parser hands them over) into orders. A row whose order
 * id is blank or whose field count is off is rejected; rows of one order need not be adjacent.
 * `currency` stands in for a file without order_currency (--currency).
 */
export function groupWooCommerceRows(
  header: readonly string[],
  rows: readonly { readonly line: number; readonly cells: readonly string[] }[],
  currency: string | null,
): ParsedWooCsv | { readonly missing: readonly string[] } {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const col = {} as Record<Column, number>;
  for (const [key, name] of Object.entries(WOO_CSV_COLUMNS) as [Column, string][]) col[key] = index.get(name) ?? -1;
  const missing: string[] = REQUIRED.filter((k) => col[k] < 0).map((k) => WOO_CSV_COLUMNS[k]);
  if (col.currency < 0 && currency === null) missing.push(`${WOO_CSV_COLUMNS.currency} (or --currency)`);
  if (missing.length > 0) return { missing };

  const rejections: Rejection[] = [];
  const orders = new Map<string, { line: number; itemLines: number[]; payload: Record<string, unknown> }>();
  const cell = (cells: readonly string[], k: Column): string => (col[k] < 0 ? '' : (cells[col[k]] ?? '').trim());
  const optional = (cells: readonly string[], k: Column): string | undefined => cell(cells, k) || undefined;
  for (const { line, cells } of rows) {
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length !== header.length) {
      rejections.push(reject(line, '', 'BAD_ROW', `expected ${header.length} fields, found ${cells.length}`));
      continue;
    }
    const orderId = cell(cells, 'orderId');
    if (orderId === '') {
      rejections.push(reject(line, WOO_CSV_COLUMNS.orderId, 'BAD_ROW', 'no order id'));
      continue;
    }
    let order = orders.get(orderId);
    if (order === undefined) {
      const refunded = cell(cells, 'refunded');
      order = {
        line,
        itemLines: [],
        payload: {
          id: orderId,
          // The export writes statuses without WooCommerce's internal 'wc-' prefix; older versions kept it.
          status: cell(cells, 'status').toLowerCase().replace(/^wc-/, ''),
          currency: cell(cells, 'currency') || currency,
          // "2016-09-15 03:17:47": the store's local time, as the REST API's date_created.
          date_created: cell(cells, 'date').replace(' ', 'T'),
          date_modified_gmt: CSV_ORDER_VERSION,
          customer_id: optional(cells, 'customerId') ?? '0',
          total: cell(cells, 'total'),
          discount_total: optional(cells, 'discount'),
          shipping_total: optional(cells, 'shipping'),
          billing: {
            email: optional(cells, 'email'),
            phone: optional(cells, 'phone'),
            first_name: optional(cells, 'firstName'),
            last_name: optional(cells, 'lastName'),
          },
          line_items: [],
          // The REST API lists refunds with negative totals; the export gives their sum.
          refunds:
            refunded === '' || /^-?0*(\.0*)?$/.test(refunded) ? [] : [{ total: `-${refunded.replace(/^-/, '')}` }],
        },
      };
      orders.set(orderId, order);
    }
    order.itemLines.push(line);
    const total = cell(cells, 'itemTotal');
    (order.payload.line_items as unknown[]).push({
      name: cell(cells, 'itemName'),
      sku: optional(cells, 'itemSku'),
      product_id: optional(cells, 'itemProductId'),
      quantity: /^\d+$/.test(cell(cells, 'itemQuantity'))
        ? Number(cell(cells, 'itemQuantity'))
        : cell(cells, 'itemQuantity'),
      // Without item_subtotal (before coupons) the line's total stands for it.
      subtotal: optional(cells, 'itemSubtotal') ?? total,
      total,
    });
  }
  return { orders: [...orders.values()], rejections, rowsRead: rows.length };
}

function reject(line: number, field: string, code: ErrorCode, reason: string): Rejection {
  return { line, field, code, reason };
}

const PATH_COLUMNS: Record<string, Column> = {
  '/id': 'orderId',
  '/status': 'status',
  '/currency': 'currency',
  '/date_created': 'date',
  '/total': 'total',
  '/discount_total': 'discount',
  '/shipping_total': 'shipping',
  '/customer_id': 'customerId',
  '/billing/email': 'email',
  '/billing/phone': 'phone',
  '/refunds/0/total': 'refunded',
  name: 'itemName',
  sku: 'itemSku',
  product_id: 'itemProductId',
  quantity: 'itemQuantity',
  subtotal: 'itemSubtotal',
  total: 'itemTotal',
};

/**
 * The rejection for an order the mapper refused: its JSON pointer (/line_items/1/quantity) back to
 * the CSV's line and column (the second item's row, item_quantity), with the code of its kind.
 */
export function rejectionFor(order: CsvOrder, path: string, reason: string): Rejection {
  const item = /^\/line_items\/(\d+)\/(\w+)$/.exec(path);
  const key = item ? PATH_COLUMNS[item[2]!] : PATH_COLUMNS[path];
  const line = item ? (order.itemLines[Number(item[1])] ?? order.line) : order.line;
  const field = key === undefined ? '' : WOO_CSV_COLUMNS[key];
  const code: ErrorCode =
    key === 'date'
      ? 'BAD_DATE'
      : key === 'itemQuantity'
        ? 'BAD_QUANTITY'
        : key !== undefined && ['total', 'discount', 'shipping', 'refunded', 'itemSubtotal', 'itemTotal'].includes(key)
          ? 'BAD_AMOUNT'
          : 'BAD_ROW';
  return reject(line, field, code, reason);
}
