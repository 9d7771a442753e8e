import { RegularsError } from '../../platform/errors.js';

/**
 * Header aliases of the generic CSV format (docs/formats.md lists them). Headers are compared
 * case-insensitively with spaces, dashes and underscores ignored: 'Customer ID', 'customer_id'
 * and 'CustomerID' are one name.
 */
export const GENERIC_ALIASES = {
  customerId: [
    'customer_id',
    'customer',
    'customer_number',
    'client_id',
    'user_id',
    'buyer_id',
    'member_id',
    'cust',
    'cust_id',
  ],
  email: ['email', 'customer_email', 'email_address', 'e_mail'],
  phone: ['phone', 'customer_phone', 'phone_number', 'mobile', 'billing_phone'],
  date: [
    'order_date',
    'date',
    'created_at',
    'ordered_at',
    'order_datetime',
    'order_time',
    'purchase_date',
    'invoice_date',
    'transaction_date',
    'datetime',
    'timestamp',
  ],
  orderId: [
    'order_id',
    'order',
    'order_number',
    'order_no',
    'order_name',
    'invoice',
    'invoice_no',
    'invoice_number',
    'invoice_id',
    'transaction_id',
    'receipt_id',
  ],
  orderTotal: ['total', 'order_total', 'total_price', 'grand_total', 'order_value', 'order_amount'],
  lineAmount: [
    'amount',
    'revenue',
    'sales',
    'value',
    'line_total',
    'line_amount',
    'line_revenue',
    'item_total',
    'dollar_value',
  ],
  price: ['price', 'unit_price', 'item_price'],
  quantity: ['quantity', 'qty', 'units'],
  sku: ['sku', 'product_id', 'item_id', 'stock_code', 'variant_sku', 'product_sku', 'product_code'],
  productName: ['product_name', 'product', 'item_name', 'product_title', 'title', 'description', 'item'],
  category: ['category', 'product_category', 'product_type'],
  currency: ['currency', 'currency_code'],
  status: ['status', 'order_status', 'financial_status'],
  acceptsMarketing: [
    'accepts_marketing',
    'marketing_consent',
    'accepts_email_marketing',
    'email_marketing_consent',
    'newsletter',
    'opt_in',
    'marketing_opt_in',
  ],
  birthday: ['birthday', 'birth_date', 'date_of_birth', 'dob'],
} as const;

export type GenericField = keyof typeof GENERIC_ALIASES;

/** Column index of each field, -1 when the file lacks it. */
export type GenericColumns = Record<GenericField, number>;

export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

/** Maps a header row to columns; a missing required column is an error naming what was found. */
export function mapGenericColumns(header: readonly string[]): GenericColumns {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalizeHeader(name);
    if (!index.has(key)) index.set(key, i);
  });
  const columns = {} as GenericColumns;
  for (const field of Object.keys(GENERIC_ALIASES) as GenericField[]) {
    columns[field] = -1;
    for (const alias of GENERIC_ALIASES[field]) {
      const at = index.get(normalizeHeader(alias));
      if (at !== undefined) {
        columns[field] = at;
        break;
      }
    }
  }
  const found = header.map((h) => h.trim()).join(', ');
  const missing = (what: string, aliases: readonly string[]) =>
    new RegularsError('MISSING_COLUMN', `no ${what} column; expected one of: ${aliases.join(', ')}; found: ${found}`, {
      missing: what,
      found: header,
    });
  if (columns.customerId < 0 && columns.email < 0 && columns.phone < 0) {
    throw missing('customer id, email or phone', [
      ...GENERIC_ALIASES.customerId,
      ...GENERIC_ALIASES.email,
      ...GENERIC_ALIASES.phone,
    ]);
  }
  if (columns.date < 0) throw missing('order date', GENERIC_ALIASES.date);
  if (columns.orderTotal < 0 && columns.lineAmount < 0 && columns.price < 0) {
    throw missing('amount', [...GENERIC_ALIASES.orderTotal, ...GENERIC_ALIASES.lineAmount, ...GENERIC_ALIASES.price]);
  }
  return columns;
}
