import { open } from 'node:fs/promises';
import type { ExportedConsent, ExportedOrder, OrderExport } from './import-order-file.service.js';
import type { ReadOrderFileOptions } from '../../analytics/ports.js';
import { ymdFromDay } from '../../analytics/day.js';
import { NO_DAY, type ExclusionReason, type OrderLine } from '../../analytics/order-log-builder.js';
import { StringIndex } from '../../analytics/string-index.js';
import type { CustomerInput } from '../customers/index.js';
import type { OrderLineInput, OrderStatus } from './order.js';
import { type ErrorCode, RegularsError } from '../../platform/errors.js';
import { createCdnowRowHandler } from '../../analytics/ingest/cdnow-log.js';
import { type CsvRecord, CsvRecordParser, type Delimiter, TextCache } from '../../analytics/ingest/csv-records.js';
import { parseDay } from '../../analytics/ingest/field-parsers.js';
import { mapGenericColumns, normalizeHeader, type GenericColumns } from '../../analytics/ingest/generic-columns.js';
import { createGenericRowHandler, type RecordHandler } from '../../analytics/ingest/generic-csv.js';
import { OrderCollector } from '../../analytics/ingest/order-collector.js';
import {
  detectDelimiter,
  type InputFormat,
  readWithDateOrder,
  sniffInput,
} from '../../analytics/ingest/order-file.reader.js';
import { type DateOrder, splitDate } from '../../analytics/ingest/date-forms.js';
import { createShopifyRowHandler } from '../../analytics/ingest/shopify-csv.js';
import { ChunkedInput, inputFileSize } from '../../analytics/ingest/input-file.reader.js';
import { isCurrencyCode, minorUnitDigits } from '../../platform/currency-codes.js';

// An order export read with analyze's parsers, into the database's terms (for `regulars import`).
//
// The row handlers of src/analytics/ingest (generic, Shopify, CDNOW) decide which rows are valid, how rows
// group into orders and customers, each order's day and cancelled/refunded status, exactly as for
// `regulars analyze`. They hand their rows to an OrderCollector; ImportCollector below takes its
// place and keeps what the analytics log drops: order ids, the timestamp as written, and money as
// exact minor units parsed from the cells' decimal text (the handlers' amounts are doubles).

/** An amount cell as written: value = ±units / 10^scale (scale < 0 after an exponent). */
interface Decimal {
  negative: boolean;
  /** The digits as a number when there are at most 15 of them (exact), else NaN and `digits` holds them. */
  units: number;
  digits: string;
  scale: number;
}

const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// The forms parseAmount accepts besides plain numbers ('$1,234.50', '€12').
const FORMATTED_MONEY = /^([+-]?)[$€£¥]?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?[$€£¥]?$/;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function decimalFromParts(negative: boolean, int: string, frac: string, exponent: number): Decimal {
  const digits = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  return { negative, digits, units: digits.length <= 15 ? Number(digits) : Number.NaN, scale: frac.length - exponent };
}

/** The decimal a cell writes, in the syntax parseAmount accepts; null when it is not one. */
export function parseDecimal(raw: string): Decimal | null {
  const text = raw.trim();
  let m = PLAIN_DECIMAL.exec(text);
  if (m && (m[2] !== '' || (m[3] ?? '') !== ''))
    return decimalFromParts(m[1] === '-', m[2], m[3] ?? '', m[4] ? Number(m[4]) : 0);
  m = FORMATTED_MONEY.exec(text);
  if (!m) return null;
  return decimalFromParts(m[1] === '-', m[2].replaceAll(',', ''), m[3] ?? '', 0);
}

/** A record's cell as a decimal: '-12.50' read from the bytes, other forms through parseDecimal. */
function fieldDecimal(r: CsvRecord, i: number): Decimal | null {
  if (r.unquoted === null) {
    const b = r.buf;
    let p = r.starts[i];
    const e = r.ends[i];
    const negative = p < e && b[p] === 45;
    if (negative) p++;
    let units = 0;
    let count = 0;
    let scale = -1;
    for (; p < e; p++) {
      const c = b[p];
      if (c >= 48 && c <= 57) {
        units = units * 10 + (c - 48);
        count++;
        if (scale >= 0) scale++;
      } else if (c === 46 && scale < 0) scale = 0;
      else break;
    }
    if (p === e && count > 0 && count <= 15) return { negative, units, digits: '', scale: Math.max(0, scale) };
  }
  return parseDecimal(r.text(i));
}

/** a x b, exactly. */
function multiply(a: Decimal, b: Decimal): Decimal {
  const negative = a.negative !== b.negative;
  const units = a.units * b.units;
  if (Number.isSafeInteger(units)) return { negative, units, digits: '', scale: a.scale + b.scale };
  const digits = (BigInt(a.digits || String(a.units)) * BigInt(b.digits || String(b.units))).toString();
  return { negative, units: Number.NaN, digits, scale: a.scale + b.scale };
}

function integerDecimal(value: number): Decimal {
  return { negative: value < 0, units: Math.abs(value), digits: '', scale: 0 };
}

/**
 * A decimal in minor units (10^-exponent), rounded half away from zero, computed on integers
 * only; NaN when the result is not a safe integer. Amounts of at most 15 significant digits take
 * the number path; longer ones use BigInt.
 */
export function toMinorUnits(d: Decimal, exponent: number): number {
  const shift = exponent - d.scale;
  let result: number;
  if (Number.isSafeInteger(d.units) && shift > -16 && shift < 16) {
    if (shift >= 0) result = d.units * POW10[shift];
    else {
      const div = POW10[-shift];
      let q = Math.floor(d.units / div);
      let r = d.units - q * div;
      // The double quotient may be one off near an integer; the remainder says which way.
      if (r < 0) {
        q--;
        r += div;
      } else if (r >= div) {
        q++;
        r -= div;
      }
      result = 2 * r >= div ? q + 1 : q;
    }
  } else {
    let v = BigInt(d.digits || String(d.units));
    if (shift >= 0) v *= 10n ** BigInt(shift);
    else {
      const div = 10n ** BigInt(-shift);
      const q = v / div;
      v = 2n * (v - q * div) >= div ? q + 1n : q;
    }
    result = Number(v);
  }
  if (!Number.isSafeInteger(result)) return Number.NaN;
  return d.negative && result !== 0 ? -result : result;
}

const ymdCache = new Map<number, string>();

/** ymdFromDay, cached: a file spans a few thousand days, and formatting a Date is slow. */
function ymdText(day: number): string {
  let text = ymdCache.get(day);
  if (text === undefined) {
    if (ymdCache.size > 100_000) ymdCache.clear();
    ymdCache.set(day, (text = ymdFromDay(day)));
  }
  return text;
}

const TIME_OF_DAY =
  /^[Tt ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A timestamp as an ISO 8601 text with the same day, clock time and offset the source wrote (never
 * converted to UTC: the day is the store's, architecture.md "Days"). '2024-01-15 10:23:45 -0500'
 * becomes '2024-01-15T10:23:45-05:00', '03/01/2024 14:05' '2024-03-01T14:05:00', '19970101'
 * '1997-01-01', '6/25/2025 11:34 PM' (month first) '2025-06-25T23:34:00'. The date comes from the
 * day the parsers read, so US and European orders of day and month are stored unambiguously; a
 * time in another form is dropped, keeping the date.
 */
export function isoTimestamp(raw: string, day: number): string {
  const date = ymdText(day);
  const text = raw.trim();
  if (text.length <= 10) return date;
  // Fast path, the generator's and most exports' form: 'YYYY-MM-DD HH:MM:SS' (or with 'T').
  if (
    text.length === 19 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(4) === 45 &&
    /^[T ]\d\d:\d\d:\d\d$/.test(text.slice(10))
  ) {
    return text.slice(11, 13) <= '23' && text.slice(14, 16) <= '59' && text.slice(17) <= '60'
      ? `${date}T${text.slice(11)}`
      : date;
  }
  const parts = splitDate(text);
  const m = parts === null ? null : TIME_OF_DAY.exec(text.slice(parts.end));
  if (!m) return date;
  let hh = Number(m[1]);
  const [mm, ss] = [Number(m[2]), Number(m[3] ?? '0')];
  if (m[5]) {
    // 12:05 AM is 00:05, 12:05 PM 12:05, 1:05 PM 13:05.
    if (hh < 1 || hh > 12) return date;
    hh = (hh % 12) + (m[5].toUpperCase() === 'P' ? 12 : 0);
  }
  if (hh > 23 || mm > 59 || ss > 60) return date;
  let offset = '';
  if (m[6]) {
    const o = m[6].toUpperCase();
    offset = o === 'Z' || o === 'UTC' || o === 'GMT' ? 'Z' : `${o.slice(0, 3)}:${o.length > 3 ? o.slice(-2) : '00'}`;
  }
  const two = (v: number) => String(v).padStart(2, '0');
  return `${date}T${two(hh)}:${two(mm)}:${two(ss)}${m[4] ?? ''}${offset}`;
}

/**
 * A consent record needs an instant: an order time the export wrote without an offset (or a date
 * alone) is read as UTC, the nearest instant the file allows.
 */
function withOffset(iso: string): string {
  if (iso.length === 10) return `${iso}T00:00:00Z`;
  return /(Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}Z`;
}

/** What a status cell says beyond cancelled/refunded (which the parsers decide). */
function statusFromText(text: string): OrderStatus {
  switch (
    text
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ) {
    case 'pending':
    case 'authorized':
    case 'partially_paid':
    case 'unpaid':
    case 'expired':
      return 'pending';
    case 'partially_refunded':
      return 'partially_refunded';
    default:
      return 'paid';
  }
}

/** Header aliases of customer names in a generic CSV (the analytics parser does not read them). */
const NAME_ALIASES = {
  firstName: ['first_name', 'firstname', 'given_name', 'customer_first_name'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name', 'customer_last_name'],
} as const;

/** Columns of Shopify's order export the import reads beyond those the analytics parser reads. */
const SHOPIFY_IMPORT_COLUMNS = {
  id: 'Id',
  createdAt: 'Created at',
  total: 'Total',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  discount: 'Discount Amount',
  refunded: 'Refunded Amount',
  financialStatus: 'Financial Status',
  cancelledAt: 'Cancelled at',
  itemPrice: 'Lineitem price',
  name: 'Name',
} as const;
type ShopifyImportColumn = keyof typeof SHOPIFY_IMPORT_COLUMNS;

/** An order being collected; amounts in minor units. */
interface OpenOrder {
  externalId: string;
  customer: number;
  /** The date cell as written; isoTimestamp() spells it when the order is handed out (one string less per order). */
  orderedAt: string;
  orderDay: number;
  /** Order-level total from the file (first non-blank cell), or NaN. */
  total: number;
  /** Sum of the rows' amounts, used when the file has no order-level total. */
  rowSum: number;
  subtotal: number;
  discount: number;
  shipping: number;
  refunded: number;
  exclusion: ExclusionReason | null;
  statusText: string;
  cancelledAt: string | null;
  /** The order's Name ("#1001"), Shopify exports only; null otherwise. */
  name: string | null;
  lines: OrderLineInput[];
}

/** A row the import cannot keep, though the format handler accepted it. */
class RowRejected extends Error {
  constructor(
    readonly field: string,
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The amounts one row contributes, in minor units (NaN: none). */
interface RowAmounts {
  /** The row's amount: its line amount, or price x quantity. */
  readonly row: number;
  /** An order-level total written on this row. */
  readonly total: number;
  /** The unit price, when the file gives one. */
  readonly price: number;
}

const NO_AMOUNTS: RowAmounts = { row: Number.NaN, total: Number.NaN, price: Number.NaN };

/**
 * Where the format handlers send their rows during an import. It keeps whole orders instead of
 * OrderCollector's analytics log, and reuses its rejection bookkeeping (counts, details, --strict)
 * and its one-currency rule. Rows the database cannot hold exactly (a fractional quantity on a
 * product line, an amount past 2^53 minor units) are rejected here, reported like the handlers' own.
 */
class ImportCollector extends OrderCollector {
  /** The record being handled: the read loop sets it before calling the handler. */
  record: CsvRecord | null = null;
  private format: InputFormat = 'generic';
  private header: readonly string[] = [];
  private generic: GenericColumns | null = null;
  private names = { firstName: -1, lastName: -1 };
  /** Columns holding a customer's phone, in the order they are tried. */
  private phones: number[] = [];
  private shopify: Record<ShopifyImportColumn, number> | null = null;
  private currencyCode: string | null = null;
  /** Digits of the currency's minor unit; null until a currency is known. */
  private exponent: number | null = null;
  /** True when rows were read before any currency was known, at 2 digits (checked at the end). */
  private assumedTwoDigits = false;

  private readonly customerIndex = new StringIndex(1 << 14);
  private readonly customerEmails: string[] = [];
  private readonly customerBirthdays: number[] = [];
  private readonly customerFirstNames: string[] = [];
  private readonly customerLastNames: string[] = [];
  private readonly customerPhones: string[] = [];
  /** Email marketing consent per customer from its latest order stating it: 1 yes, 0 no, -1 none. */
  private readonly customerConsent: number[] = [];
  private readonly customerConsentDay: number[] = [];
  /** The date cell of the order that stated it, and that order's day (isoTimestamp spells it). */
  private readonly customerConsentAt: string[] = [];

  /** Order keys (the file's order id, or one made for a row without) in order of first sight. */
  private readonly orderIndex = new StringIndex(1 << 14);
  private readonly orders: OpenOrder[] = [];
  /** Rows without an order id, by customer and day: they number the orders made for them. */
  private readonly rowsWithoutId = new Map<string, number>();
  private lastKey = '';
  private lastOrder = -1;
  private lastCustomerId = '';
  private lastCustomer = -1;
  private readonly titles = new TextCache();
  private readonly categories = new TextCache();

  constructor(options: ReadOrderFileOptions, dateOrder: DateOrder | null) {
    // The base class's analytics log stays empty (add() below never feeds it): sized for one row.
    super({ strict: options.strict, currency: options.currency, dateOrder }, 1);
    if (options.currency) this.useCurrency(options.currency.toUpperCase(), 0);
  }

  /** Called with the header row (with none for CDNOW logs) before the first data row. */
  start(format: InputFormat, header: readonly string[]): void {
    this.format = format;
    this.header = header.map((h) => h.trim());
    const index = new Map(header.map((h, i) => [normalizeHeader(h), i] as const));
    const find = (aliases: readonly string[]) =>
      aliases.map((a) => index.get(normalizeHeader(a))).find((i) => i !== undefined) ?? -1;
    if (format === 'generic') {
      this.generic = mapGenericColumns(header);
      this.names = { firstName: find(NAME_ALIASES.firstName), lastName: find(NAME_ALIASES.lastName) };
      this.phones = [this.generic.phone];
    } else if (format === 'shopify') {
      const col = {} as Record<ShopifyImportColumn, number>;
      for (const [key, title] of Object.entries(SHOPIFY_IMPORT_COLUMNS) as [ShopifyImportColumn, string][])
        col[key] = find([title]);
      this.shopify = col;
      this.phones = ['Phone', 'Billing Phone', 'Shipping Phone'].map((title) => find([title]));
    }
    const hasCurrencyColumn =
      format === 'generic'
        ? this.generic!.currency >= 0
        : format === 'shopify' && index.has(normalizeHeader('Currency'));
    if (this.currencyCode === null && !hasCurrencyColumn) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'the file has no currency column: say which currency its amounts are in with --currency CODE (e.g. --currency USD)',
        {
          option: '--currency',
        },
      );
    }
  }

  override acceptCurrency(record: CsvRecord, i: number, field: string): boolean {
    const accepted = super.acceptCurrency(record, i, field);
    if (accepted && this.currencyCode === null && !record.isBlank(i))
      this.useCurrency(record.trimmed(i).toUpperCase(), record.line);
    return accepted;
  }

  private useCurrency(code: string, line: number): void {
    // The same list as the API's: amounts in BTC or ZZZ would be stored as if they were money.
    if (!isCurrencyCode(code)) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `${line > 0 ? `line ${line}: ` : ''}currency "${code}" is not an ISO 4217 currency in use, such as USD`,
        { currency: code },
      );
    }
    this.currencyCode = code;
    this.exponent = minorUnitDigits(code);
  }

  override add(line: number, row: OrderLine, customerField: string): number {
    if (this.exponent === null) {
      // Rows before the first currency cell (blank ones) are read at 2 digits, the common case;
      // toExport refuses the file if its currency turns out to have another minor unit.
      this.exponent = 2;
      this.assumedTwoDigits = true;
    }
    try {
      return this.addRow(this.record!, row);
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      this.reject(
        line,
        error.code === 'ORDER_CUSTOMER_CONFLICT' ? customerField : error.field,
        error.code,
        error.reason,
      );
      return -1;
    }
  }

  /** Adds a row the format handler accepted; everything is read and checked before anything is kept. */
  private addRow(r: CsvRecord, row: OrderLine): number {
    let key = row.orderId;
    // Fast path: the rows of an order are nearly always adjacent.
    let o = key === '' ? -1 : key === this.lastKey ? this.lastOrder : this.orderIndex.get(key);
    if (o >= 0 && this.customerIndex.keys[this.orders[o].customer] !== row.customerId) {
      throw new RowRejected(
        '',
        'ORDER_CUSTOMER_CONFLICT',
        `order ${row.orderId} already belongs to customer ${this.customerIndex.keys[this.orders[o].customer]}`,
      );
    }
    const order = o < 0 ? this.newOrder(r, row) : null;
    const amounts = this.rowAmounts(r, row);
    const line = this.productLine(r, row, amounts);

    const customer = this.customer(r, row);
    if (order) {
      if (key === '') key = this.keyForRowWithoutId(row);
      order.externalId ||= key;
      order.customer = customer;
      o = this.orderIndex.intern(key);
      this.orders.push(order);
    }
    const target = this.orders[o];
    // As the analytics log: the latest statement by order day, on equal days the later row.
    if (row.acceptsMarketing >= 0 && row.day >= this.customerConsentDay[customer]) {
      this.customerConsent[customer] = row.acceptsMarketing;
      this.customerConsentDay[customer] = row.day;
      this.customerConsentAt[customer] = target.orderedAt;
    }
    if (!Number.isNaN(amounts.row)) target.rowSum += amounts.row;
    if (Number.isNaN(target.total)) target.total = amounts.total;
    if (target.statusText === '' && this.generic !== null && this.generic.status >= 0)
      target.statusText = r.trimmed(this.generic.status);
    if (line) target.lines.push(line);
    this.lastKey = row.orderId;
    this.lastOrder = o;
    return o;
  }

  /**
   * The orders made for rows without an order id (CDNOW logs, files without that column) are
   * named customer/day/n, n counting such rows of the customer on that day in file order: the same
   * file gives the same ids again, and rows appended later do not rename earlier ones.
   */
  private keyForRowWithoutId(row: OrderLine): string {
    const base = `${row.customerId}/${ymdText(row.day)}`;
    let n = (this.rowsWithoutId.get(base) ?? 0) + 1;
    while (this.orderIndex.get(`${base}/${n}`) >= 0) n++;
    this.rowsWithoutId.set(base, n);
    return `${base}/${n}`;
  }

  private newOrder(r: CsvRecord, row: OrderLine): OpenOrder {
    const order: OpenOrder = {
      externalId: '',
      customer: -1,
      orderedAt: '',
      orderDay: row.day,
      total: Number.NaN,
      rowSum: 0,
      subtotal: Number.NaN,
      discount: 0,
      shipping: 0,
      refunded: 0,
      exclusion: null,
      statusText: '',
      cancelledAt: null,
      name: null,
      lines: [],
    };
    if (this.format === 'generic') order.orderedAt = r.text(this.generic!.date);
    else if (this.format === 'cdnow') order.orderedAt = r.text(r.count - 3);
    else {
      // Shopify's order-level cells are on the order's first row, the one that opens it.
      const col = this.shopify!;
      const cell = (k: ShopifyImportColumn) => this.minorUnits(r, col[k], SHOPIFY_IMPORT_COLUMNS[k]);
      order.orderedAt = r.text(col.createdAt);
      // The numeric order id is the one Shopify's webhooks and API use: the same order from both
      // sources is then one row. Exports without it fall back to the Name (#1001).
      if (col.id >= 0) order.externalId = r.trimmed(col.id);
      if (col.name >= 0 && !r.isBlank(col.name)) order.name = r.trimmed(col.name);
      order.total = cell('total');
      order.subtotal = cell('subtotal');
      order.shipping = cell('shipping') || 0;
      order.discount = cell('discount') || 0;
      order.refunded = cell('refunded') || 0;
      if (col.financialStatus >= 0) order.statusText = r.trimmed(col.financialStatus);
      if (col.cancelledAt >= 0 && !r.isBlank(col.cancelledAt)) {
        const text = r.trimmed(col.cancelledAt);
        const day = parseDay(text, this.dateOrder);
        order.cancelledAt = Number.isNaN(day) ? text : isoTimestamp(text, day);
      }
    }
    return order;
  }

  /** A cell's decimal; null when the column is missing or the cell blank; a rejection when it is not an amount. */
  private decimal(r: CsvRecord, i: number, field: string): Decimal | null {
    if (i < 0 || r.isBlank(i)) return null;
    const d = fieldDecimal(r, i);
    if (d === null) throw new RowRejected(field, 'BAD_AMOUNT', `cannot read amount "${r.text(i)}"`);
    return d;
  }

  /** A decimal in the currency's minor units, or a rejection when it cannot be kept exactly. */
  private toMinor(d: Decimal | null, field: string, what: () => string): number {
    if (d === null) return Number.NaN;
    const minor = toMinorUnits(d, this.exponent!);
    if (Number.isNaN(minor))
      throw new RowRejected(field, 'BAD_AMOUNT', `${what()} is too large to keep exactly in minor units`);
    return minor;
  }

  /** A cell in minor units; NaN when blank or missing. */
  private minorUnits(r: CsvRecord, i: number, field: string): number {
    return this.toMinor(this.decimal(r, i, field), field, () => `amount ${r.trimmed(i)}`);
  }

  private headerName(i: number): string {
    return i >= 0 ? this.header[i] : '';
  }

  /** What the row adds to its order's amounts. */
  private rowAmounts(r: CsvRecord, row: OrderLine): RowAmounts {
    if (this.format === 'cdnow') return { ...NO_AMOUNTS, row: this.minorUnits(r, r.count - 1, 'value') };
    const isProduct = row.sku !== '' || row.productName !== '';
    if (this.format === 'shopify') {
      // The first row's call without a product carries only the order-level cells (newOrder).
      if (!isProduct) return NO_AMOUNTS;
      const field = SHOPIFY_IMPORT_COLUMNS.itemPrice;
      const price = this.decimal(r, this.shopify!.itemPrice, field);
      if (price === null) return { row: 0, total: Number.NaN, price: 0 };
      return {
        row: this.toMinor(
          multiply(price, integerDecimal(row.quantity)),
          field,
          () => `${r.trimmed(this.shopify!.itemPrice)} x ${row.quantity}`,
        ),
        total: Number.NaN,
        price: this.toMinor(price, field, () => `price ${r.trimmed(this.shopify!.itemPrice)}`),
      };
    }
    const col = this.generic!;
    const total = this.minorUnits(r, col.orderTotal, this.headerName(col.orderTotal));
    if (col.lineAmount >= 0) {
      // The amount column is the row's value (as for analyze); a price column beside it, which
      // analyze does not read, only gives the line's unit price, when it reads as one.
      const price = col.price >= 0 && !r.isBlank(col.price) ? fieldDecimal(r, col.price) : null;
      const unit = price === null ? Number.NaN : toMinorUnits(price, this.exponent!);
      return { row: this.minorUnits(r, col.lineAmount, this.headerName(col.lineAmount)), total, price: unit };
    }
    if (col.price < 0) return { ...NO_AMOUNTS, total };
    const field = this.headerName(col.price);
    const price = this.decimal(r, col.price, field);
    if (price === null) return { ...NO_AMOUNTS, total };
    // price x quantity from the exact decimals, rounded once (a quantity may be a weight: 0.5 kg).
    const quantity = col.quantity >= 0 && !r.isBlank(col.quantity) ? fieldDecimal(r, col.quantity) : integerDecimal(1);
    if (quantity === null)
      throw new RowRejected(
        this.headerName(col.quantity),
        'BAD_QUANTITY',
        `cannot read quantity "${r.text(col.quantity)}"`,
      );
    return {
      row: this.toMinor(multiply(price, quantity), field, () => `${r.trimmed(col.price)} x ${row.quantity}`),
      total,
      price: this.toMinor(price, field, () => `price ${r.trimmed(col.price)}`),
    };
  }

  /** The row's product as an order line, or null when it names none (as the analytics log decides). */
  private productLine(r: CsvRecord, row: OrderLine, amounts: RowAmounts): OrderLineInput | null {
    if (row.sku === '' && row.productName === '') return null;
    const quantity = row.quantity;
    if (!Number.isSafeInteger(quantity)) {
      const column = this.format === 'generic' ? this.generic!.quantity : -1;
      const field = column >= 0 ? this.headerName(column) : 'Lineitem quantity';
      throw new RowRejected(
        field,
        'BAD_QUANTITY',
        `quantity ${column >= 0 ? r.trimmed(column) : quantity} is not a whole number; order lines keep whole quantities`,
      );
    }
    const total = Number.isNaN(amounts.row) ? 0 : amounts.row;
    let price = amounts.price;
    if (Number.isNaN(price)) {
      // Only a line amount: the unit price is the amount over the quantity, rounded half away from zero.
      price =
        quantity === 0
          ? total
          : Math.sign(total) * Math.sign(quantity) * Math.round(Math.abs(total) / Math.abs(quantity)) || 0;
    }
    let title = row.productName;
    let category: string | null = null;
    if (this.format === 'generic') {
      // Cached decodes: a million lines name a few thousand products.
      const col = this.generic!;
      title = col.productName >= 0 ? r.cachedTrimmed(col.productName, this.titles) : '';
      if (col.category >= 0) category = r.cachedTrimmed(col.category, this.categories) || null;
    }
    return { sku: row.sku || null, title: title || row.sku, category, quantity, priceMinor: price, totalMinor: total };
  }

  private customer(r: CsvRecord, row: OrderLine): number {
    const known = this.customerIndex.size;
    const c = row.customerId === this.lastCustomerId ? this.lastCustomer : this.customerIndex.intern(row.customerId);
    this.lastCustomerId = row.customerId;
    this.lastCustomer = c;
    if (c === known) {
      this.customerEmails.push('');
      this.customerBirthdays.push(NO_DAY);
      this.customerFirstNames.push('');
      this.customerLastNames.push('');
      this.customerPhones.push('');
      this.customerConsent.push(-1);
      this.customerConsentDay.push(NO_DAY);
      this.customerConsentAt.push('');
    }
    // The first value the file gives wins, as in the analytics log; emails are decoded only while missing.
    if (this.customerEmails[c] === '') this.customerEmails[c] = row.email;
    if (this.customerBirthdays[c] === NO_DAY) this.customerBirthdays[c] = row.birthday;
    if (this.names.firstName >= 0 && this.customerFirstNames[c] === '')
      this.customerFirstNames[c] = r.trimmed(this.names.firstName);
    if (this.customerPhones[c] === '')
      for (const i of this.phones) if (i >= 0 && !r.isBlank(i)) this.customerPhones[c] ||= r.trimmed(i);
    if (this.names.lastName >= 0 && this.customerLastNames[c] === '')
      this.customerLastNames[c] = r.trimmed(this.names.lastName);
    return c;
  }

  /** The orders in file order, each released once produced: the file is then held only once. */
  private *exportedOrders(currency: string): Generator<ExportedOrder> {
    const orders = this.orders as (OpenOrder | null)[];
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i]!;
      orders[i] = null;
      const total = Number.isNaN(o.total) ? o.rowSum : o.total;
      let linesTotal = 0;
      for (const line of o.lines) linesTotal += line.totalMinor;
      let status: OrderStatus;
      if (o.exclusion !== null) status = o.exclusion;
      // A negative order (a credit note) is a refund, as the analytics count it.
      else if (total < 0) status = 'refunded';
      else if (o.refunded > 0) status = 'partially_refunded';
      else status = statusFromText(o.statusText);
      yield {
        externalId: o.externalId,
        customerExternalId: this.customerIndex.keys[o.customer],
        orderedAt: isoTimestamp(o.orderedAt, o.orderDay),
        orderDay: o.orderDay,
        currency,
        subtotalMinor: Number.isNaN(o.subtotal) ? (o.lines.length > 0 ? linesTotal : total) : o.subtotal,
        discountMinor: o.discount,
        shippingMinor: o.shipping,
        totalMinor: total,
        refundedMinor: o.refunded,
        status,
        cancelledAt: o.cancelledAt,
        // Files carry no version: see importOrderFile for how that meets webhook-updated orders.
        sourceUpdatedAt: null,
        name: o.name,
        lines: o.lines,
      };
    }
  }

  override exclude(order: number, reason: ExclusionReason): void {
    this.orders[order].exclusion = reason;
  }

  /** The export, in the database's terms. */
  toExport(format: InputFormat, rowsRead: number): OrderExport {
    const { rejectedRows, rejectedByCode, rejections } = this.finish();
    const currency = this.currencyCode;
    if (currency === null) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        'no row of the file names its currency: say which it is with --currency CODE (e.g. --currency USD)',
        {
          option: '--currency',
        },
      );
    }
    if (this.assumedTwoDigits && minorUnitDigits(currency) !== 2) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `the first rows of the file name no currency, and ${currency} has no cents: run again with --currency ${currency}`,
        {
          option: '--currency',
        },
      );
    }
    const customers: CustomerInput[] = this.customerIndex.keys.map((externalId, c) => {
      const customer: { -readonly [K in keyof CustomerInput]: CustomerInput[K] } = { externalId };
      // Only what the file says: fields it lacks stay undefined, so they keep what the store has.
      if (this.customerEmails[c] !== '') customer.email = this.customerEmails[c];
      if (this.customerBirthdays[c] !== NO_DAY) customer.birthday = ymdText(this.customerBirthdays[c]);
      if (this.customerFirstNames[c] !== '') customer.firstName = this.customerFirstNames[c];
      if (this.customerLastNames[c] !== '') customer.lastName = this.customerLastNames[c];
      if (this.customerPhones[c] !== '') customer.phone = this.customerPhones[c];
      return customer;
    });
    const consent: ExportedConsent[] = [];
    this.customerIndex.keys.forEach((customerExternalId, c) => {
      if (this.customerConsent[c] < 0) return;
      consent.push({
        customerExternalId,
        status: this.customerConsent[c] === 1 ? 'granted' : 'revoked',
        recordedAt: withOffset(isoTimestamp(this.customerConsentAt[c], this.customerConsentDay[c])),
      });
    });
    return {
      format,
      rowsRead,
      rejectedRows,
      rejectedByCode,
      rejections,
      currency,
      customers,
      consent,
      orderCount: this.orders.length,
      orders: this.exportedOrders(currency),
    };
  }
}

const CHUNK = 4 << 20;

/**
 * Reads an order export whole into customers and orders, with the format handlers of
 * `regulars analyze`. The file is streamed in 4 MB chunks as readOrderFile does (this loop follows
 * src/analytics/ingest/order-file.reader.ts, which has no hook to hand its records to another collector).
 */
export async function readOrderExport(path: string, options: ReadOrderFileOptions): Promise<OrderExport> {
  return readWithDateOrder(path, options, (dateOrder) => readOrderExportOnce(path, options, dateOrder));
}

async function readOrderExportOnce(
  path: string,
  options: ReadOrderFileOptions,
  dateOrder: DateOrder | null,
): Promise<OrderExport> {
  const size = await inputFileSize(path);

  const file = await open(path, 'r');
  try {
    const input = new ChunkedInput(file, size, CHUNK, options.onProgress);

    const sniffed = await sniffInput(input, path, options.format);
    const { start, firstLines, format } = sniffed;

    const collector = new ImportCollector(options, dateOrder);
    let rowsRead = 0;
    let handle: RecordHandler | null = null;
    if (format === 'cdnow') {
      collector.start(format, []);
      handle = createCdnowRowHandler(collector);
    }
    const onRecord = (r: CsvRecord) => {
      if (handle === null) {
        const header = r.all();
        handle =
          format === 'shopify'
            ? createShopifyRowHandler(header, collector)
            : createGenericRowHandler(header, collector);
        collector.start(format, header);
        return;
      }
      if (!(format === 'cdnow' && r.line === 1 && !/^\d/.test(r.text(0)))) rowsRead++;
      collector.record = r;
      handle(r);
    };
    const delimiter: Delimiter = format === 'cdnow' ? 'whitespace' : detectDelimiter(firstLines[0]);
    const parser = new CsvRecordParser(onRecord, delimiter);
    await input.parseAll(parser, start);
    return collector.toExport(format, rowsRead);
  } finally {
    await file.close();
  }
}
